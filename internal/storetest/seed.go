package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// Ids of the seed that its facts are about.
const (
	pakistan    = "country/pakistan"
	kazakhstan  = "country/kazakhstan"
	rehman      = "person/hafeez-ur-rehman"
	choudhary   = "person/muhammad-iqbal-choudhary"
	nurtleu     = "person/murat-nurtleu"
	pta         = "org/pta"
	oic         = "org/oic"
	huawei      = "org/huawei"
	workshop    = "event/oic-cybersecurity-workshop-2024"
	centre      = "initiative/oic-cybersecurity-centre-of-excellence"
	cyberDoc    = "doc/2024-12-17-oic-cybersecurity-centre-of-excellence"
	nurtleuTrip = "event/nurtleu-visit-to-pakistan-2025"
	rehmanPTA   = rehman + ">HOLDS_POSITION>" + pta
	trade       = pakistan + ">TRADES_WITH>" + kazakhstan
	nobodyAtAll = "person/nobody-at-all" // no entity has this id
)

// A fact is a check of a store holding a graph.
type fact struct {
	name  string
	check func(t *testing.T, s kg.Store, g *kg.Graph)
}

var (
	both      = kg.StepFilter{Direction: kg.Both}
	ctx       = context.Background()
	notStated = []kg.Status{kg.StatusActual, kg.StatusPlanned, kg.StatusExpected} // every status but proposed
)

