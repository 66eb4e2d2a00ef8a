package neo4jstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jtest"
	"github.com/kgql/kgql/internal/synth"
)

// TestRandomReadsOnAGeneratedGraph checks the walks and pages on a
// generated graph (hubs, parallel relations, every status and time
// qualifier) against the scans, for random queries with random filters.
func TestRandomReadsOnAGeneratedGraph(t *testing.T) {
	store, ctx := neo4jtest.Open(t), context.Background()
	g := synth.Generate(synth.Options{Entities: 300, Seed: 11})
	if _, err := store.Load(ctx, g, nil); err != nil {
		t.Fatal(err)
	}
	sc := newScan(g)
	r := rand.New(rand.NewPCG(3, 5))
	var ids []string
	for _, e := range g.Entities {
		if e.Kind != kg.KindDocument {
			ids = append(ids, e.ID)
		}
	}
	pick := func() string { return ids[r.IntN(len(ids))] }
	filter := func() kg.StepFilter {
		f := kg.StepFilter{Direction: []kg.Direction{kg.Out, kg.In, kg.Both, kg.Both}[r.IntN(4)]}
		if r.IntN(3) == 0 {
			f.Types = []kg.RelationType{kg.FactTypes[r.IntN(len(kg.FactTypes))], kg.FactTypes[r.IntN(len(kg.FactTypes))], kg.MemberOf, kg.LocatedIn}
		}
		if r.IntN(4) == 0 {
			f.Statuses = []kg.Status{kg.StatusActual, kg.Status([]string{"planned", "proposed", "expected"}[r.IntN(3)])}
		}
		if r.IntN(5) == 0 {
			f.Stated.Since = fmt.Sprintf("%d-06-30", 2016+r.IntN(2)) // windows are days
		}
		if r.IntN(4) == 0 {
			f.Valid = kg.Window{Since: fmt.Sprintf("%d-01-01", 2015+r.IntN(10)), Until: []string{"", "2030-12-31"}[r.IntN(2)]}
		}
		if r.IntN(4) == 0 {
			f.Stated.Until = fmt.Sprintf("%d-%02d-15", 2018+r.IntN(8), 1+r.IntN(12))
		}
		return f
	}

	// found counts the queries with a non-empty answer: a test of empty
	// answers would prove little.
	found := map[string]int{}
	for i := range 40 {
		q := kg.PathQuery{From: pick(), To: pick(), MaxHops: 2 + r.IntN(3), Filter: filter(), Limit: 1 + r.IntN(6)}
		list, err := store.Paths(trips(t, 1), q)
		if err != nil {
			t.Fatal(err)
		}
		want := sc.routes(q.From, q.To, q.MaxHops, q.Filter)
		if len(want) > 1 {
			found["paths"]++
		}
		t.Run(fmt.Sprintf("paths %d", i), func(t *testing.T) { sc.checkRoutes(t, list, want[:min(len(want), q.Limit)], q) })
	}
	for range 40 {
		q := kg.NeighborhoodQuery{IDs: []string{pick(), pick()}, Hops: r.IntN(3), Filter: filter(), Limit: 1 + r.IntN(60)}
		got, err := store.Neighborhood(trips(t, 1), q)
		if err != nil {
			t.Fatal(err)
		}
		nodes, edges, truncated := sc.neighborhood(q)
		if len(edges) > 0 {
			found["neighbourhoods"]++
		}
		if !slices.Equal(entityIDs(got.Nodes), nodes) || !slices.Equal(viewIDs(got.Edges), edges) || got.Truncated != truncated {
			t.Errorf("neighbourhood %+v:\n nodes %v\n want  %v\n edges %v\n want  %v\n truncated %v, want %v", q, entityIDs(got.Nodes), nodes, viewIDs(got.Edges), edges, got.Truncated, truncated)
		}
	}
	for range 40 {
		q := kg.ExpandQuery{IDs: []string{pick()}, Known: []string{pick(), pick(), pick()}, Filter: filter(), Limit: 1 + r.IntN(20)}
		got, err := store.Expand(trips(t, 1), q)
		if err != nil {
			t.Fatal(err)
		}
		want := sc.expand(q)
		if len(want.Edges) > 0 {
			found["expansions"]++
		}
		if !slices.EqualFunc(got.Nodes, want.Nodes, sameDrawn) || !slices.EqualFunc(got.Expanded, want.Expanded, sameDrawn) ||
			!slices.Equal(viewIDs(got.Edges), viewIDs(want.Edges)) || got.Truncated != want.Truncated {
			t.Errorf("expand %+v:\n %s\n want %s", q, drawing(got), drawing(want))
		}
	}
	for range 40 {
		// B two steps from A, mostly, so that they share neighbours.
		a, b := pick(), pick()
		if hop := sc.others(a, both); len(hop) > 0 {
			if hop2 := sc.others(hop[r.IntN(len(hop))], both); len(hop2) > 0 {
				b = hop2[r.IntN(len(hop2))]
			}
		}
		q := kg.CommonNeighborsQuery{A: a, B: b, Filter: filter(), First: 1 + r.IntN(5)}
		got, err := store.CommonNeighbors(trips(t, 1), q)
		if err != nil {
			t.Fatal(err)
		}
		want := sc.common(q)
		if len(want) > 0 {
			found["common neighbours"]++
		}
		if !slices.Equal(entityIDs(got.Nodes), want[:min(len(want), q.First)]) || got.Truncated != (len(want) > q.First) {
			t.Errorf("common %+v: %v (truncated %v), want %v", q, entityIDs(got.Nodes), got.Truncated, want)
		}
	}
	for range 40 {
		id, f := pick(), filter()
		sel := &kg.EntitySel{Kids: []*kg.ChildSel{
			{Kind: kg.ChildRelations, Filter: kg.RelationFilter{StepFilter: f, Page: kg.Page{First: 1 + r.IntN(10)}}, Count: true},
			{Kind: kg.ChildNeighbors, Filter: kg.RelationFilter{StepFilter: f, Page: kg.Page{First: 1 + r.IntN(10)}}, Count: true},
		}}
		nodes, err := store.Nodes(trips(t, 1), []string{id}, sel, nil)
		if err != nil {
			t.Fatal(err)
		}
		rels, neighbors := nodes[0].Entity.Kids[0].(*kg.RelationPage), nodes[0].Entity.Kids[1].(*kg.EntityPage)
		want, wantNeighbors := sc.touching(id, f), sc.others(id, f)
		first, firstNeighbors := sel.Kids[0].Filter.First, sel.Kids[1].Filter.First
		var gotNeighbors []string
		for _, e := range neighbors.Edges {
			gotNeighbors = append(gotNeighbors, e.Node.ID)
		}
		if !slices.Equal(relationIDs(rels.Edges), want[:min(first, len(want))]) || rels.TotalCount != len(want) || rels.HasNextPage != (len(want) > first) ||
			!slices.Equal(gotNeighbors, wantNeighbors[:min(firstNeighbors, len(wantNeighbors))]) || neighbors.TotalCount != len(wantNeighbors) {
			t.Errorf("pages of %s under %+v: %v %v, want %v %v", id, f, relationIDs(rels.Edges), gotNeighbors, want, wantNeighbors)
		}
		for _, e := range rels.Edges {
			rel := sc.rel[e.Relation.ID]
			if want := other(rel, id); e.Node.ID != want || (e.Direction == kg.Out) != (rel.From == id) {
				t.Errorf("%s seen from %s: %+v", rel.ID, id, e)
			}
		}
	}
	var docs []string
	for _, e := range g.Entities {
		if e.Kind == kg.KindDocument {
			docs = append(docs, e.ID)
		}
	}
	for range 40 {
		f := kg.RelationFilter{StepFilter: filter(), Page: kg.Page{First: 1 + r.IntN(8)}}
		switch r.IntN(4) {
		case 0:
			f.From = pick()
		case 1:
			f.To = pick()
		case 2:
			f.Document = docs[r.IntN(len(docs))]
		}
		page, err := store.FindRelations(trips(t, 1), f, true, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := sc.relations(func(rel *kg.Relation) bool {
			return f.AdmitsFact(rel) && f.AdmitsDocument(rel) && (f.From == "" || rel.From == f.From) && (f.To == "" || rel.To == f.To)
		})
		if !slices.Equal(relationIDs(page.Edges), want[:min(len(want), f.First)]) || page.TotalCount != len(want) || page.HasNextPage != (len(want) > f.First) {
			t.Errorf("relations %+v: %v (total %d, next %v), want %d: %v", f, relationIDs(page.Edges), page.TotalCount, page.HasNextPage, len(want), want[:min(len(want), f.First+1)])
		}
	}
	for range 5 {
		q := kg.StatsQuery{Filter: filter(), Top: 5}
		q.Filter.Types = nil
		st, err := store.Stats(trips(t, 1), q)
		if err != nil {
			t.Fatal(err)
		}
		want := sc.stats(q)
		if st.Relations != want.Relations || !mapsEqual(st.ByType, want.ByType) || !slices.Equal(degrees(st.MostConnected), degrees(want.MostConnected)) {
			t.Errorf("stats %+v: %d %v %v, want %d %v %v", q.Filter, st.Relations, st.ByType, degrees(st.MostConnected), want.Relations, want.ByType, degrees(want.MostConnected))
		}
	}
	for range 30 {
		e := sc.ent[pick()]
		text := e.Name
		if terms := kg.SearchTerms(text); len(terms) > 1 {
			text = terms[r.IntN(len(terms))] + " " + terms[0][:max(2, len(terms[0])-1)]
		}
		q := kg.SearchQuery{Text: text, Relations: r.IntN(2) == 0, First: 10}
		hits, err := store.Search(trips(t, 1), q)
		if err != nil {
			t.Fatal(err)
		}
		got, want := hitIDs(hits), hitIDs(sc.search(q))
		if len(want) > 0 {
			found["searches"]++
		}
		if !slices.Equal(got, want) {
			t.Errorf("search %q (relations %v) = %v, want %v", q.Text, q.Relations, got, want)
		}
	}
	for _, what := range []string{"paths", "neighbourhoods", "expansions", "common neighbours", "searches"} {
		if found[what] < 5 {
			t.Errorf("only %d %s found something: the test proves little", found[what], what)
		}
	}
}
