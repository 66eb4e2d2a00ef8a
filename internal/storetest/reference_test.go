package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/seedfile"
)

// tinyGraph is small enough to answer by hand:
//
//	a → b → d → e      a → c ⇉ d   (c → d twice: COOPERATES_WITH and MET_WITH)
//	b → c              a → e       (PROPOSED, status proposed)
//
// b → d is valid in 2020–2021 only; c → d MET_WITH was stated in May
// 2019, the rest on 2024-01-01. Twelve people are named Same. A document
// states it all.
func tinyGraph() *kg.Graph {
	const doc = "doc/d"
	g := &kg.Graph{Entities: []*kg.Entity{
		{ID: doc, Kind: kg.KindDocument, Name: "The document"},
		{ID: "org/a", Kind: kg.KindOrganization, Name: "Alpha Org"},
		{ID: "org/b", Kind: kg.KindOrganization, Name: "Beta"},
		{ID: "org/c", Kind: kg.KindOrganization, Name: "Gamma", Aliases: []string{"Alpho"}},
		{ID: "org/d", Kind: kg.KindOrganization, Name: "Delta"},
		{ID: "country/e", Kind: kg.KindCountry, Name: "Epsilon", Description: "Where alpha particles come from."},
	}}
	for i := range 12 {
		g.Entities = append(g.Entities, &kg.Entity{ID: fmt.Sprintf("person/same-%02d", i), Kind: kg.KindPerson, Name: "Same"})
	}
	rel := func(from string, t kg.RelationType, to, excerpt, date string) *kg.Relation {
		r := &kg.Relation{ID: kg.RelationID("org/"+from, t, to, ""), Type: t, From: "org/" + from, To: to,
			Evidence: []kg.Evidence{{DocumentID: doc, Excerpt: excerpt, Date: kg.MustDate(date)}}}
		g.Relations = append(g.Relations, r)
		return r
	}
	rel("a", kg.CooperatesWith, "org/b", "Alpha works with Beta.", "2024-01-01")
	rel("a", kg.CooperatesWith, "org/c", "A and C.", "2024-01-01")
	bd := rel("b", kg.CooperatesWith, "org/d", "B and D.", "2024-01-01")
	bd.ValidFrom, bd.ValidTo = dateOf("2020"), dateOf("2021")
	rel("b", kg.CooperatesWith, "org/c", "B and C.", "2024-01-01")
	rel("c", kg.CooperatesWith, "org/d", "C and D.", "2024-01-01")
	rel("c", kg.MetWith, "org/d", "C met D.", "2019-05")
	rel("d", kg.CooperatesWith, "country/e", "D and E.", "2024-01-01")
	rel("a", kg.Proposed, "country/e", "A proposed E.", "2024-01-01").Status = kg.StatusProposed
	g.Relations = append(g.Relations, seedfile.DeriveMentions(g)...)
	return g
}

func dateOf(s string) *kg.Date { d := kg.MustDate(s); return &d }

// The relation ids of tinyGraph, short.
const (
	ab  = "org/a>COOPERATES_WITH>org/b"
	ac  = "org/a>COOPERATES_WITH>org/c"
	ae  = "org/a>PROPOSED>country/e"
	bc  = "org/b>COOPERATES_WITH>org/c"
	bd  = "org/b>COOPERATES_WITH>org/d"
	cd  = "org/c>COOPERATES_WITH>org/d"
	cdm = "org/c>MET_WITH>org/d"
	de  = "org/d>COOPERATES_WITH>country/e"
)