// seedFacts are what a reader of the seed's two articles knows, asked as
// the API asks (names as references included).
var seedFacts = []fact{
	{"Ping", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		if err := s.Ping(ctx); err != nil {
			t.Fatal(err)
		}
	}},
	{"EveryItemReadsBack", everyItemReadsBack},
	{"WhoChairsPTA", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		edges := chairsOfPTA(t, s)
		e := edges[0]
		if e.Relation.ID != rehmanPTA || e.Direction != kg.In || e.Node.ID != rehman || e.Relation.Role != "Chairman" ||
			e.Node.Name != "Hafeez Ur Rehman" || e.Node.Title != "Major General (R)" || e.Cursor != kg.EncodeCursor(rehmanPTA) {
			t.Errorf("the chair of PTA: %s", View(e))
		}
		if len(e.Relation.Statements) == 0 {
			t.Fatal("no evidence")
		}
		for _, st := range e.Relation.Statements {
			if st.DocumentID != cyberDoc || st.Document == nil || st.Document.ID != cyberDoc || st.Date.String() != "2024-12-17" ||
				!strings.Contains(strings.ToLower(st.Excerpt), "chairman") {
				t.Errorf("evidence %s", View(st))
			}
		}
	}},
	{"WhoChairsPTAInWholeSentences", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		for _, st := range chairsOfPTA(t, s)[0].Relation.Statements {
			text := []rune(st.Document.Text)
			if strings.Contains(st.Excerpt, "...") || st.Start < 0 || st.End > len(text) || st.Start >= st.End ||
				strings.Join(strings.Fields(string(text[st.Start:st.End])), " ") != st.Excerpt {
				t.Errorf("excerpt %q at [%d, %d) is not a whole sentence at its place in the document (white space folded)", st.Excerpt, st.Start, st.End)
			}
		}
	}},
	{"PakistanExportsToKazakhstan", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		names := exports(t, s, "Pakistan", kazakhstan)
		want := []string{"citrus fruits", "garments", "pharmaceutical products", "soap", "sports equipment and gear"}
		if !slices.Equal(names, want) {
			t.Errorf("Pakistan exports %v to Kazakhstan, want %v", names, want)
		}
	}},
	{"KazakhstanExportsToPakistan", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		// "Kazakhstan’s exports to Pakistan primarily include onions and
		// garlic, dried leguminous vegetables, oats, buckwheat and other
		// cereal grains, seeds and fruits of other oil-bearing crops, among
		// others."
		names := exports(t, s, "Kazakhstan", pakistan)
		want := []string{"buckwheat and other cereal grains", "dried leguminous vegetables", "oats", "onions and garlic", "seeds and fruits of other oil-bearing crops"}
		if !slices.Equal(names, want) {
			t.Errorf("Kazakhstan exports %v to Pakistan, want %v", names, want)
		}
		hits := search(t, s, kg.SearchQuery{Text: "onions", Relations: true, First: 10, Relation: &kg.RelationSel{Fields: kg.RCounterpart}})
		found := slices.ContainsFunc(hits, func(h kg.SearchHit) bool {
			return h.Relation != nil && h.Relation.Relation.From == kazakhstan && h.Relation.Type == kg.Exports &&
				h.Relation.Relation.Counterpart == pakistan && h.Field == kg.MatchedExcerpt && strings.Contains(h.Matched, "onions")
		})
		if !found {
			t.Errorf("search onions does not find Kazakhstan's export by its excerpt: %s", View(hits))
		}
	}},
	{"SearchByNamesTyposAndWords", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		for text, want := range map[string]string{
			"rehman": rehman, "Hafeez": rehman, "PTA": pta, "comstech": "org/comstech",
			"kazakstan": kazakhstan, "Kassym Tokayev": "person/kassym-jomart-tokayev",
		} {
			hits := search(t, s, kg.SearchQuery{Text: text, First: 5})
			if len(hits) == 0 || hits[0].Entity == nil || hits[0].Entity.ID != want {
				t.Errorf("search %q: %s, want %s first", text, View(hits), want)
			}
		}
		hits := search(t, s, kg.SearchQuery{Text: "pakistan", Kinds: []kg.Kind{kg.KindOrganization}, First: 10})
		if len(hits) == 0 || slices.ContainsFunc(hits, func(h kg.SearchHit) bool { return h.Entity == nil || h.Entity.Kind != kg.KindOrganization }) {
			t.Errorf("search pakistan among organizations: %s", View(hits))
		}
		// kinds limit relation hits to relations with an end of them: the
		// onions Kazakhstan exports to Pakistan join two countries.
		exportOfOnions := func(h kg.SearchHit) bool {
			return h.Relation != nil && h.Relation.Type == kg.Exports && strings.Contains(h.Matched, "onions")
		}
		onions := func(kinds ...kg.Kind) []kg.SearchHit {
			return search(t, s, kg.SearchQuery{Text: "onions", Kinds: kinds, Relations: true, First: 10})
		}
		if hits := onions(kg.KindCountry); !slices.ContainsFunc(hits, exportOfOnions) {
			t.Errorf("search onions among countries does not find Kazakhstan's export: %s", View(hits))
		}
		for _, kinds := range [][]kg.Kind{{kg.KindPerson}, {kg.KindOrganization, kg.KindCity}} {
			if hits := onions(kinds...); slices.ContainsFunc(hits, func(h kg.SearchHit) bool { return h.Relation != nil }) {
				t.Errorf("search onions among %v finds a relation between countries: %s", kinds, View(hits))
			}
		}
		for _, text := range []string{"zzqxv qqwv", "onions"} {
			for _, h := range search(t, s, kg.SearchQuery{Text: text, Relations: true, First: 10}) {
				if h.Entity != nil && h.Entity.ID == "org/itu" || text == "zzqxv qqwv" {
					t.Errorf("search %q finds %s", text, View(h))
				}
			}
		}
	}},
	{"RoutesKazakhstanToOIC", func(t *testing.T, s kg.Store, g *kg.Graph) {
		paths := routes(t, s, "Kazakhstan", "OIC", kg.PathQuery{MaxHops: 4, Limit: 10, Filter: both, Steps: &kg.RelationSel{Fields: kg.RStatus}})
		checkRoutes(t, paths, kazakhstan, oic, both)
		first := paths.Paths[0]
		if len(first.Steps) != 3 || first.Nodes[1].ID != pakistan {
			t.Fatalf("the shortest route from Kazakhstan to the OIC: %s", routeText(first))
		}
		// One step holds every fact between the two countries: seven
		// parallel relations make one route, not seven.
		want := factsBetween(g, kazakhstan, pakistan)
		if got := stepIDs(first.Steps[0]); len(want) < 5 || !slices.Equal(got, want) {
			t.Errorf("the step from Kazakhstan to Pakistan holds %v, want %v", got, want)
		}
		// Through proposed facts no more: the route of least length now
		// goes through Huawei.
		stated := routes(t, s, kazakhstan, oic, kg.PathQuery{MaxHops: 4, Limit: 10, Filter: kg.StepFilter{Direction: kg.Both, Statuses: notStated},
			Steps: &kg.RelationSel{Fields: kg.RStatus}})
		checkRoutes(t, stated, kazakhstan, oic, both)
		if len(stated.Paths) == 0 {
			t.Fatal("no route through stated facts")
		}
		for _, p := range stated.Paths {
			for _, n := range p.Nodes {
				if n.ID == centre {
					t.Errorf("a route without proposed facts goes through the proposed centre: %s", routeText(p))
				}
			}
			for _, st := range p.Steps {
				for _, r := range st.Relations {
					if r.Status == kg.StatusProposed {
						t.Errorf("a route without proposed facts steps on %s", r.ID)
					}
				}
			}
		}
	}},
	{"HuaweiToRehman", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		q := kg.PathQuery{MaxHops: 4, Limit: 3, Filter: both, Nodes: &kg.EntitySel{Fields: kg.EName}, Steps: &kg.RelationSel{Fields: kg.RRole}}
		paths := routes(t, s, "Huawei", "Hafeez Ur Rehman", q)
		checkRoutes(t, paths, huawei, rehman, both)
		want := [][]string{
			{huawei, "org/comstech", workshop, rehman},
			{huawei, "org/huawei-technologies-pakistan", workshop, rehman},
			{huawei, oic, centre, rehman},
		}
		for i, p := range paths.Paths {
			if i >= len(want) || !slices.Equal(nodeIDs(p), want[i]) {
				t.Errorf("route %d: %s, want %v", i, routeText(p), want[min(i, len(want)-1)])
			}
		}
		if len(paths.Paths) != len(want) {
			t.Fatalf("%d routes, want %d", len(paths.Paths), len(want))
		}
		shortest := paths.Paths[0]
		var types []kg.RelationType
		for _, st := range shortest.Steps {
			types = append(types, st.Relations[0].Type)
		}
		if !slices.Equal(types, []kg.RelationType{kg.CooperatesWith, kg.Organized, kg.ParticipatedIn}) ||
			shortest.Steps[2].Relations[0].Role != "speaker" || shortest.Nodes[0].Name != "Huawei" {
			t.Errorf("the shortest route: %s", View(shortest))
		}
	}},
	{"NeighborhoodHoldsRelationsBetweenNeighbors", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		sg := neighborhood(t, s, kg.NeighborhoodQuery{IDs: []string{pakistan}, Hops: 1, Limit: 100, Filter: both, Edges: &kg.RelationSel{}})
		if sg.Truncated || sg.Nodes[0].ID != pakistan {
			t.Fatalf("neighbourhood of Pakistan: truncated %v, first %s", sg.Truncated, sg.Nodes[0].ID)
		}
		for _, id := range []string{kazakhstan, pta, centre, "org/pakistan-kazakhstan-joint-business-council"} {
			if !slices.Contains(viewIDs(sg.Nodes), id) {
				t.Errorf("%s is not a neighbour of Pakistan", id)
			}
		}
		between := 0
		for _, e := range sg.Edges {
			if e.Relation.From != pakistan && e.Relation.To != pakistan {
				between++
			}
		}
		for _, id := range []string{pta + ">PROPOSED>" + centre, kazakhstan + ">MEMBER_OF>org/pakistan-kazakhstan-joint-business-council"} {
			if !slices.Contains(relationViewIDs(sg.Edges), id) {
				t.Errorf("the relation %s between two neighbours is missing", id)
			}
		}
		if between == 0 {
			t.Error("no relation between two neighbours")
		}
		small := neighborhood(t, s, kg.NeighborhoodQuery{IDs: []string{pakistan}, Hops: 2, Limit: 5, Filter: both})
		if len(small.Nodes) != 5 || !small.Truncated {
			t.Errorf("limit 5: %d entities, truncated %v", len(small.Nodes), small.Truncated)
		}
	}},
	{"ValidDuringTheStateVisit", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		visit := "person/kassym-jomart-tokayev>PARTICIPATED_IN>event/tokayev-state-visit-to-pakistan-2026"
		if !slices.Contains(relationsOf(t, s, "person/kassym-jomart-tokayev", at("2026-02")), visit) {
			t.Errorf("Tokayev's state visit is not valid in February 2026")
		}
		if slices.Contains(relationsOf(t, s, "person/kassym-jomart-tokayev", at("2025")), visit) {
			t.Errorf("Tokayev's state visit is valid in 2025")
		}
	}},
	{"DatedEventValidDuringTheEvent", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		visit := nurtleu + ">PARTICIPATED_IN>" + nurtleuTrip
		if !slices.Contains(relationsOf(t, s, nurtleu, at("2025-09")), visit) {
			t.Errorf("Nurtleu's visit is not valid in September 2025")
		}
		for _, w := range []kg.StepFilter{at("2026-02"), at("2025-08")} {
			if slices.Contains(relationsOf(t, s, nurtleu, w), visit) {
				t.Errorf("Nurtleu's visit of September 2025 is valid in %v", w.Valid)
			}
		}
	}},
	{"OpenTradeValidIn2026", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		sg := neighborhood(t, s, kg.NeighborhoodQuery{IDs: []string{pakistan}, Hops: 1, Limit: 100, Filter: at("2026-02"),
			Edges: &kg.RelationSel{Fields: kg.RValidFrom | kg.RValidTo | kg.RPointInTime | kg.RAmount}})
		i := slices.Index(relationViewIDs(sg.Edges), trade)
		if i < 0 {
			t.Fatalf("the trade of Pakistan and Kazakhstan, open, is not in the neighbourhood at 2026-02")
		}
		if r := sg.Edges[i]; r.ValidTo != nil || r.PointInTime == nil || r.PointInTime.String() != "2024" || r.Amount == nil {
			t.Errorf("the trade: %s; want no end of validity and the 2024 amount at its point in time", View(r))
		}
	}},
	{"DatedBeforeKazakhstansIndependence", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		// June 1991: Kazakhstan was not yet independent. Without dated, every
		// fact whose validity is open passes (the 2024 trade figure, the
		// partnership, the recent interactions); with dated, only facts whose
		// validity is known on both sides can be checked against a month, and
		// none of Pakistan's with Kazakhstan held then.
		june := at("1991-06")
		between := func(f kg.StepFilter) []string {
			var ids []string
			for _, id := range relationsOf(t, s, pakistan, f) {
				if from, to := ends(id); from == kazakhstan || to == kazakhstan {
					ids = append(ids, id)
				}
			}
			return ids
		}
		open := between(june)
		for _, id := range []string{trade, pakistan + ">DIPLOMATIC_RELATION>" + kazakhstan + "#strategic-partnership", pakistan + ">MET_WITH>" + kazakhstan} {
			if !slices.Contains(open, id) {
				t.Errorf("without dated, %s (validity open) is not valid in June 1991: %v", id, open)
			}
		}
		june.Dated = true
		if got := between(june); len(got) != 0 {
			t.Errorf("dated, June 1991 admits %v; want none", got)
		}
		// Dated with a since: diplomatic relations (from 24 February 1992,
		// no end) cannot be checked against a since, but an until checks
		// their start.
		until := kg.StepFilter{Direction: kg.Both, Valid: kg.Window{Until: "1992-03-01"}, Dated: true}
		diplomatic := pakistan + ">DIPLOMATIC_RELATION>" + kazakhstan + "#diplomatic-relations"
		if got := between(until); !slices.Contains(got, diplomatic) || slices.Contains(got, trade) {
			t.Errorf("dated until March 1992: %v; want diplomatic relations and not the trade", got)
		}
		since := kg.StepFilter{Direction: kg.Both, Valid: kg.Window{Since: "1992-01-01"}, Dated: true}
		if got := between(since); slices.Contains(got, diplomatic) {
			t.Errorf("dated since 1992: %v admits diplomatic relations, whose end is unknown", got)
		}
	}},
	{"BetweenKazakhstanAndPakistan", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		// Every relation that joins the two, whichever is its from end,
		// and in either order of the two.
		var want []string
		for _, id := range relationsOf(t, s, pakistan, both) {
			if from, to := ends(id); from == kazakhstan || to == kazakhstan {
				want = append(want, id)
			}
		}
		slices.Sort(want)
		for _, pair := range [][]string{{kazakhstan, pakistan}, {pakistan, kazakhstan}} {
			page, err := s.FindRelations(ctx, kg.RelationFilter{Between: pair, Page: kg.Page{First: kg.MaxFirst}}, true, &kg.RelationSel{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range page.Edges {
				got = append(got, e.Relation.ID)
			}
			if !slices.Equal(got, want) || page.TotalCount != len(want) || !slices.Contains(got, trade) {
				t.Errorf("between %v: %v (%d in all); want %v", pair, got, page.TotalCount, want)
			}
		}
		if _, err := s.FindRelations(ctx, kg.RelationFilter{Between: []string{pakistan}, Page: kg.Page{First: 5}}, false, &kg.RelationSel{}, nil); kg.ErrorCode(err) != kg.EINVALID {
			t.Errorf("between one entity: %v, want EINVALID", err)
		}
	}},
	{"PakistansRelationsWithKazakhstan", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		// with names the other end: from either side, the same relations,
		// those that join the two; as neighbours, Kazakhstan alone.
		var want []string
		for _, id := range relationsOf(t, s, pakistan, both) {
			if from, to := ends(id); from == kazakhstan || to == kazakhstan {
				want = append(want, id)
			}
		}
		slices.Sort(want)
		fromPakistan := relationsOf(t, s, pakistan, kg.StepFilter{Direction: kg.Both, With: []string{kazakhstan}})
		fromKazakhstan := relationsOf(t, s, kazakhstan, kg.StepFilter{Direction: kg.Both, With: []string{pakistan, nobodyAtAll}})
		if len(want) < 4 || !slices.Equal(fromPakistan, want) || !slices.Equal(fromKazakhstan, want) {
			t.Errorf("with Kazakhstan: %v; from Kazakhstan with Pakistan: %v; want %v", fromPakistan, fromKazakhstan, want)
		}
		c := childConnection(pakistan, kg.ChildNeighbors, kg.StepFilter{Direction: kg.Both, With: []string{kazakhstan, nurtleu}})
		neighbours := walk(t, c.name, func(after string) (page, error) { return c.fetch(ctx, s, kg.Page{First: kg.MaxFirst, After: after}) })
		if len(neighbours) != 2 {
			t.Errorf("Pakistan's neighbours with Kazakhstan and Nurtleu: %v", neighbours)
		}
		_, err := s.Neighborhood(ctx, kg.NeighborhoodQuery{IDs: []string{pakistan}, Hops: 1, Limit: 10, Filter: kg.StepFilter{Direction: kg.Both, With: []string{kazakhstan}}})
		if kg.ErrorCode(err) != kg.EINVALID {
			t.Errorf("a neighbourhood with with: %v, want EINVALID", err)
		}
	}},
	{"WhatJoinsPakistanAndKazakhstanToTheirCommonNeighbours", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		cn, err := s.CommonNeighbors(ctx, kg.CommonNeighborsQuery{A: pakistan, B: kazakhstan, Filter: both, First: 50, Joins: &kg.RelationSel{Fields: kg.RRole}})
		if err != nil {
			t.Fatal(err)
		}
		if len(cn.Joins) != len(cn.Nodes) || len(cn.Nodes) == 0 {
			t.Fatalf("%d common neighbours, %d joins", len(cn.Nodes), len(cn.Joins))
		}
		sco := false
		for i, n := range cn.Nodes {
			j := cn.Joins[i]
			for side, rels := range map[string][]*kg.RelationView{pakistan: j.ToA, kazakhstan: j.ToB} {
				if len(rels) == 0 {
					t.Errorf("no relation joins %s to %s", n.ID, side)
				}
				for _, r := range rels {
					if from, to := ends(r.ID); !(from == side && to == n.ID || to == side && from == n.ID) {
						t.Errorf("%s does not join %s to %s", r.ID, n.ID, side)
					}
				}
			}
			if n.ID == "event/sco-meetings" {
				sco = len(j.ToA) == 1 && j.ToA[0].ID == pakistan+">PARTICIPATED_IN>event/sco-meetings" &&
					len(j.ToB) == 1 && j.ToB[0].ID == kazakhstan+">PARTICIPATED_IN>event/sco-meetings"
			}
		}
		if !sco {
			t.Errorf("the SCO meetings are not joined to each by its participation: %s", View(cn))
		}
	}},
	{"ValidIn1992", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		// Recognition (from December 1991) and diplomatic relations (from
		// 24 February 1992) held, as did every fact no source bounds (the
		// trade: its 2024 figure dates the amount); the proposal of 2024
		// and the visits of 2025 and 2026 did not.
		got := relationsOf(t, s, pakistan, at("1992"))
		for _, id := range []string{pakistan + ">DIPLOMATIC_RELATION>" + kazakhstan + "#recognition", pakistan + ">DIPLOMATIC_RELATION>" + kazakhstan + "#diplomatic-relations", trade} {
			if !slices.Contains(got, id) {
				t.Errorf("in 1992 Pakistan lacks %s", id)
			}
		}
		for _, id := range []string{pakistan + ">PROPOSED>" + centre, nurtleu + ">MET_WITH>" + pakistan, "event/tokayev-state-visit-to-pakistan-2026>LOCATED_IN>" + pakistan} {
			if slices.Contains(got, id) {
				t.Errorf("in 1992 Pakistan has %s", id)
			}
		}
	}},
	{"NoFactOfTheWorkshopBeforeIt", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		// Rehman and Choudhary both spoke at the workshop of 17-18
		// December 2024: before it, no fact joins them within four steps.
		paths := routes(t, s, rehman, choudhary, kg.PathQuery{MaxHops: 4, Limit: 1, Filter: kg.StepFilter{Direction: kg.Both, Valid: kg.Window{Until: "2024-12-16"}}})
		during := routes(t, s, rehman, choudhary, kg.PathQuery{MaxHops: 4, Limit: 1, Filter: at("2024-12-18")})
		if len(paths.Paths) != 0 || len(during.Paths) != 1 || !slices.Equal(nodeIDs(during.Paths[0]), []string{rehman, workshop, choudhary}) {
			t.Errorf("Rehman to Choudhary before the workshop: %s; during it: %s", View(paths), View(during))
		}
	}},
	{"StatedTime", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		dec2024 := kg.StepFilter{Direction: kg.Both, Stated: kg.Window{Since: "2024-12-01", Until: "2024-12-31"}}
		got := relationsOf(t, s, pakistan, dec2024)
		if !slices.Contains(got, pakistan+">PROPOSED>"+centre) || slices.Contains(got, trade) {
			t.Errorf("Pakistan's relations stated in December 2024: %v", got)
		}
		in2026 := kg.StepFilter{Direction: kg.Both, Stated: kg.Window{Since: "2026-01-01", Until: "2026-12-31"}}
		got = relationsOf(t, s, pakistan, in2026)
		if slices.Contains(got, pakistan+">PROPOSED>"+centre) || !slices.Contains(got, trade) {
			t.Errorf("Pakistan's relations stated in 2026: %v", got)
		}
	}},
	{"StatusFilterExcludesProposed", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		proposed := pakistan + ">PROPOSED>" + centre
		if got := relationsOf(t, s, pakistan, kg.StepFilter{Direction: kg.Both, Statuses: notStated}); slices.Contains(got, proposed) || len(got) == 0 {
			t.Errorf("without proposed facts: %v", got)
		}
		if got := relationsOf(t, s, pakistan, kg.StepFilter{Direction: kg.Both, Statuses: []kg.Status{kg.StatusProposed}}); !slices.Equal(got, []string{proposed}) {
			t.Errorf("Pakistan's proposed facts: %v, want %v", got, []string{proposed})
		}
	}},
	{"PlacesOfEventsAndInitiatives", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		// Each event and initiative in the places its sources give it, as
		// Event.place and Initiative.place read them: "is being hosted in
		// Islamabad", "will arrive in Pakistan", "visited Pakistan", "two
		// global cybersecurity forums in Central Asia and Africa" (planned,
		// as the forums are). The centre of excellence is "at the OIC", an
		// organisation, not a place; the rest are placed by no source.
		want := map[string]string{
			workshop: "city/islamabad",
			"event/tokayev-state-visit-to-pakistan-2026": pakistan + " (PLANNED)",
			nurtleuTrip: pakistan,
			"initiative/comstech-global-cybersecurity-forums": "region/africa (PLANNED), region/central-asia (PLANNED)",
		}
		place := kg.PlaceFilter()
		p, err := s.FindEntities(ctx, kg.EntityFilter{Kinds: []kg.Kind{kg.KindEvent, kg.KindInitiative}, OrderBy: kg.OrderByID, Page: kg.Page{First: kg.MaxFirst}}, false,
			&kg.EntitySel{Kids: []*kg.ChildSel{{Kind: kg.ChildRelations, Kinds: []kg.Kind{kg.KindEvent, kg.KindInitiative}, Filter: place,
				Relation: &kg.RelationSel{Fields: kg.RStatus}, Node: &kg.EntitySel{Fields: kg.EName}}}})
		if err != nil {
			t.Fatal(err)
		}
		initiatives := 0
		for _, e := range p.Edges {
			var got []string
			for _, edge := range e.Node.Kids[0].(*kg.RelationPage).Edges {
				at := edge.Node.ID
				if edge.Relation.Status != kg.StatusActual {
					at += " (" + strings.ToUpper(string(edge.Relation.Status)) + ")"
				}
				got = append(got, at)
			}
			if strings.Join(got, ", ") != want[e.Node.ID] {
				t.Errorf("%s is placed in %v, want %q", e.Node.ID, got, want[e.Node.ID])
			}
			if e.Node.Kind == kg.KindInitiative {
				initiatives++
			}
		}
		if initiatives != 4 || len(p.Edges) != 9 {
			t.Errorf("%d events and initiatives (%d initiatives), want 9 (4)", len(p.Edges), initiatives)
		}
	}},
	{"NamesAsReferences", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		for ref, want := range map[string]string{
			"PTA": pta, "Pakistan Telecommunication Authority": pta, "hafeez ur-rehman": rehman, "Kazakh": kazakhstan,
			"country/atlantis": "country/atlantis", // an id stays an id
		} {
			ids, err := kg.ResolveRefs(ctx, s, []string{ref})
			if err != nil || ids[0] != want {
				t.Errorf("%q names %v (%v), want %s", ref, ids, err, want)
			}
		}
		for ref, says := range map[string]string{"Kazakstan": "Kazakhstan (country/kazakhstan)", "Atlantis": "no entity has the id or name"} {
			_, err := kg.ResolveRefs(ctx, s, []string{pakistan, ref})
			if kg.ErrorCode(err) != kg.EINVALID || !strings.Contains(kg.ErrorMessage(err), says) {
				t.Errorf("%q: %v, want %s saying %q", ref, err, kg.EINVALID, says)
			}
		}
		matches, err := s.ResolveNames(ctx, []string{"pta", "Nothing At All"})
		want := []kg.NameMatch{{ID: pta, Kind: kg.KindOrganization, Name: "Pakistan Telecommunication Authority"}}
		if err != nil || len(matches) != 2 || !slices.Equal(matches[0], want) || len(matches[1]) != 0 {
			t.Errorf("names pta, Nothing At All: %v, %v", matches, err)
		}
		if _, err := s.Paths(ctx, kg.PathQuery{From: pakistan, To: "country/atlantis", MaxHops: 2, Limit: 1, Filter: both}); kg.ErrorCode(err) != kg.ENOTFOUND {
			t.Errorf("a path to an id of nothing: %v, want %s", err, kg.ENOTFOUND)
		}
	}},
	{"UnknownIDsRefusedWithCandidates", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		// A walk's unknown end or centre is the store's ENOTFOUND, which
		// the API refuses as it refuses an unknown name: with the closest.
		const typo, closest = "country/kazakstan", "Kazakhstan (country/kazakhstan)"
		for name, call := range map[string]func() ([]string, error){
			"Paths": func() ([]string, error) {
				_, err := s.Paths(ctx, kg.PathQuery{From: pakistan, To: typo, MaxHops: 2, Limit: 1, Filter: both})
				return []string{pakistan, typo}, err
			},
			"Neighborhood": func() ([]string, error) {
				_, err := s.Neighborhood(ctx, kg.NeighborhoodQuery{IDs: []string{rehman, typo}, Hops: 1, Limit: 10, Filter: both})
				return []string{rehman, typo}, err
			},
			"Expand": func() ([]string, error) {
				_, err := s.Expand(ctx, kg.ExpandQuery{IDs: []string{typo}, Known: []string{"org/gone"}, Limit: 10, Filter: both})
				return []string{typo}, err
			},
			"CommonNeighbors": func() ([]string, error) {
				_, err := s.CommonNeighbors(ctx, kg.CommonNeighborsQuery{A: typo, B: pakistan, First: 3, Filter: both})
				return []string{typo, pakistan}, err
			},
		} {
			ids, err := call()
			if kg.ErrorCode(err) != kg.ENOTFOUND {
				t.Errorf("%s with %s: %v, want %s", name, typo, err, kg.ENOTFOUND)
			}
			if err := kg.RefuseUnknownIDs(ctx, s, ids, err); kg.ErrorCode(err) != kg.EINVALID || !strings.Contains(kg.ErrorMessage(err), closest) {
				t.Errorf("%s with %s refused: %v, want %s naming %s", name, typo, err, kg.EINVALID, closest)
			}
		}
		other := kg.Errorf(kg.EINVALID, "hops")
		if err := kg.RefuseUnknownIDs(ctx, s, []string{typo}, other); err != other {
			t.Errorf("another error became %v", err)
		}
		// A document filter that names an entity of another kind.
		if err := kg.CheckDocumentRef(ctx, s, "Kazakhstan", kazakhstan); kg.ErrorCode(err) != kg.EINVALID ||
			!strings.Contains(kg.ErrorMessage(err), "(doc/2026-02-02-kazakhstan-president-state-visit)") {
			t.Errorf("Kazakhstan as a document: %v", err)
		}
		if err := kg.CheckDocumentRef(ctx, s, "doc/x", "doc/x"); err != nil {
			t.Errorf("a document's id refused: %v", err)
		}
	}},
	{"MentionsExcludedByDefault", mentionsExcludedByDefault},
	{"CommonNeighbors", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		cn, err := s.CommonNeighbors(ctx, kg.CommonNeighborsQuery{A: rehman, B: choudhary, First: 10, Filter: both})
		if err != nil || !slices.Contains(viewIDs(cn.Nodes), workshop) || slices.Contains(viewIDs(cn.Nodes), cyberDoc) || cn.Truncated {
			t.Errorf("Rehman and Choudhary: %s, %v; want the workshop where both spoke, not the article", View(cn), err)
		}
		cn, err = s.CommonNeighbors(ctx, kg.CommonNeighborsQuery{A: rehman, B: choudhary, First: 10, Filter: kg.StepFilter{Direction: kg.In, Types: []kg.RelationType{kg.Mentions}}})
		if err != nil || !slices.Equal(viewIDs(cn.Nodes), []string{cyberDoc}) {
			t.Errorf("the documents that mention Rehman and Choudhary: %s, %v", View(cn), err)
		}
	}},
	{"Expand", func(t *testing.T, s kg.Store, _ *kg.Graph) {
		x, err := s.Expand(ctx, kg.ExpandQuery{IDs: []string{rehman}, Known: []string{pta}, Limit: 50, Filter: both})
		if err != nil {
			t.Fatal(err)
		}
		nodes := make([]*kg.EntityView, len(x.Nodes))
		for i, n := range x.Nodes {
			nodes[i] = n.Node
		}
		if ids := viewIDs(nodes); !slices.Contains(ids, workshop) || !slices.Contains(ids, centre) || slices.Contains(ids, pta) || !slices.IsSorted(ids) {
			t.Errorf("expanding Rehman beside PTA: new %v", ids)
		}
		if edges := relationViewIDs(x.Edges); !slices.Contains(edges, pta+">PROPOSED>"+centre) || slices.Contains(edges, rehmanPTA) {
			t.Errorf("expanding Rehman beside PTA: edges %v; want PTA's proposal, not Rehman's chair (drawn)", edges)
		}
		if len(x.Expanded) != 1 || x.Expanded[0].HiddenDegree != 0 || x.Expanded[0].Degree != len(x.Nodes)+1 {
			t.Errorf("Rehman after the expansion: %s", View(x.Expanded))
		}
	}},
	{"Stats", func(t *testing.T, s kg.Store, g *kg.Graph) {
		st, err := s.Stats(ctx, kg.StatsQuery{Top: 3, Filter: both})
		if err != nil {
			t.Fatal(err)
		}
		facts, mentions := 0, 0
		for _, r := range g.Relations {
			if r.Type == kg.Mentions {
				mentions++
			} else {
				facts++
			}
		}
		if st.Entities != len(g.Entities) || st.ByKind[kg.KindCountry] != 2 || st.Relations != facts || st.ByType[kg.Mentions] != mentions ||
			len(st.MostConnected) != 3 || st.MostConnected[0].Node.ID != pakistan {
			t.Errorf("stats %s; want %d entities, 2 countries, %d facts, %d mentions, Pakistan the most connected", View(st), len(g.Entities), facts, mentions)
		}
	}},
}

