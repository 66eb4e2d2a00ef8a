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
	names     []string
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
			bg.names = append(bg.names, e.Name)
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
	heap := float64(after.HeapAlloc) - float64(before.HeapAlloc) - float64(len(bg.ids))*32 // less the benchmark's own lists of ids and names
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

// oneHop is the benchmark's one-hop shape (bench/internal/workload): an
// entity's name and its first 20 relations with their other ends.
var oneHop = &kg.EntitySel{Fields: kg.EName, Kids: []*kg.ChildSel{{
	Kind:     kg.ChildRelations,
	Filter:   kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both}, Page: kg.Page{First: 20}},
	Relation: &kg.RelationSel{Fields: kg.RRole},
	Node:     &kg.EntitySel{Fields: kg.EName},
}}}

// BenchmarkRelationsOf is the one-hop selection: an entity with its first
// 20 relations and their other ends (and, counted, their total); and, for
// comparisons with the store's old RelationsOf, the first 20 whole
// relations with their evidence and the ids of their other ends, counted.
func BenchmarkRelationsOf(b *testing.B) {
	whole := &kg.EntitySel{Kids: []*kg.ChildSel{{
		Kind:     kg.ChildRelations,
		Filter:   kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both, Types: kg.RelationTypes}, Page: kg.Page{First: 20}},
		Count:    true,
		Relation: &kg.RelationSel{Fields: kg.RAllFields, Evidence: &kg.EvidenceSel{}},
	}}}
	counted := *oneHop
	kid := *counted.Kids[0]
	kid.Count = true
	counted.Kids = []*kg.ChildSel{&kid}
	for _, c := range []struct {
		name string
		sel  *kg.EntitySel
	}{{"oneHop", oneHop}, {"oneHopCounted", &counted}, {"wholeRelations", whole}} {
		b.Run(c.name, func(b *testing.B) {
			benchSizes(b, func(b *testing.B, g *benchGraph, r *rand.Rand) {
				ctx := context.Background()
				for b.Loop() {
					if _, err := g.store.Nodes(ctx, []string{g.ids[r.IntN(len(g.ids))]}, c.sel, nil); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// walkFilters are the filters walks are benchmarked with: the default
// (facts), and every type, MENTIONS included (what the old default
// followed, for comparisons with earlier figures).
var walkFilters = []struct {
	name   string
	filter kg.StepFilter
}{
	{"facts", kg.StepFilter{Direction: kg.Both}},
	{"all", kg.StepFilter{Direction: kg.Both, Types: kg.RelationTypes}},
}

// BenchmarkNeighborhood is the two-hop neighbourhood of an entity, at
// most 200 entities, as the benchmark's shape reads it.
func BenchmarkNeighborhood(b *testing.B) {
	for _, f := range walkFilters {
		b.Run("types="+f.name, func(b *testing.B) {
			benchSizes(b, func(b *testing.B, g *benchGraph, r *rand.Rand) {
				ctx := context.Background()
				for b.Loop() {
					q := kg.NeighborhoodQuery{IDs: []string{g.ids[r.IntN(len(g.ids))]}, Hops: 2, Limit: 200, Filter: f.filter, Nodes: named}
					if _, err := g.store.Neighborhood(ctx, q); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// BenchmarkShortestPath is a shortest path of at most 6 hops between two
// random entities.
func BenchmarkShortestPath(b *testing.B) {
	for _, f := range walkFilters {
		b.Run("types="+f.name, func(b *testing.B) {
			benchSizes(b, func(b *testing.B, g *benchGraph, r *rand.Rand) {
				ctx := context.Background()
				found := 0
				for b.Loop() {
					q := kg.PathQuery{From: g.ids[r.IntN(len(g.ids))], To: g.ids[r.IntN(len(g.ids))], MaxHops: 6, Limit: 1, Filter: f.filter, Nodes: named}
					p, err := g.store.Paths(ctx, q)
					if err != nil {
						b.Fatal(err)
					}
					if len(p.Paths) > 0 {
						found++
					}
				}
				b.ReportMetric(float64(found)/float64(b.N), "found/op")
			})
		})
	}
}

// BenchmarkPaths is ten routes of at most 4 hops between two random
// entities.
func BenchmarkPaths(b *testing.B) {
	benchSizes(b, func(b *testing.B, g *benchGraph, r *rand.Rand) {
		ctx := context.Background()
		for b.Loop() {
			q := kg.PathQuery{From: g.ids[r.IntN(len(g.ids))], To: g.ids[r.IntN(len(g.ids))], MaxHops: 4, Limit: 10, Filter: kg.StepFilter{Direction: kg.Both}, Nodes: named}
			if _, err := g.store.Paths(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkSearch searches for the name of a random entity with one
// letter swapped, as the benchmark's search shape does, for entities
// only and for relations too.
func BenchmarkSearch(b *testing.B) {
	for _, relations := range []bool{false, true} {
		b.Run(fmt.Sprintf("relations=%v", relations), func(b *testing.B) {
			benchSizes(b, func(b *testing.B, g *benchGraph, r *rand.Rand) {
				ctx := context.Background()
				for b.Loop() {
					name := []byte(g.names[r.IntN(len(g.names))])
					if i := r.IntN(len(name) - 1); name[i] != ' ' && name[i+1] != ' ' {
						name[i], name[i+1] = name[i+1], name[i]
					}
					q := kg.SearchQuery{Text: string(name), First: 10, Relations: relations, Entity: named}
					if _, err := g.store.Search(ctx, q); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
