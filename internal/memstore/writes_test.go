package memstore_test

import (
	"context"
	"testing"

	"github.com/kgql/kgql/internal/kg"
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