// everyItemReadsBack reads every entity and relation with every field
// and its evidence: each is the graph's own.
func everyItemReadsBack(t *testing.T, s kg.Store, g *kg.Graph) {
	var ids []string
	for _, e := range g.Entities {
		ids = append(ids, e.ID)
	}
	for _, r := range g.Relations {
		ids = append(ids, r.ID)
	}
	es := &kg.EntitySel{Fields: kg.EAllFields, Evidence: &kg.EvidenceSel{}}
	rs := &kg.RelationSel{Fields: kg.RAllFields, Evidence: &kg.EvidenceSel{}}
	nodes, err := readNodes(s, append(ids, "person/nobody", "no>such>relation"), es, rs)
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != len(ids)+2 || nodes[len(ids)] != (kg.NodeView{}) || nodes[len(ids)+1] != (kg.NodeView{}) {
		t.Fatalf("%d nodes for %d ids, or an id of nothing reads as something", len(nodes), len(ids)+2)
	}
	for i, e := range g.Entities {
		v := nodes[i].Entity
		if v == nil {
			t.Errorf("%s reads as nothing", e.ID)
			continue
		}
		back := *v.Entity
		back.Evidence = evidenceOf(v.Statements)
		if View(&back) != View(e) {
			t.Errorf("%s: %s", e.ID, firstDifference(View(&back), View(e)))
		}
	}
	for i, r := range g.Relations {
		v := nodes[len(g.Entities)+i].Relation
		if v == nil {
			t.Errorf("%s reads as nothing", r.ID)
			continue
		}
		back := *v.Relation
		back.Evidence = evidenceOf(v.Statements)
		if View(&back) != View(r) {
			t.Errorf("%s: %s", r.ID, firstDifference(View(&back), View(r)))
		}
	}
}

