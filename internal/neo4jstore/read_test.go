package neo4jstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jstore"
	"github.com/kgql/kgql/internal/neo4jtest"
)

// The reads are checked on the seed against answers computed here by
// scanning the graph the loader wrote (kg's own predicates, and a
// depth-first enumeration of routes), each call in exactly the round
// trips the contract allows. internal/storetest holds both stores to a
// brute-force reference on more graphs; these are the Neo4j store's own
// checks, the plan of a page among them.

// seeded loads the seed into an empty database once for the subtests.
func seeded(t *testing.T) (*neo4jstore.Store, *scan) {
	t.Helper()
	store, g := neo4jtest.Open(t), readSeed(t)
	if _, err := store.Load(context.Background(), g, nil); err != nil {
		t.Fatal(err)
	}
	return store, newScan(g)
}

// trips returns a context that counts round trips and, when the test
// ends, fails it unless exactly want were made with it.
func trips(t *testing.T, want int64) context.Context {
	t.Helper()
	ctx, n := kg.WithRoundTrips(context.Background())
	t.Cleanup(func() {
		if got := n.Load(); got != want {
			t.Errorf("%d round trips, want %d", got, want)
		}
	})
	return ctx
}

var both = kg.StepFilter{Direction: kg.Both}

func TestReadsOnTheSeed(t *testing.T) {
	store, sc := seeded(t)

	t.Run("who chairs the PTA, with evidence", func(t *testing.T) {
		f := kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Out, Types: []kg.RelationType{kg.HoldsPosition}}, To: "org/pta", Page: kg.Page{First: 10}}
		sel := &kg.RelationSel{Fields: kg.RRole, Evidence: &kg.EvidenceSel{Document: &kg.EntitySel{Fields: kg.ETitle}}, From: &kg.EntitySel{Fields: kg.EName}}
		page, err := store.FindRelations(trips(t, 1), f, true, sel, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := sc.relations(func(r *kg.Relation) bool { return r.To == "org/pta" && f.AdmitsFact(r) })
		if got := relationIDs(page.Edges); !slices.Equal(got, want) || page.TotalCount != len(want) || !page.Counted {
			t.Fatalf("relations = %v (total %d), want %v", got, page.TotalCount, want)
		}
		chair := 0
		for _, e := range page.Edges {
			r := sc.rel[e.Relation.ID]
			if e.Relation.Role != r.Role || e.Relation.From.Name != sc.ent[r.From].Name || e.Node.ID != "org/pta" || e.Node.Name != "" {
				t.Errorf("%s: role %q, from %+v, node %+v", r.ID, e.Relation.Role, e.Relation.From.Entity, e.Node.Entity)
			}
			if r.Role == "Chairman" {
				chair++
			}
			if len(e.Relation.Statements) != len(r.Evidence) || len(r.Evidence) == 0 {
				t.Fatalf("%s: %d statements, want %d", r.ID, len(e.Relation.Statements), len(r.Evidence))
			}
			for i, st := range e.Relation.Statements {
				if st.Evidence != r.Evidence[i] || st.Document.Title != sc.ent[st.DocumentID].Title || st.Document.Title == "" {
					t.Errorf("%s: statement %+v (document %+v), want %+v", r.ID, st.Evidence, st.Document.Entity, r.Evidence[i])
				}
			}
		}
		if chair != 1 {
			t.Errorf("%d chairmen of the PTA, want 1", chair)
		}
	})

	t.Run("routes from Kazakhstan to the OIC are distinct, parallel relations on one step", func(t *testing.T) {
		q := kg.PathQuery{From: "country/kazakhstan", To: "org/oic", MaxHops: 4, Filter: both, Limit: kg.MaxPaths,
			Nodes: &kg.EntitySel{Fields: kg.EName}, Steps: &kg.RelationSel{Fields: kg.RStatus}}
		list, err := store.Paths(trips(t, 1), q)
		if err != nil {
			t.Fatal(err)
		}
		want := sc.routes(q.From, q.To, q.MaxHops, q.Filter)
		want = want[:min(len(want), q.Limit)]
		if len(want) < 2 {
			t.Fatalf("the seed has %d routes: the test needs more", len(want))
		}
		sc.checkRoutes(t, list, want, q)
		// The Kazakhstan–Pakistan step carries every relation between
		// them (checkRoutes compared them): several, on one step.
		first := list.Paths[0]
		if first.Nodes[1].ID != "country/pakistan" || len(first.Steps[0].Relations) < 2 {
			t.Errorf("the first route does not go through Pakistan on a step of parallel relations: %v", entityIDs(first.Nodes))
		}
		if list.Truncated {
			t.Error("truncated")
		}

		q.Limit = 1
		shortest, err := store.Paths(trips(t, 1), q)
		if err != nil {
			t.Fatal(err)
		}
		sc.checkRoutes(t, shortest, want[:1], q)
	})

	t.Run("a status filter keeps routes off proposed facts", func(t *testing.T) {
		q := kg.PathQuery{From: "country/kazakhstan", To: "org/oic", MaxHops: 5, Filter: both, Limit: 3, Steps: &kg.RelationSel{Fields: kg.RStatus}}
		all := sc.routes(q.From, q.To, q.MaxHops, q.Filter)
		q.Filter.Statuses = []kg.Status{kg.StatusActual, kg.StatusPlanned}
		want := sc.routes(q.From, q.To, q.MaxHops, q.Filter)
		if len(want) > 0 && slices.Equal(all[0], want[0]) {
			t.Fatal("the shortest route uses no proposed fact: the test cannot fail")
		}
		list, err := store.Paths(trips(t, 1), q)
		if err != nil {
			t.Fatal(err)
		}
		sc.checkRoutes(t, list, want[:min(len(want), q.Limit)], q)
		for _, p := range list.Paths {
			for _, st := range p.Steps {
				for _, r := range st.Relations {
					if r.Status == kg.StatusProposed {
						t.Errorf("route through proposed %s", r.ID)
					}
				}
			}
		}
	})

	t.Run("a route to itself has no step; unknown ends are not found", func(t *testing.T) {
		list, err := store.Paths(trips(t, 1), kg.PathQuery{From: "org/pta", To: "org/pta", MaxHops: 2, Filter: both, Limit: 3})
		if err != nil || len(list.Paths) != 1 || len(list.Paths[0].Nodes) != 1 || len(list.Paths[0].Steps) != 0 {
			t.Errorf("paths(pta, pta) = %+v, %v", list, err)
		}
		_, err = store.Paths(trips(t, 1), kg.PathQuery{From: "org/pta", To: "org/nobody", MaxHops: 2, Filter: both, Limit: 1})
		if kg.ErrorCode(err) != kg.ENOTFOUND || !strings.Contains(err.Error(), "org/nobody") {
			t.Errorf("err = %v, want ENOTFOUND naming org/nobody", err)
		}
	})

	t.Run("the neighbourhood holds the relations between neighbours", func(t *testing.T) {
		for _, hops := range []int{0, 1, 2} {
			degree := &kg.ChildSel{Filter: kg.RelationFilter{StepFilter: both}, Count: true}
			q := kg.NeighborhoodQuery{IDs: []string{"country/kazakhstan", "org/pta", "country/kazakhstan"}, Hops: hops, Filter: both, Limit: 30,
				Nodes: &kg.EntitySel{Fields: kg.EName, Kids: []*kg.ChildSel{degree}}, Edges: &kg.RelationSel{Fields: kg.RRole}}
			g, err := store.Neighborhood(trips(t, 1), q)
			if err != nil {
				t.Fatal(err)
			}
			nodes, edges, truncated := sc.neighborhood(q)
			if got := entityIDs(g.Nodes); !slices.Equal(got, nodes) {
				t.Errorf("hops %d: nodes %v, want %v", hops, got, nodes)
			}
			if got := viewIDs(g.Edges); !slices.Equal(got, edges) {
				t.Errorf("hops %d: edges %v, want %v", hops, got, edges)
			}
			if g.Truncated != truncated {
				t.Errorf("hops %d: truncated %v, want %v", hops, g.Truncated, truncated)
			}
			for _, n := range g.Nodes {
				if d := n.Kids[0].(*kg.RelationPage).TotalCount; d != len(sc.touching(n.ID, both)) || n.Name != sc.ent[n.ID].Name {
					t.Errorf("%s: name %q, degree %d", n.ID, n.Name, d)
				}
			}
			between := 0
			for _, e := range g.Edges {
				if ends := []string{e.Relation.From, e.Relation.To}; !slices.Contains(ends, "country/kazakhstan") && !slices.Contains(ends, "org/pta") {
					between++
				}
				if e.Role != sc.rel[e.ID].Role {
					t.Errorf("%s: role %q", e.ID, e.Role)
				}
			}
			if hops == 1 && between == 0 {
				t.Error("no relation between two neighbours: the test cannot fail")
			}
		}
		_, err := store.Neighborhood(trips(t, 1), kg.NeighborhoodQuery{IDs: []string{"org/pta", "org/nobody"}, Hops: 1, Filter: both, Limit: 10})
		if kg.ErrorCode(err) != kg.ENOTFOUND {
			t.Errorf("unknown centre: err = %v, want ENOTFOUND", err)
		}
	})

	t.Run("the limit cuts a neighbourhood", func(t *testing.T) {
		q := kg.NeighborhoodQuery{IDs: []string{"country/pakistan"}, Hops: 2, Filter: both, Limit: 7}
		g, err := store.Neighborhood(trips(t, 1), q)
		if err != nil {
			t.Fatal(err)
		}
		nodes, edges, truncated := sc.neighborhood(q)
		if !truncated {
			t.Fatal("the limit cuts nothing: the test cannot fail")
		}
		if got := entityIDs(g.Nodes); !slices.Equal(got, nodes) || !slices.Equal(viewIDs(g.Edges), edges) || !g.Truncated {
			t.Errorf("nodes %v, edges %v, truncated %v; want %v, %v, true", got, viewIDs(g.Edges), g.Truncated, nodes, edges)
		}
	})

	t.Run("names resolve by their keys", func(t *testing.T) {
		names := []string{"PTA", "hafeez ur-rehman", "KAZAKHSTAN", "Rehman", "no one at all", "!!"}
		got, err := store.ResolveNames(trips(t, 1), names)
		if err != nil {
			t.Fatal(err)
		}
		for i, name := range names {
			want := sc.named(name)
			var ids []string
			for _, m := range got[i] {
				ids = append(ids, m.ID)
				if m.Name != sc.ent[m.ID].Name || m.Kind != sc.ent[m.ID].Kind {
					t.Errorf("%q: match %+v", name, m)
				}
			}
			if !slices.Equal(ids, want) {
				t.Errorf("%q names %v, want %v", name, ids, want)
			}
		}
		if len(got[0]) != 1 || len(got[1]) != 1 {
			t.Error("PTA and Hafeez Ur Rehman each name one entity")
		}
	})

	t.Run("time and status filters", func(t *testing.T) {
		filters := map[string]kg.StepFilter{
			"stated in 2026":        {Direction: kg.Both, Stated: kg.Window{Since: "2026-01-01", Until: "2026-12-31"}},
			"stated up to 2025":     {Direction: kg.Both, Stated: kg.Window{Until: "2025-12-31"}},
			"valid in 1992":         {Direction: kg.Both, Valid: kg.Window{Since: "1992-01-01", Until: "1992-12-31"}},
			"valid from 2026-02-04": {Direction: kg.Both, Valid: kg.Window{Since: "2026-02-04"}},
			"stated as done":        {Direction: kg.Both, Statuses: []kg.Status{kg.StatusActual}},
			"not proposed":          {Direction: kg.Both, Statuses: []kg.Status{kg.StatusActual, kg.StatusPlanned, kg.StatusExpected}},
			"planned, outwards":     {Direction: kg.Out, Statuses: []kg.Status{kg.StatusPlanned}},
		}
		for name, f := range filters {
			for _, id := range []string{"country/pakistan", "person/kassym-jomart-tokayev", "person/hafeez-ur-rehman"} {
				want := sc.relations(func(r *kg.Relation) bool { return (r.From == id || r.To == id) && f.Admits(r, id) })
				all := sc.relations(func(r *kg.Relation) bool { return (r.From == id || r.To == id) && both.Admits(r, id) })
				sel := &kg.EntitySel{Kids: []*kg.ChildSel{{Kind: kg.ChildRelations, Filter: kg.RelationFilter{StepFilter: f, Page: kg.Page{First: kg.MaxFirst}}, Count: true}}}
				nodes, err := store.Nodes(trips(t, 1), []string{id}, sel, nil)
				if err != nil {
					t.Fatal(err)
				}
				page := nodes[0].Entity.Kids[0].(*kg.RelationPage)
				if got := relationIDs(page.Edges); !slices.Equal(got, want) || page.TotalCount != len(want) {
					t.Errorf("%s, %s: %v (total %d), want %v", name, id, got, page.TotalCount, want)
				}
				if id == "country/pakistan" && len(want) == len(all) {
					t.Errorf("%s excludes none of Pakistan's relations: the test cannot fail", name)
				}
			}
		}
	})

	t.Run("a deep selection is one round trip", func(t *testing.T) {
		doc := &kg.EntitySel{Fields: kg.ETitle}
		inner := &kg.ChildSel{Kind: kg.ChildRelations, Filter: kg.RelationFilter{StepFilter: both, Page: kg.Page{First: 3}}, Count: true,
			Relation: &kg.RelationSel{Fields: kg.RRole, Evidence: &kg.EvidenceSel{Document: doc}}, Node: &kg.EntitySel{Fields: kg.EName}}
		sel := &kg.EntitySel{Fields: kg.EName, Kids: []*kg.ChildSel{{Kind: kg.ChildRelations, Filter: kg.RelationFilter{StepFilter: both, Page: kg.Page{First: 5}},
			Relation: &kg.RelationSel{Evidence: &kg.EvidenceSel{Document: doc}}, Node: &kg.EntitySel{Fields: kg.EName, Kids: []*kg.ChildSel{inner}}}}}
		nodes, err := store.Nodes(trips(t, 1), []string{"person/hafeez-ur-rehman"}, sel, nil)
		if err != nil {
			t.Fatal(err)
		}
		outer := nodes[0].Entity.Kids[0].(*kg.RelationPage)
		want := sc.touching("person/hafeez-ur-rehman", both)
		if got := relationIDs(outer.Edges); !slices.Equal(got, want[:min(5, len(want))]) || outer.HasNextPage != (len(want) > 5) {
			t.Fatalf("relations %v (next %v), want the first 5 of %v", got, outer.HasNextPage, want)
		}
		for _, e := range outer.Edges {
			other := e.Node.ID
			if e.Node.Name != sc.ent[other].Name {
				t.Errorf("node %s named %q", other, e.Node.Name)
			}
			for _, st := range e.Relation.Statements {
				if st.Document.Title != sc.ent[st.DocumentID].Title {
					t.Errorf("%s: document %+v", e.Relation.ID, st.Document.Entity)
				}
			}
			page := e.Node.Kids[0].(*kg.RelationPage)
			want := sc.touching(other, both)
			if got := relationIDs(page.Edges); !slices.Equal(got, want[:min(3, len(want))]) || page.TotalCount != len(want) {
				t.Errorf("%s: relations %v (total %d), want the first 3 of %v", other, got, page.TotalCount, want)
			}
			for _, e2 := range page.Edges {
				r := sc.rel[e2.Relation.ID]
				if e2.Relation.Role != r.Role || e2.Node.Name != sc.ent[e2.Node.ID].Name || len(e2.Relation.Statements) != len(r.Evidence) {
					t.Errorf("%s: %+v", r.ID, e2)
				}
				for _, st := range e2.Relation.Statements {
					if st.Document == nil || st.Document.Title != sc.ent[st.DocumentID].Title {
						t.Errorf("%s: statement's document %+v", r.ID, st.Document)
					}
				}
			}
		}
	})

	t.Run("pages of relations and neighbours follow their cursors", func(t *testing.T) {
		id := "country/pakistan"
		want := sc.touching(id, both)
		wantNeighbors := sc.others(id, both)
		var got, gotNeighbors []string
		after, afterNeighbor := "", ""
		relsDone, neighborsDone := false, false
		for range 20 {
			sel := &kg.EntitySel{Kids: []*kg.ChildSel{
				{Kind: kg.ChildRelations, Filter: kg.RelationFilter{StepFilter: both, Page: kg.Page{First: 4, After: after}}},
				{Kind: kg.ChildNeighbors, Kinds: []kg.Kind{kg.KindCountry}, Filter: kg.RelationFilter{StepFilter: both, Page: kg.Page{First: 3, After: afterNeighbor}}, Count: true},
				{Kind: kg.ChildNeighbors, Kinds: []kg.Kind{kg.KindPerson}, Filter: kg.RelationFilter{StepFilter: both, Page: kg.Page{First: 3}}},
				{Kind: kg.ChildRelations, Filter: kg.RelationFilter{StepFilter: both}, Count: true}, // a degree
			}}
			nodes, err := store.Nodes(trips(t, 1), []string{id}, sel, nil)
			if err != nil {
				t.Fatal(err)
			}
			kids := nodes[0].Entity.Kids
			rels, neighbors := kids[0].(*kg.RelationPage), kids[1].(*kg.EntityPage)
			if kids[2] != nil {
				t.Error("a child for persons was read for a country")
			}
			if degree := kids[3].(*kg.RelationPage); degree.TotalCount != len(want) || len(degree.Edges) != 0 || !degree.HasNextPage {
				t.Errorf("degree page %+v, want a total of %d", degree, len(want))
			}
			if neighbors.TotalCount != len(wantNeighbors) {
				t.Errorf("%d neighbours counted, want %d", neighbors.TotalCount, len(wantNeighbors))
			}
			if !relsDone {
				got = append(got, relationIDs(rels.Edges)...)
			}
			if !neighborsDone {
				for _, e := range neighbors.Edges {
					gotNeighbors = append(gotNeighbors, e.Node.ID)
				}
			}
			relsDone, neighborsDone = relsDone || !rels.HasNextPage, neighborsDone || !neighbors.HasNextPage
			if relsDone && neighborsDone {
				break
			}
			if !relsDone {
				after = rels.Edges[len(rels.Edges)-1].Cursor
			}
			if !neighborsDone {
				afterNeighbor = neighbors.Edges[len(neighbors.Edges)-1].Cursor
			}
		}
		if !slices.Equal(got, want) || !slices.Equal(gotNeighbors, wantNeighbors) {
			t.Errorf("paged relations %v\nwant %v\npaged neighbours %v\nwant %v", got, want, gotNeighbors, wantNeighbors)
		}
		_, err := store.Nodes(trips(t, 0), []string{id}, &kg.EntitySel{Kids: []*kg.ChildSel{{Filter: kg.RelationFilter{StepFilter: both, Page: kg.Page{First: 1, After: "nonsense"}}}}}, nil)
		if kg.ErrorCode(err) != kg.EINVALID {
			t.Errorf("a malformed cursor: err = %v, want EINVALID", err)
		}
	})

	t.Run("pages of entities", func(t *testing.T) {
		for _, f := range []kg.EntityFilter{
			{OrderBy: kg.OrderByName},
			{OrderBy: kg.OrderByID},
			{Kinds: []kg.Kind{kg.KindPerson}, OrderBy: kg.OrderByName},
			{Kinds: []kg.Kind{kg.KindPerson, kg.KindCountry, kg.KindRegion}, OrderBy: kg.OrderByID},
			{Kinds: []kg.Kind{kg.KindOrganization, kg.KindCountry, kg.KindOrganization}, OrderBy: kg.OrderByName},
			{NameContains: "pak", OrderBy: kg.OrderByName},
		} {
			want := sc.entities(f)
			var got []string
			f.First = 4
			for range 20 {
				page, err := store.FindEntities(trips(t, 1), f, true, &kg.EntitySel{Fields: kg.EAliases})
				if err != nil {
					t.Fatal(err)
				}
				if page.TotalCount != len(want) {
					t.Errorf("%+v: total %d, want %d", f, page.TotalCount, len(want))
				}
				for _, e := range page.Edges {
					got = append(got, e.Node.ID)
					if e.Node.Name != "" || !slices.Equal(e.Node.Aliases, sc.ent[e.Node.ID].Aliases) {
						t.Errorf("%s read as %+v", e.Node.ID, e.Node.Entity)
					}
				}
				if !page.HasNextPage {
					break
				}
				f.After = page.Edges[len(page.Edges)-1].Cursor
			}
			if !slices.Equal(got, want) {
				t.Errorf("%+v: paged %v\nwant %v", f, got, want)
			}
		}
		_, err := store.FindEntities(trips(t, 0), kg.EntityFilter{OrderBy: kg.OrderByID, Page: kg.Page{First: 2, After: kg.EncodeCursor("a", "b")}}, false, nil)
		if kg.ErrorCode(err) != kg.EINVALID {
			t.Errorf("a cursor of another order: err = %v, want EINVALID", err)
		}
	})

	t.Run("relations of a document, and of the graph", func(t *testing.T) {
		doc := "doc/2024-12-17-oic-cybersecurity-centre-of-excellence"
		for _, f := range []kg.RelationFilter{
			{StepFilter: both, Document: doc},
			{StepFilter: kg.StepFilter{Direction: kg.Both, Types: []kg.RelationType{kg.Mentions}}, Document: doc},
			{StepFilter: both},
			{StepFilter: kg.StepFilter{Direction: kg.Both, Statuses: []kg.Status{kg.StatusProposed}}},
			{StepFilter: both, From: "country/pakistan", To: "country/kazakhstan"},
		} {
			want := sc.relations(func(r *kg.Relation) bool {
				return f.AdmitsFact(r) && f.AdmitsDocument(r) && (f.From == "" || r.From == f.From) && (f.To == "" || r.To == f.To)
			})
			var got []string
			f.First = 7
			for range 30 {
				page, err := store.FindRelations(trips(t, 1), f, true, nil, &kg.EntitySel{Fields: kg.EName})
				if err != nil {
					t.Fatal(err)
				}
				if page.TotalCount != len(want) {
					t.Errorf("%+v: total %d, want %d", f, page.TotalCount, len(want))
				}
				for _, e := range page.Edges {
					got = append(got, e.Relation.ID)
					if to := e.Relation.Relation.To; e.Node.ID != to || e.Node.Name != sc.ent[to].Name || e.Direction != kg.Out {
						t.Errorf("%s: edge %+v", e.Relation.ID, e)
					}
				}
				if !page.HasNextPage {
					break
				}
				f.After = page.Edges[len(page.Edges)-1].Cursor
			}
			if !slices.Equal(got, want) || len(want) == 0 {
				t.Errorf("%+v: paged %v\nwant %v", f, got, want)
			}
		}
	})

	t.Run("search ranks what the indexes find", func(t *testing.T) {
		for _, text := range []string{"kazakstan", "PTA", "Hafeez Rehman", "chairman", "cybersecurity centre", "telecom regulator", "onion"} {
			q := kg.SearchQuery{Text: text, Relations: true, First: 10, Entity: &kg.EntitySel{Fields: kg.EName}, Relation: &kg.RelationSel{Fields: kg.RNote}}
			hits, err := store.Search(trips(t, 1), q)
			if err != nil {
				t.Fatal(err)
			}
			want := sc.search(q)
			if got := hitIDs(hits); !slices.Equal(got, hitIDs(want)) {
				t.Errorf("search %q = %v, want %v", text, got, hitIDs(want))
			}
			for i, h := range hits {
				if i < len(want) && (h.Score != want[i].Score || h.Field != want[i].Field || h.Matched != want[i].Matched) {
					t.Errorf("search %q, hit %d: %v %s %q, want %v %s %q", text, i, h.Score, h.Field, h.Matched, want[i].Score, want[i].Field, want[i].Matched)
				}
				if h.Entity != nil && h.Entity.Name != sc.ent[h.Entity.ID].Name {
					t.Errorf("search %q: %+v", text, h.Entity.Entity)
				}
			}
		}
		// Nested pages of the hits: projected for the kept hits only, by a
		// second statement.
		q := kg.SearchQuery{Text: "Rehman", First: 3, Entity: &kg.EntitySel{Kids: []*kg.ChildSel{{Filter: kg.RelationFilter{StepFilter: both}, Count: true}}}}
		hits, err := store.Search(trips(t, 2), q)
		if err != nil || len(hits) == 0 {
			t.Fatalf("search %q = %v, %v", q.Text, hits, err)
		}
		if degree := hits[0].Entity.Kids[0].(*kg.RelationPage).TotalCount; degree != len(sc.touching(hits[0].Entity.ID, both)) {
			t.Errorf("degree of %s = %d", hits[0].Entity.ID, degree)
		}
	})

	t.Run("common neighbours and expansions", func(t *testing.T) {
		q := kg.CommonNeighborsQuery{A: "country/kazakhstan", B: "country/pakistan", Filter: both, First: 3, Nodes: &kg.EntitySel{Fields: kg.EName}}
		got, err := store.CommonNeighbors(trips(t, 1), q)
		if err != nil {
			t.Fatal(err)
		}
		want := sc.common(q)
		if ids := entityIDs(got.Nodes); !slices.Equal(ids, want[:min(len(want), 3)]) || got.Truncated != (len(want) > 3) {
			t.Errorf("common = %v (truncated %v), want %v", ids, got.Truncated, want)
		}
		if _, err := store.CommonNeighbors(trips(t, 1), kg.CommonNeighborsQuery{A: "country/nowhere", B: "country/pakistan", Filter: both, First: 3}); kg.ErrorCode(err) != kg.ENOTFOUND {
			t.Errorf("unknown A: err = %v, want ENOTFOUND", err)
		}

		x := kg.ExpandQuery{IDs: []string{"country/kazakhstan", "org/pta"}, Known: []string{"country/pakistan", "person/murat-nurtleu", "org/not-loaded"}, Filter: both, Limit: 4}
		exp, err := store.Expand(trips(t, 1), x)
		if err != nil {
			t.Fatal(err)
		}
		wantX := sc.expand(x)
		if !slices.EqualFunc(exp.Nodes, wantX.Nodes, sameDrawn) || !slices.EqualFunc(exp.Expanded, wantX.Expanded, sameDrawn) ||
			!slices.Equal(viewIDs(exp.Edges), viewIDs(wantX.Edges)) || exp.Truncated != wantX.Truncated {
			t.Errorf("expand = %s\nwant %s", drawing(exp), drawing(wantX))
		}
		if !exp.Truncated {
			t.Error("the limit cut nothing: the test does not check it")
		}
	})

	t.Run("stats", func(t *testing.T) {
		for _, f := range []kg.StepFilter{both, {Direction: kg.Both, Valid: kg.Window{Since: "2025-01-01"}, Statuses: []kg.Status{kg.StatusActual}}} {
			q := kg.StatsQuery{Filter: f, Top: 4, Nodes: &kg.EntitySel{Fields: kg.EName}}
			st, err := store.Stats(trips(t, 1), q)
			if err != nil {
				t.Fatal(err)
			}
			want := sc.stats(q)
			if st.Entities != want.Entities || st.Relations != want.Relations || !mapsEqual(st.ByKind, want.ByKind) || !mapsEqual(st.ByType, want.ByType) {
				t.Errorf("stats %+v\nwant %+v", st, want)
			}
			if !slices.EqualFunc(st.MostConnected, want.MostConnected, func(a, b kg.EntityDegree) bool {
				return a.Node.ID == b.Node.ID && a.Degree == b.Degree && a.Node.Name == sc.ent[a.Node.ID].Name
			}) {
				t.Errorf("most connected %v, want %v", degrees(st.MostConnected), degrees(want.MostConnected))
			}
		}
	})

	t.Run("nodes by id", func(t *testing.T) {
		ids := []string{"org/pta", "person/hafeez-ur-rehman>HOLDS_POSITION>org/pta", "org/nobody", "a>NOT_A_TYPE>b", "org/pta", "country/pakistan>EXPORTS>commodity/soap#country/kazakhstan"}
		got, err := store.Nodes(trips(t, 1), ids, &kg.EntitySel{Fields: kg.EAllFields &^ kg.EText}, &kg.RelationSel{Fields: kg.RAllFields, Counterpart: &kg.EntitySel{Fields: kg.EName}})
		if err != nil {
			t.Fatal(err)
		}
		for i, id := range ids {
			e, r := sc.ent[id], sc.rel[id]
			switch {
			case e != nil:
				want := (kg.EAllFields &^ kg.EText).Mask(e)
				if got[i].Entity == nil || !sameEntity(got[i].Entity.Entity, want) || got[i].Relation != nil {
					t.Errorf("%s: %+v, want %+v", id, got[i].Entity, want)
				}
			case r != nil:
				want := kg.RAllFields.Mask(r)
				if got[i].Relation == nil || !sameRelation(got[i].Relation.Relation, want) || got[i].Entity != nil {
					t.Errorf("%s: %+v, want %+v", id, got[i].Relation, want)
				}
				if cp := got[i].Relation.Counterpart; r.Counterpart != "" && (cp == nil || cp.ID != r.Counterpart || cp.Name != sc.ent[r.Counterpart].Name) {
					t.Errorf("%s: counterpart %+v", id, cp)
				}
			default:
				if got[i].Entity != nil || got[i].Relation != nil {
					t.Errorf("%s names nothing, read %+v", id, got[i])
				}
			}
		}
	})
}
