package neo4jstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jstore"
	"github.com/kgql/kgql/internal/neo4jtest"
)

// profile runs a statement with PROFILE and returns its plan.
func profile(t *testing.T, query string, params map[string]any) neo4j.ProfiledPlan {
	t.Helper()
	cfg := neo4jtest.Config(t)
	ctx := context.Background()
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, driver, "PROFILE "+query, params, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return res.Summary.Profile()
}

// planText is a plan as indented lines: operator, rows, db hits, details.
func planText(p neo4j.ProfiledPlan) string {
	var b strings.Builder
	var walk func(p neo4j.ProfiledPlan, depth int)
	walk = func(p neo4j.ProfiledPlan, depth int) {
		fmt.Fprintf(&b, "%s%s rows=%d hits=%d %v\n", strings.Repeat("  ", depth), strings.TrimSuffix(p.Operator(), "@neo4j"), p.Records(), p.DbHits(), p.Arguments()["Details"])
		for _, c := range p.Children() {
			walk(c, depth+1)
		}
	}
	walk(p, 0)
	return b.String()
}

// operators lists the operators of a plan, depth first.
func operators(p neo4j.ProfiledPlan) []string {
	out := []string{strings.TrimSuffix(p.Operator(), "@neo4j")}
	for _, c := range p.Children() {
		out = append(out, operators(c)...)
	}
	return out
}

// TestEntityPagesSeekTheNameIndex: a page of entities by name, first or
// after a cursor, last or before a cursor (the index read backwards), of
// one kind, several or all, reads the name index in order from the
// cursor: no label scan, no full sort.
func TestEntityPagesSeekTheNameIndex(t *testing.T) {
	store, _ := seeded(t)
	// Neo4j samples its indexes in the background: right after a load
	// (all the more after a restart) it would plan with the statistics of
	// what the database held before, and the plan would depend on timing.
	// This resamples them, waits, and empties the plan cache.
	neo4jtest.Query(t, "CALL db.prepareForReplanning(60000)", nil)
	for _, kinds := range [][]kg.Kind{{kg.KindPerson}, {kg.KindOrganization, kg.KindCountry}, nil} {
		f := kg.EntityFilter{Kinds: kinds, OrderBy: kg.OrderByName, Page: kg.Page{First: 2}}
		first, err := store.FindEntities(context.Background(), f, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		cursor := first.Edges[1].Cursor
		for _, pg := range []kg.Page{{First: 2}, {First: 2, After: cursor}, {Last: 2}, {Last: 2, Before: cursor}} {
			f.Page = pg
			key, err := f.CursorKey()
			if err != nil {
				t.Fatal(err)
			}
			before, err := f.BeforeKey()
			if err != nil {
				t.Fatal(err)
			}
			query, params := neo4jstore.FindEntitiesQuery(f, key, before, false, &kg.EntitySel{Fields: kg.EName})
			plan := profile(t, query, params)
			if problem := unboundedSort(plan); problem != "" {
				t.Errorf("kinds %v, page %+v: %s\n%s", kinds, pg, problem, planText(plan))
			}
			seeks := 0
			for _, op := range operators(plan) {
				if op == "NodeIndexScan" || op == "NodeIndexSeekByRange" {
					seeks++
				}
			}
			if want := max(1, len(kinds)); seeks != want {
				t.Errorf("kinds %v, page %+v: %d name index reads, want %d\n%s", kinds, pg, seeks, want, planText(plan))
			}
		}
	}
}

// unboundedSort says what is wrong when a plan scans a label, or sorts
// rows that a limit did not bound first (a sort over the kind); "" when
// nothing is. A page may merge its kinds' pages with a Top: each of them
// is cut by a PartialTop or a Limit first.
func unboundedSort(p neo4j.ProfiledPlan) string {
	var bounded func(p neo4j.ProfiledPlan) bool // every input of p is cut by a limit
	bounded = func(p neo4j.ProfiledPlan) bool {
		switch strings.TrimSuffix(p.Operator(), "@neo4j") {
		case "PartialTop", "Limit", "Argument", "EmptyRow":
			return true
		}
		if len(p.Children()) == 0 {
			return false
		}
		for _, c := range p.Children() {
			if !bounded(c) {
				return false
			}
		}
		return true
	}
	switch op := strings.TrimSuffix(p.Operator(), "@neo4j"); op {
	case "NodeByLabelScan", "AllNodesScan":
		return op + " reads the whole kind"
	case "Sort", "Top":
		for _, c := range p.Children() {
			if !bounded(c) {
				return op + " over rows no limit bounds"
			}
		}
	}
	for _, c := range p.Children() {
		if problem := unboundedSort(c); problem != "" {
			return problem
		}
	}
	return ""
}

// TestLabelScanComparesNamesByUTF16 pins the Neo4j behaviour that makes
// FindEntities hint its name index: a stored name compared with a
// parameter in a Filter is compared by UTF-16 units, while the name
// index and ORDER BY order names by code point. "Ｆ" (U+FF26) is below
// "🌍" (U+1F30D) by code point, above it by UTF-16 units (a surrogate
// pair starts at U+D83C). Should Neo4j compare by code point everywhere,
// this fails, and the hint is no longer needed for correctness.
func TestLabelScanComparesNamesByUTF16(t *testing.T) {
	neo4jtest.Open(t)
	neo4jtest.Query(t, "UNWIND $names AS name CREATE (:CollationProbe {name: name})", map[string]any{"names": []any{"Ｆｕｌｌｗｉｄｔｈ", "🌍 World"}})
	t.Cleanup(func() { neo4jtest.Query(t, "MATCH (p:CollationProbe) DELETE p", nil) })
	rows := neo4jtest.Query(t, "MATCH (p:CollationProbe) WHERE p.name <= $emoji RETURN collect(p.name) AS below", map[string]any{"emoji": "🌍 World"})
	below, _ := rows[0]["below"].([]any)
	if len(below) != 1 || below[0] != "🌍 World" {
		t.Errorf("names <= the emoji's, compared in a Filter: %v, want only the emoji's own (UTF-16 order)", below)
	}
	rows = neo4jtest.Query(t, "MATCH (p:CollationProbe) WITH p ORDER BY p.name RETURN collect(p.name) AS ordered", nil)
	if ordered, _ := rows[0]["ordered"].([]any); len(ordered) != 2 || ordered[0] != "Ｆｕｌｌｗｉｄｔｈ" {
		t.Errorf("ORDER BY name: %v, want the fullwidth name first (code point order)", ordered)
	}
}
