// Package neo4jtest gives tests a real Neo4j: the one NEO4J_URI names
// (`make test` starts it with `make neo4j-up`). A test that needs Neo4j
// fails when it is unreachable under KGQL_REQUIRE_NEO4J=1 (as `make test`
// sets), and is skipped otherwise, so that `go test` alone still runs the
// rest. Community Neo4j has one user database, so tests that use it wipe
// it first and `make test` runs packages one at a time (-p 1).
package neo4jtest

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgql/kgql/internal/neo4jstore"
)

// Config returns the Neo4j settings from the environment, or ends the
// test (failing it under KGQL_REQUIRE_NEO4J=1) when there are none.
func Config(t testing.TB) neo4jstore.Config {
	t.Helper()
	cfg := neo4jstore.Config{
		URI:      os.Getenv("NEO4J_URI"),
		User:     os.Getenv("NEO4J_USER"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
	if cfg.User == "" {
		cfg.User = "neo4j"
	}
	if cfg.Database == "" {
		cfg.Database = "neo4j"
	}
	if cfg.URI == "" {
		unreachable(t, "NEO4J_URI is not set")
	}
	return cfg
}

func unreachable(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("KGQL_REQUIRE_NEO4J") != "" {
		t.Fatalf("this test needs Neo4j and %s (run it with make test)", why)
	}
	t.Skipf("needs Neo4j: %s (make test starts one)", why)
}

// Open returns a store on an empty database, closed when the test ends.
func Open(t testing.TB) *neo4jstore.Store {
	t.Helper()
	cfg := Config(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	store, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		unreachable(t, err.Error())
	}
	t.Cleanup(func() { store.Close(context.Background()) })
	Wipe(t)
	return store
}

// Wipe deletes every node and relationship (constraints and indexes stay).
func Wipe(t testing.TB) {
	t.Helper()
	Query(t, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
}

// Query runs Cypher in an auto-commit transaction (so that CALL IN
// TRANSACTIONS works) and returns its records as maps.
func Query(t testing.TB, cypher string, params map[string]any) []map[string]any {
	t.Helper()
	cfg := Config(t)
	ctx := context.Background()
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: cfg.Database})
	defer session.Close(ctx)
	result, err := session.Run(ctx, cypher, params)
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
	records, err := result.Collect(ctx)
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
	out := make([]map[string]any, len(records))
	for i, r := range records {
		out[i] = r.AsMap()
	}
	return out
}

// Counts returns the number of nodes and of relationships.
func Counts(t testing.TB) (nodes, relationships int64) {
	t.Helper()
	rows := Query(t, "CALL () { MATCH (n) RETURN count(n) AS n } CALL () { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r", nil)
	return rows[0]["n"].(int64), rows[0]["r"].(int64)
}

// Fingerprint returns every node (labels and properties) and every
// relationship (type, ends and properties) as sorted JSON lines, so that
// two states of the database compare as string slices.
func Fingerprint(t testing.TB) []string {
	t.Helper()
	rows := Query(t, `CALL () { MATCH (n) RETURN {labels: labels(n), props: properties(n)} AS item
  UNION ALL MATCH (a)-[r]->(b) RETURN {type: type(r), from: a.id, to: b.id, props: properties(r)} AS item }
RETURN item`, nil)
	out := make([]string, len(rows))
	for i, r := range rows {
		b, err := json.Marshal(r["item"])
		if err != nil {
			t.Fatal(err)
		}
		out[i] = string(b)
	}
	sort.Strings(out)
	return out
}
