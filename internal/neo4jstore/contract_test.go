package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/neo4jtest"
	"github.com/kgql/kgql/internal/storetest"
	"github.com/kgql/kgql/internal/synth"
)

// onNeo4j returns the store on a wiped database holding g, loaded by the
// store's own loader.
func onNeo4j(t *testing.T, g *kg.Graph) kg.Store {
	t.Helper()
	s := neo4jtest.Open(t)
	if _, err := s.Load(context.Background(), g, nil); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestContract runs the store contract (internal/storetest) on Neo4j.
func TestContract(t *testing.T) { storetest.Run(t, onNeo4j) }

// ParityCallsPerKind is how many random calls of each capability
// TestParity makes, and ParityMaxHops the longest routes they ask for
// (the Reference enumerates every simple path up to it to check them).
const (
	ParityCallsPerKind = 100
	ParityMaxHops      = 3
)

// TestParity loads one generated graph of a few thousand entities into
// Neo4j and into the embedded store and requires deep-equal answers,
// cursors and errors included, for random calls of every capability.
func TestParity(t *testing.T) {
	g := synth.Generate(storetest.ParityGraph)
	neo := onNeo4j(t, g)
	mem, err := memstore.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mem.Close() })
	if _, err := mem.Load(context.Background(), g, nil); err != nil {
		t.Fatal(err)
	}
	calls := storetest.ParityCalls(g, 12, ParityCallsPerKind, ParityMaxHops)
	tally := storetest.Parity(t, mem, neo, g, calls)
	t.Logf("%d calls of %d entities and %d relations; by capability and code: %v", len(calls), len(g.Entities), len(g.Relations), tally)
	storetest.RequireCoverage(t, tally)
}
