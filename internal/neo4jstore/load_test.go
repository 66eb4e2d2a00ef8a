package neo4jstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jstore"
	"github.com/kgql/kgql/internal/neo4jtest"
	"github.com/kgql/kgql/internal/seedfile"
	"github.com/kgql/kgql/seed"
)

func readSeed(t *testing.T) *kg.Graph {
	t.Helper()
	g, err := seedfile.Read(seed.FS)
	if err != nil {
		t.Fatalf("the seed is invalid: %v", err)
	}
	return g
}

func TestLoadTwiceChangesNothing(t *testing.T) {
	store, g, ctx := neo4jtest.Open(t), readSeed(t), context.Background()

	first, err := store.Load(ctx, g, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := kg.LoadReport{
		Entities:  kg.Changes{Created: len(g.Entities)},
		Relations: kg.Changes{Created: len(g.Relations)},
	}
	if first != want {
		t.Errorf("first load = %+v, want %+v", first, want)
	}
	nodes, rels := neo4jtest.Counts(t)
	if nodes != int64(len(g.Entities)) || rels != int64(len(g.Relations)) {
		t.Errorf("after the first load: %d nodes, %d relationships; want %d and %d", nodes, rels, len(g.Entities), len(g.Relations))
	}
	before := neo4jtest.Fingerprint(t)

	second, err := store.Load(ctx, g, nil)
	if err != nil {
		t.Fatal(err)
	}
	want = kg.LoadReport{
		Entities:  kg.Changes{Unchanged: len(g.Entities)},
		Relations: kg.Changes{Unchanged: len(g.Relations)},
	}
	if second != want {
		t.Errorf("second load = %+v, want %+v", second, want)
	}
	if after := neo4jtest.Fingerprint(t); !slices.Equal(before, after) {
		t.Errorf("the second load changed the database")
	}
}

func TestLoadUpdatesWhatChanged(t *testing.T) {
	store, g, ctx := neo4jtest.Open(t), readSeed(t), context.Background()
	if _, err := store.Load(ctx, g, nil); err != nil {
		t.Fatal(err)
	}
	g.Entities[0].Description = "changed by a test"
	g.Relations[0].Note = "changed by a test"
	report, err := store.Load(ctx, g, nil)
	if err != nil {
		t.Fatal(err)
	}
	if report.Entities.Updated != 1 || report.Relations.Updated != 1 || report.Entities.Created+report.Relations.Created != 0 {
		t.Errorf("report = %+v, want one entity and one relation updated", report)
	}
	rows := neo4jtest.Query(t, "MATCH (n:Entity {id: $id}) RETURN n.description AS d", map[string]any{"id": g.Entities[0].ID})
	if rows[0]["d"] != "changed by a test" {
		t.Errorf("description = %v", rows[0]["d"])
	}
}

func TestSchemaExists(t *testing.T) {
	store, ctx := neo4jtest.Open(t), context.Background()
	if err := store.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	rows := neo4jtest.Query(t, "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties WHERE name = $name RETURN type, labelsOrTypes, properties",
		map[string]any{"name": neo4jstore.EntityIDConstraint})
	if len(rows) != 1 || rows[0]["type"] != "UNIQUENESS" {
		t.Fatalf("uniqueness constraint on Entity.id: %v", rows)
	}
	rows = neo4jtest.Query(t, "SHOW INDEXES YIELD name, type, state, properties WHERE name = $name RETURN type, state, properties",
		map[string]any{"name": neo4jstore.FulltextIndex})
	if len(rows) != 1 || rows[0]["type"] != "FULLTEXT" || rows[0]["state"] != "ONLINE" {
		t.Fatalf("full-text index: %v", rows)
	}
	if props := rows[0]["properties"].([]any); !slices.Equal(props, []any{"searchText"}) {
		t.Errorf("full-text index covers %v, want searchText (the terms of name and aliases)", props)
	}
}

func TestEveryRelationHasEvidence(t *testing.T) {
	store, g, ctx := neo4jtest.Open(t), readSeed(t), context.Background()
	if _, err := store.Load(ctx, g, nil); err != nil {
		t.Fatal(err)
	}
	rows := neo4jtest.Query(t, `MATCH ()-[r]->()
WHERE size(coalesce(r.evDocs, [])) = 0
   OR size(r.evDocs) <> size(r.evExcerpts) OR size(r.evDocs) <> size(r.evDates)
   OR NOT all(d IN r.evDocs WHERE EXISTS { MATCH (:Document {id: d}) })
   OR any(x IN r.evExcerpts WHERE x = '')
RETURN r.id AS id`, nil)
	if len(rows) > 0 {
		t.Errorf("%d relations lack evidence, e.g. %v", len(rows), rows[0]["id"])
	}
	rows = neo4jtest.Query(t, "MATCH ()-[r]->() RETURN count(r) AS n", nil)
	if rows[0]["n"].(int64) == 0 {
		t.Error("no relations were loaded")
	}
}

// TestLoadRefusesARelationWithoutItsEnd: a batch with a relation whose end
// does not exist is refused whole, with EINVALID naming the relation.
func TestLoadRefusesARelationWithoutItsEnd(t *testing.T) {
	store, ctx := neo4jtest.Open(t), context.Background()
	a := &kg.Entity{ID: "person/a", Kind: kg.KindPerson, Name: "A"}
	b := &kg.Entity{ID: "person/b", Kind: kg.KindPerson, Name: "B"}
	doc := &kg.Entity{ID: "doc/d", Kind: kg.KindDocument, Name: "D", Title: "D"}
	ev := []kg.Evidence{{DocumentID: "doc/d", Excerpt: "A met B.", Date: kg.MustDate("2025")}}
	good := &kg.Relation{ID: kg.RelationID("person/a", kg.MetWith, "person/b", ""), Type: kg.MetWith, From: "person/a", To: "person/b", Evidence: ev}
	dangling := &kg.Relation{ID: kg.RelationID("person/a", kg.MetWith, "person/nobody", ""), Type: kg.MetWith, From: "person/a", To: "person/nobody", Evidence: ev}
	_, err := store.Load(ctx, &kg.Graph{Entities: []*kg.Entity{a, b, doc}, Relations: []*kg.Relation{good, dangling}}, nil)
	if kg.ErrorCode(err) != kg.EINVALID || !strings.Contains(err.Error(), "person/a>MET_WITH>person/nobody") {
		t.Fatalf("err = %v, want EINVALID naming the dangling relation", err)
	}
	if _, rels := neo4jtest.Counts(t); rels != 0 {
		t.Errorf("%d relationships written: the batch must land whole or not at all", rels)
	}
}

// TestLoadQueriesSeek: every query of a load finds entities and relations
// by an index seek, planned on an empty store. Without the SEEK hints
// (load.go) the planner chose, now and then during a load, a scan of a
// relationship type's index filtered by id, whose cost grew with the type
// (bench/RESULTS.md, "Loading"); that choice depends on the statistics of
// the moment and this test does not reproduce it: it checks that every
// query seeks, whatever the statistics say.
func TestLoadQueriesSeek(t *testing.T) {
	store, ctx := neo4jtest.Open(t), context.Background()
	if err := store.EnsureSchema(ctx); err != nil {
		t.Fatal(err)
	}
	cfg := neo4jtest.Config(t)
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)
	for _, q := range neo4jstore.BatchQueries() {
		res, err := neo4j.ExecuteQuery(ctx, driver, "PROFILE "+q, map[string]any{"ids": []any{}, "rows": []any{}},
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var ops []string
		var walk func(p neo4j.ProfiledPlan)
		walk = func(p neo4j.ProfiledPlan) {
			ops = append(ops, p.Operator())
			for _, c := range p.Children() { // not Plan.Children: the driver's returns the last child n times
				walk(c)
			}
		}
		walk(res.Summary.Profile())
		seeks := 0
		for _, op := range ops {
			if strings.Contains(op, "Scan") {
				t.Errorf("%s\nis planned with %s: %v", q, op, ops)
			}
			if strings.Contains(op, "Seek") {
				seeks++
			}
		}
		if seeks == 0 && !strings.Contains(q, "CREATE (n:") { // creating an entity finds nothing
			t.Errorf("%s\nseeks nothing: %v", q, ops)
		}
		if strings.Contains(q, "MATCH") && strings.Count(q, "MATCH") != strings.Count(q, "USING INDEX SEEK") {
			t.Errorf("%s\nhas a MATCH without a USING INDEX SEEK hint", q)
		}
	}
}

// TestLoadIsAllOrNothing: a load that Neo4j refuses part-way (a relation
// whose end is in neither the graph nor the store, found only when the
// relations are written, after every entity) leaves the database as it
// was: no entity of the load stays, of any kind.
func TestLoadIsAllOrNothing(t *testing.T) {
	store, g, ctx := neo4jtest.Open(t), readSeed(t), context.Background()
	ev := g.Relations[0].Evidence
	dangling := &kg.Relation{ID: kg.RelationID("org/pta", kg.MetWith, "person/nobody", ""), Type: kg.MetWith,
		From: "org/pta", To: "person/nobody", Evidence: ev}
	g.Relations = append(g.Relations, dangling)
	_, err := store.Load(ctx, g, nil)
	if kg.ErrorCode(err) != kg.EINVALID || !strings.Contains(err.Error(), dangling.ID) {
		t.Fatalf("err = %v, want EINVALID naming %s", err, dangling.ID)
	}
	if nodes, rels := neo4jtest.Counts(t); nodes+rels != 0 {
		t.Errorf("a refused load left %d nodes and %d relationships", nodes, rels)
	}
}
