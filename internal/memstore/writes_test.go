package memstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/storetest"
)

var editor = kg.Principal{ID: "key:k1", Name: "tester", Role: kg.RoleEditor, Method: kg.AuthAPIKey}

func editorCtx() context.Context { return kg.WithPrincipal(context.Background(), editor) }

func ptr[T any](v T) *T { return &v }

// forum is the README's first curation example.
func forum(key string) kg.IngestDocumentInput {
	return kg.IngestDocumentInput{
		Request: kg.Request{IdempotencyKey: key},
		Document: kg.DocumentInput{Title: "A forum in Islamabad", Published: ptr(kg.MustDate("2026-03-01")), URL: "https://example.org/forum",
			Text: "The Islamabad Digital Policy Forum is an organisation based in Islamabad. Its founders met officials of the Pakistan Telecommunication Authority in March 2026."},
		Entities:  []kg.EntityInput{{Ref: "forum", Kind: kg.KindOrganization, Name: "Islamabad Digital Policy Forum"}},
		Relations: []kg.RelationInput{{Type: kg.LocatedIn, From: "forum", To: "Islamabad", Evidence: []kg.EvidenceInput{{Start: ptr(0), End: ptr(73)}}}},
	}
}

// TestIngestForum ingests the README's example into the seed: the
// document, the entity, the relation with its sentence, the MENTIONS,
// one change with the principal; the same text again changes nothing.
func TestIngestForum(t *testing.T) {
	s := open(t, seedGraph(t))
	ctx := editorCtx()
	res, err := s.IngestDocument(ctx, forum(""))
	if err != nil {
		t.Fatal(err)
	}
	if res.Document != "doc/2026-03-01-a-forum-in-islamabad" || res.Existing || len(res.Entities) != 1 || res.Entities[0] != "org/islamabad-digital-policy-forum" {
		t.Fatalf("result %+v", res)
	}
	if res.Change == nil || res.Change.Seq != 1 || res.Change.Principal != editor || res.Change.Op != kg.OpIngestDocument {
		t.Fatalf("change %+v", res.Change)
	}
	rel := "org/islamabad-digital-policy-forum>LOCATED_IN>city/islamabad"
	if len(res.Relations) != 1 || res.Relations[0] != rel {
		t.Fatalf("relations %v", res.Relations)
	}
	nodes, err := s.Nodes(ctx, []string{rel, kg.MentionID(res.Document, "city/islamabad")}, nil, &kg.RelationSel{Fields: kg.RAllFields, Evidence: statement})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range nodes {
		if n.Relation == nil || len(n.Relation.Statements) != 1 || n.Relation.Statements[0].Evidence.Excerpt != "The Islamabad Digital Policy Forum is an organisation based in Islamabad." {
			t.Fatalf("node %+v", n.Relation)
		}
	}
	again, err := s.IngestDocument(ctx, forum(""))
	if err != nil || !again.Existing || again.Change != nil || again.Document != res.Document {
		t.Fatalf("again: %+v, %v", again, err)
	}
	page, err := s.Changes(ctx, "", 10, kg.ChangeFilter{})
	if err != nil || len(page.Changes) != 1 {
		t.Fatalf("changes %+v %v", page, err)
	}
}

