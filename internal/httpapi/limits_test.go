package httpapi_test

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"

	"github.com/kgql/kgql/internal/kg"
)

// aliasedInFragments is a query of n aliased copies of field, fifteen to
// a fragment, all spread at the root: the shape that fit ~700 aliases
// under the token limit.
func aliasedInFragments(n int, field string) string {
	var q, frags strings.Builder
	q.WriteString("{")
	for f := 0; f*15 < n; f++ {
		fmt.Fprintf(&q, " ...F%d", f)
		fmt.Fprintf(&frags, " fragment F%d on Query {", f)
		for i := f * 15; i < min(n, (f+1)*15); i++ {
			fmt.Fprintf(&frags, " a%d: %s", i, field)
		}
		frags.WriteString(" }")
	}
	q.WriteString(" }")
	return q.String() + frags.String()
}

// refused asserts that the request was refused by the named limit, with
// the limit's value, before any store call.
func refused(t *testing.T, r *response, store *watchedStore, limit string, max int) {
	t.Helper()
	if r.code() != "QUERY_TOO_COMPLEX" || r.Errors[0].Extensions["limit"] != limit || r.Errors[0].Extensions["max"] != float64(max) {
		t.Errorf("want QUERY_TOO_COMPLEX by %s (max %d), got %+v", limit, max, r.Errors)
	}
	if r.Data != nil {
		t.Errorf("a refused request has data (%d fields)", len(r.Data))
	}
	if n := store.calls.Load(); n != 0 {
		t.Errorf("%d store calls for a refused request", n)
	}
}

// TestAmplificationIsRefusedBeforeTheStore: the requests that stalled
// the server (700 aliased stats in fragments, 600 aliased
// introspections) are refused before any store call, by the alias limit
// and, with that limit lifted, by their cost.
func TestAmplificationIsRefusedBeforeTheStore(t *testing.T) {
	stats := aliasedInFragments(700, "stats { entities }")
	schema := aliasedInFragments(600, "__schema { ...T }") + " fragment T on __Schema { types { name fields { name } } }"
	if n := tokens(t, stats); n > testDefaults().MaxTokens {
		t.Fatalf("the stats request has %d tokens: it must fit the token limit to test the others", n)
	}
	if n := tokens(t, schema); n > testDefaults().MaxTokens {
		t.Fatalf("the introspection request has %d tokens", n)
	}
	forEachSeededStore(t, func(t *testing.T, s kg.Store) {
		for _, q := range []string{stats, schema} {
			store := watch(s)
			refused(t, newAPIWith(t, store, testDefaults(), io.Discard).query(t, q, nil), store, "aliases", 15)

			lifted := testDefaults()
			lifted.MaxAliases = 1000
			refused(t, newAPIWith(t, store, lifted, io.Discard).query(t, q, nil), store, "cost", lifted.MaxCost)
		}
	})
}

func tokens(t *testing.T, q string) int {
	t.Helper()
	lex := lexer.New(&ast.Source{Input: q})
	for n := 0; ; n++ {
		tok, err := lex.ReadToken()
		if err != nil {
			t.Fatal(err)
		}
		if tok.Kind == lexer.EOF {
			return n
		}
	}
}

// depthQuery nests pages of PTA's relations so that its deepest field is
// at depth d (root fields at 0).
func depthQuery(d int) string {
	containers := []string{`entity(id: "org/pta")`}
	for len(containers) < d {
		containers = append(containers, "relations(first: 1)", "edges", "node")
	}
	containers = containers[:d]
	leaf := map[string]string{"edges": "cursor", "node": "id", "relations(first: 1)": "totalCount"}[containers[d-1]]
	if d == 1 {
		leaf = "id"
	}
	return "{ " + strings.Join(containers, " { ") + " { " + leaf + strings.Repeat(" }", d) + " }"
}

