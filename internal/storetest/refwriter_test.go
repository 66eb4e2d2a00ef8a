package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// TestRefWriter holds the reference writer to docs/curation.md on hand
// worked writes into the seed, so that the write contract compares the
// stores with the definitions rather than with a second mistake.
func TestRefWriter(t *testing.T) {
	g := SeedGraph(t)
	w := NewRefWriter(g)
	ctx := kg.WithPrincipal(context.Background(), writers[0])
	text := "The Islamabad Digital Policy Forum is an organisation based in Islamabad. Its founders met officials of the Pakistan Telecommunication Authority in March 2026."
	in := kg.IngestDocumentInput{
		Document:  kg.DocumentInput{Title: "A forum in Islamabad", Published: ptrTo(kg.MustDate("2026-03-01")), Text: text},
		Entities:  []kg.EntityInput{{Ref: "forum", Kind: kg.KindOrganization, Name: "Islamabad Digital Policy Forum"}},
		Relations: []kg.RelationInput{{Type: kg.LocatedIn, From: "forum", To: "Islamabad", Evidence: []kg.EvidenceInput{{Start: ptrTo(0), End: ptrTo(73)}}}},
	}
	res, err := w.IngestDocument(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	doc, forum := "doc/2026-03-01-a-forum-in-islamabad", "org/islamabad-digital-policy-forum"
	rel := forum + ">LOCATED_IN>city/islamabad"
	want := []string{doc, doc + ">MENTIONS>city/islamabad", doc + ">MENTIONS>" + forum, forum, rel}
	if res.Document != doc || res.Relations[0] != rel || !slices.Equal(res.Change.Touched, want) {
		t.Fatalf("ingest: %+v touched %v", res, res.Change.Touched)
	}
	for i, im := range res.Change.Before {
		if !im.Absent() || res.Change.After[i].Rev != 1 || res.Change.After[i].Absent() {
			t.Fatalf("images of %s: %+v → %+v", want[i], im, res.Change.After[i])
		}
	}
	if got := w.Graph(); len(got.Entities) != len(g.Entities)+2 || len(got.Relations) != len(g.Relations)+3 {
		t.Fatalf("%d entities and %d relations after the ingest", len(got.Entities), len(got.Relations))
	}
	if again, err := w.IngestDocument(ctx, in); err != nil || !again.Existing || again.Change != nil || len(w.Log()) != 1 {
		t.Fatalf("the same text again: %+v, %v", again, err)
	}

	// another document stating the same fact adds its sentence to it
	in2 := in
	in2.Document = kg.DocumentInput{Title: "The forum again", Text: "The forum is based in Islamabad."}
	in2.Entities = nil
	in2.Relations = []kg.RelationInput{{Type: kg.LocatedIn, From: forum, To: "city/islamabad", Evidence: []kg.EvidenceInput{{Excerpt: "The forum is based in Islamabad."}}}}
	res2, err := w.IngestDocument(ctx, in2)
	if err != nil || res2.Relations[0] != rel || len(w.relations[rel].Evidence) != 2 || w.revs[rel] != 2 {
		t.Fatalf("the same fact from another document: %+v, %v", res2, err)
	}

	ret, err := w.RetractRelation(ctx, kg.RetractRelationInput{Request: kg.Request{Reason: "wrong"}, ID: rel, ExpectedRev: ptrTo(2)})
	if err != nil || ret.Rev != 3 || w.relations[rel] != nil || len(w.retracted[rel].relation.Evidence) != 2 {
		t.Fatalf("retract: %+v, %v", ret, err)
	}
	if _, err := w.RevertChange(ctx, kg.RevertChangeInput{ID: res.Change.ID}); err == nil {
		t.Fatal("reverting the ingest that later changes touched was not refused")
	}
	rev, err := w.RevertChange(ctx, kg.RevertChangeInput{ID: ret.Change.ID})
	if err != nil || rev.Change.Reverts != ret.Change.ID || len(w.relations[rel].Evidence) != 2 || w.revs[rel] != 4 {
		t.Fatalf("revert the retraction: %+v, %v", rev, err)
	}
	h, err := w.History(ctx, rel, kg.MaxFirst, "")
	if err != nil || len(h.Changes) != 4 {
		t.Fatalf("history of the relation: %+v, %v", h, err)
	}
	bad := in
	bad.Document.Text = "Another text entirely."
	bad.Relations = []kg.RelationInput{{Type: kg.LocatedIn, From: "forum", To: "Nowhere At All", Evidence: []kg.EvidenceInput{{Start: ptrTo(0), End: ptrTo(22)}}}}
	before := View(w.Graph())
	if _, err := w.IngestDocument(ctx, bad); err == nil {
		t.Fatal("a relation to nobody was not refused")
	}
	if View(w.Graph()) != before || len(w.Log()) != 4 {
		t.Fatal("a refused ingest changed the reference")
	}
}
