package memstore_test

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/synth"
)

// tiny builds a graph of countries from "a>b" pairs (a TRADES_WITH
// relation each; "a>b#2" a parallel one), with one document stating all.
func tiny(pairs ...string) *kg.Graph {
	g := &kg.Graph{Entities: []*kg.Entity{{ID: "doc/d", Kind: kg.KindDocument, Name: "d"}}}
	seen := map[string]bool{}
	entity := func(name string) string {
		id := "country/" + name
		if !seen[id] {
			seen[id] = true
			g.Entities = append(g.Entities, &kg.Entity{ID: id, Kind: kg.KindCountry, Name: strings.ToUpper(name)})
		}
		return id
	}
	for _, p := range pairs {
		ends, key, _ := strings.Cut(p, "#")
		from, to, _ := strings.Cut(ends, ">")
		f, t := entity(from), entity(to)
		g.Relations = append(g.Relations, &kg.Relation{
			ID: kg.RelationID(f, kg.TradesWith, t, key), Type: kg.TradesWith, From: f, To: t,
			Evidence: []kg.Evidence{{DocumentID: "doc/d", Excerpt: p, Date: kg.MustDate("2024")}},
		})
	}
	return g
}

// allRoutes enumerates every route of g from one entity to another of at
// most maxHops steps under the filter, in the order of kg.PathQuery: the
// brute force the walks must agree with.
func allRoutes(g *kg.Graph, from, to string, maxHops int, f kg.StepFilter) [][]string {
	var out [][]string
	var walk func(route []string)
	walk = func(route []string) {
		at := route[len(route)-1]
		if at == to {
			out = append(out, slices.Clone(route))
			return
		}
		if len(route) > maxHops {
			return
		}
		var next []string
		for _, r := range g.Relations {
			if (r.From == at || r.To == at) && f.Admits(r, at) {
				other := r.From
				if other == at {
					other = r.To
				}
				if !slices.Contains(route, other) && !slices.Contains(next, other) {
					next = append(next, other)
				}
			}
		}
		for _, n := range next {
			walk(append(route, n))
		}
	}
	if from == to {
		return [][]string{{from}} // the one route of no step
	}
	walk([]string{from})
	slices.SortFunc(out, func(a, b []string) int { return cmp.Or(cmp.Compare(len(a), len(b)), slices.Compare(a, b)) })
	return out
}

func routeIDs(p *kg.PathList) [][]string {
	var out [][]string
	for _, path := range p.Paths {
		out = append(out, ids(path.Nodes))
	}
	return out
}

