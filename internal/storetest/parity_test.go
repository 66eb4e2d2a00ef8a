package storetest_test

import (
	"context"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/neo4jtest"
	"github.com/kgql/kgql/internal/storetest"
	"github.com/kgql/kgql/internal/synth"
)

// ParityCallsPerKind is how many random calls of each method and
// traversal the parity test makes: a few hundred in all.
const ParityCallsPerKind = 40

// TestParity loads one graph into Neo4j and into memstore and asserts
// deep-equal answers, errors alike, for random calls of every method and
// traversal: any difference is a bug in one of the two.
func TestParity(t *testing.T) {
	for _, c := range []struct {
		name string
		g    func(t *testing.T) *kg.Graph
		seed uint64
	}{
		{"Seed", func(t *testing.T) *kg.Graph { return storetest.SeedGraph(t) }, 11},
		{"Edge", func(*testing.T) *kg.Graph { return storetest.EdgeGraph() }, 13},
		{"Synth", func(*testing.T) *kg.Graph { return synth.Generate(storetest.SynthOptions) }, 12},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := c.g(t)
			ctx := context.Background()
			neo := neo4jtest.Open(t)
			if _, err := neo.Load(ctx, g, nil); err != nil {
				t.Fatal(err)
			}
			mem, err := memstore.Open("")
			if err != nil {
				t.Fatal(err)
			}
			defer mem.Close()
			if _, err := mem.Load(ctx, g, nil); err != nil {
				t.Fatal(err)
			}
			calls := storetest.Calls(g, c.seed, ParityCallsPerKind)
			refused := storetest.Compare(t, mem, neo, calls, true)
			t.Logf("%d calls, %d refused by both", len(calls), refused)
		})
	}
}
