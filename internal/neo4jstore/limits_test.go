package neo4jstore_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jstore"
	"github.com/kgql/kgql/internal/neo4jtest"
	"github.com/kgql/kgql/internal/storetest"
)

// TestLimitsFitNeo4j: a graph with every value at kg's limits loads into
// Neo4j and reads back whole, and one character more is refused before
// anything is written. Neo4j itself takes a name of 8,160 bytes and
// refuses one of 8,170 (the key limit of its range indexes, which the
// limits keep well clear of), and then writes nothing either.
func TestLimitsFitNeo4j(t *testing.T) {
	store, ctx := neo4jtest.Open(t), context.Background()
	g := storetest.LimitsGraph()
	if err := kg.CheckValues(g); err != nil {
		t.Fatalf("the graph at the limits is refused: %v", err)
	}
	if _, err := store.Load(ctx, g, nil); err != nil {
		t.Fatalf("a graph at the limits: %v", err)
	}
	rows := neo4jtest.Query(t, "MATCH (n:Entity) RETURN n.id AS id, n.name AS name ORDER BY id", nil)
	if len(rows) != 3 || rows[1]["name"] != g.Entities[1].Name {
		t.Fatalf("read back %d entities; the name of %s differs", len(rows), g.Entities[1].ID)
	}

	neo4jtest.Wipe(t)
	over := storetest.LimitsGraph()
	over.Entities[2].Name += "x"
	if _, err := store.Load(ctx, over, nil); kg.ErrorCode(err) != kg.EINVALID || !strings.Contains(err.Error(), "name: 1001 characters, at most 1000") {
		t.Fatalf("a name of 1,001 characters: err = %v, want EINVALID naming it", err)
	}
	if nodes, _ := neo4jtest.Counts(t); nodes != 0 {
		t.Fatalf("a refused load wrote %d nodes", nodes)
	}

	huge := storetest.LimitsGraph()
	huge.Entities[2].Name = strings.Repeat("n", 8160)
	if _, err := neo4jstore.LoadUnchecked(store, ctx, huge, nil); err != nil {
		t.Fatalf("Neo4j refused a name of 8,160 bytes: %v", err)
	}
	neo4jtest.Wipe(t)
	huge.Entities[2].Name = strings.Repeat("n", 8170)
	_, err := neo4jstore.LoadUnchecked(store, ctx, huge, nil)
	if err == nil || !strings.Contains(err.Error(), "too large to index") {
		t.Fatalf("Neo4j took a name of 8,170 bytes (err = %v): the limits could be higher", err)
	}
	if nodes, _ := neo4jtest.Counts(t); nodes != 0 {
		t.Errorf("the load Neo4j refused wrote %d nodes", nodes)
	}
}