// changes returns the whole log of s.
func changes(t *testing.T, s kg.Writer) []*kg.Change {
	t.Helper()
	p, err := s.Changes(context.Background(), "", kg.MaxFirst, kg.ChangeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return p.Changes
}

// userError returns the only user error of err, failing t for another
// error.
func userError(t *testing.T, err error) *kg.UserError {
	t.Helper()
	es, ok := kg.AsUserErrors(err)
	if !ok || len(es) != 1 {
		t.Fatalf("want one user error, got %v", err)
	}
	return es[0]
}

// TestIdempotency retries an ingest under its key: the first result
// again, nothing recorded; the key with another input is CONFLICT at
// input.idempotencyKey, and writes nothing either.
func TestIdempotency(t *testing.T) {
	s := open(t, seedGraph(t))
	ctx := editorCtx()
	first, err := s.IngestDocument(ctx, forum("k1"))
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.IngestDocument(ctx, forum("k1"))
	if err != nil {
		t.Fatal(err)
	}
	if again.Change == nil || !again.Change.At.Equal(first.Change.At) || again.Change.Seq != first.Change.Seq || again.Document != first.Document || again.Existing {
		t.Fatalf("the retry answers %+v, want the first result %+v", again, first)
	}
	other := forum("k1")
	other.Document.Title = "Another title"
	other.Document.Text += " More."
	_, err = s.IngestDocument(ctx, other)
	if e := userError(t, err); e.Code != kg.ECONFLICT || strings.Join(e.Field, ".") != "input.idempotencyKey" {
		t.Fatalf("the key with another input: %v", e)
	}
	// another op under the key is another input too
	_, err = s.CreateEntity(ctx, kg.CreateEntityInput{Request: kg.Request{IdempotencyKey: "k1"}, Entity: kg.EntityInput{Kind: kg.KindPerson, Name: "Someone New"}})
	if e := userError(t, err); e.Code != kg.ECONFLICT {
		t.Fatalf("the key with another op: %v", e)
	}
	if n := len(changes(t, s)); n != 1 {
		t.Fatalf("%d changes, want the first one only", n)
	}
}

// TestExpectedRev updates an entity at its rev, then at a stale one:
// CONFLICT with the current rev, and nothing written.
func TestExpectedRev(t *testing.T) {
	s := open(t, seedGraph(t))
	ctx := editorCtx()
	d := "the telecom regulator"
	res, err := s.UpdateEntity(ctx, kg.UpdateEntityInput{ID: "org/pta", ExpectedRev: ptr(1), Description: &d})
	if err != nil || res.Rev != 2 || res.Change == nil {
		t.Fatalf("update at rev 1: %+v, %v", res, err)
	}
	_, err = s.UpdateEntity(ctx, kg.UpdateEntityInput{ID: "org/pta", ExpectedRev: ptr(1), AddAliases: []string{"Regulator"}})
	e := userError(t, err)
	if e.Code != kg.ECONFLICT || e.CurrentRev == nil || *e.CurrentRev != 2 || strings.Join(e.Field, ".") != "input.expectedRev" {
		t.Fatalf("stale rev: %+v", e)
	}
	same, err := s.UpdateEntity(ctx, kg.UpdateEntityInput{ID: "org/pta", Description: &d})
	if err != nil || same.Change != nil || same.Rev != 2 {
		t.Fatalf("an update that changes nothing: %+v, %v", same, err)
	}
	if n := len(changes(t, s)); n != 1 {
		t.Fatalf("%d changes, want 1", n)
	}
}

// TestAllOrNothing ingests a document whose last relation names nobody:
// NOT_FOUND at that relation, and neither the graph nor the log changed.
func TestAllOrNothing(t *testing.T) {
	s := open(t, seedGraph(t))
	ctx := editorCtx()
	before := readAll(t, s)
	in := forum("")
	in.Relations = append(in.Relations, kg.RelationInput{Type: kg.MetWith, From: "forum", To: "Nobody Anywhere",
		Evidence: []kg.EvidenceInput{{Start: ptr(74), End: ptr(159)}}})
	_, err := s.IngestDocument(ctx, in)
	if e := userError(t, err); e.Code != kg.ENOTFOUND || strings.Join(e.Field, ".") != "input.relations.1.to" {
		t.Fatalf("want NOT_FOUND at input.relations.1.to, got %+v", e)
	}
	if after := readAll(t, s); after != before {
		t.Fatal("a refused ingest changed the graph")
	}
	if n := len(changes(t, s)); n != 0 {
		t.Fatalf("a refused ingest recorded %d changes", n)
	}
	if _, err := s.IngestDocument(ctx, forum("")); err != nil {
		t.Fatalf("the same document without the bad relation: %v", err)
	}
}

// readAll renders what the store holds: its counts and every entity and
// relation it gives, whole.
func readAll(t *testing.T, s *memstore.Store) string {
	t.Helper()
	ctx := context.Background()
	st, err := s.Stats(ctx, kg.StatsQuery{Top: 5, Filter: both})
	if err != nil {
		t.Fatal(err)
	}
	var out []any
	out = append(out, st)
	for after := ""; ; {
		p, err := s.FindEntities(ctx, kg.EntityFilter{OrderBy: kg.OrderByID, Page: kg.Page{First: kg.MaxFirst, After: after}}, true, wholeEnt)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
		if !p.HasNextPage {
			break
		}
		after = p.Edges[len(p.Edges)-1].Cursor
	}
	return storetest.View(out)
}

// TestRetract retracts a relation: it reads as nothing anywhere, its
// history holds its statement and its retraction with the evidence kept;
// retracting it again changes nothing.
func TestRetract(t *testing.T) {
	s := open(t, seedGraph(t))
	ctx := editorCtx()
	res, err := s.IngestDocument(ctx, forum(""))
	if err != nil {
		t.Fatal(err)
	}
	rel := res.Relations[0]
	ret, err := s.RetractRelation(ctx, kg.RetractRelationInput{Request: kg.Request{Reason: "not based there"}, ID: rel, ExpectedRev: ptr(1)})
	if err != nil || ret.Rev != 2 || ret.Change == nil {
		t.Fatalf("retract: %+v, %v", ret, err)
	}
	nodes, err := s.Nodes(ctx, []string{rel}, nil, wholeRel)
	if err != nil || nodes[0].Relation != nil {
		t.Fatalf("a retracted relation reads as %+v, %v", nodes[0], err)
	}
	page, err := s.FindRelations(ctx, kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both, Types: []kg.RelationType{kg.LocatedIn}}, From: res.Entities[0], Page: kg.Page{First: 10}}, true, nil, nil)
	if err != nil || page.TotalCount != 0 {
		t.Fatalf("relations of the forum: %+v, %v", page, err)
	}
	h, err := s.History(ctx, rel, 10, "")
	if err != nil || len(h.Changes) != 2 {
		t.Fatalf("history: %+v, %v", h, err)
	}
	after := h.Changes[1].After[0]
	if after.Retraction == nil || after.Retraction.Reason != "not based there" || after.Retraction.By != editor ||
		after.Retraction.Change != h.Changes[1].ID || len(after.Relation.Evidence) != 1 {
		t.Fatalf("the retraction's image: %+v", after)
	}
	again, err := s.RetractRelation(ctx, kg.RetractRelationInput{Request: kg.Request{Reason: "again"}, ID: rel})
	if err != nil || again.Change != nil || again.Rev != 2 {
		t.Fatalf("retracting again: %+v, %v", again, err)
	}
	if _, err := s.RetractRelation(ctx, kg.RetractRelationInput{Request: kg.Request{Reason: "x"}, ID: kg.MentionID(res.Document, "city/islamabad")}); userError(t, err).Code != kg.EINVALID {
		t.Fatalf("retracting a MENTIONS: %v", err)
	}
}

