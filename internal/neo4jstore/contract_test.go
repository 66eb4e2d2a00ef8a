package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jtest"
	"github.com/kgql/kgql/internal/storetest"
)

// TestContract runs the store contract on Neo4j: each graph is loaded
// into a wiped database.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T, g *kg.Graph) kg.Store {
		s := neo4jtest.Open(t)
		if _, err := s.Load(context.Background(), g, nil); err != nil {
			t.Fatal(err)
		}
		return s
	})
}
