package memstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/synth"
)

// A benchmark graph is built once per size and binary: synth streams it
// into the store in chunks, so that the graph is never held whole and
// the heap the store keeps can be measured.
type benchGraph struct {
	store     *memstore.Store
	ids       []string
	relations int
	perRel    float64 // heap bytes per relation, entities and indexes included
}

var benchGraphs sync.Map // entities -> func() *benchGraph

func loadBench(b *testing.B, entities int) *benchGraph {
	once, _ := benchGraphs.LoadOrStore(entities, sync.OnceValue(func() *benchGraph { return buildBench(b, entities) }))
	return once.(func() *benchGraph)()
}

func buildBench(b *testing.B, entities int) *benchGraph {
	ctx := context.Background()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	s, err := memstore.Open("")
	if err != nil {
		b.Fatal(err)
	}
	bg := &benchGraph{store: s}
	chunk := &kg.Graph{}
	flush := func() {
		if _, err := s.Load(ctx, chunk, nil); err != nil {
			b.Fatal(err)
		}
		chunk = &kg.Graph{}
	}
	err = synth.Stream(synth.Options{Entities: entities, RelationsPerEntity: 11, Seed: 1},
		func(e *kg.Entity) error {
			chunk.Entities = append(chunk.Entities, e)
			bg.ids = append(bg.ids, e.ID)
			return nil
		},
		func(r *kg.Relation) error {
			if len(chunk.Entities) > 0 {
				flush() // every entity before any relation
			}
			chunk.Relations = append(chunk.Relations, r)
			bg.relations++
			if len(chunk.Relations) == 100000 {
				flush()
			}
			return nil
		})
	if err != nil {
		b.Fatal(err)
	}
	flush()
	chunk = nil
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := float64(after.HeapAlloc) - float64(before.HeapAlloc) - float64(len(bg.ids))*16 // less the benchmark's own id list headers
	bg.perRel = heap / float64(bg.relations)
	b.Logf("%d entities, %d relations: %.0f MB heap, %.0f bytes per relation", entities, bg.relations, heap/1e6, bg.perRel)
	return bg
}

// sizes are the graphs benchmarked: a small one that builds in a second,
// and the target of 100k entities and a million relations (synth lands a
// little under its density, so 11 per entity gives just over 1M).
var sizes = []int{10_000, 100_000}

func benchSizes(b *testing.B, run func(b *testing.B, g *benchGraph, r *rand.Rand)) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("entities=%dk", n/1000), func(b *testing.B) {
			if n > 10_000 && testing.Short() {
				b.Skip("the large graph takes a while to build")
			}
			g := loadBench(b, n)
			b.ReportAllocs()
			run(b, g, rand.New(rand.NewPCG(1, 2)))
			b.ReportMetric(g.perRel, "heapB/relation") // after the loop, which resets metrics
		})
	}
}

// BenchmarkRelationsOf is the one-hop page: the first 20 relations of an
// entity, with the total.
func BenchmarkRelationsOf(b *testing.B) {
	benchSizes(b, func(b *testing.B, g *benchGraph, r *rand.Rand) {
		ctx := context.Background()
		f := kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both}, First: 20}
		for b.Loop() {
			if _, err := g.store.RelationsOf(ctx, []string{g.ids[r.IntN(len(g.ids))]}, f); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkNeighborhood is the two-hop neighbourhood of an entity, at
// most 200 entities.
func BenchmarkNeighborhood(b *testing.B) {
	benchSizes(b, func(b *testing.B, g *benchGraph, r *rand.Rand) {
		ctx := context.Background()
		for b.Loop() {
			q := kg.NeighborhoodQuery{IDs: []string{g.ids[r.IntN(len(g.ids))]}, Hops: 2, Limit: 200, Filter: kg.StepFilter{Direction: kg.Both}}
			if _, err := kg.Neighborhood(ctx, g.store, q); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkShortestPath is a shortest path of at most 6 hops between two
// random entities.
func BenchmarkShortestPath(b *testing.B) {
	benchSizes(b, func(b *testing.B, g *benchGraph, r *rand.Rand) {
		ctx := context.Background()
		found := 0
		for b.Loop() {
			q := kg.PathQuery{From: g.ids[r.IntN(len(g.ids))], To: g.ids[r.IntN(len(g.ids))], MaxHops: 6, Filter: kg.StepFilter{Direction: kg.Both}}
			p, _, err := kg.ShortestPath(ctx, g.store, q)
			if err != nil {
				b.Fatal(err)
			}
			if p != nil {
				found++
			}
		}
		b.ReportMetric(float64(found)/float64(b.N), "found/op")
	})
}