// TestRevertIngest reverts an ingest: the store reads as before it,
// with one change more; reverting that revert brings the document back;
// reverting the ingest again is CONFLICT (a later change touched it).
func TestRevertIngest(t *testing.T) {
	s := open(t, seedGraph(t))
	ctx := editorCtx()
	seedView := readAll(t, s)
	ing, err := s.IngestDocument(ctx, forum(""))
	if err != nil {
		t.Fatal(err)
	}
	ingested := readAll(t, s)
	rev, err := s.RevertChange(ctx, kg.RevertChangeInput{ID: ing.Change.ID})
	if err != nil || rev.Change == nil || rev.Change.Reverts != ing.Change.ID {
		t.Fatalf("revert: %+v, %v", rev, err)
	}
	if readAll(t, s) != seedView {
		t.Fatal("after the revert, the store does not read as the seed")
	}
	if _, err := s.RevertChange(ctx, kg.RevertChangeInput{ID: ing.Change.ID}); userError(t, err).Code != kg.ECONFLICT {
		t.Fatalf("reverting twice: %v", err)
	}
	if _, err := s.RevertChange(ctx, kg.RevertChangeInput{ID: rev.Change.ID}); err != nil {
		t.Fatal(err)
	}
	if readAll(t, s) != ingested {
		t.Fatal("reverting the revert does not bring the document back")
	}
	if again, err := s.IngestDocument(ctx, forum("")); err != nil || !again.Existing {
		t.Fatalf("the document is known again by its text: %+v, %v", again, err)
	}
}

// TestDeleteDocument deletes an ingested document: its only relation is
// retracted with the reason "source deleted", its MENTIONS go, the
// store reads as the seed again, and the text can be ingested anew.
func TestDeleteDocument(t *testing.T) {
	s := open(t, seedGraph(t))
	ctx := editorCtx()
	ing, err := s.IngestDocument(ctx, forum(""))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteDocument(ctx, kg.DeleteDocumentInput{ID: ing.Document, ExpectedRev: ptr(2)}); userError(t, err).Code != kg.ECONFLICT {
		t.Fatalf("a stale rev: %v", err)
	}
	del, err := s.DeleteDocument(ctx, kg.DeleteDocumentInput{ID: ing.Document, ExpectedRev: ptr(1)})
	if err != nil || len(del.Retracted) != 1 || del.Retracted[0] != ing.Relations[0] {
		t.Fatalf("delete: %+v, %v", del, err)
	}
	h, err := s.History(ctx, ing.Relations[0], 10, "")
	if err != nil || len(h.Changes) != 2 {
		t.Fatalf("the relation's history: %+v, %v", h, err)
	}
	deleted := h.Changes[1]
	if im := deleted.After[slices.Index(deleted.Touched, ing.Relations[0])]; im.Retraction == nil || im.Retraction.Reason != kg.RetractSourceDeleted {
		t.Fatalf("the relation after the delete: %+v", im)
	}
	nodes, err := s.Nodes(ctx, []string{ing.Document, kg.MentionID(ing.Document, "city/islamabad")}, named, wholeRel)
	if err != nil || nodes[0].Entity != nil || nodes[1].Relation != nil {
		t.Fatalf("the document and its mention after the delete: %+v, %v", nodes, err)
	}
	again, err := s.IngestDocument(ctx, kg.IngestDocumentInput{Document: forum("").Document})
	if err != nil || again.Existing {
		t.Fatalf("the text again after the delete: %+v, %v", again, err)
	}
}
