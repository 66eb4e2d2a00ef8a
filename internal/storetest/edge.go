package storetest

import (
	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/seedfile"
)

// EdgeGraph is a small graph of the values that random graphs rarely
// hold and stores easily get wrong: names that differ only in case or
// accents, equal names, names outside ASCII, qualifiers of every kind
// (fractional amounts, ranks, counts with and without a qualifier, keys,
// open-ended validity), statements repeated, spoken, dated at every
// precision.
func EdgeGraph() *kg.Graph {
	date := func(s string) *kg.Date { d := kg.MustDate(s); return &d }
	num := func(n int) *int { return &n }
	ev := func(doc, excerpt, day string) kg.Evidence {
		return kg.Evidence{DocumentID: doc, Excerpt: excerpt, Date: kg.MustDate(day)}
	}
	const d1, d2 = "doc/edge-one", "doc/edge-two"
	g := &kg.Graph{Entities: []*kg.Entity{
		{ID: d1, Kind: kg.KindDocument, Name: "Édition spéciale: the first", Title: "Édition spéciale: the first",
			Publisher: "Ünïcode Press", PublishedAt: date("2024-02-29"), UpdatedAt: date("2024-03-01"), URL: "https://example.org/1"},
		{ID: d2, Kind: kg.KindDocument, Name: "second", Title: "second", PublishedAt: date("2025-12-31")},
		{ID: "person/zoe-a", Kind: kg.KindPerson, Name: "Zoë Ångström", Aliases: []string{"ZOË", "Angstrom"}, Title: "Dr.",
			Evidence: []kg.Evidence{ev(d1, "Dr. Zoë Ångström said so.", "2024")}},
		{ID: "person/zoe-b", Kind: kg.KindPerson, Name: "zoe angstrom"},
		{ID: "person/zoe-c", Kind: kg.KindPerson, Name: "Zoë Ångström", Description: "Same name as zoe-a."},
		{ID: "person/upper", Kind: kg.KindPerson, Name: "ZED", Aliases: []string{}},
		{ID: "person/lower", Kind: kg.KindPerson, Name: "zed"},
		{ID: "person/dash", Kind: kg.KindPerson, Name: "Jean-Luc O Brien", Aliases: []string{"JL"}},
		{ID: "org/unicode", Kind: kg.KindOrganization, Name: "Ünïcode Organisation", Aliases: []string{"ÜO", "uo"},
			Founded: date("1999"), Members: &kg.Count{Value: 5},
			Evidence: []kg.Evidence{ev(d1, "Founded in 1999.", "2024-02"), ev(d2, "It has 5 members.", "2025-12-31")}},
		{ID: "org/fullwidth", Kind: kg.KindOrganization, Name: "Ｆｕｌｌｗｉｄｔｈ Trading"},
		{ID: "org/emoji", Kind: kg.KindOrganization, Name: "🌍 World Fund", Aliases: []string{"WF 🌍"}},
		{ID: "org/greek", Kind: kg.KindOrganization, Name: "ΑΘΗΝΑ Council", Aliases: []string{"athena"}},
		{ID: "country/north", Kind: kg.KindCountry, Name: "Northland", Aliases: []string{"Northlander"}, Independence: date("1947-08"),
			Evidence: []kg.Evidence{ev(d2, "Independent since August 1947.", "2025-12-31")}},
		{ID: "country/south", Kind: kg.KindCountry, Name: "Southland"},
		{ID: "commodity/a", Kind: kg.KindCommodity, Name: "a"},
		{ID: "commodity/b-upper", Kind: kg.KindCommodity, Name: "B"},
		{ID: "commodity/b", Kind: kg.KindCommodity, Name: "b"},
		{ID: "event/summit", Kind: kg.KindEvent, Name: "Summit 2026", StartDate: date("2026-01"), EndDate: date("2026-02"),
			Status: kg.StatusPlanned, Participants: &kg.Count{Value: 300, Qualifier: kg.CountOver},
			Evidence: []kg.Evidence{ev(d2, "A summit is planned for early 2026 with over 300 participants.", "2025-12-31")}},
		{ID: "index/rank", Kind: kg.KindIndex, Name: "Global Index 2024", Aliases: []string{"GI", "GI 2024"}, Edition: date("2024"),
			Evidence: []kg.Evidence{ev(d1, "The 2024 index.", "2024-02-29")}},
		{ID: "initiative/plan", Kind: kg.KindInitiative, Name: "Plan", Status: kg.StatusProposed, StartDate: date("2027"),
			Evidence: []kg.Evidence{{DocumentID: d2, Excerpt: "A plan was proposed.", Date: kg.MustDate("2025-12"), SaidBy: "person/zoe-a"}}},
		{ID: "city/x", Kind: kg.KindCity, Name: "X"},
		{ID: "region/far", Kind: kg.KindRegion, Name: "Far Region"},
	}}
	rel := func(from string, t kg.RelationType, to, key string, evs ...kg.Evidence) *kg.Relation {
		return &kg.Relation{ID: kg.RelationID(from, t, to, key), Type: t, From: from, To: to, Evidence: evs}
	}
	trade1 := rel("country/north", kg.TradesWith, "country/south", "", ev(d1, "Trade was 53.7 million USD.", "2024-02-29"), ev(d2, "Trade was 53.7 million USD.", "2025-12-31"))
	trade1.Amount, trade1.ValidFrom, trade1.ValidTo = &kg.Money{Value: 53.7e6, Currency: "USD"}, date("2023"), date("2023")
	trade2 := rel("country/north", kg.TradesWith, "country/south", "2025", ev(d2, "Trade was 0.01 EUR.", "2025-12-31"))
	trade2.Amount, trade2.ValidFrom, trade2.ValidTo = &kg.Money{Value: 0.01, Currency: "EUR"}, date("2025-01"), date("2025-06-30")
	exportA := rel("country/north", kg.Exports, "commodity/a", "country/south", ev(d1, "North exports a to South.", "2024-02-29"))
	exportA.Counterpart = "country/south"
	exportB := rel("country/north", kg.Exports, "commodity/b", "country/south", ev(d1, "North exports b to South.", "2024-02-29"))
	exportB.Counterpart, exportB.Note = "country/south", "note with 🌍 and “quotes”"
	ranked := rel("country/north", kg.RankedIn, "index/rank", "", ev(d1, "Ranked 1st, up from 250th.", "2024-02-29"))
	ranked.Rank, ranked.PreviousRank = num(1), num(250)
	holds := rel("person/zoe-a", kg.HoldsPosition, "org/unicode", "clé", ev(d1, "Zoë chairs it.", "2024-02-29"))
	holds.Role, holds.ValidFrom = "Chairman", date("2020-05")
	holds2 := rel("person/zoe-a", kg.HoldsPosition, "org/unicode", "", ev(d2, "Zoë was treasurer until 2019.", "2025-12-31"))
	holds2.Role, holds2.ValidTo = "Treasurer", date("2019")
	planned := rel("country/south", kg.Organized, "event/summit", "", kg.Evidence{DocumentID: d2, Excerpt: "South will organize it.", Date: kg.MustDate("2025-12-31"), SaidBy: "person/zoe-c"})
	planned.Status, planned.Count = kg.StatusPlanned, &kg.Count{Value: 2, Qualifier: kg.CountAtLeast}
	proposed := rel("person/zoe-c", kg.Proposed, "initiative/plan", "", ev(d2, "Zoë proposed the plan.", "2025-12"), ev(d2, "She proposed it again.", "2025"))
	proposed.Status = kg.StatusProposed
	g.Relations = []*kg.Relation{
		trade1, trade2, exportA, exportB, ranked, holds, holds2, planned, proposed,
		rel("person/zoe-b", kg.MetWith, "person/zoe-a", "", ev(d1, "They met.", "2024-02-29")),
		rel("person/upper", kg.MemberOf, "org/fullwidth", "", ev(d2, "ZED is a member.", "2025-12-31")),
		rel("person/lower", kg.MemberOf, "org/emoji", "", ev(d2, "zed is a member.", "2025-12-31")),
		rel("person/dash", kg.CooperatesWith, "org/greek", "", ev(d1, "They cooperate.", "2024-02-29")),
		rel("org/unicode", kg.LocatedIn, "city/x", "", ev(d1, "It sits in X.", "2024-02-29")),
		rel("city/x", kg.LocatedIn, "region/far", "", ev(d1, "X is far.", "2024-02-29")),
		rel("org/greek", kg.Issued, d2, "", ev(d2, "The council issued this.", "2025-12-31")),
		rel("org/emoji", kg.ParticipatedIn, "event/summit", "", ev(d2, "The fund takes part.", "2025-12-31")),
		rel("initiative/plan", kg.PartOf, "event/summit", "", ev(d2, "The plan is part of the summit.", "2025-12-31")),
		rel("country/north", kg.DiplomaticRelation, "country/south", "recognition", ev(d2, "North recognized South.", "2025-12-31")),
	}
	g.Relations = append(g.Relations, seedfile.DeriveMentions(g)...)
	return g
}
