package loader

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testIdle is the quiet time of the test batchers: timers here fire with a
// granularity of about a millisecond, so arrivals are staggered by one.
const testIdle = 5 * time.Millisecond

func countingBatcher(maxBatch int) (*Batcher[int, string], *atomic.Int64, *sync.Map) {
	var calls atomic.Int64
	var sizes sync.Map
	b := NewBatcher(func(ctx context.Context, keys []int) ([]string, []error) {
		n := calls.Add(1)
		sizes.Store(n, len(keys))
		out, errs := make([]string, len(keys)), make([]error, len(keys))
		for i, k := range keys {
			if k < 0 {
				errs[i] = errors.New("negative")
			}
			out[i] = fmt.Sprint(k)
		}
		return out, errs
	}, testIdle, time.Second, maxBatch)
	return b, &calls, &sizes
}

// TestBatcherGathersSlowArrivals: keys that arrive over many times the
// quiet time, each less than it after the previous, make one fetch.
func TestBatcherGathersSlowArrivals(t *testing.T) {
	b, calls, _ := countingBatcher(1000)
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i) * time.Millisecond) // 40 ms in all, 8 times testIdle
			v, err := b.Load(context.Background(), i)
			if err != nil || v != fmt.Sprint(i) {
				t.Errorf("Load(%d) = %q, %v", i, v, err)
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("%d fetches, want 1", n)
	}
}

func TestBatcherCachesAndReportsErrors(t *testing.T) {
	b, calls, _ := countingBatcher(1000)
	ctx := context.Background()
	got, err := b.LoadAll(ctx, []int{1, 2, 3, 2})
	if err != nil || fmt.Sprint(got) != "[1 2 3 2]" {
		t.Fatalf("LoadAll = %v, %v", got, err)
	}
	if v, _ := b.Load(ctx, 3); v != "3" || calls.Load() != 1 {
		t.Errorf("a loaded key is fetched again: %d fetches", calls.Load())
	}
	if _, err := b.Load(ctx, -1); err == nil {
		t.Error("the fetch's error for a key is lost")
	}
}

func TestBatcherSplitsAtMaxBatch(t *testing.T) {
	b, calls, sizes := countingBatcher(10)
	keys := make([]int, 25)
	for i := range keys {
		keys[i] = i
	}
	if _, err := b.LoadAll(context.Background(), keys); err != nil {
		t.Fatal(err)
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("%d fetches of 25 keys at 10 a batch, want 3", n)
	}
	total := 0
	sizes.Range(func(_, v any) bool { total += v.(int); return true })
	if total != 25 {
		t.Errorf("fetched %d keys, want 25", total)
	}
}

func TestBatcherHonoursCancellation(t *testing.T) {
	b := NewBatcher(func(ctx context.Context, keys []int) ([]string, []error) {
		time.Sleep(100 * time.Millisecond)
		return make([]string, len(keys)), nil
	}, time.Millisecond, 10*time.Millisecond, 100)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	if _, err := b.Load(ctx, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the context's", err)
	}
}
