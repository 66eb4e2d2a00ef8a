package httpapi_test

import (
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/httpapi"
	"github.com/kgql/kgql/internal/kg"
)

// pakistansNeighbourhood is issue 16's question: Pakistan's induced
// neighbourhood with each relation's evidence. Priced as 2,000 relations
// whatever its limit, it cost 2,100 + 301 + 1 + 2,000 × 35 + 1 = 72,403.
const pakistansNeighbourhood = `{ neighborhood(ids: ["Pakistan"]) { nodes { id name kind }
	edges { id type source target evidence { excerpt date { value } document { id title } } } truncated } }`

// refusedForItsCost is the README's question refused for its cost.
const refusedForItsCost = `{ neighborhood(ids: ["Pakistan"], hops: 2, limit: 500) { nodes { id name }
	edges { id type from { name } to { name } evidence { excerpt date { value } document { id title } saidBy { id name } } } } }`

// TestSubgraphsArePricedByTheirArguments: a neighbourhood or an
// expansion is priced as the entities and relations its own arguments
// allow (kg.SubgraphEdges of its limit), not as kg.MaxSubgraphEdges;
// each price the README quotes is the model's.
func TestSubgraphsArePricedByTheirArguments(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	a := newAPI(t, seeded(t))
	for _, c := range []struct {
		name, query string
		cost        int
		inREADME    bool
	}{
		// neighborhood 100 + 1,000 + 200 × 10 (the relations of each entity
		// read, as it steps and as it gathers); nodes 1 + 100 × 3; edges
		// 1 + 1,000 × (id, type, source, target 4 + evidence (1 + 5 ×
		// (excerpt 1 + date 2 + document 3))); truncated 1.
		{"Pakistan's neighbourhood with each relation's evidence", pakistansNeighbourhood, 3100 + 301 + 1 + 1000*35 + 1, true},
		// The README's step by step example at the default limit:
		// neighborhood 3,100; nodes 1 + 100; edges 1 + 1,000 × 12; truncated 1.
		{"the README's example at the default limit", `{ neighborhood(ids: ["Pakistan"]) { nodes { name } edges { type evidence { date { value } } } truncated } }`,
			3100 + 101 + 12001 + 1, true},
		// The README's refused question at the default limit: neighborhood
		// 3,100; nodes 1 + 100 × 2; edges 1 + 1,000 × 52.
		{"the refused question at the default limit", strings.Replace(refusedForItsCost, "limit: 500", "limit: 100", 1), 3100 + 201 + 52001, true},
		// With hops: 0 the entities are the centres, whose relations are
		// read once: neighborhood 2 + 1,000 + 2 × 10; nodes 1 + 2 × 1;
		// edges 1 + 1,000 × 1.
		{"the relations between two entities", `{ neighborhood(ids: ["Pakistan", "Kazakhstan"], hops: 0) { nodes { name } edges { type } } }`, 1022 + 3 + 1001, false},
		// expand's default limit 50: expand 50 + 500 + 2 × (50 + 1) × 10;
		// nodes 1 + 50 × (entity 1 + name 1); edges 1 + 500 × 1; expanded
		// 1 + 1 × 1.
		{"an expansion", `{ expand(ids: ["Pakistan"]) { nodes { entity { name } } edges { type } expanded { degree } } }`, 1570 + 101 + 501 + 2, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := a.ok(t, c.query, nil)
			if r.cost() != c.cost {
				t.Errorf("costs %d, want %d", r.cost(), c.cost)
			}
			if c.inREADME && !strings.Contains(string(readme), thousands(c.cost)) {
				t.Errorf("the README does not quote its price, %s", thousands(c.cost))
			}
		})
	}
	t.Run("the issue's question is answered whole, well under the limit", func(t *testing.T) {
		r := a.ok(t, pakistansNeighbourhood, nil)
		if limit := httpapi.Defaults().MaxCost; r.cost() > limit/2 {
			t.Errorf("costs %d, more than half the limit of %d", r.cost(), limit)
		}
		nodes, edges := list(t, r.Data, "neighborhood.nodes"), list(t, r.Data, "neighborhood.edges")
		if len(nodes) != 23 || len(edges) != 35 || at(t, r.Data, "neighborhood.truncated") != false {
			t.Errorf("%d entities and %d relations, truncated %v: want all 23 and 35", len(nodes), len(edges), at(t, r.Data, "neighborhood.truncated"))
		}
		if kg.SubgraphEdges(kg.MaxSubgraphNodes) != kg.MaxSubgraphEdges {
			t.Errorf("the largest limit allows %d relations, not the %d of every subgraph", kg.SubgraphEdges(kg.MaxSubgraphNodes), kg.MaxSubgraphEdges)
		}
	})
}

