package neo4jstore

import "github.com/kgql/kgql/internal/kg"

// StoreFormat fingerprints what a load writes: the schema statements and
// the property maps of a fixed entity and relation. It changes exactly
// when a graph loaded before must be loaded again to be read as this code
// reads it (the benchmark's marker records it: bench/cmd/benchdata).
func StoreFormat() string {
	d := kg.MustDate("2024-01-02")
	n := 3
	e := &kg.Entity{ID: "event/e", Kind: kg.KindEvent, Name: "E's Event", Aliases: []string{"EE"}, Description: "d",
		StartDate: &d, EndDate: &d, Status: kg.StatusPlanned, Participants: &kg.Count{Value: 3, Qualifier: kg.CountOver},
		Evidence: []kg.Evidence{{DocumentID: "doc/d", Excerpt: "x", Start: 1, End: 2, Date: d, SaidBy: "person/p"}}}
	r := &kg.Relation{ID: "person/p>MET_WITH>event/e#k", Type: kg.MetWith, From: "person/p", To: "event/e", Role: "r",
		Status: kg.StatusProposed, ValidFrom: &d, ValidTo: &d, PointInTime: &d, Amount: &kg.Money{Value: 1.5, Currency: "USD"}, Rank: &n,
		PreviousRank: &n, Count: &kg.Count{Value: 3}, Counterpart: "country/c", Note: "n", Evidence: e.Evidence}
	doc := &kg.Entity{ID: "doc/d", Kind: kg.KindDocument, Name: "D", Title: "D", Text: "x"}
	return hashOf(map[string]any{"schema": schemaStatements(), "entity": entityProps(e), "document": entityProps(doc), "relation": relationProps(r)})
}