// TestLimitsAtTheirEdges: each limit admits a query at its value and
// refuses one just past it, saying which limit and its value.
func TestLimitsAtTheirEdges(t *testing.T) {
	d := testDefaults()
	aliases := func(n int) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			fmt.Fprintf(&b, ` a%d: entity(id: "org/pta") { id }`, i)
		}
		return b.String() + " }"
	}
	directives := func(n int) string {
		return `{ entity(id: "org/pta") {` + strings.Repeat(" ... @include(if: true) { id }", n) + " } }"
	}
	// A list of enum values is one token each and costs nothing more.
	tokenQuery := func(n int) string {
		return "{ relations(filter: {types: [" + strings.Repeat(" MEMBER_OF", n-16) + " ]}) { totalCount } }"
	}
	for _, c := range []struct {
		limit string
		max   int
		query func(n int) string
	}{
		{"aliases", d.MaxAliases, aliases},
		{"depth", d.MaxDepth, depthQuery},
		{"directives", d.MaxDirectives, directives},
		{"tokens", d.MaxTokens, tokenQuery},
	} {
		t.Run(c.limit, func(t *testing.T) {
			store := watch(seeded(t))
			a := newAPIWith(t, store, d, io.Discard)
			if c.limit == "tokens" && tokens(t, c.query(c.max)) != c.max {
				t.Fatalf("the query at the limit has %d tokens, not %d", tokens(t, c.query(c.max)), c.max)
			}
			if r := a.query(t, c.query(c.max), nil); len(r.Errors) > 0 {
				t.Errorf("at the limit (%d): %+v", c.max, r.Errors)
			}
			store.calls.Store(0)
			refused(t, a.query(t, c.query(c.max+1), nil), store, c.limit, c.max)
		})
	}
	t.Run("aliases merged from fragments", func(t *testing.T) {
		store := watch(seeded(t))
		q := `{ ...A ...B } fragment A on Query {` + aliases(8)[1:len(aliases(8))-1] + `} fragment B on Query {` + strings.ReplaceAll(aliases(8)[1:len(aliases(8))-1], " a", " b") + "}"
		refused(t, newAPIWith(t, store, d, io.Discard).query(t, q, nil), store, "aliases", d.MaxAliases)
	})
	t.Run("the README's price", func(t *testing.T) {
		if r := newAPI(t, seeded(t)).ok(t, `{ entities(first: 100) { edges { node { name } } } }`, nil); r.cost() != 202 {
			t.Errorf("the README's example costs %d, not 202", r.cost())
		}
	})
	t.Run("between anchors the relations", func(t *testing.T) {
		// relations 1 + totalCount 10 (two ends, not a scan) + edges (1 + 5 × relation (1 + type 1)) = 22
		q := `{ relations(first: 5, filter: {between: ["Pakistan", "Kazakhstan"]}) { totalCount edges { relation { type } } } }`
		if r := newAPI(t, seeded(t)).ok(t, q, nil); r.cost() != 22 {
			t.Errorf("relations between two entities cost %d, want 22", r.cost())
		}
	})
	t.Run("cost", func(t *testing.T) {
		// entity 1 + relations (1 + totalCount 10 + edges (1 + 7 × node (1 + name 1))) = 27
		q := `{ entity(id: "org/pta") { relations(first: 7) { totalCount edges { node { name } } } } }`
		store := watch(seeded(t))
		r := newAPIWith(t, store, d, io.Discard).query(t, q, nil)
		if r.cost() != 27 {
			t.Fatalf("cost %d, want 27 (errors %+v)", r.cost(), r.Errors)
		}
		at := d
		at.MaxCost = 27
		if r := newAPIWith(t, store, at, io.Discard).query(t, q, nil); len(r.Errors) > 0 || r.cost() != 27 {
			t.Errorf("at the limit: %+v", r.Errors)
		}
		store.calls.Store(0)
		below := d
		below.MaxCost = 26
		refused(t, newAPIWith(t, store, below, io.Discard).query(t, q, nil), store, "cost", 26)
	})
	t.Run("body", func(t *testing.T) {
		a := newAPIWith(t, seeded(t), d, io.Discard)
		query := `{"query": "{ entity(id: \"org/pta\") { name } }"}`
		padded := func(size int64) string { return query + strings.Repeat(" ", int(size)-len(query)) }
		json := map[string]string{"Content-Type": "application/json"}
		if x := a.send(t, "POST", padded(d.MaxBodyBytes), json); x.status != http.StatusOK || len(x.r.Errors) > 0 {
			t.Errorf("a body of %d bytes: %d %s", d.MaxBodyBytes, x.status, x.body)
		}
		x := a.send(t, "POST", padded(d.MaxBodyBytes+1), json)
		if x.status != http.StatusRequestEntityTooLarge || x.r.code() != "BAD_REQUEST" || x.r.Errors[0].Extensions["limit"] != "body-bytes" ||
			x.r.Errors[0].Extensions["max"] != float64(d.MaxBodyBytes) {
			t.Errorf("a body of %d bytes: %d %s", d.MaxBodyBytes+1, x.status, x.body)
		}
		// Sent in chunks, without a Content-Length to refuse it by.
		req, _ := http.NewRequest("POST", a.srv.URL+"/graphql", io.MultiReader(strings.NewReader(padded(d.MaxBodyBytes+1))))
		req.Header.Set("Content-Type", "application/json")
		res, err := testClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if req.ContentLength != 0 || res.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("a chunked body of %d bytes: %d", d.MaxBodyBytes+1, res.StatusCode)
		}
	})
}

// TestIntrospection: the playground's own introspection query (GraphiQL's,
// deeper than the depth limit) is served and priced by its answer; with
// introspection off it is refused with a code, __typename still answered.
func TestIntrospection(t *testing.T) {
	q, err := os.ReadFile("testdata/graphiql-introspection.graphql")
	if err != nil {
		t.Fatal(err)
	}
	a := newAPI(t, seeded(t))
	r := a.ok(t, string(q), nil)
	types := list(t, r.Data, "__schema.types")
	if len(types) < 40 || r.cost() < 1000 || r.cost() > testDefaults().MaxCost {
		t.Errorf("%d types at a cost of %d", len(types), r.cost())
	}
	// The price is the answer's size: nearly one per value it holds.
	if values := countValues(r.Data); r.cost() < values || r.cost() > 2*values {
		t.Errorf("introspection priced %d for an answer of %d values", r.cost(), values)
	}

	off := testDefaults()
	off.Introspection = false
	b := newAPIWith(t, seeded(t), off, io.Discard)
	for _, q := range []string{string(q), `{ __type(name: "Person") { name } }`} {
		r := b.query(t, q, nil)
		if r.code() != "GRAPHQL_VALIDATION_FAILED" || !strings.Contains(r.Errors[0].Message, "Introspection is disabled") {
			t.Errorf("introspection off: %+v", r.Errors)
		}
	}
	if r := b.ok(t, `{ __typename entity(id: "org/pta") { __typename name } }`, nil); at(t, r.Data, "entity.__typename") != "Organization" {
		t.Errorf("__typename: %v", r.Data)
	}
}

// countValues counts the leaves and objects of a decoded JSON answer.
func countValues(v any) int {
	switch x := v.(type) {
	case map[string]any:
		n := 0
		for _, e := range x {
			n += 1 + countValues(e)
		}
		return n
	case []any:
		n := 0
		for _, e := range x {
			n += countValues(e)
		}
		return n
	}
	return 0
}