// TestCostRefusalSaysWhy: a query over the cost limit is refused before
// any store call, with its cost, the limit and its costliest field's path
// and price in extensions, over HTTP on both stores.
func TestCostRefusalSaysWhy(t *testing.T) {
	pages := `{ entities(first: 100) { edges { node { relations(first: 100) { edges { node {
		neighbors(first: 100) { edges { node { name } } } } } } } } } }`
	window := `{ a: stats(top: 10, filter: {at: "2024"}) { relations } b: stats(top: 10, filter: {at: "2025"}) { relations }
		c: stats(top: 10, filter: {at: "2026"}) { relations } d: stats(top: 10, filter: {at: "2023"}) { relations }
		e: stats(top: 10, filter: {at: "2022"}) { relations } f: search(text: "Pakistan") { score } }`
	for _, c := range []struct {
		name, query string
		cost        int
		path        []any
		pathCost    int
	}{
		// neighborhood 500 + 2,000 + 1,000 × 10; nodes 1 + 500 × 2; edges
		// 1 + 2,000 × (id 1, type 1, from 2, to 2, evidence 1 + 5 ×
		// (excerpt 1, date 2, document 3, saidBy 3)): the evidence is
		// 2,000 × 46 of it.
		{"the README's", refusedForItsCost, 12500 + 1001 + 1 + 2000*52, []any{"neighborhood", "edges", "evidence"}, 2000 * 46},
		// entities 1 + (edges 1 + 100 × (node 1 + relations (1 + edges 1 +
		// 100 × (node 1 + neighbors (1 + edges 1 + 100 × (node 1 + name 1)))))):
		// the innermost nodes are 100 × 100 × 100 × 2 of it.
		{"pages of 100 three deep", pages, 1 + 1 + 100*(1+1+1+100*(1+1+1+100*2)), []any{"entities", "edges", "node", "relations", "edges", "node", "neighbors", "edges", "node"}, 2000000},
		// Five scans of every relation (20,000 and 1 for relations each)
		// and a search (5,000 and 10 hits of 1): none is half of it, so the
		// first of the costliest root fields.
		{"scans side by side", window, 5*20001 + 5010, []any{"a"}, 20001},
	} {
		t.Run(c.name, func(t *testing.T) {
			forEachSeededStore(t, func(t *testing.T, s kg.Store) {
				store := watch(s)
				r := newAPIWith(t, store, httpapi.Defaults(), io.Discard).query(t, c.query, nil)
				refused(t, r, store, "cost", httpapi.Defaults().MaxCost)
				if len(r.Errors) == 0 {
					return
				}
				ext := r.Errors[0].Extensions
				want := map[string]any{"path": c.path, "cost": float64(c.pathCost)}
				if ext["cost"] != float64(c.cost) || !reflect.DeepEqual(ext["costliest"], want) {
					t.Errorf("cost %v, costliest %v; want %d, %v", ext["cost"], ext["costliest"], c.cost, want)
				}
				msg := r.Errors[0].Message
				if !strings.Contains(msg, strconv.Itoa(c.cost)) || !strings.Contains(msg, strconv.Itoa(c.pathCost)) {
					t.Errorf("the message does not say the cost and the costliest field's: %s", msg)
				}
			})
		})
	}
}

// TestCostRefusalOfTooManyFields: pricing a document stops once it has
// visited more fields than the limit (each costs at least 1), and the
// refusal says that the cost is at least what it counted.
func TestCostRefusalOfTooManyFields(t *testing.T) {
	cfg := httpapi.Defaults()
	cfg.MaxCost = 5
	store := watch(seeded(t))
	r := newAPIWith(t, store, cfg, io.Discard).query(t, `{ entity(id: "org/pta") { id name kind description aliases } }`, nil)
	refused(t, r, store, "cost", 5)
	if len(r.Errors) == 0 {
		return
	}
	// entity 1 + id, name, kind, description 1 each + aliases, where the
	// walk stopped, 1.
	if ext := r.Errors[0].Extensions; ext["cost"] != float64(6) || !strings.Contains(r.Errors[0].Message, "costs at least 6,") {
		t.Errorf("cost %v: %s", ext["cost"], r.Errors[0].Message)
	}
}

// thousands writes n as the README does: 36,403.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
