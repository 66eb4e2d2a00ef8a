package httpapi_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jtest"
)

// injections are strings a hostile client puts where the API takes text:
// Cypher and Lucene syntax, NUL, 100 kB strings, unicode and look-alike
// ids, broken escapes.
var injections = []string{
	`' OR 1=1 //`,
	`"}) MATCH (n) DETACH DELETE n //`,
	"`) DETACH DELETE n //",
	`x'}) RETURN 1 UNION MATCH (n) DETACH DELETE n RETURN 1 //`,
	`$id`, `{id}`, `\u0027`, `\'`, `\\`, `\`,
	`CALL db.clearQueryCaches()`,
	`*`, `?`, `~`, `name:x`, `a AND b OR NOT c`, `(`, `)`, `[a TO z]`, `{a TO z}`, `"unterminated`,
	`+-&&||!(){}[]^"~*?:\/`, `/regex.*/`, `a^999`, `pakistan~0.1`, `id:*`,
	"\x00", "a\x00b", "org/pta\x00",
	strings.Repeat("a", 100_000),
	strings.Repeat("ü", 50_000),
	"person/hafeez-ür-rehman", "país/日本", "😀", "\u200fمرحبا", "e\u0301", "\ufeffPTA", "ＰＴＡ", "\xed\xa0\x80",
	"org/pta>HOLDS_POSITION>", ">>", "org/pta>MENTIONS>org/pta", "2024-02-30", "99999-01-01", "0000", "-2024",
	"WyJcdTAwMDAiXQ", kg.EncodeCursor(strings.Repeat("z", 1000), "x"), kg.EncodeCursor(`' OR 1=1 //`),
}

// injectionSites take one string variable $s in every kind of string
// argument: ids and names, search text, name parts, cursors, dates.
var injectionSites = []string{
	`query($s: ID!) { entity(id: $s) { id name } }`,
	`query($s: ID!) { node(id: $s) { id } }`,
	`query($s: ID!) { nodes(ids: [$s, "org/pta"]) { id } }`,
	`query($s: ID!) { neighborhood(ids: [$s]) { nodes { id } } }`,
	`query($s: ID!) { shortestPath(from: $s, to: "org/pta") { truncated } }`,
	`query($s: ID!) { paths(from: "org/pta", to: $s) { truncated } }`,
	`query($s: ID!) { commonNeighbors(a: $s, b: "org/pta") { truncated } }`,
	`query($s: ID) { relations(filter: {from: $s}) { totalCount } }`,
	`query($s: ID) { relations(filter: {to: $s}) { totalCount } }`,
	`query($s: ID) { relations(filter: {document: $s}) { totalCount edges { relation { id } } } }`,
	`query($s: String!) { search(text: $s) { score entity { id } relation { id } } }`,
	`query($s: String) { entities(filter: {nameContains: $s}) { totalCount edges { node { id } } } }`,
	`query($s: String) { entities(after: $s) { totalCount } }`,
	`query($s: String) { entities(orderBy: ID, after: $s) { totalCount } }`,
	`query($s: String) { relations(after: $s) { totalCount } }`,
	`query($s: String) { documents(after: $s) { totalCount } }`,
	`query($s: String) { entity(id: "country/pakistan") { relations(after: $s) { totalCount } neighbors(after: $s) { totalCount } documents(after: $s) { totalCount } } }`,
	`query($s: String) { relations(filter: {at: $s}) { totalCount } }`,
	`query($s: String) { relations(filter: {since: $s, statedUntil: $s}) { totalCount } }`,
	`query($s: String) { stats(filter: {statedSince: $s}) { relations } }`,
	`query($s: String) { neighborhood(ids: ["org/pta"], filter: {until: $s}) { nodes { id } } }`,
	`query($s: String) { entity(id: "org/pta") { degree(filter: {at: $s}) } }`,
}

// codesOfInput are the codes a client's bad input may get.
var codesOfInput = map[string]bool{"BAD_USER_INPUT": true, "NOT_FOUND": true, "GRAPHQL_VALIDATION_FAILED": true, "GRAPHQL_PARSE_FAILED": true}

// TestInjection: every injection in every string argument, as a variable
// and written in the query, gets an answer or a coded error of bad input
// (never INTERNAL), and leaves the graph as it was: on Neo4j, its node
// and relationship counts.
func TestInjection(t *testing.T) {
	forEachSeededStore(t, func(t *testing.T, store kg.Store) {
		a := newAPI(t, store)
		before := graphCounts(t, store)
		for _, site := range injectionSites {
			for _, s := range injections {
				checkInjection(t, a.query(t, site, map[string]any{"s": s}), site, s)
			}
		}
		for _, s := range injections {
			for _, q := range []string{
				`{ entity(id: ` + quote(s) + `) { id } }`,
				`{ search(text: ` + quote(s) + `) { score } }`,
				`{ relations(filter: {at: ` + quote(s) + `}) { totalCount } }`,
				"{ entity(id: \"\"\"" + strings.ReplaceAll(s, `"""`, `\"""`) + "\"\"\") { id } }",
			} {
				checkInjection(t, a.query(t, q, nil), q, s)
			}
		}
		if after := graphCounts(t, store); after != before {
			t.Errorf("the graph changed: %v, then %v", before, after)
		}
	})
}

func checkInjection(t *testing.T, r *response, site, s string) {
	t.Helper()
	for _, e := range r.Errors {
		if code, _ := e.Extensions["code"].(string); !codesOfInput[code] {
			t.Errorf("%s with %.60q: %s %q", site, s, code, e.Message)
		}
	}
}

// graphCounts counts the graph: on Neo4j its nodes and relationships,
// in the embedded store its entities and relations.
func graphCounts(t *testing.T, store kg.Store) [2]int64 {
	t.Helper()
	if _, ok := store.(interface{ Close(context.Context) error }); ok { // Neo4j
		n, r := neo4jtest.Counts(t)
		return [2]int64{n, r}
	}
	st, err := store.Stats(context.Background(), kg.StatsQuery{Filter: kg.StepFilter{Direction: kg.Both, Types: kg.RelationTypes}})
	if err != nil {
		t.Fatal(err)
	}
	return [2]int64{int64(st.Entities), int64(st.Relations)}
}