// TestRouteOrder checks the order of routes on a graph built to tie: two
// routes of each length, and parallel relations on a step.
func TestRouteOrder(t *testing.T) {
	g := tiny("a>c", "c>z", "a>b", "b>z", "b>z#2", "a>d", "d>e", "e>z", "c>b", "a>z")
	s := open(t, g)
	p, err := s.Paths(context.Background(), kg.PathQuery{From: "country/a", To: "country/z", MaxHops: 3, Filter: both, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"country/a", "country/z"},
		{"country/a", "country/b", "country/z"},
		{"country/a", "country/c", "country/z"},
		{"country/a", "country/b", "country/c", "country/z"},
		{"country/a", "country/c", "country/b", "country/z"},
		{"country/a", "country/d", "country/e", "country/z"},
	}
	if got := routeIDs(p); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("routes:\n got %v\nwant %v", got, want)
	}
	if p.Truncated {
		t.Error("truncated")
	}
	if got := relationIDs(p.Paths[1].Steps[1].Relations); !slices.Equal(got, []string{"country/b>TRADES_WITH>country/z", "country/b>TRADES_WITH>country/z#2"}) {
		t.Errorf("the step from b to z lists %v", got)
	}
	// Along the direction of the relations, c>b and a>z are one way.
	out := kg.StepFilter{Direction: kg.Out}
	p, err = s.Paths(context.Background(), kg.PathQuery{From: "country/z", To: "country/a", MaxHops: 3, Filter: out, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Paths) != 0 {
		t.Errorf("against the relations: %v", routeIDs(p))
	}
	p, err = s.Paths(context.Background(), kg.PathQuery{From: "country/z", To: "country/a", MaxHops: 3, Filter: kg.StepFilter{Direction: kg.In}, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	want = [][]string{
		{"country/z", "country/a"},
		{"country/z", "country/b", "country/a"},
		{"country/z", "country/c", "country/a"},
		{"country/z", "country/b", "country/c", "country/a"},
		{"country/z", "country/e", "country/d", "country/a"},
	}
	if got := routeIDs(p); !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("inwards from z to a:\n got %v\nwant %v", got, want)
	}
}

// TestRoutesAsEnumerated compares the walks with every route enumerated,
// on random small graphs, in every direction, under filters that hide
// some relations.
func TestRoutesAsEnumerated(t *testing.T) {
	ctx := context.Background()
	for seed := range uint64(200) {
		r := rand.New(rand.NewPCG(seed, 1))
		n := 4 + r.IntN(8)
		var pairs []string
		for range n + r.IntN(3*n) {
			a, b := r.IntN(n), r.IntN(n)
			if pair := fmt.Sprintf("n%02d>n%02d#%d", a, b, r.IntN(2)); a != b && !slices.Contains(pairs, pair) {
				pairs = append(pairs, pair)
			}
		}
		g := tiny(pairs...)
		for _, rel := range g.Relations {
			if r.IntN(4) == 0 {
				rel.Status = kg.StatusPlanned
			}
		}
		s := open(t, g)
		for range 20 {
			q := kg.PathQuery{
				From: fmt.Sprintf("country/n%02d", r.IntN(n)), To: fmt.Sprintf("country/n%02d", r.IntN(n)),
				MaxHops: 1 + r.IntN(5), Limit: 1 + r.IntN(kg.MaxPaths),
				Filter: kg.StepFilter{Direction: []kg.Direction{kg.Out, kg.In, kg.Both}[r.IntN(3)]},
			}
			if r.IntN(2) == 0 {
				q.Filter.Statuses = []kg.Status{kg.StatusActual}
			}
			if g.EntityByID(q.From) == nil || g.EntityByID(q.To) == nil {
				continue
			}
			p, err := s.Paths(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			want := allRoutes(g, q.From, q.To, q.MaxHops, q.Filter)
			want = want[:min(len(want), q.Limit)]
			if got := routeIDs(p); !slices.EqualFunc(got, want, slices.Equal) {
				t.Fatalf("graph %d %v, %+v:\n got %v\nwant %v", seed, pairs, q, got, want)
			}
			for _, path := range p.Paths {
				for i, st := range path.Steps {
					if len(st.Relations) == 0 || !slices.IsSortedFunc(st.Relations, func(a, b *kg.RelationView) int { return strings.Compare(a.ID, b.ID) }) {
						t.Fatalf("%+v: step %d of %v lists %v", q, i, ids(path.Nodes), relationIDs(st.Relations))
					}
				}
			}
		}
	}
}

// TestSeedRoutes asks for the routes from Kazakhstan to the OIC: distinct
// routes, parallel relations all on their step, as enumerated.
func TestSeedRoutes(t *testing.T) {
	g := seedGraph(t)
	s := open(t, g)
	q := kg.PathQuery{From: "country/kazakhstan", To: "org/oic", MaxHops: 4, Filter: both, Limit: 10, Steps: &kg.RelationSel{Fields: kg.RRole}}
	p, err := s.Paths(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	got, want := routeIDs(p), allRoutes(g, q.From, q.To, q.MaxHops, q.Filter)
	if !slices.EqualFunc(got, want[:min(len(want), 10)], slices.Equal) {
		t.Fatalf("routes:\n got %v\nwant %v", got, want)
	}
	if len(got) < 5 {
		t.Fatalf("only %d routes", len(got))
	}
	for i := range got {
		for j := range i {
			if slices.Equal(got[i], got[j]) {
				t.Errorf("route %v twice", got[i])
			}
		}
	}
	// Kazakhstan and Pakistan share several facts: all on the first step.
	var parallel []string
	for _, r := range g.Relations {
		if r.Type != kg.Mentions && (r.From == "country/kazakhstan" && r.To == "country/pakistan" || r.To == "country/kazakhstan" && r.From == "country/pakistan") {
			parallel = append(parallel, r.ID)
		}
	}
	slices.Sort(parallel)
	if first := p.Paths[0]; len(parallel) < 2 || first.Nodes[1].ID != "country/pakistan" || !slices.Equal(relationIDs(first.Steps[0].Relations), parallel) {
		t.Errorf("first step of %v: %v, want the %d parallel relations %v", ids(first.Nodes), relationIDs(first.Steps[0].Relations), len(parallel), parallel)
	}
	// Through facts stated as done only, no route passes a proposed initiative.
	q.Filter.Statuses = []kg.Status{kg.StatusActual}
	p, err = s.Paths(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := routeIDs(p), allRoutes(g, q.From, q.To, q.MaxHops, q.Filter); !slices.EqualFunc(got, want[:min(len(want), 10)], slices.Equal) {
		t.Errorf("stated routes:\n got %v\nwant %v", got, want)
	}
	for _, path := range p.Paths {
		for _, n := range path.Nodes {
			if strings.HasPrefix(n.ID, "initiative/") {
				t.Errorf("a route of stated facts passes %s: %v", n.ID, ids(path.Nodes))
			}
		}
	}
}

// stopAfter is a context that is done once its Err has been asked n
// times: a walk that checks it stops there, whatever the machine's speed.
type stopAfter struct {
	context.Context
	n   int
	err error
}

func (c *stopAfter) Err() error {
	if c.n--; c.n < 0 {
		return c.err
	}
	return nil
}

// TestWalksHonourTheContext stops walks and scans on a large graph
// mid-way: a cancellation is the caller's error, a deadline is a TIMEOUT.
// Every capability whose work grows with the graph checks its context
// every 4,096 steps (checkEvery); search (whose candidates come from indexes)
// and common neighbours (two entities' neighbours) are bounded otherwise.
func TestWalksHonourTheContext(t *testing.T) {
	g := syntheticGraph()
	s := open(t, g)
	big := open(t, synth.Generate(synth.Options{Entities: 12000, Seed: 7})) // a scan of entities checks every 4,096
	// Hubs come first in each kind: their neighbourhoods and the routes
	// between them read many thousand relations.
	a, b := g.Entities[0].ID, g.Entities[len(g.Entities)/2].ID
	for _, stop := range []struct {
		err  error
		want string
	}{{context.Canceled, kg.EINTERNAL}, {context.DeadlineExceeded, kg.ETIMEOUT}} {
		calls := map[string]func(ctx context.Context) error{
			"paths": func(ctx context.Context) error {
				_, err := s.Paths(ctx, kg.PathQuery{From: a, To: b, MaxHops: 6, Filter: kg.StepFilter{Direction: kg.Both, Types: kg.RelationTypes}, Limit: 10})
				return err
			},
			"neighborhood": func(ctx context.Context) error {
				_, err := s.Neighborhood(ctx, kg.NeighborhoodQuery{IDs: []string{a}, Hops: 6, Filter: kg.StepFilter{Direction: kg.Both, Types: kg.RelationTypes}, Limit: kg.MaxSubgraphNodes})
				return err
			},
			"stats": func(ctx context.Context) error {
				_, err := s.Stats(ctx, kg.StatsQuery{Filter: kg.StepFilter{Direction: kg.Both, Valid: kg.Window{Since: "2020-01-01"}}, Top: 3})
				return err
			},
			"expand": func(ctx context.Context) error {
				_, err := s.Expand(ctx, kg.ExpandQuery{IDs: []string{a}, Limit: kg.MaxSubgraphNodes, Filter: kg.StepFilter{Direction: kg.Both, Types: kg.RelationTypes}})
				return err
			},
			"a count of every relation in a window": func(ctx context.Context) error {
				_, err := s.FindRelations(ctx, kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Out, Valid: kg.Window{Since: "2020-01-01"}}, Page: kg.Page{First: 1}}, true, nil, nil)
				return err
			},
			"a count of entities by part of a name": func(ctx context.Context) error {
				_, err := big.FindEntities(ctx, kg.EntityFilter{NameContains: "a", OrderBy: kg.OrderByName, Page: kg.Page{First: 1}}, true, nil)
				return err
			},
		}
		for name, call := range calls {
			// The store checks the context once before it reads: let that pass.
			ctx := &stopAfter{Context: context.Background(), n: 1, err: stop.err}
			err := call(ctx)
			if kg.ErrorCode(err) != stop.want || stop.err == context.Canceled && err != context.Canceled {
				t.Errorf("%s stopped by %v: %v", name, stop.err, err)
			}
			if err := call(context.Background()); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
}