func evidenceOf(sts []kg.EvidenceView) []kg.Evidence {
	var out []kg.Evidence
	for _, st := range sts {
		out = append(out, st.Evidence)
	}
	return out
}

// chairsOfPTA reads PTA's positions with their evidence and documents,
// as the README's first example asks.
func chairsOfPTA(t *testing.T, s kg.Store) []kg.RelationEdge {
	t.Helper()
	ids, err := kg.ResolveRefs(ctx, s, []string{"PTA"})
	if err != nil {
		t.Fatal(err)
	}
	sel := &kg.EntitySel{Fields: kg.EName, Kids: []*kg.ChildSel{{
		Kind: kg.ChildRelations, Count: true,
		Filter:   kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both, Types: []kg.RelationType{kg.HoldsPosition}}, Page: kg.Page{First: 10}},
		Relation: &kg.RelationSel{Fields: kg.RRole, Evidence: &kg.EvidenceSel{Document: &kg.EntitySel{Fields: kg.ETitle | kg.EText}}},
		Node:     &kg.EntitySel{Fields: kg.EName | kg.ETitle},
	}}}
	nodes, err := s.Nodes(ctx, ids, sel, nil)
	if err != nil {
		t.Fatal(err)
	}
	e := nodes[0].Entity
	if e == nil || e.Name != "Pakistan Telecommunication Authority" {
		t.Fatalf("PTA: %s", View(e))
	}
	p := e.Kids[0].(*kg.RelationPage)
	if !p.Counted || p.TotalCount != 1 || len(p.Edges) != 1 || p.HasNextPage {
		t.Fatalf("PTA has %d positions (%d counted), want 1", len(p.Edges), p.TotalCount)
	}
	return p.Edges
}

