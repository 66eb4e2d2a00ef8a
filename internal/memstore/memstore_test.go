package memstore_test

import (
	"context"
	"sync"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/storetest"
	"github.com/kgql/kgql/internal/synth"
)

// open returns an in-memory store holding g.
func open(t *testing.T, g *kg.Graph) kg.Store {
	t.Helper()
	s, err := memstore.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Load(context.Background(), g, nil); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestContract(t *testing.T) { storetest.Run(t, open) }

// TestContractFromFile runs the contract on stores read back from their
// file: what Open rebuilds must answer as what Load built.
func TestContractFromFile(t *testing.T) {
	storetest.Run(t, func(t *testing.T, g *kg.Graph) kg.Store {
		dir := t.TempDir()
		s, err := memstore.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Load(context.Background(), g, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s, err = memstore.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

var syntheticGraph = sync.OnceValue(func() *kg.Graph { return synth.Generate(storetest.SynthOptions) })

// TestReadsDuringLoad reads while a load writes, batch by batch (run it
// with -race): each read sees a consistent graph, and the store ends as
// one loaded at once.
func TestReadsDuringLoad(t *testing.T) {
	g, ctx := syntheticGraph(), context.Background()
	s, _ := memstore.Open("")
	defer s.Close()
	seed := storetest.SeedGraph(t)
	if _, err := s.Load(ctx, seed, nil); err != nil {
		t.Fatal(err)
	}
	calls := storetest.Calls(g, 9, 5)
	var wg sync.WaitGroup
	done := make(chan struct{})
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				for _, c := range calls {
					if _, err := c.Do(ctx, s); err != nil && kg.ErrorCode(err) == kg.EINTERNAL {
						t.Errorf("%s during a load: %v", c.Name, err)
					}
				}
			}
		})
	}
	if _, err := s.Load(ctx, g, nil); err != nil {
		t.Fatal(err)
	}
	close(done)
	wg.Wait()
	both := &kg.Graph{Entities: append(seed.Entities, g.Entities...), Relations: append(seed.Relations, g.Relations...)}
	storetest.Compare(t, s, open(t, both), storetest.Calls(g, 10, 10), true)
}

func TestClosedIsUnavailable(t *testing.T) {
	s, _ := memstore.Open("")
	s.Close()
	if err := s.Ping(context.Background()); kg.ErrorCode(err) != kg.EUNAVAILABLE {
		t.Errorf("ping after close: %v", err)
	}
	if _, err := s.Stats(context.Background(), 1); kg.ErrorCode(err) != kg.EUNAVAILABLE {
		t.Errorf("stats after close: %v", err)
	}
}