func TestReferencePaths(t *testing.T) {
	ref := NewReference(tinyGraph())
	ids := func(p kg.PathView) string {
		out := ""
		for i, n := range p.Nodes {
			if i > 0 {
				out += fmt.Sprint(stepIDs(p.Steps[i-1]))
			}
			out += n.ID[len(n.ID)-1:]
		}
		return out
	}
	for _, c := range []struct {
		name string
		q    kg.PathQuery
		want []string
	}{
		// Three of two steps by the id of the middle entity (country/e
		// before org/b and org/c), then two of three; c ⇉ d is one step
		// of two relations.
		{"all", kg.PathQuery{From: "org/a", To: "org/d", MaxHops: 3, Limit: 10, Filter: both}, []string{
			"a[" + ae + "]e[" + de + "]d", "a[" + ab + "]b[" + bd + "]d", "a[" + ac + "]c[" + cd + " " + cdm + "]d",
			"a[" + ab + "]b[" + bc + "]c[" + cd + " " + cdm + "]d", "a[" + ac + "]c[" + bc + "]b[" + bd + "]d"}},
		{"the three least", kg.PathQuery{From: "org/a", To: "org/d", MaxHops: 3, Limit: 3, Filter: both}, []string{
			"a[" + ae + "]e[" + de + "]d", "a[" + ab + "]b[" + bd + "]d", "a[" + ac + "]c[" + cd + " " + cdm + "]d"}},
		{"shortest", kg.PathQuery{From: "org/a", To: "org/d", MaxHops: 6, Limit: 1, Filter: both}, []string{"a[" + ae + "]e[" + de + "]d"}},
		{"forwards", kg.PathQuery{From: "org/a", To: "org/d", MaxHops: 3, Limit: 10, Filter: kg.StepFilter{Direction: kg.Out}}, []string{
			"a[" + ab + "]b[" + bd + "]d", "a[" + ac + "]c[" + cd + " " + cdm + "]d", "a[" + ab + "]b[" + bc + "]c[" + cd + " " + cdm + "]d"}},
		{"backwards from a", kg.PathQuery{From: "org/a", To: "org/d", MaxHops: 6, Limit: 10, Filter: kg.StepFilter{Direction: kg.In}}, nil},
		{"backwards from d", kg.PathQuery{From: "org/d", To: "org/a", MaxHops: 2, Limit: 10, Filter: kg.StepFilter{Direction: kg.In}}, []string{
			"d[" + bd + "]b[" + ab + "]a", "d[" + cd + " " + cdm + "]c[" + ac + "]a"}},
		{"one hop", kg.PathQuery{From: "org/a", To: "org/d", MaxHops: 1, Limit: 10, Filter: both}, nil},
		{"not proposed", kg.PathQuery{From: "org/a", To: "org/d", MaxHops: 2, Limit: 10, Filter: kg.StepFilter{Direction: kg.Both, Statuses: notStated}}, []string{
			"a[" + ab + "]b[" + bd + "]d", "a[" + ac + "]c[" + cd + " " + cdm + "]d"}},
		{"valid in 2022", kg.PathQuery{From: "org/a", To: "org/d", MaxHops: 2, Limit: 10, Filter: at("2022")}, []string{
			"a[" + ae + "]e[" + de + "]d", "a[" + ac + "]c[" + cd + " " + cdm + "]d"}},
		{"stated in 2019", kg.PathQuery{From: "org/c", To: "org/d", MaxHops: 3, Limit: 10, Filter: kg.StepFilter{Direction: kg.Both, Stated: kg.Window{Since: "2019-01-01", Until: "2019-12-31"}}}, []string{
			"c[" + cdm + "]d"}},
		{"mentions", kg.PathQuery{From: "org/a", To: "org/d", MaxHops: 2, Limit: 10, Filter: kg.StepFilter{Direction: kg.Both, Types: []kg.RelationType{kg.Mentions}}}, []string{
			"a[doc/d>MENTIONS>org/a]d[doc/d>MENTIONS>org/d]d"}},
		{"to itself", kg.PathQuery{From: "org/b", To: "org/b", MaxHops: 3, Limit: 10, Filter: both}, []string{"b"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			list, err := ref.Paths(ctx, c.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range list.Paths {
				got = append(got, ids(p))
			}
			if !slices.Equal(got, c.want) || list.Truncated {
				t.Errorf("routes\n%q\nwant\n%q", got, c.want)
			}
		})
	}
	for _, q := range []kg.PathQuery{
		{From: "org/a", To: "org/zz", MaxHops: 3, Limit: 10, Filter: both},
		{From: "org/zz", To: "org/a", MaxHops: 3, Limit: 10, Filter: both},
	} {
		if _, err := ref.Paths(ctx, q); kg.ErrorCode(err) != kg.ENOTFOUND {
			t.Errorf("%s to %s: %v, want %s", q.From, q.To, err, kg.ENOTFOUND)
		}
	}
	small := NewReference(tinyGraph())
	small.MaxPathSteps = 3
	if _, err := small.Paths(ctx, kg.PathQuery{From: "org/a", To: "org/d", MaxHops: 3, Limit: 10, Filter: both}); !errors.Is(err, ErrCannotEnumerate) {
		t.Errorf("past its budget: %v, want ErrCannotEnumerate", err)
	}
}

func TestReferenceNeighborhood(t *testing.T) {
	ref := NewReference(tinyGraph())
	for _, c := range []struct {
		name         string
		q            kg.NeighborhoodQuery
		nodes, edges []string
		truncated    bool
	}{
		{"one hop, with the relation between two neighbours", kg.NeighborhoodQuery{IDs: []string{"org/a"}, Hops: 1, Limit: 10, Filter: both},
			[]string{"org/a", "country/e", "org/b", "org/c"}, []string{ab, ac, ae, bc}, false},
		{"the limit reached by the last hop", kg.NeighborhoodQuery{IDs: []string{"org/a"}, Hops: 1, Limit: 4, Filter: both},
			[]string{"org/a", "country/e", "org/b", "org/c"}, []string{ab, ac, ae, bc}, false},
		{"the limit reached before a hop that finds more", kg.NeighborhoodQuery{IDs: []string{"org/a"}, Hops: 2, Limit: 4, Filter: both},
			[]string{"org/a", "country/e", "org/b", "org/c"}, []string{ab, ac, ae, bc}, true},
		{"a hop cut at the limit, by id", kg.NeighborhoodQuery{IDs: []string{"org/a"}, Hops: 1, Limit: 3, Filter: both},
			[]string{"org/a", "country/e", "org/b"}, []string{ab, ae}, true},
		{"two hops forwards", kg.NeighborhoodQuery{IDs: []string{"org/b"}, Hops: 2, Limit: 10, Filter: kg.StepFilter{Direction: kg.Out}},
			[]string{"org/b", "org/c", "org/d", "country/e"}, []string{bc, bd, cd, cdm, de}, false},
		{"centres deduplicated, by id, no hop", kg.NeighborhoodQuery{IDs: []string{"org/c", "org/a", "org/c"}, Hops: 0, Limit: 10, Filter: both},
			[]string{"org/a", "org/c"}, []string{ac}, false},
		{"centres cut at the limit", kg.NeighborhoodQuery{IDs: []string{"country/e", "org/d", "org/c"}, Hops: 1, Limit: 2, Filter: both},
			[]string{"country/e", "org/c"}, nil, true},
		{"no hop past the valid time", kg.NeighborhoodQuery{IDs: []string{"org/b"}, Hops: 1, Limit: 10, Filter: at("2022")},
			[]string{"org/b", "org/a", "org/c"}, []string{ab, ac, bc}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			sg, err := ref.Neighborhood(ctx, c.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := viewIDs(sg.Nodes); !slices.Equal(got, c.nodes) {
				t.Errorf("nodes %v, want %v", got, c.nodes)
			}
			if got := relationViewIDs(sg.Edges); !slices.Equal(got, c.edges) {
				t.Errorf("edges %v, want %v", got, c.edges)
			}
			if sg.Truncated != c.truncated {
				t.Errorf("truncated %v, want %v", sg.Truncated, c.truncated)
			}
		})
	}
	if _, err := ref.Neighborhood(ctx, kg.NeighborhoodQuery{IDs: []string{"org/a", "org/zz"}, Hops: 1, Limit: 10, Filter: both}); kg.ErrorCode(err) != kg.ENOTFOUND {
		t.Errorf("an unknown centre: %v", err)
	}
}

func TestReferenceExpand(t *testing.T) {
	ref := NewReference(tinyGraph())
	x, err := ref.Expand(ctx, kg.ExpandQuery{IDs: []string{"org/b"}, Known: []string{"org/a", "org/zz"}, Limit: 10, Filter: both})
	if err != nil {
		t.Fatal(err)
	}
	drawn := func(ns []kg.DrawnNode) string {
		var out string
		for _, n := range ns {
			out += fmt.Sprintf("%s %d/%d; ", n.Node.ID, n.Degree, n.HiddenDegree)
		}
		return out
	}
	// c: a, b and d twice, all drawn. d: b, c twice, and e hidden.
	if got, want := drawn(x.Nodes), "org/c 4/0; org/d 4/1; "; got != want {
		t.Errorf("new %q, want %q", got, want)
	}
	if got, want := relationViewIDs(x.Edges), []string{ac, bc, bd, cd, cdm}; !slices.Equal(got, want) {
		t.Errorf("edges %v, want %v", got, want)
	}
	if got, want := drawn(x.Expanded), "org/b 3/0; "; got != want || x.Truncated {
		t.Errorf("expanded %q (truncated %v), want %q", got, x.Truncated, want)
	}
	x, err = ref.Expand(ctx, kg.ExpandQuery{IDs: []string{"org/b"}, Limit: 1, Filter: both})
	if err != nil {
		t.Fatal(err)
	}
	// Only a is new (by id); b's relations to c and d lead outside.
	if got, want := drawn(x.Nodes)+drawn(x.Expanded), "org/a 3/2; org/b 3/2; "; got != want || !x.Truncated || !slices.Equal(relationViewIDs(x.Edges), []string{ab}) {
		t.Errorf("limit 1: %q, edges %v, truncated %v; want %q", got, relationViewIDs(x.Edges), x.Truncated, want)
	}
}

func TestReferenceCommonNeighbors(t *testing.T) {
	ref := NewReference(tinyGraph())
	for _, c := range []struct {
		q         kg.CommonNeighborsQuery
		want      []string
		truncated bool
	}{
		{kg.CommonNeighborsQuery{A: "org/a", B: "org/d", First: 10, Filter: both}, []string{"country/e", "org/b", "org/c"}, false},
		{kg.CommonNeighborsQuery{A: "org/a", B: "org/d", First: 2, Filter: both}, []string{"country/e", "org/b"}, true},
		{kg.CommonNeighborsQuery{A: "org/a", B: "org/d", First: 10, Filter: kg.StepFilter{Direction: kg.Out}}, []string{"country/e"}, false},
		{kg.CommonNeighborsQuery{A: "org/a", B: "org/d", First: 10, Filter: kg.StepFilter{Direction: kg.Both, Statuses: notStated}}, []string{"org/b", "org/c"}, false},
		// A and B aside: b and c are each other's neighbours.
		{kg.CommonNeighborsQuery{A: "org/b", B: "org/c", First: 10, Filter: both}, []string{"org/a", "org/d"}, false},
	} {
		cn, err := ref.CommonNeighbors(ctx, c.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := viewIDs(cn.Nodes); !slices.Equal(got, c.want) || cn.Truncated != c.truncated {
			t.Errorf("%s, %s, %+v: %v (truncated %v), want %v", c.q.A, c.q.B, c.q.Filter, got, cn.Truncated, c.want)
		}
	}
}

func TestReferenceStats(t *testing.T) {
	g := tinyGraph()
	ref := NewReference(g)
	st, err := ref.Stats(ctx, kg.StatsQuery{Top: 3, Filter: both, Nodes: &kg.EntitySel{Fields: kg.EName}})
	if err != nil {
		t.Fatal(err)
	}
	degrees := func(st *kg.Stats) string {
		var out string
		for _, d := range st.MostConnected {
			out += fmt.Sprintf("%s %d; ", d.Node.Name, d.Degree)
		}
		return out
	}
	mentions := len(g.Relations) - 8
	if st.Entities != 18 || st.ByKind[kg.KindPerson] != 12 || st.ByKind[kg.KindCity] != 0 || len(st.ByKind) != len(kg.Kinds) ||
		st.Relations != 8 || st.ByType[kg.CooperatesWith] != 6 || st.ByType[kg.Mentions] != mentions || len(st.ByType) != len(kg.RelationTypes) ||
		degrees(st) != "Gamma 4; Delta 4; Alpha Org 3; " {
		t.Errorf("stats %s %q", View(st), degrees(st))
	}
	st, err = ref.Stats(ctx, kg.StatsQuery{Top: 5, Filter: kg.StepFilter{Direction: kg.In, Types: []kg.RelationType{kg.MetWith, kg.Mentions}, Valid: kg.Window{Since: "2022-01-01"}}})
	if err != nil {
		t.Fatal(err)
	}
	// Types choose what Relations and degrees count, not ByType; MENTIONS
	// never makes a degree; b → d is over by 2022.
	if st.Relations != 1+mentions || st.ByType[kg.CooperatesWith] != 5 || st.ByType[kg.Mentions] != mentions || len(st.MostConnected) != 2 ||
		st.MostConnected[0].Node.ID != "org/c" || st.MostConnected[1].Node.ID != "org/d" || st.MostConnected[0].Node.Name != "" {
		t.Errorf("stats of MET_WITH and MENTIONS since 2022: %s", View(st))
	}
}

func TestReferenceSearch(t *testing.T) {
	ref := NewReference(tinyGraph())
	hits, err := ref.Search(ctx, kg.SearchQuery{Text: "alpha", Relations: true, First: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range hits {
		if h.Entity != nil {
			got = append(got, fmt.Sprintf("%s %s %v", h.Entity.ID, h.Field, h.Score))
		} else {
			got = append(got, fmt.Sprintf("%s %s %v", h.Relation.ID, h.Field, h.Score))
		}
	}
	// The name's word (one of two), then a description's word and an
	// excerpt's (entities first), then an alias one typo away; never a
	// MENTIONS, although it carries the excerpt.
	want := []string{"org/a NAME 0.855", "country/e DESCRIPTION 0.7", ab + " EXCERPT 0.7", "org/c ALIAS 0.63"}
	if !slices.Equal(got, want) {
		t.Errorf("search alpha:\n%q\nwant\n%q", got, want)
	}
	hits, err = ref.Search(ctx, kg.SearchQuery{Text: "alpha", Kinds: []kg.Kind{kg.KindOrganization}, First: 1, Entity: &kg.EntitySel{Fields: kg.EName}})
	if err != nil || len(hits) != 1 || hits[0].Entity.Name != "Alpha Org" || hits[0].Matched != "Alpha Org" {
		t.Errorf("search alpha among organizations, first 1: %s (%v)", View(hits), err)
	}
	if hits, err := ref.Search(ctx, kg.SearchQuery{Text: "zzqxv", Relations: true, First: 10}); err != nil || len(hits) != 0 {
		t.Errorf("nonsense: %s (%v)", View(hits), err)
	}
	if e, r := ref.SearchCandidateCounts(kg.SearchQuery{Text: "alpha", Relations: true, First: 1}); e != 3 || r != 1 {
		t.Errorf("candidates of alpha: %d entities, %d relations; want 3 and 1", e, r)
	}
}

func TestReferencePages(t *testing.T) {
	ref := NewReference(tinyGraph())
	p, err := ref.FindEntities(ctx, kg.EntityFilter{OrderBy: kg.OrderByName, Kinds: []kg.Kind{kg.KindOrganization, kg.KindPerson}, Page: kg.Page{First: 3, After: kg.EncodeCursor("Gamma", "org/c")}}, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Every organization and person by (name, id), counted; after Gamma:
	// Same twelve times.
	if p.TotalCount != 16 || !p.HasNextPage || len(p.Edges) != 3 || p.Edges[0].Node.ID != "person/same-00" || p.Edges[2].Cursor != kg.EncodeCursor("Same", "person/same-02") {
		t.Errorf("entities after Gamma: %s", View(p))
	}
	p, err = ref.FindEntities(ctx, kg.EntityFilter{OrderBy: kg.OrderByID, NameContains: "ALP", Page: kg.Page{First: 5}}, false, nil)
	if err != nil || len(p.Edges) != 2 || p.Edges[0].Node.ID != "org/a" || p.Edges[1].Node.ID != "org/c" || p.Counted || p.TotalCount != 0 || p.HasNextPage {
		t.Errorf("names containing ALP by id, not counted: %s (%v)", View(p), err)
	}
	// FindRelations: from a, whatever the direction, with what its To
	// end is named.
	for _, d := range []kg.Direction{kg.Out, kg.In, kg.Both} {
		rp, err := ref.FindRelations(ctx, kg.RelationFilter{StepFilter: kg.StepFilter{Direction: d}, From: "org/a", Page: kg.Page{First: 2}}, true, nil, &kg.EntitySel{Fields: kg.EName})
		if err != nil || rp.TotalCount != 3 || !rp.HasNextPage || len(rp.Edges) != 2 || rp.Edges[0].Relation.ID != ab || rp.Edges[0].Node.Name != "Beta" || rp.Edges[0].Direction != kg.Out {
			t.Errorf("relations from a, %s: %s (%v)", d, View(rp), err)
		}
	}
	rp, err := ref.FindRelations(ctx, kg.RelationFilter{StepFilter: both, To: "org/d", Page: kg.Page{First: 10, After: kg.EncodeCursor(bd)}}, false, nil, nil)
	if err != nil || !slices.Equal(pageRelationIDs(rp), []string{cd, cdm}) || rp.Edges[0].Node.ID != "org/d" {
		t.Errorf("relations to d after b → d: %s (%v)", View(rp), err)
	}
	rp, err = ref.FindRelations(ctx, kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both, Stated: kg.Window{Until: "2019-12-31"}}, Document: "doc/d", Page: kg.Page{First: 10}}, true, nil, nil)
	if err != nil || !slices.Equal(pageRelationIDs(rp), []string{cdm}) || rp.TotalCount != 1 {
		t.Errorf("relations of the document stated by 2019: %s (%v)", View(rp), err)
	}
	// Nested pages: d's relations in, by id, after c → d; its neighbours
	// in 2022 (e and c, not b), counted; a degree.
	sel := &kg.EntitySel{Kids: []*kg.ChildSel{
		{Kind: kg.ChildRelations, Filter: kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.In}, Page: kg.Page{First: 5, After: kg.EncodeCursor(cd)}}, Node: &kg.EntitySel{Fields: kg.EName}},
		{Kind: kg.ChildNeighbors, Count: true, Filter: kg.RelationFilter{StepFilter: at("2022"), Page: kg.Page{First: 1}}},
		{Kind: kg.ChildRelations, Count: true, Filter: kg.RelationFilter{StepFilter: both}},
	}}
	nodes, err := ref.Nodes(ctx, []string{"org/d"}, sel, nil)
	if err != nil {
		t.Fatal(err)
	}
	in, neighbors, degree := nodes[0].Entity.Kids[0].(*kg.RelationPage), nodes[0].Entity.Kids[1].(*kg.EntityPage), nodes[0].Entity.Kids[2].(*kg.RelationPage)
	if !slices.Equal(pageRelationIDs(in), []string{cdm}) || in.Edges[0].Node.Name != "Gamma" || in.Edges[0].Direction != kg.In || in.Counted ||
		neighbors.TotalCount != 2 || len(neighbors.Edges) != 1 || neighbors.Edges[0].Node.ID != "country/e" || !neighbors.HasNextPage ||
		degree.TotalCount != 4 || len(degree.Edges) != 0 || !degree.HasNextPage {
		t.Errorf("d's pages: %s", View(nodes))
	}
}

func pageRelationIDs(p *kg.RelationPage) []string {
	var ids []string
	for _, e := range p.Edges {
		ids = append(ids, e.Relation.ID)
	}
	return ids
}

func TestReferenceNamesNodesAndRoundTrips(t *testing.T) {
	ref := NewReference(tinyGraph())
	matches, err := ref.ResolveNames(ctx, []string{"same", " ALPHA-org!", "alpha", "alpho"})
	if err != nil {
		t.Fatal(err)
	}
	if len(matches[0]) != kg.MaxNameCandidates+1 || matches[0][0].ID != "person/same-00" ||
		!slices.Equal(matches[1], []kg.NameMatch{{ID: "org/a", Kind: kg.KindOrganization, Name: "Alpha Org"}}) ||
		len(matches[2]) != 0 || len(matches[3]) != 1 || matches[3][0].ID != "org/c" {
		t.Errorf("names: %v", matches)
	}
	nodes, err := ref.Nodes(ctx, []string{cdm, "org/b", "org/zz", "x>y>z"}, &kg.EntitySel{Fields: kg.EName}, &kg.RelationSel{Fields: kg.RStatus, Evidence: &kg.EvidenceSel{}})
	if err != nil {
		t.Fatal(err)
	}
	if nodes[0].Relation == nil || nodes[0].Relation.Statements[0].Date.String() != "2019-05" || nodes[1].Entity == nil || nodes[1].Entity.Name != "Beta" ||
		nodes[2] != (kg.NodeView{}) || nodes[3] != (kg.NodeView{}) {
		t.Errorf("nodes: %s", View(nodes))
	}
	count := func(do func(context.Context) error) (int64, error) {
		c, n := kg.WithRoundTrips(context.Background())
		err := do(c)
		return n.Load(), err
	}
	kids := &kg.EntitySel{Kids: []*kg.ChildSel{{Kind: kg.ChildNeighbors, Filter: kg.RelationFilter{StepFilter: both, Page: kg.Page{First: 1}}}}}
	for name, c := range map[string]struct {
		want int64
		do   func(context.Context) error
	}{
		"a search": {1, func(ctx context.Context) error {
			_, err := ref.Search(ctx, kg.SearchQuery{Text: "alpha", First: 3})
			return err
		}},
		"a search with nested pages": {2, func(ctx context.Context) error {
			_, err := ref.Search(ctx, kg.SearchQuery{Text: "alpha", First: 3, Entity: kids})
			return err
		}},
		"a refused search": {0, func(ctx context.Context) error { _, err := ref.Search(ctx, kg.SearchQuery{Text: "alpha"}); return err }},
		"a neighbourhood with nested pages": {1, func(ctx context.Context) error {
			_, err := ref.Neighborhood(ctx, kg.NeighborhoodQuery{IDs: []string{"org/a"}, Hops: 2, Limit: 9, Filter: both, Nodes: kids})
			return err
		}},
		"names by ResolveRefs": {1, func(ctx context.Context) error {
			_, err := kg.ResolveRefs(ctx, ref, []string{"Beta", "org/a"})
			return err
		}},
		"an unknown name by ResolveRefs": {2, func(ctx context.Context) error { _, err := kg.ResolveRefs(ctx, ref, []string{"Betta"}); return err }},
	} {
		n, err := count(c.do)
		if n != c.want {
			t.Errorf("%s: %d round trips (%v), want %d", name, n, err, c.want)
		}
	}
}
