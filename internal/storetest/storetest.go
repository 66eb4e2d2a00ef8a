// Package storetest is the contract every kg.Store passes: Run checks a
// store against concrete facts of the seed graph, against the documented
// behaviour (Reference) on hundreds of random calls over a synthetic
// graph, and its errors. Each store's tests call Run; parity_test.go
// also opens both stores on one graph and asserts deep-equal answers.
package storetest

import (
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/seedfile"
	"github.com/kgql/kgql/internal/synth"
	"github.com/kgql/kgql/seed"
)

// OpenFunc returns a store holding exactly g, closed when t ends.
type OpenFunc func(t *testing.T, g *kg.Graph) kg.Store

// SynthOptions is the generated graph of the suite: a few thousand
// entities, loaded into Neo4j in seconds.
var SynthOptions = synth.Options{Entities: 3000, Seed: 7}

// CallsPerKind is how many random calls of each method and traversal Run
// makes on the generated graph.
const CallsPerKind = 25

// Run runs the contract on the stores open returns.
func Run(t *testing.T, open OpenFunc) {
	t.Run("Seed", func(t *testing.T) {
		g := SeedGraph(t)
		s := open(t, g)
		runSeed(t, s, g)
		t.Run("AsDocumented", func(t *testing.T) {
			Compare(t, s, NewReference(g), Calls(g, 1, CallsPerKind), false)
		})
	})
	t.Run("Edge", func(t *testing.T) {
		g := EdgeGraph()
		s := open(t, g)
		runEdge(t, s, g)
		t.Run("AsDocumented", func(t *testing.T) {
			Compare(t, s, NewReference(g), Calls(g, 3, CallsPerKind), false)
		})
	})
	t.Run("Synth", func(t *testing.T) {
		g := synth.Generate(SynthOptions)
		s := open(t, g)
		t.Run("AsDocumented", func(t *testing.T) {
			refused := Compare(t, s, NewReference(g), Calls(g, 2, CallsPerKind), false)
			if refused == 0 {
				t.Error("no call was refused: the calls must include bad arguments")
			}
		})
		t.Run("Pagination", func(t *testing.T) { runPagination(t, s, g) })
	})
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
