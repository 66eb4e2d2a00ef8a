package storetest

import (
	"slices"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// edgeFacts are what EdgeGraph is built to show, worked out by hand.
var edgeFacts = []fact{
	{"EveryItemReadsBack", everyItemReadsBack},
	{"EvidenceAtItsPlaceInTheText", func(t *testing.T, s kg.Store, g *kg.Graph) {
		var ids []string
		for _, r := range g.Relations {
			ids = append(ids, r.ID)
		}
		nodes, err := readNodes(s, ids, nil, &kg.RelationSel{Evidence: &kg.EvidenceSel{Document: &kg.EntitySel{Fields: kg.EText}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range nodes {
			for _, st := range n.Relation.Statements {
				if text := []rune(st.Document.Text); string(text[st.Start:st.End]) != st.Excerpt {
					t.Errorf("%s: %q is not at [%d, %d) of %s", n.Relation.ID, st.Excerpt, st.Start, st.End, st.DocumentID)
				}
			}
		}
	}},
	{"AmbiguousNames", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		for ref, says := range map[string][]string{
			"Zoë Ångström": {"Zoë Ångström (person/zoe-a)", "Zoë Ångström (person/zoe-c)"},
			"far region":   {"Far Region (region/far)", "Nowhere (region/nowhere)"},
			"zed":          {"ZED (person/upper)", "zed (person/lower)"},
		} {
			_, err := kg.ResolveRefs(ctx, s, []string{ref})
			for _, say := range says {
				if kg.ErrorCode(err) != kg.EINVALID || !strings.Contains(kg.ErrorMessage(err), say) {
					t.Errorf("%q: %v, want %s listing %s", ref, err, kg.EINVALID, say)
				}
			}
		}
		ids, err := kg.ResolveRefs(ctx, s, []string{"Zoe Angstrom", "ＦＵＬＬＷＩＤＴＨ trading", "jean luc o'brien", "WF"})
		if want := []string{"person/zoe-b", "org/fullwidth", "person/dash", "org/emoji"}; err != nil || !slices.Equal(ids, want) {
			t.Errorf("names resolve to %v (%v), want %v", ids, err, want)
		}
		matches, err := s.ResolveNames(ctx, []string{"ZED"})
		if err != nil || len(matches) != 1 || len(matches[0]) != 2 || matches[0][0].ID != "person/lower" || matches[0][1].ID != "person/upper" {
			t.Errorf("the entities named ZED, by id: %v (%v)", matches, err)
		}
	}},
	{"RoutesThatTie", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		for _, c := range []struct {
			q    kg.PathQuery
			want [][]string
		}{
			// Three of two steps, by the id of the middle; then two of three.
			{kg.PathQuery{MaxHops: 3, Limit: 10, Filter: both}, [][]string{
				{"s", "a", "t"}, {"s", "b", "t"}, {"s", "c", "t"}, {"s", "a", "b", "t"}, {"s", "b", "a", "t"}}},
			{kg.PathQuery{MaxHops: 3, Limit: 4, Filter: both}, [][]string{
				{"s", "a", "t"}, {"s", "b", "t"}, {"s", "c", "t"}, {"s", "a", "b", "t"}}},
			{kg.PathQuery{MaxHops: 2, Limit: 10, Filter: both}, [][]string{{"s", "a", "t"}, {"s", "b", "t"}, {"s", "c", "t"}}},
			// Forwards, b → s and t → c are against the arrows.
			{kg.PathQuery{MaxHops: 3, Limit: 10, Filter: kg.StepFilter{Direction: kg.Out}}, [][]string{{"s", "a", "t"}, {"s", "a", "b", "t"}}},
			{kg.PathQuery{MaxHops: 6, Limit: 10, Filter: kg.StepFilter{Direction: kg.In}}, nil},
			// Only MET_WITH: a meets t, nobody meets s.
			{kg.PathQuery{MaxHops: 3, Limit: 10, Filter: kg.StepFilter{Direction: kg.Both, Types: []kg.RelationType{kg.MetWith}}}, nil},
		} {
			q := c.q
			q.From, q.To = edgeTieFrom, edgeTieTo
			paths := routes(t, s, q.From, q.To, q)
			checkRoutes(t, paths, q.From, q.To, q.Filter)
			var got [][]string
			for _, p := range paths.Paths {
				var short []string
				for _, id := range nodeIDs(p) {
					short = append(short, strings.TrimPrefix(id, "org/tie-"))
				}
				got = append(got, short)
			}
			if !slices.EqualFunc(got, c.want, slices.Equal) {
				t.Errorf("%+v: routes %v, want %v", q.Filter, got, c.want)
			}
			if len(paths.Paths) > 0 && q.Filter.Direction == kg.Both && len(q.Filter.Types) == 0 {
				// Two relations join a and t: one step.
				if ids := stepIDs(paths.Paths[0].Steps[1]); !slices.Equal(ids, []string{"org/tie-a>COOPERATES_WITH>org/tie-t", "org/tie-a>MET_WITH>org/tie-t"}) {
					t.Errorf("the step from a to t holds %v", ids)
				}
			}
		}
	}},
	{"DirectedCycle", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		out := routes(t, s, "org/cycle-p", "org/cycle-r", kg.PathQuery{MaxHops: 6, Limit: 10, Filter: kg.StepFilter{Direction: kg.Out}})
		in := routes(t, s, "org/cycle-p", "org/cycle-r", kg.PathQuery{MaxHops: 6, Limit: 10, Filter: kg.StepFilter{Direction: kg.In}})
		if len(out.Paths) != 1 || !slices.Equal(nodeIDs(out.Paths[0]), []string{"org/cycle-p", "org/cycle-q", "org/cycle-r"}) ||
			len(in.Paths) != 1 || !slices.Equal(nodeIDs(in.Paths[0]), []string{"org/cycle-p", "org/cycle-r"}) {
			t.Errorf("round the cycle: forwards %s, backwards %s", View(out), View(in))
		}
		self := routes(t, s, "org/cycle-p", "org/cycle-p", kg.PathQuery{MaxHops: 3, Limit: 10, Filter: both})
		if len(self.Paths) != 1 || len(self.Paths[0].Steps) != 0 || !slices.Equal(nodeIDs(self.Paths[0]), []string{"org/cycle-p"}) {
			t.Errorf("from an entity to itself: %s, want the route of no step", View(self))
		}
	}},
	{"IsolatedEntity", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		sg := neighborhood(t, s, kg.NeighborhoodQuery{IDs: []string{edgeHermit}, Hops: 3, Limit: 10, Filter: both})
		x, err := s.Expand(ctx, kg.ExpandQuery{IDs: []string{edgeHermit}, Limit: 10, Filter: both})
		if err != nil {
			t.Fatal(err)
		}
		paths := routes(t, s, edgeHermit, edgeNorth, kg.PathQuery{MaxHops: 6, Limit: 10, Filter: both})
		cn, err := s.CommonNeighbors(ctx, kg.CommonNeighborsQuery{A: edgeHermit, B: edgeNorth, First: 10, Filter: both})
		if err != nil {
			t.Fatal(err)
		}
		if len(sg.Nodes) != 1 || len(sg.Edges) != 0 || sg.Truncated || len(x.Nodes) != 0 || len(x.Edges) != 0 ||
			len(x.Expanded) != 1 || x.Expanded[0].Degree != 0 || len(paths.Paths) != 0 || len(cn.Nodes) != 0 {
			t.Errorf("the hermit: neighbourhood %s, expansion %s, paths %s, common %s", View(sg), View(x), View(paths), View(cn))
		}
		if got := relationsOf(t, s, edgeHermit, kg.StepFilter{Direction: kg.Both, Types: kg.RelationTypes}); len(got) != 0 {
			t.Errorf("the hermit's relations: %v", got)
		}
	}},
	{"HubBeyondAPage", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		sel := &kg.EntitySel{Kids: []*kg.ChildSel{{Kind: kg.ChildRelations, Count: true,
			Filter: kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Out, Types: []kg.RelationType{kg.Exports}}, Page: kg.Page{First: kg.MaxFirst}}}}}
		nodes, err := s.Nodes(ctx, []string{edgeNorth}, sel, nil)
		if err != nil {
			t.Fatal(err)
		}
		p := nodes[0].Entity.Kids[0].(*kg.RelationPage)
		if len(p.Edges) != kg.MaxFirst || !p.HasNextPage || p.TotalCount != edgeHubExports+2 {
			t.Errorf("the north's exports: %d edges, next %v, total %d; want %d, true, %d", len(p.Edges), p.HasNextPage, p.TotalCount, kg.MaxFirst, edgeHubExports+2)
		}
	}},
	{"NamesInCodePointOrder", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		p, err := s.FindEntities(ctx, kg.EntityFilter{Kinds: []kg.Kind{kg.KindCommodity}, OrderBy: kg.OrderByName, Page: kg.Page{First: 3}}, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range p.Edges {
			ids = append(ids, e.Node.ID)
		}
		// "B" < "Commodity 000" < … < "a" < "b".
		if want := []string{"commodity/b-upper", "commodity/c-000", "commodity/c-001"}; !slices.Equal(ids, want) {
			t.Errorf("commodities by name: %v, want %v", ids, want)
		}
		p, err = s.FindEntities(ctx, kg.EntityFilter{NameContains: "zoË", OrderBy: kg.OrderByName, Page: kg.Page{First: 10}}, true, nil)
		if err != nil || p.TotalCount != 2 || len(p.Edges) != 2 || p.Edges[0].Node.ID != edgeZoeA || p.Edges[1].Node.ID != edgeZoeC {
			t.Errorf("names containing zoË, case aside: %s (%v)", View(p), err)
		}
	}},
	{"ValidTimeOpenAtEitherEnd", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		chair, treasurer := edgeZoeA+">HOLDS_POSITION>org/unicode#clé", edgeZoeA+">HOLDS_POSITION>org/unicode"
		trade, early2025 := edgeNorth+">TRADES_WITH>"+edgeSouth, edgeNorth+">TRADES_WITH>"+edgeSouth+"#2025"
		for _, c := range []struct {
			id, entity string
			f          kg.StepFilter
			in         bool
		}{
			{chair, edgeZoeA, at("2030"), true}, // from 2020-05, no end
			{chair, edgeZoeA, at("2020-04"), false},
			{chair, edgeZoeA, at("2020-05-31"), true},
			{treasurer, edgeZoeA, at("1900"), true}, // until 2019, no start
			{treasurer, edgeZoeA, at("2020-01-01"), false},
			{trade, edgeNorth, at("1800"), true}, // no validity: its amount is of 2023
			{early2025, edgeNorth, at("2025-06-30"), true},
			{early2025, edgeNorth, at("2025-07"), false},
			{early2025, edgeNorth, kg.StepFilter{Direction: kg.Both, Valid: kg.Window{Until: "2024-12-31"}}, false},
			{early2025, edgeNorth, kg.StepFilter{Direction: kg.Both, Valid: kg.Window{Since: "2025-06-30"}}, true},
		} {
			if got := slices.Contains(relationsOf(t, s, c.entity, c.f), c.id); got != c.in {
				t.Errorf("%s valid in %v: %v, want %v", c.id, c.f.Valid, got, c.in)
			}
		}
	}},
	{"StatedTimeAtThePrecisionOfTheStatement", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		proposed := edgeZoeC + ">PROPOSED>initiative/plan" // stated in 2025-12 and in 2025
		for w, in := range map[kg.Window]bool{
			{Since: "2025-03-01", Until: "2025-03-01"}: true, // in 2025
			{Since: "2025-12-31"}:                      true, // in December 2025
			{Until: "2024-12-31"}:                      false,
			{Since: "2026-01-01"}:                      false,
		} {
			f := kg.StepFilter{Direction: kg.Both, Stated: w}
			if got := slices.Contains(relationsOf(t, s, edgeZoeC, f), proposed); got != in {
				t.Errorf("stated in %v: %v, want %v", w, got, in)
			}
		}
	}},
	{"Statuses", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		for status, want := range map[kg.Status][]string{
			kg.StatusExpected: {edgeSouth + ">MET_WITH>" + edgeNorth},
			kg.StatusPlanned:  {edgeSouth + ">ORGANIZED>event/summit"},
		} {
			if got := relationsOf(t, s, edgeSouth, kg.StepFilter{Direction: kg.Both, Statuses: []kg.Status{status}}); !slices.Equal(got, want) {
				t.Errorf("the south's %q relations: %v, want %v", status, got, want)
			}
		}
	}},
	{"KindConditionsOfNestedPages", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		page := kg.RelationFilter{StepFilter: both, Page: kg.Page{First: 5}}
		sel := &kg.EntitySel{Kids: []*kg.ChildSel{
			{Kind: kg.ChildNeighbors, Kinds: []kg.Kind{kg.KindCountry}, Filter: page, Count: true},
			{Kind: kg.ChildRelations, Kinds: []kg.Kind{kg.KindPerson}, Filter: page},
		}}
		nodes, err := s.Nodes(ctx, []string{edgeNorth, edgeZoeA}, sel, nil)
		if err != nil {
			t.Fatal(err)
		}
		north, zoe := nodes[0].Entity.Kids, nodes[1].Entity.Kids
		if north[0] == nil || north[1] != nil || zoe[0] != nil || zoe[1] == nil {
			t.Errorf("the pages of a country and of a person: %s, %s", View(north), View(zoe))
		}
	}},
}