// exports returns the names of what the country named from exports to
// buyer, by name, checking the edges on the way.
func exports(t *testing.T, s kg.Store, from, buyer string) []string {
	t.Helper()
	ids, err := kg.ResolveRefs(ctx, s, []string{from})
	if err != nil {
		t.Fatal(err)
	}
	f := kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both, Types: []kg.RelationType{kg.Exports}}, From: ids[0], Page: kg.Page{First: 20}}
	p, err := s.FindRelations(ctx, f, true, &kg.RelationSel{Fields: kg.RCounterpart, Counterpart: &kg.EntitySel{Fields: kg.EName}}, &kg.EntitySel{Fields: kg.EName})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range p.Edges {
		r := e.Relation.Relation
		if r.From != ids[0] || e.Direction != kg.Out || e.Node.ID != r.To || r.Counterpart != buyer ||
			e.Relation.Counterpart == nil || e.Relation.Counterpart.ID != buyer || e.Relation.Counterpart.Name == "" {
			t.Errorf("%s: counterpart %s, direction %s, node %s", r.ID, View(e.Relation.Counterpart), e.Direction, e.Node.ID)
		}
		names = append(names, strings.ToLower(e.Node.Name))
	}
	if p.TotalCount != len(p.Edges) || p.HasNextPage || len(p.Edges) == 0 {
		t.Errorf("%d exports of %d counted", len(p.Edges), p.TotalCount)
	}
	slices.Sort(names)
	return names
}

