package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// Ids of the seed that the facts below are about.
const (
	pakistan   = "country/pakistan"
	kazakhstan = "country/kazakhstan"
	rehman     = "person/hafeez-ur-rehman"
	choudhary  = "person/muhammad-iqbal-choudhary"
	pta        = "org/pta"
	workshop   = "event/oic-cybersecurity-workshop-2024"
	cyberDoc   = "doc/2024-12-17-oic-cybersecurity-centre-of-excellence"
	visitDoc   = "doc/2026-02-02-kazakhstan-president-state-visit"
	rehmanPTA  = "person/hafeez-ur-rehman>HOLDS_POSITION>org/pta"
)

// runSeed checks facts of the seed graph that a reader of its two
// articles would state.
func runSeed(t *testing.T, s kg.Store, g *kg.Graph) {
	ctx := context.Background()
	ref := NewReference(g)

	t.Run("Ping", func(t *testing.T) {
		if err := s.Ping(ctx); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("EveryItemReadsBack", func(t *testing.T) {
		var ids []string
		for _, e := range g.Entities {
			ids = append(ids, e.ID)
		}
		got, err := s.EntitiesByID(ctx, append(ids, "person/nobody"))
		if err != nil {
			t.Fatal(err)
		}
		if want := append(slices.Clone(g.Entities), nil); View(got) != View(want) {
			t.Errorf("entities: %s", firstDifference(View(got), View(want)))
		}
		ids = nil
		for _, r := range g.Relations {
			ids = append(ids, r.ID)
		}
		rels, err := s.RelationsByID(ctx, append(ids, "no>such>relation", "malformed"))
		if err != nil {
			t.Fatal(err)
		}
		if want := append(slices.Clone(g.Relations), nil, nil); View(rels) != View(want) {
			t.Errorf("relations: %s", firstDifference(View(rels), View(want)))
		}
	})

	t.Run("RehmanChairsPTA", func(t *testing.T) {
		pages, err := s.RelationsOf(ctx, []string{rehman, pta}, kg.RelationFilter{
			StepFilter: kg.StepFilter{Direction: kg.Both, Types: []kg.RelationType{kg.HoldsPosition}}, First: 10})
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range []struct {
			other string
			dir   kg.Direction
		}{{pta, kg.Out}, {rehman, kg.In}} {
			p := pages[i]
			if p.TotalCount != 1 || len(p.Edges) != 1 {
				t.Fatalf("page %d: %d of %d positions, want 1", i, len(p.Edges), p.TotalCount)
			}
			e := p.Edges[0]
			if e.Other != want.other || e.Direction != want.dir || e.Relation.ID != rehmanPTA || e.Relation.Role != "Chairman" {
				t.Errorf("page %d: %s %s %s role %q", i, e.Direction, e.Other, e.Relation.ID, e.Relation.Role)
			}
			if e.Cursor != kg.EncodeCursor(rehmanPTA) {
				t.Errorf("cursor %q is not the relation id's", e.Cursor)
			}
		}
		rels, err := s.RelationsByID(ctx, []string{rehmanPTA})
		if err != nil {
			t.Fatal(err)
		}
		r := rels[0]
		if r == nil || r.Type != kg.HoldsPosition || r.From != rehman || r.To != pta || r.Role != "Chairman" ||
			len(r.Evidence) != 3 || r.Evidence[0].DocumentID != cyberDoc || r.Evidence[0].Date.String() != "2024-12-17" {
			t.Errorf("relation %s", View(r))
		}
		ents, err := s.EntitiesByID(ctx, []string{rehman})
		if err != nil {
			t.Fatal(err)
		}
		if e := ents[0]; e == nil || e.Name != "Hafeez Ur Rehman" || e.Title != "Major General (R)" || !slices.Equal(e.Aliases, []string{"Rehman"}) {
			t.Errorf("entity %s", View(e))
		}
	})

	t.Run("ExportsBetweenPakistanAndKazakhstan", func(t *testing.T) {
		for _, c := range []struct {
			from, to string
			want     []string
		}{
			{pakistan, kazakhstan, []string{"citrus fruits", "garments", "pharmaceutical products", "soap", "sports equipment and gear"}},
			{kazakhstan, pakistan, []string{"buckwheat and other cereal grains", "dried leguminous vegetables", "oats", "onions and garlic", "seeds and fruits of other oil-bearing crops"}},
		} {
			p, err := s.FindRelations(ctx, kg.RelationFilter{From: c.from, StepFilter: kg.StepFilter{Types: []kg.RelationType{kg.Exports}}, First: 20})
			if err != nil {
				t.Fatal(err)
			}
			var others []string
			for _, e := range p.Edges {
				if e.Relation.Counterpart != c.to || e.Direction != kg.Out || e.Relation.From != c.from {
					t.Errorf("%s: counterpart %q, direction %s", e.Relation.ID, e.Relation.Counterpart, e.Direction)
				}
				others = append(others, e.Other)
			}
			ents, err := s.EntitiesByID(ctx, others)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range ents {
				names = append(names, strings.ToLower(e.Name))
			}
			slices.Sort(names)
			if !slices.Equal(names, c.want) || p.TotalCount != len(c.want) || p.HasNextPage {
				t.Errorf("exports of %s: %v (total %d), want %v", c.from, names, p.TotalCount, c.want)
			}
			// The buyer is the counterpart, not an end of the relation.
			if p, err := s.FindRelations(ctx, kg.RelationFilter{To: c.to, StepFilter: kg.StepFilter{Types: []kg.RelationType{kg.Exports}}, First: 20}); err != nil || p.TotalCount != 0 || len(p.Edges) != 0 {
				t.Errorf("%s is counterpart, not an end, of exports: %s, %v", c.to, View(p), err)
			}
			pages, err := s.RelationsOf(ctx, []string{c.from}, kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both, Types: []kg.RelationType{kg.Exports}}, First: 20})
			if err != nil || pages[0].TotalCount != len(c.want) {
				t.Errorf("exports touching %s: %s, %v", c.from, View(pages), err)
			}
		}
	})

	t.Run("Search", func(t *testing.T) {
		for text, want := range map[string]string{
			"rehman": rehman, "Hafeez": rehman, "PTA": pta, "comstech": "org/comstech",
			"kazakstan": kazakhstan, "Kassym Tokayev": "person/kassym-jomart-tokayev",
		} {
			hits, err := kg.Search(ctx, s, text, nil, 5)
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) == 0 || hits[0].Entity.ID != want {
				t.Errorf("search %q: %s, want %s first", text, View(hits), want)
			}
		}
		hits, err := kg.Search(ctx, s, "pakistan", []kg.Kind{kg.KindOrganization}, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			if h.Entity.Kind != kg.KindOrganization {
				t.Errorf("search pakistan among organizations: %s", h.Entity.ID)
			}
		}
		if len(hits) == 0 || hits[0].Entity.ID != "org/huawei-technologies-pakistan" {
			t.Errorf("search pakistan among organizations: %s", View(hits))
		}
	})

	t.Run("ShortestPath", func(t *testing.T) {
		facts := slices.DeleteFunc(slices.Clone(kg.RelationTypes), func(t kg.RelationType) bool { return t == kg.Mentions })
		for _, c := range []struct {
			filter kg.StepFilter
			want   *kg.Path
		}{
			// Both are in the article: its document is the first way
			// round (doc/ sorts before event/).
			{kg.StepFilter{Direction: kg.Both}, &kg.Path{
				Nodes:     []string{rehman, cyberDoc, choudhary},
				Relations: []string{cyberDoc + ">MENTIONS>" + rehman, cyberDoc + ">MENTIONS>" + choudhary}}},
			// Without mentions, both spoke at the workshop.
			{kg.StepFilter{Direction: kg.Both, Types: facts}, &kg.Path{
				Nodes:     []string{rehman, workshop, choudhary},
				Relations: []string{rehman + ">PARTICIPATED_IN>" + workshop, choudhary + ">PARTICIPATED_IN>" + workshop}}},
			// Following relations forwards only, no way leads to a person.
			{kg.StepFilter{Direction: kg.Out}, nil},
			// Before the workshop (17-18 December 2024) its facts did not
			// hold: no way within four hops, though the article's mentions
			// (which have no validity) would still join them.
			{kg.StepFilter{Direction: kg.Both, Types: facts, Window: kg.Window{Until: "2024-12-16"}}, nil},
		} {
			p, cut, err := kg.ShortestPath(ctx, s, kg.PathQuery{From: rehman, To: choudhary, MaxHops: 4, Filter: c.filter})
			if err != nil || cut || View(p) != View(c.want) {
				t.Errorf("%s: path %s (truncated %v, %v), want %s", View(c.filter), View(p), cut, err, View(c.want))
			}
		}
	})

	t.Run("Paths", func(t *testing.T) {
		q := kg.PathQuery{From: rehman, To: choudhary, MaxHops: 3, Limit: 5, Filter: kg.StepFilter{Direction: kg.Both}}
		paths, _, err := kg.Paths(ctx, s, q)
		if err != nil {
			t.Fatal(err)
		}
		shortest, _, _ := kg.ShortestPath(ctx, s, q)
		if len(paths) != q.Limit || View(paths[0]) != View(shortest) {
			t.Fatalf("%d paths, the first %s; want %d, the first the shortest", len(paths), View(paths), q.Limit)
		}
		for i, p := range paths {
			if i > 0 && p.Length() < paths[i-1].Length() {
				t.Errorf("path %d is shorter than the one before", i)
			}
			if p.Nodes[0] != rehman || p.Nodes[len(p.Nodes)-1] != choudhary || len(p.Nodes) != len(p.Relations)+1 {
				t.Errorf("path %d: %s", i, View(p))
			}
			rels, err := s.RelationsByID(ctx, p.Relations)
			if err != nil {
				t.Fatal(err)
			}
			for j, r := range rels {
				a, b := p.Nodes[j], p.Nodes[j+1]
				if r == nil || !(r.From == a && r.To == b || r.From == b && r.To == a) {
					t.Errorf("path %d: relation %d does not join %s and %s", i, j, a, b)
				}
			}
			for j := range i {
				if View(paths[j]) == View(p) {
					t.Errorf("paths %d and %d are the same", j, i)
				}
			}
		}
	})

	t.Run("Neighborhood", func(t *testing.T) {
		all, err := kg.Neighborhood(ctx, s, kg.NeighborhoodQuery{IDs: []string{pakistan}, Hops: 1, Limit: 100, Filter: kg.StepFilter{Direction: kg.Both}})
		if err != nil {
			t.Fatal(err)
		}
		in2026, err := kg.Neighborhood(ctx, s, kg.NeighborhoodQuery{IDs: []string{pakistan}, Hops: 1, Limit: 100,
			Filter: kg.StepFilter{Direction: kg.Both, Window: kg.Window{Since: "2026-01-01", Until: "2026-12-31"}}})
		if err != nil {
			t.Fatal(err)
		}
		inSeptember2025, err := kg.Neighborhood(ctx, s, kg.NeighborhoodQuery{IDs: []string{pakistan}, Hops: 1, Limit: 100,
			Filter: kg.StepFilter{Direction: kg.Both, Window: kg.Window{Since: "2025-09-01", Until: "2025-09-30"}}})
		if err != nil {
			t.Fatal(err)
		}
		nurtleu, nurtleuVisit := "person/murat-nurtleu", "event/nurtleu-visit-to-pakistan-2025"
		for _, c := range []struct {
			g        *kg.Subgraph
			has, not []string
		}{
			{all, []string{pakistan, kazakhstan, pta, "city/islamabad", nurtleu, nurtleuVisit, cyberDoc, visitDoc, "person/asif-ali-zardari"}, nil},
			// In 2026: the state visit's relations and every fact no source
			// says ended (the 2024 article's included), but not Nurtleu's
			// visit of September 2025.
			{in2026, []string{pakistan, kazakhstan, visitDoc, "person/asif-ali-zardari", "person/shehbaz-sharif", pta, "city/islamabad", cyberDoc},
				[]string{nurtleu, nurtleuVisit}},
			// In September 2025 his visit, but not the state visit of 2026.
			{inSeptember2025, []string{pakistan, nurtleu, nurtleuVisit}, []string{"event/tokayev-state-visit-to-pakistan-2026"}},
		} {
			if c.g.Nodes[0] != pakistan || c.g.Truncated {
				t.Errorf("neighbourhood starts with %s, truncated %v", c.g.Nodes[0], c.g.Truncated)
			}
			for _, id := range c.has {
				if !slices.Contains(c.g.Nodes, id) {
					t.Errorf("%s is not in the neighbourhood %v", id, c.g.Nodes)
				}
			}
			for _, id := range c.not {
				if slices.Contains(c.g.Nodes, id) {
					t.Errorf("%s is in the neighbourhood", id)
				}
			}
			if !slices.IsSorted(c.g.Nodes[1:]) || !slices.IsSorted(c.g.Edges) {
				t.Error("the neighbours or the edges are not in id order")
			}
		}
		// The 2024 figure dates the amount, not the trade, which no source
		// says ended.
		if trade := pakistan + ">TRADES_WITH>" + kazakhstan; !slices.Contains(in2026.Edges, trade) || !slices.Contains(all.Edges, trade) {
			t.Errorf("the trade is missing from 2026's edges or from all: %v", in2026.Edges)
		}
		small, err := kg.Neighborhood(ctx, s, kg.NeighborhoodQuery{IDs: []string{pakistan}, Hops: 2, Limit: 5, Filter: kg.StepFilter{Direction: kg.Both}})
		if err != nil || len(small.Nodes) != 5 || !small.Truncated {
			t.Errorf("limit 5: %s, %v", View(small), err)
		}
	})

	t.Run("CommonNeighbors", func(t *testing.T) {
		ids, cut, err := kg.CommonNeighbors(ctx, s, rehman, choudhary, kg.StepFilter{Direction: kg.Both}, 10)
		if want := []string{cyberDoc, workshop}; err != nil || cut || !slices.Equal(ids, want) {
			t.Errorf("common neighbours %v (%v, %v), want %v", ids, cut, err, want)
		}
	})

	t.Run("TimeWindow", func(t *testing.T) {
		for _, w := range []kg.Window{{Since: "2026-01-01"}, {Until: "2025-01-01"}, {Since: "1992-01-01", Until: "1992-12-31"}} {
			f := kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both, Window: w}, First: kg.MaxFirst}
			got, err := s.RelationsOf(ctx, []string{pakistan}, f)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := ref.RelationsOf(ctx, []string{pakistan}, f)
			if View(got) != View(want) {
				t.Errorf("window %v: %s", w, firstDifference(View(got), View(want)))
			}
			if w.Since == "1992-01-01" {
				// Recognition (from 1991-12) and diplomatic relations (from
				// 1992-02-24) held, as did every fact without validity; the
				// proposal of 2024 and the visits of 2025 and 2026 did not.
				ids := relationIDs(got[0])
				for _, id := range []string{pakistan + ">DIPLOMATIC_RELATION>" + kazakhstan + "#recognition", pakistan + ">DIPLOMATIC_RELATION>" + kazakhstan + "#diplomatic-relations", pakistan + ">TRADES_WITH>" + kazakhstan} {
					if !slices.Contains(ids, id) {
						t.Errorf("in 1992 Pakistan lacks %s: %v", id, ids)
					}
				}
				for _, id := range []string{pakistan + ">PROPOSED>initiative/oic-cybersecurity-centre-of-excellence", "person/murat-nurtleu>MET_WITH>" + pakistan, "event/tokayev-state-visit-to-pakistan-2026>LOCATED_IN>" + pakistan} {
					if slices.Contains(ids, id) {
						t.Errorf("in 1992 Pakistan has %s", id)
					}
				}
			}
		}
		// Taking part in the visit of September 2025 holds then, not when
		// the article of 2026 stated it.
		visit := "person/murat-nurtleu>PARTICIPATED_IN>event/nurtleu-visit-to-pakistan-2025"
		for w, want := range map[kg.Window]bool{{Since: "2025-09-01", Until: "2025-09-30"}: true, {Since: "2026-02-01", Until: "2026-02-28"}: false} {
			f := kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both, Window: w}, First: kg.MaxFirst}
			got, err := s.RelationsOf(ctx, []string{"person/murat-nurtleu"}, f)
			if err != nil {
				t.Fatal(err)
			}
			if slices.Contains(relationIDs(got[0]), visit) != want {
				t.Errorf("window %v: %s, want it %v", w, visit, want)
			}
		}
	})

	t.Run("Document", func(t *testing.T) {
		for _, doc := range []string{cyberDoc, visitDoc} {
			f := kg.RelationFilter{Document: doc, First: kg.MaxFirst}
			got, err := s.FindRelations(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := ref.FindRelations(ctx, f)
			if View(got) != View(want) {
				t.Errorf("%s: %s", doc, firstDifference(View(got), View(want)))
			}
		}
	})

	t.Run("Stats", func(t *testing.T) {
		got, err := s.Stats(ctx, 5)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := ref.Stats(ctx, 5)
		if View(got) != View(want) {
			t.Errorf("%s", firstDifference(View(got), View(want)))
		}
		if got.MostConnected[0].EntityID != pakistan || got.Entities != len(g.Entities) || got.ByKind[kg.KindCountry] != 2 {
			t.Errorf("stats %s", View(got))
		}
		none, err := s.Stats(ctx, 0)
		if err != nil || len(none.MostConnected) != 0 || none.Relations != len(g.Relations) {
			t.Errorf("stats(0): %s, %v", View(none), err)
		}
	})

	t.Run("Pagination", func(t *testing.T) {
		checkWalks(t, s, g,
			[]kg.EntityFilter{
				{OrderBy: kg.OrderByName, First: 7},
				{OrderBy: kg.OrderByID, First: 7},
				{First: 3, Kinds: []kg.Kind{kg.KindPerson, kg.KindOrganization}, NameContains: "a"},
				{OrderBy: kg.OrderByID, First: 1, NameContains: "PAKISTAN"},
			},
			map[string]kg.RelationFilter{
				pakistan: {StepFilter: kg.StepFilter{Direction: kg.Both}, First: 6},
				rehman:   {StepFilter: kg.StepFilter{Direction: kg.In}, First: 1},
			},
			[]kg.RelationFilter{{First: 13}, {First: 4, Document: visitDoc, StepFilter: kg.StepFilter{Types: []kg.RelationType{kg.MemberOf, kg.Mentions}}}})
	})

	t.Run("Errors", func(t *testing.T) { runErrors(t, s) })
}

func relationIDs(p *kg.RelationPage) []string {
	var ids []string
	for _, e := range p.Edges {
		ids = append(ids, e.Relation.ID)
	}
	return ids
}
