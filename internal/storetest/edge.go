package storetest

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/seedfile"
)

// Ids of the edge graph that its tests name.
const (
	edgeDoc1    = "doc/edge-one"
	edgeDoc2    = "doc/edge-two"
	edgeNorth   = "country/north"
	edgeSouth   = "country/south"
	edgeTieFrom = "org/tie-s"
	edgeTieTo   = "org/tie-t"
	edgeHermit  = "person/hermit"
	edgeZoeA    = "person/zoe-a"
	edgeZoeC    = "person/zoe-c"
	// edgeHubExports is how many commodities the north exports: more than
	// a page can hold.
	edgeHubExports = kg.MaxFirst + 30
)

// EdgeGraph is a small graph of what random graphs rarely hold and stores
// easily get wrong: names that differ only in case or accents, equal
// names (ambiguous as references), names outside ASCII; parallel
// relations, directed and undirected cycles, routes that tie on length
// (the order of ids decides), isolated entities, an entity with more
// relations than a page; qualifiers of every kind, validity open at
// either end, points in time, every status; statements repeated, spoken,
// dated at every precision, with their place in their document's text.
func EdgeGraph() *kg.Graph {
	b := newEdgeBuilder()
	date := func(s string) *kg.Date { d := kg.MustDate(s); return &d }
	num := func(n int) *int { return &n }
	b.entities = []*kg.Entity{
		{ID: edgeDoc1, Kind: kg.KindDocument, Name: "Édition spéciale: the first", Title: "Édition spéciale: the first",
			Publisher: "Ünïcode Press", PublishedAt: date("2024-02-29"), UpdatedAt: date("2024-03-01"), URL: "https://example.org/1"},
		{ID: edgeDoc2, Kind: kg.KindDocument, Name: "second", Title: "second", PublishedAt: date("2025-12-31")},
		{ID: edgeZoeA, Kind: kg.KindPerson, Name: "Zoë Ångström", Aliases: []string{"ZOË", "Angstrom"}, Title: "Dr.",
			Evidence: []kg.Evidence{b.say(edgeDoc1, "Dr. Zoë Ångström said so.", "2024")}},
		{ID: "person/zoe-b", Kind: kg.KindPerson, Name: "zoe angstrom", Description: "No accents, another person."},
		{ID: edgeZoeC, Kind: kg.KindPerson, Name: "Zoë Ångström", Description: "Same name as zoe-a."},
		{ID: "person/upper", Kind: kg.KindPerson, Name: "ZED", Aliases: []string{}},
		{ID: "person/lower", Kind: kg.KindPerson, Name: "zed"},
		{ID: "person/dash", Kind: kg.KindPerson, Name: "Jean-Luc O Brien", Aliases: []string{"JL", "Jean Luc O'Brien"}},
		{ID: edgeHermit, Kind: kg.KindPerson, Name: "Hermit", Description: "Related to nothing at all."},
		{ID: "org/unicode", Kind: kg.KindOrganization, Name: "Ünïcode Organisation", Aliases: []string{"ÜO", "uo"},
			Founded: date("1999"), Members: &kg.Count{Value: 5},
			Evidence: []kg.Evidence{b.say(edgeDoc1, "Founded in 1999.", "2024-02"), b.say(edgeDoc2, "It has 5 members.", "2025-12-31")}},
		{ID: "org/fullwidth", Kind: kg.KindOrganization, Name: "Ｆｕｌｌｗｉｄｔｈ Trading"},
		{ID: "org/emoji", Kind: kg.KindOrganization, Name: "🌍 World Fund", Aliases: []string{"WF 🌍"}},
		{ID: "org/greek", Kind: kg.KindOrganization, Name: "ΑΘΗΝΑ Council", Aliases: []string{"athena"}},
		{ID: edgeNorth, Kind: kg.KindCountry, Name: "Northland", Aliases: []string{"Northlander"}, Independence: date("1947-08"),
			Evidence: []kg.Evidence{b.say(edgeDoc2, "Independent since August 1947.", "2025-12-31")}},
		{ID: edgeSouth, Kind: kg.KindCountry, Name: "Southland"},
		{ID: "commodity/a", Kind: kg.KindCommodity, Name: "a"},
		{ID: "commodity/b-upper", Kind: kg.KindCommodity, Name: "B"},
		{ID: "commodity/b", Kind: kg.KindCommodity, Name: "b"},
		{ID: "event/summit", Kind: kg.KindEvent, Name: "Summit 2026", StartDate: date("2026-01"), EndDate: date("2026-02"),
			Status: kg.StatusPlanned, Participants: &kg.Count{Value: 300, Qualifier: kg.CountOver},
			Evidence: []kg.Evidence{b.say(edgeDoc2, "A summit is planned for early 2026 with over 300 participants.", "2025-12-31")}},
		{ID: "index/rank", Kind: kg.KindIndex, Name: "Global Index 2024", Aliases: []string{"GI", "GI 2024"}, Edition: date("2024"),
			Evidence: []kg.Evidence{b.say(edgeDoc1, "The 2024 index.", "2024-02-29")}},
		{ID: "initiative/plan", Kind: kg.KindInitiative, Name: "Plan", Status: kg.StatusProposed, StartDate: date("2027"),
			Evidence: []kg.Evidence{b.said(edgeDoc2, "A plan was proposed.", "2025-12", edgeZoeA)}},
		{ID: "city/x", Kind: kg.KindCity, Name: "X"},
		{ID: "region/far", Kind: kg.KindRegion, Name: "Far Region"},
		{ID: "region/nowhere", Kind: kg.KindRegion, Name: "Nowhere", Aliases: []string{"Far Region"}, Description: "Isolated; its alias is the far region's name."},
		// Ties: five ways of two steps and more of three from s to t.
		{ID: edgeTieFrom, Kind: kg.KindOrganization, Name: "Tie Start"},
		{ID: "org/tie-a", Kind: kg.KindOrganization, Name: "Tie A"},
		{ID: "org/tie-b", Kind: kg.KindOrganization, Name: "Tie B"},
		{ID: "org/tie-c", Kind: kg.KindOrganization, Name: "Tie C"},
		{ID: edgeTieTo, Kind: kg.KindOrganization, Name: "Tie End"},
		// A directed cycle p → q → r → p.
		{ID: "org/cycle-p", Kind: kg.KindOrganization, Name: "Cycle P"},
		{ID: "org/cycle-q", Kind: kg.KindOrganization, Name: "Cycle Q"},
		{ID: "org/cycle-r", Kind: kg.KindOrganization, Name: "Cycle R"},
	}
	rel := func(from string, t kg.RelationType, to, key string, evs ...kg.Evidence) *kg.Relation {
		r := &kg.Relation{ID: kg.RelationID(from, t, to, key), Type: t, From: from, To: to, Evidence: evs}
		b.relations = append(b.relations, r)
		return r
	}

	// Parallel relations between the two countries, valid at different
	// times, stated at every precision.
	trade := rel(edgeNorth, kg.TradesWith, edgeSouth, "", b.say(edgeDoc1, "Trade was 53.7 million USD in 2023.", "2024-02-29"), b.say(edgeDoc2, "Trade was 53.7 million USD in 2023.", "2025-12-31"))
	trade.Amount, trade.PointInTime = &kg.Money{Value: 53.7e6, Currency: "USD"}, date("2023")
	trade2 := rel(edgeNorth, kg.TradesWith, edgeSouth, "2025", b.say(edgeDoc2, "Trade was 0.01 EUR in early 2025.", "2025"))
	trade2.Amount, trade2.ValidFrom, trade2.ValidTo = &kg.Money{Value: 0.01, Currency: "EUR"}, date("2025-01"), date("2025-06-30")
	rel(edgeNorth, kg.DiplomaticRelation, edgeSouth, "recognition", b.say(edgeDoc2, "North recognized South.", "2025-12")).ValidFrom = date("1950")
	met := rel(edgeSouth, kg.MetWith, edgeNorth, "", b.say(edgeDoc2, "South will meet North.", "2025-12-31"))
	met.Status, met.ValidFrom, met.ValidTo = kg.StatusExpected, date("2026-03-01"), date("2026-03-02")
	exportA := rel(edgeNorth, kg.Exports, "commodity/a", edgeSouth, b.say(edgeDoc1, "North exports a to South.", "2024-02-29"))
	exportA.Counterpart = edgeSouth
	exportB := rel(edgeNorth, kg.Exports, "commodity/b", edgeSouth, b.say(edgeDoc1, "North exports b to South.", "2024-02-29"))
	exportB.Counterpart, exportB.Note = edgeSouth, "note with 🌍 and “quotes”"
	ranked := rel(edgeNorth, kg.RankedIn, "index/rank", "", b.say(edgeDoc1, "Ranked 1st, up from 250th.", "2024-02-29"))
	ranked.Rank, ranked.PreviousRank, ranked.PointInTime = num(1), num(250), date("2024")
	holds := rel(edgeZoeA, kg.HoldsPosition, "org/unicode", "clé", b.say(edgeDoc1, "Zoë chairs it.", "2024-02-29"))
	holds.Role, holds.ValidFrom = "Chairman", date("2020-05")
	holds2 := rel(edgeZoeA, kg.HoldsPosition, "org/unicode", "", b.say(edgeDoc2, "Zoë was treasurer until 2019.", "2025-12-31"))
	holds2.Role, holds2.ValidTo = "Treasurer", date("2019")
	planned := rel(edgeSouth, kg.Organized, "event/summit", "", b.said(edgeDoc2, "South will organize it.", "2025-12-31", edgeZoeC))
	planned.Status, planned.Count = kg.StatusPlanned, &kg.Count{Value: 2, Qualifier: kg.CountAtLeast}
	proposed := rel(edgeZoeC, kg.Proposed, "initiative/plan", "", b.say(edgeDoc2, "Zoë proposed the plan.", "2025-12"), b.say(edgeDoc2, "She proposed it again.", "2025"))
	proposed.Status = kg.StatusProposed
	rel("person/zoe-b", kg.MetWith, edgeZoeA, "", b.say(edgeDoc1, "They met.", "2024-02-29"))
	rel("person/upper", kg.MemberOf, "org/fullwidth", "", b.say(edgeDoc2, "ZED is a member of it.", "2025-12-31"))
	rel("person/lower", kg.MemberOf, "org/emoji", "", b.say(edgeDoc2, "A member is zed.", "2025-12-31"))
	rel("person/dash", kg.CooperatesWith, "org/greek", "", b.say(edgeDoc1, "They cooperate.", "2024-02-29"))
	rel("org/unicode", kg.LocatedIn, "city/x", "", b.say(edgeDoc1, "It sits in the city of X, far away.", "2024-02-29"))
	rel("city/x", kg.LocatedIn, "region/far", "", b.say(edgeDoc1, "X is far.", "2024-02-29"))
	rel("org/greek", kg.Issued, edgeDoc2, "", b.say(edgeDoc2, "The council issued this.", "2025-12-31"))
	during := rel("org/emoji", kg.ParticipatedIn, "event/summit", "", b.say(edgeDoc2, "The fund takes part.", "2025-12-31"))
	during.ValidFrom, during.ValidTo, during.Status = date("2026-01"), date("2026-02"), kg.StatusPlanned
	rel("initiative/plan", kg.PartOf, "event/summit", "", b.say(edgeDoc2, "The plan is part of the summit.", "2025-12-31")).Status = kg.StatusProposed

	// Ties: s joins a, b and c; each joins t; a and b join each other, so
	// that routes of three steps tie too. Directions mixed, so that OUT
	// and IN keep some of them.
	tie := b.say(edgeDoc1, "The ties are many.", "2024-02-29")
	rel(edgeTieFrom, kg.CooperatesWith, "org/tie-a", "", tie)
	rel("org/tie-b", kg.CooperatesWith, edgeTieFrom, "", tie)
	rel(edgeTieFrom, kg.CooperatesWith, "org/tie-c", "", tie)
	rel("org/tie-a", kg.CooperatesWith, edgeTieTo, "", tie)
	rel("org/tie-a", kg.MetWith, edgeTieTo, "", tie)
	rel("org/tie-b", kg.CooperatesWith, edgeTieTo, "", tie)
	rel(edgeTieTo, kg.CooperatesWith, "org/tie-c", "", tie)
	rel("org/tie-a", kg.CooperatesWith, "org/tie-b", "", tie)
	// The directed cycle.
	cycle := b.say(edgeDoc2, "They go round in circles.", "2025-12-31")
	rel("org/cycle-p", kg.CooperatesWith, "org/cycle-q", "", cycle)
	rel("org/cycle-q", kg.CooperatesWith, "org/cycle-r", "", cycle)
	rel("org/cycle-r", kg.CooperatesWith, "org/cycle-p", "", cycle)
	rel("org/cycle-p", kg.PartOf, edgeTieTo, "", cycle)

	// More exports than a page holds: the north is a hub.
	for i := range edgeHubExports {
		id := fmt.Sprintf("commodity/c-%03d", i)
		b.entities = append(b.entities, &kg.Entity{ID: id, Kind: kg.KindCommodity, Name: fmt.Sprintf("Commodity %03d", i)})
		rel(edgeNorth, kg.Exports, id, "", b.say(edgeDoc1, fmt.Sprintf("North exports commodity %03d.", i), "2024-02-29"))
	}

	g := &kg.Graph{Entities: b.entities, Relations: b.relations}
	for _, e := range g.Entities {
		if e.Kind == kg.KindDocument {
			e.Text = b.text[e.ID].String()
		}
	}
	g.Relations = append(g.Relations, seedfile.DeriveMentions(g)...)
	return g
}

// edgeBuilder writes each document's text from the statements made in
// it, so that every excerpt has its place in the text.
type edgeBuilder struct {
	entities  []*kg.Entity
	relations []*kg.Relation
	text      map[string]*strings.Builder
}

func newEdgeBuilder() *edgeBuilder {
	return &edgeBuilder{text: map[string]*strings.Builder{}}
}

// say is a statement of the document, dated, placed in its text (once
// for a sentence said again).
func (b *edgeBuilder) say(doc, excerpt, day string) kg.Evidence { return b.said(doc, excerpt, day, "") }

func (b *edgeBuilder) said(doc, excerpt, day, by string) kg.Evidence {
	t := b.text[doc]
	if t == nil {
		t = &strings.Builder{}
		b.text[doc] = t
	}
	at := strings.Index(t.String(), excerpt)
	if at < 0 {
		if t.Len() > 0 {
			t.WriteString(" ")
		}
		at = t.Len()
		t.WriteString(excerpt)
	}
	start := utf8.RuneCountInString(t.String()[:at])
	return kg.Evidence{DocumentID: doc, Excerpt: excerpt, Date: kg.MustDate(day), SaidBy: by,
		Start: start, End: start + utf8.RuneCountInString(excerpt)}
}