func search(t *testing.T, s kg.Store, q kg.SearchQuery) []kg.SearchHit {
	t.Helper()
	if q.Entity == nil {
		q.Entity = &kg.EntitySel{Fields: kg.EName}
	}
	hits, err := s.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// routes asks for the routes of q between two references.
func routes(t *testing.T, s kg.Store, from, to string, q kg.PathQuery) *kg.PathList {
	t.Helper()
	ids, err := kg.ResolveRefs(ctx, s, []string{from, to})
	if err != nil {
		t.Fatal(err)
	}
	q.From, q.To = ids[0], ids[1]
	paths, err := s.Paths(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if paths.Truncated {
		t.Errorf("the search from %s to %s was truncated", from, to)
	}
	return paths
}

// checkRoutes checks what every answer of routes holds: each goes from
// from to to through distinct entities, each step joins its two entities
// in the filter's direction by relations in id order, and the routes are
// distinct, in the order of (length, ids).
func checkRoutes(t *testing.T, paths *kg.PathList, from, to string, f kg.StepFilter) {
	t.Helper()
	for i, p := range paths.Paths {
		ids := nodeIDs(p)
		if ids[0] != from || ids[len(ids)-1] != to || len(p.Steps) != len(ids)-1 {
			t.Errorf("route %d: %s", i, routeText(p))
			continue
		}
		if len(sortedSet(ids)) != len(ids) {
			t.Errorf("route %d goes through an entity twice: %s", i, routeText(p))
		}
		for j, st := range p.Steps {
			if len(st.Relations) == 0 || !slices.IsSorted(stepIDs(st)) {
				t.Errorf("route %d, step %d: %v", i, j, stepIDs(st))
			}
			for _, r := range st.Relations {
				if !admits(f, r.Relation, ids[j]) || other(r.Relation, ids[j]) != ids[j+1] {
					t.Errorf("route %d, step %d: %s does not lead from %s to %s", i, j, r.ID, ids[j], ids[j+1])
				}
			}
		}
		if i > 0 && compareRoutes(route{nodes: nodeIDs(paths.Paths[i-1])}, route{nodes: ids}) >= 0 {
			t.Errorf("route %d is not after route %d: %s", i, i-1, routeText(p))
		}
	}
}

func nodeIDs(p kg.PathView) []string { return viewIDs(p.Nodes) }

func viewIDs(vs []*kg.EntityView) []string {
	ids := make([]string, len(vs))
	for i, v := range vs {
		ids[i] = v.ID
	}
	return ids
}

func relationViewIDs(vs []*kg.RelationView) []string {
	ids := make([]string, len(vs))
	for i, v := range vs {
		ids[i] = v.ID
	}
	return ids
}

func stepIDs(st kg.PathStep) []string { return relationViewIDs(st.Relations) }

func routeText(p kg.PathView) string {
	var b strings.Builder
	for i, n := range p.Nodes {
		if i > 0 {
			b.WriteString(" -" + strings.Join(stepIDs(p.Steps[i-1]), ",") + "- ")
		}
		b.WriteString(n.ID)
	}
	return b.String()
}

// factsBetween returns the ids of every fact that joins a and b, either
// way, by id: read from the graph, not from a store.
func factsBetween(g *kg.Graph, a, b string) []string {
	var ids []string
	for _, r := range g.Relations {
		if r.Type != kg.Mentions && (r.From == a && r.To == b || r.From == b && r.To == a) {
			ids = append(ids, r.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

func neighborhood(t *testing.T, s kg.Store, q kg.NeighborhoodQuery) *kg.Subgraph {
	t.Helper()
	sg, err := s.Neighborhood(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(relationViewIDs(sg.Edges)) {
		t.Error("the relations are not in id order")
	}
	return sg
}

// ends are the from and to ids of relation id (from>TYPE>to, maybe
// followed by #key).
func ends(id string) (from, to string) {
	parts := strings.SplitN(id, ">", 3)
	if len(parts) < 3 {
		return "", ""
	}
	to, _, _ = strings.Cut(parts[2], "#")
	return parts[0], to
}

// at is the filter of relations valid at a date, at its precision.
func at(date string) kg.StepFilter {
	d := kg.MustDate(date)
	return kg.StepFilter{Direction: kg.Both, Valid: kg.Window{Since: d.First(), Until: d.Last()}}
}

// relationsOf returns the ids of all the relations of entity id that f
// admits, read as nested pages.
func relationsOf(t *testing.T, s kg.Store, id string, f kg.StepFilter) []string {
	t.Helper()
	c := childConnection(id, kg.ChildRelations, f)
	return walk(t, c.name, func(after string) (page, error) { return c.fetch(ctx, s, kg.Page{First: kg.MaxFirst, After: after}) })
}

// mentionsExcludedByDefault: relations, neighbours, degrees, relation
// pages, stats, paths and neighbourhoods follow facts unless MENTIONS is
// asked for, and a count is the number of edges of all pages.
func mentionsExcludedByDefault(t *testing.T, s kg.Store, g *kg.Graph) {
	var facts, mentions, pakistanFacts, pakistanMentions int
	for _, r := range g.Relations {
		ofPakistan := r.From == pakistan || r.To == pakistan
		switch {
		case r.Type == kg.Mentions:
			mentions++
			if ofPakistan {
				pakistanMentions++
			}
		default:
			facts++
			if ofPakistan {
				pakistanFacts++
			}
		}
	}
	for _, c := range []struct {
		conn connection
		want int
	}{
		{childConnection(pakistan, kg.ChildRelations, both), pakistanFacts},
		{childConnection(pakistan, kg.ChildRelations, kg.StepFilter{Direction: kg.Both, Types: []kg.RelationType{kg.Mentions}}), pakistanMentions},
		{relationsConnection(kg.RelationFilter{StepFilter: both}), facts},
		{relationsConnection(kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both, Types: []kg.RelationType{kg.Mentions}}}), mentions},
	} {
		got := walk(t, c.conn.name, func(after string) (page, error) { return c.conn.fetch(ctx, s, kg.Page{First: 7, After: after}) })
		if len(got) != c.want {
			t.Errorf("%s: %d relations in all pages, want %d", c.conn.name, len(got), c.want)
		}
	}
	neighbors := walk(t, "Pakistan's neighbours", func(after string) (page, error) {
		return childConnection(pakistan, kg.ChildNeighbors, both).fetch(ctx, s, kg.Page{First: 7, After: after})
	})
	sg := neighborhood(t, s, kg.NeighborhoodQuery{IDs: []string{pakistan}, Hops: 2, Limit: kg.MaxSubgraphNodes, Filter: both})
	for _, id := range append(neighbors, viewIDs(sg.Nodes)...) {
		if strings.HasPrefix(id, "doc/") {
			t.Errorf("%s is a neighbour of Pakistan by default", id)
		}
	}
	paths := routes(t, s, rehman, choudhary, kg.PathQuery{MaxHops: 4, Limit: 10, Filter: both})
	for _, p := range paths.Paths {
		if slices.ContainsFunc(nodeIDs(p), func(id string) bool { return strings.HasPrefix(id, "doc/") }) {
			t.Errorf("a route by default goes through a document: %s", routeText(p))
		}
	}
	through := routes(t, s, rehman, choudhary, kg.PathQuery{MaxHops: 2, Limit: 1, Filter: kg.StepFilter{Direction: kg.Both, Types: []kg.RelationType{kg.Mentions}}})
	if len(through.Paths) != 1 || !slices.Equal(nodeIDs(through.Paths[0]), []string{rehman, cyberDoc, choudhary}) {
		t.Errorf("through mentions, Rehman and Choudhary are in one article: %v", View(through))
	}
}

// readNodes reads any number of ids, kg.MaxIDs a call.
func readNodes(s kg.Store, ids []string, es *kg.EntitySel, rs *kg.RelationSel) ([]kg.NodeView, error) {
	var out []kg.NodeView
	for chunk := range slices.Chunk(ids, kg.MaxIDs) {
		nodes, err := s.Nodes(ctx, chunk, es, rs)
		if err != nil {
			return nil, err
		}
		out = append(out, nodes...)
	}
	return out, nil
}
