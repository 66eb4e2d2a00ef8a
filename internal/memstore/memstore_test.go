package memstore_test

import (
	"context"
	"sync"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
)

// TestReadsDuringLoad reads while a load writes, batch by batch (run it
// with -race): each read sees a consistent graph, and the store ends as
// one loaded at once.
func TestReadsDuringLoad(t *testing.T) {
	g, ctx := syntheticGraph(), context.Background()
	s := empty(t)
	seed := seedGraph(t)
	if _, err := s.Load(ctx, seed, nil); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	for i := range 4 {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				probe(t, s, g, uint64(i), 2) // fails on an internal error
			}
		})
	}
	if _, err := s.Load(ctx, g, nil); err != nil {
		t.Fatal(err)
	}
	close(done)
	wg.Wait()
	all := &kg.Graph{Entities: append(seed.Entities, g.Entities...), Relations: append(seed.Relations, g.Relations...)}
	sameAnswers(t, s, open(t, all), g, 10, 10)
}

func TestClosedIsUnavailable(t *testing.T) {
	s, err := memstore.Open("")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := s.Ping(context.Background()); kg.ErrorCode(err) != kg.EUNAVAILABLE {
		t.Errorf("ping after close: %v", err)
	}
	if _, err := s.Stats(context.Background(), kg.StatsQuery{Filter: both}); kg.ErrorCode(err) != kg.EUNAVAILABLE {
		t.Errorf("stats after close: %v", err)
	}
}
