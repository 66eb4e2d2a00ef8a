package neo4jstore_test

import (
	"context"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jtest"
	"github.com/kgql/kgql/internal/seedfile"
	"github.com/kgql/kgql/internal/storetest"
)

// TestPropsKeepTextOffsetsAndPointInTime: a document's text, the offsets
// of its excerpts and a relation's pointInTime are written as properties
// and read back as they were (nil and empty lists alike), evidence of
// entities and relations alike.
func TestPropsKeepTextOffsetsAndPointInTime(t *testing.T) {
	store, ctx := neo4jtest.Open(t), context.Background()
	text := "Title line\n\nTrade was $5 million in 2024. “Now, we are 40th.”\n"
	year, day := kg.MustDate("2024"), kg.MustDate("2024-12-17")
	sentences := seedfile.Segment(text) // Title line; Trade was …; “Now, …”
	evs := []kg.Evidence{
		{DocumentID: "doc/d", Excerpt: sentences[1].Text, Start: sentences[1].Start, End: sentences[1].End, Date: day, SaidBy: "country/a"},
		{DocumentID: "doc/d", Excerpt: sentences[2].Text, Start: sentences[2].Start, End: sentences[2].End, Date: day},
	}
	doc := &kg.Entity{ID: "doc/d", Kind: kg.KindDocument, Name: "D", Aliases: []string{}, Title: "D", PublishedAt: &day, Text: text, Evidence: []kg.Evidence{}}
	a := &kg.Entity{ID: "country/a", Kind: kg.KindCountry, Name: "A", Aliases: []string{}, Evidence: evs[1:]}
	b := &kg.Entity{ID: "country/b", Kind: kg.KindCountry, Name: "B", Aliases: []string{}, Evidence: []kg.Evidence{}}
	trade := &kg.Relation{ID: kg.RelationID("country/a", kg.TradesWith, "country/b", ""), Type: kg.TradesWith, From: "country/a", To: "country/b",
		Amount: &kg.Money{Value: 5e6, Currency: "USD"}, PointInTime: &year, Evidence: evs}
	if _, err := store.Load(ctx, &kg.Graph{Entities: []*kg.Entity{doc, a, b}, Relations: []*kg.Relation{trade}}, nil); err != nil {
		t.Fatal(err)
	}
	everything := &kg.EvidenceSel{}
	nodes, err := store.Nodes(ctx, []string{doc.ID, a.ID, trade.ID},
		&kg.EntitySel{Fields: kg.EAllFields, Evidence: everything}, &kg.RelationSel{Fields: kg.RAllFields, Evidence: everything})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []*kg.Entity{doc, a} {
		got := *nodes[i].Entity.Entity
		got.Evidence = statements(nodes[i].Entity.Statements)
		if storetest.View(&got) != storetest.View(want) {
			t.Errorf("entity read back:\n got %+v\nwant %+v", &got, want)
		}
	}
	got := *nodes[2].Relation.Relation
	got.Evidence = statements(nodes[2].Relation.Statements)
	if storetest.View(&got) != storetest.View(trade) {
		t.Errorf("relation read back:\n got %+v\nwant %+v", &got, trade)
	}
}

// statements are the evidence of views, as the store read them.
func statements(vs []kg.EvidenceView) []kg.Evidence {
	out := make([]kg.Evidence, len(vs))
	for i, v := range vs {
		out[i] = v.Evidence
	}
	return out
}
