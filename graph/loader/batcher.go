package loader

import (
	"context"
	"runtime"
	"sync"
	"time"
)

// Batcher gathers the keys that a request's concurrent resolvers ask for
// and fetches them in one call, caching each result for the request.
//
// A fixed wait, as dataloadgen has, either adds its full length to every
// level of a query or cuts a level into several batches when the
// resolvers of that level are slow to arrive (a busy machine). The
// Batcher waits instead until keys stop arriving: it fetches once no key
// has come for Idle, or after MaxWait, or at MaxBatch keys. One lone key
// waits Idle; a level of a thousand keys arriving over several
// milliseconds is still one fetch.
type Batcher[K comparable, V any] struct {
	fetch    func(ctx context.Context, keys []K) ([]V, []error)
	idle     time.Duration
	maxWait  time.Duration
	maxBatch int

	mu      sync.Mutex
	cache   map[K]*result[V]
	pending *batch[K, V]
}

type result[V any] struct {
	done chan struct{}
	v    V
	err  error
}

type batch[K comparable, V any] struct {
	keys    []K
	results []*result[V]
	closed  bool
}

// NewBatcher returns a batcher over fetch, which returns one value and
// optionally one error per key, in the order of the keys.
func NewBatcher[K comparable, V any](fetch func(context.Context, []K) ([]V, []error), idle, maxWait time.Duration, maxBatch int) *Batcher[K, V] {
	return &Batcher[K, V]{fetch: fetch, idle: idle, maxWait: maxWait, maxBatch: maxBatch, cache: map[K]*result[V]{}}
}

// Load returns the value of one key.
func (b *Batcher[K, V]) Load(ctx context.Context, key K) (V, error) {
	b.mu.Lock()
	r := b.enqueue(ctx, key)
	b.mu.Unlock()
	return r.wait(ctx)
}

// LoadAll returns the values of the keys, in order: one batch for all of
// those not yet loaded. The error is the first of any key's.
func (b *Batcher[K, V]) LoadAll(ctx context.Context, keys []K) ([]V, error) {
	rs := make([]*result[V], len(keys))
	b.mu.Lock()
	for i, k := range keys {
		rs[i] = b.enqueue(ctx, k)
	}
	b.mu.Unlock()
	out := make([]V, len(keys))
	for i, r := range rs {
		v, err := r.wait(ctx)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// enqueue returns the key's cached result, or adds the key to the pending
// batch. Called with b.mu held.
func (b *Batcher[K, V]) enqueue(ctx context.Context, key K) *result[V] {
	if r, ok := b.cache[key]; ok {
		return r
	}
	r := &result[V]{done: make(chan struct{})}
	b.cache[key] = r
	p := b.pending
	if p == nil {
		p = &batch[K, V]{}
		b.pending = p
		go b.dispatchWhenQuiet(ctx, p)
	}
	p.keys = append(p.keys, key)
	p.results = append(p.results, r)
	if len(p.keys) >= b.maxBatch {
		b.close(p)
		go b.run(ctx, p)
	}
	return r
}

// close takes p out of the pending slot. Called with b.mu held.
func (b *Batcher[K, V]) close(p *batch[K, V]) {
	p.closed = true
	if b.pending == p {
		b.pending = nil
	}
}

func (b *Batcher[K, V]) dispatchWhenQuiet(ctx context.Context, p *batch[K, V]) {
	start, seen := time.Now(), 1 // the key that opened the batch is in it
	for {
		time.Sleep(b.idle)
		// Let the goroutines that became runnable meanwhile (resolvers
		// about to ask) run before deciding that no key is coming.
		for range 3 {
			runtime.Gosched()
		}
		b.mu.Lock()
		if p.closed { // sent when full
			b.mu.Unlock()
			return
		}
		if len(p.keys) == seen || time.Since(start) >= b.maxWait {
			b.close(p)
			b.mu.Unlock()
			b.run(ctx, p)
			return
		}
		seen = len(p.keys)
		b.mu.Unlock()
	}
}

func (b *Batcher[K, V]) run(ctx context.Context, p *batch[K, V]) {
	values, errs := b.fetch(context.WithoutCancel(ctx), p.keys)
	for i, r := range p.results {
		switch {
		case i < len(errs) && errs[i] != nil:
			r.err = errs[i]
		case i < len(values):
			r.v = values[i]
		}
		close(r.done)
	}
}

func (r *result[V]) wait(ctx context.Context) (V, error) {
	select {
	case <-r.done:
		return r.v, r.err
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
}
