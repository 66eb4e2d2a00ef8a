package main

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestServer checks the Neo4j that `make test` starts: Bolt login works and the
// full-text procedures exist. It does not create data, so it cannot disturb
// other packages' tests running against the same database.
func TestServer(t *testing.T) {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("KGQL_REQUIRE_NEO4J") == "1" {
			t.Fatal("KGQL_REQUIRE_NEO4J=1 but NEO4J_URI is not set")
		}
		t.Skip(`NEO4J_URI not set; run eval "$(make -s neo4j-up)"`)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	user, password := envOr("NEO4J_USER", "neo4j"), envOr("NEO4J_PASSWORD", "kgql-dev-password")
	version, err := ping(ctx, uri, user, password, 5*time.Second)
	if err != nil {
		t.Fatalf("ping %s: %v", uri, err)
	}
	t.Logf("Neo4j %s at %s", version, uri)

	driver, err := newDriver(uri, user, password)
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, driver,
		"SHOW PROCEDURES YIELD name WHERE name IN ['db.index.fulltext.queryNodes', 'db.index.fulltext.queryRelationships'] RETURN name",
		nil, neo4j.EagerResultTransformer)
	if err != nil {
		t.Fatalf("list procedures: %v", err)
	}
	if len(res.Records) != 2 {
		t.Fatalf("full-text query procedures: got %d of 2", len(res.Records))
	}
}
