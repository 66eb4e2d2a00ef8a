// Package storetest is the contract every kg.Store passes. Run checks a
// store on concrete facts of the seed graph, on pages walked without gap
// or repeat, on errors, and on hundreds of random calls of every
// capability with random selections, each compared with the Reference
// (a brute-force kg.Store over the graph: scans, and every simple path
// enumerated) on the seed, on an edge-case graph, on a graph at the caps
// and on small generated graphs. Parity holds two stores on one larger
// generated graph to deep-equal answers.
//
// Each store's package calls Run (internal/memstore, internal/neo4jstore:
// contract_test.go); the Reference's own tests are in this package.
package storetest

import (
	"context"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/seedfile"
	"github.com/kgql/kgql/internal/synth"
	"github.com/kgql/kgql/seed"
)

// OpenFunc returns a store holding exactly g, closed when t ends.
type OpenFunc func(t *testing.T, g *kg.Graph) kg.Store

// SynthGraphs are the generated graphs Run compares with the Reference:
// a few hundred entities, so that brute force stays fast; the second
// denser, with more ties and longer routes.
var SynthGraphs = []synth.Options{
	{Entities: 300, Seed: 7},
	{Entities: 150, Seed: 8, RelationsPerEntity: 12},
}

// ParityGraph is the generated graph Parity loads into two stores: a few
// thousand entities.
var ParityGraph = synth.Options{Entities: 3000, Seed: 9}

// CallsPerKind is how many random calls of each capability Run makes on
// each graph.
const CallsPerKind = 30

// Run runs the contract on the stores open returns. The random calls of
// all its graphs together must have every capability answer and be
// refused with each code it can give (RequireCoverage).
func Run(t *testing.T, open OpenFunc) {
	tally := Tally{}
	defer func() {
		if !t.Failed() {
			RequireCoverage(t, tally)
		}
	}()
	t.Run("Seed", func(t *testing.T) {
		g := SeedGraph(t)
		s := open(t, g)
		for _, f := range seedFacts {
			t.Run(f.name, func(t *testing.T) { f.check(t, s, g) })
		}
		runGraph(t, s, g, graphCase{tally: tally, seed: 1, hub: pakistan, other: rehman, a: rehman, b: choudhary, pageSizes: []int{1, 7, kg.MaxFirst}})
	})
	t.Run("Edge", func(t *testing.T) {
		g := EdgeGraph()
		s := open(t, g)
		for _, f := range edgeFacts {
			t.Run(f.name, func(t *testing.T) { f.check(t, s, g) })
		}
		runGraph(t, s, g, graphCase{tally: tally, seed: 3, hub: edgeNorth, other: edgeZoeA, a: edgeTieFrom, b: edgeTieTo, pageSizes: []int{1, 7, kg.MaxFirst}})
	})
	t.Run("Caps", func(t *testing.T) {
		g := CapsGraph()
		runCaps(t, open(t, g), g)
	})
	for i, o := range SynthGraphs {
		t.Run("Synth", func(t *testing.T) {
			g := synth.Generate(o)
			s := open(t, g)
			hub := NewReference(g).hub()
			runGraph(t, s, g, graphCase{tally: tally, seed: 10 + uint64(i), hub: hub, other: g.Entities[0].ID, a: hub, b: g.Entities[1].ID, pageSizes: []int{13, kg.MaxFirst}})
		})
	}
}

// graphCase says how to run the generic parts of the contract on a
// graph: the seed of its random calls and the tally they add to, entities
// whose pages to walk and the page sizes to walk them by, two entities
// for the error cases.
type graphCase struct {
	tally      Tally
	seed       uint64
	hub, other string
	pageSizes  []int
	a, b       string
}

// runGraph checks a store holding g on pages, errors, and random calls
// against the Reference.
func runGraph(t *testing.T, s kg.Store, g *kg.Graph, c graphCase) {
	t.Run("Pages", func(t *testing.T) {
		checkPages(t, s, g, c.pageSizes, pagedConnections(g, c.hub, c.other)...)
	})
	t.Run("Errors", func(t *testing.T) { runErrors(t, s, c.a, c.b) })
	t.Run("AsReference", func(t *testing.T) {
		tally := Compare(t, s, NewReference(g), Calls(g, c.seed, CallsPerKind), false)
		t.Logf("calls by capability and code: %v", tally)
		c.tally.merge(tally)
	})
}

// hub is the entity with the most facts (ties by id).
func (r *Reference) hub() string {
	st, err := r.Stats(context.Background(), kg.StatsQuery{Top: 1, Filter: kg.StepFilter{Direction: kg.Both}})
	if err != nil || len(st.MostConnected) == 0 {
		return r.entities[0].ID
	}
	return st.MostConnected[0].Node.ID
}

// SeedGraph reads the seed every store is loaded with.
func SeedGraph(t testing.TB) *kg.Graph {
	t.Helper()
	g, err := seedfile.Read(seed.FS)
	if err != nil {
		t.Fatalf("the seed is invalid: %v", err)
	}
	return g
}
