package kg

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

const forumText = "The Islamabad Digital Policy Forum is an organisation based in Islamabad. " +
	"Its founders met officials of the Pakistan Telecommunication Authority in March 2026."

// forumInput is the README's first curation example: a valid input that
// each case of TestCheckIngestRules breaks in one way.
func forumInput() *IngestDocumentInput {
	return &IngestDocumentInput{
		Request: Request{IdempotencyKey: "2026-03-01-forum"},
		Document: DocumentInput{Title: "A forum in Islamabad", URL: "https://example.org/forum",
			Published: ptr(MustDate("2026-03-01")), Text: forumText},
		Entities: []EntityInput{{Ref: "forum", Kind: KindOrganization, Name: "Islamabad Digital Policy Forum"}},
		Relations: []RelationInput{{Type: LocatedIn, From: "forum", To: "Islamabad",
			Evidence: []EvidenceInput{{Start: ptr(0), End: ptr(73)}}}},
	}
}

func TestCheckIngestAcceptsTheExample(t *testing.T) {
	plan, err := CheckIngest(forumInput())
	if err != nil {
		t.Fatalf("CheckIngest: %v", err)
	}
	ev := plan.Evidence[0][0]
	if ev.Start != 0 || ev.End != 73 || ev.Excerpt != "The Islamabad Digital Policy Forum is an organisation based in Islamabad." || ev.Date.String() != "2026-03-01" {
		t.Errorf("evidence = %+v", ev)
	}
	want := []ExternalRef{{Ref: "Islamabad", Field: []string{"input", "relations", "0", "to"}}}
	if len(plan.External) != 1 || plan.External[0].Ref != want[0].Ref || !slices.Equal(plan.External[0].Field, want[0].Field) || plan.External[0].ID {
		t.Errorf("external = %+v, want %+v", plan.External, want)
	}
	if plan.Refs["forum"] != 0 || plan.DocumentKey != DocumentKey(forumText) {
		t.Errorf("refs %v, key %s", plan.Refs, plan.DocumentKey)
	}

	// The same sentence by excerpt, with other white space, and the
	// second sentence by its offsets.
	in := forumInput()
	in.Relations[0].Evidence = []EvidenceInput{
		{Excerpt: "The Islamabad Digital  Policy Forum is an\norganisation based in Islamabad."},
		{Start: ptr(74), End: ptr(159), SaidBy: "org/pta"},
	}
	plan, err = CheckIngest(in)
	if err != nil {
		t.Fatalf("CheckIngest by excerpt: %v", err)
	}
	if got := plan.Evidence[0]; got[0].Start != 0 || got[0].End != 73 || !strings.HasPrefix(got[1].Excerpt, "Its founders") {
		t.Errorf("evidence = %+v", got)
	}
	if ext := plan.External[len(plan.External)-1]; ext.Ref != "org/pta" || !ext.ID {
		t.Errorf("saidBy not an external id: %+v", plan.External)
	}
}

// TestCheckIngestRules: one case per rule; each breaks the valid example
// in one way and expects the one user error of that rule at its path.
func TestCheckIngestRules(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(in *IngestDocumentInput)
		code   string
		field  string // the path, dot-joined
		msg    string // a part of the message
	}{
		{"too many entities", func(in *IngestDocumentInput) {
			for range MaxInputEntities {
				in.Entities = append(in.Entities, in.Entities[0])
			}
		}, EINVALID, "input.entities", "at most 100"},
		{"too many relations", func(in *IngestDocumentInput) {
			for range MaxInputRelations {
				in.Relations = append(in.Relations, in.Relations[0])
			}
		}, EINVALID, "input.relations", "at most 500"},
		{"too many bytes", func(in *IngestDocumentInput) {
			in.Entities[0].Description = strings.Repeat("x", MaxInputBytes)
		}, EINVALID, "input", "bytes of text"},
		{"no title", func(in *IngestDocumentInput) { in.Document.Title = " " }, EINVALID, "input.document.title", "needs a title"},
		{"no text", func(in *IngestDocumentInput) {
			in.Document.Text = ""
			in.Relations[0].Evidence[0] = EvidenceInput{Excerpt: "x"}
		}, EINVALID, "input.document.text", "full text"},
		{"url too long", func(in *IngestDocumentInput) { in.Document.URL = strings.Repeat("u", MaxURLChars+1) }, EINVALID, "input.document.url", "at most 2000"},
		{"no ref", func(in *IngestDocumentInput) {
			in.Entities[0].Ref = ""
			in.Relations[0].From = "Islamabad Digital Policy Forum"
		}, EINVALID, "input.entities.0.ref", "needs a ref"},
		{"a ref of an id's form", func(in *IngestDocumentInput) {
			in.Entities[0].Ref = "org/forum"
			in.Relations[0].From = "Islamabad"
		}, EINVALID, "input.entities.0.ref", "would read as an id"},
		{"a ref twice", func(in *IngestDocumentInput) {
			in.Entities = append(in.Entities, EntityInput{Ref: "forum", Kind: KindCity, Name: "Forum"})
		}, EINVALID, "input.entities.1.ref", "entity 0's already"},
		{"unknown kind", func(in *IngestDocumentInput) { in.Entities[0].Kind = "Club" }, EINVALID, "input.entities.0.kind", "unknown kind"},
		{"a document as an entity", func(in *IngestDocumentInput) { in.Entities[0].Kind = KindDocument }, EINVALID, "input.entities.0.kind", "ingestDocument"},
		{"no name", func(in *IngestDocumentInput) { in.Entities[0].Name = "" }, EINVALID, "input.entities.0.name", "needs a name"},
		{"an attribute of another kind", func(in *IngestDocumentInput) {
			in.Entities[0].Attributes.Independence = ptr(MustDate("1947"))
		}, EINVALID, "input.entities.0.attributes.independence", "attribute of Country"},
		{"unknown status attribute", func(in *IngestDocumentInput) {
			in.Entities[0].Kind = KindEvent
			in.Entities[0].Attributes.Status = ptr(Status("rumoured"))
		}, EINVALID, "input.entities.0.attributes.status", "unknown status"},
		{"too many aliases", func(in *IngestDocumentInput) {
			in.Entities[0].Aliases = make([]string, MaxAliases+1)
		}, EINVALID, "input.entities.0.aliases", "at most 100"},
		{"unknown relation type", func(in *IngestDocumentInput) { in.Relations[0].Type = "LIKES" }, EINVALID, "input.relations.0.type", "unknown relation type"},
		{"MENTIONS stated", func(in *IngestDocumentInput) { in.Relations[0].Type = Mentions }, EINVALID, "input.relations.0.type", "derived"},
		{"unknown relation status", func(in *IngestDocumentInput) { in.Relations[0].Status = "rumoured" }, EINVALID, "input.relations.0.status", "unknown status"},
		{"no from", func(in *IngestDocumentInput) { in.Relations[0].From = "" }, EINVALID, "input.relations.0.from", "name the entity"},
		{"a name too long to name anything", func(in *IngestDocumentInput) {
			in.Relations[0].To = strings.Repeat("n", MaxSearchText+1)
		}, EINVALID, "input.relations.0.to", "at most 200"},
		{"a role too long", func(in *IngestDocumentInput) { in.Relations[0].Role = strings.Repeat("r", MaxNameChars+1) }, EINVALID, "input.relations.0.role", "at most 1000"},
		{"no evidence", func(in *IngestDocumentInput) { in.Relations[0].Evidence = nil }, EINVALID, "input.relations.0.evidence", "at least one evidence"},
		{"too much evidence", func(in *IngestDocumentInput) {
			for range MaxInputEvidence {
				in.Relations[0].Evidence = append(in.Relations[0].Evidence, in.Relations[0].Evidence[0])
			}
		}, EINVALID, "input.relations.0.evidence", "at most 20"},
		{"evidence of another document", func(in *IngestDocumentInput) {
			in.Relations[0].Evidence[0].Document = "doc/other"
		}, EINVALID, "input.relations.0.evidence.0.document", "own document"},
		{"offsets and excerpt", func(in *IngestDocumentInput) {
			in.Relations[0].Evidence[0].Excerpt = "The Islamabad Digital Policy Forum is an organisation based in Islamabad."
		}, EINVALID, "input.relations.0.evidence.0", "not both"},
		{"start without end", func(in *IngestDocumentInput) { in.Relations[0].Evidence[0].End = nil }, EINVALID, "input.relations.0.evidence.0", "both start and end"},
		{"neither offsets nor excerpt", func(in *IngestDocumentInput) {
			in.Relations[0].Evidence[0] = EvidenceInput{}
		}, EINVALID, "input.relations.0.evidence.0", "or an excerpt"},
		{"offsets out of range", func(in *IngestDocumentInput) {
			in.Relations[0].Evidence[0].End = ptr(1000)
		}, EINVALID, "input.relations.0.evidence.0", "out of range"},
		{"a span inside a sentence proposes its bounds", func(in *IngestDocumentInput) {
			in.Relations[0].Evidence[0].Start = ptr(4)
		}, EINVALID, "input.relations.0.evidence.0", "the sentence there is {start: 0, end: 73}"},
		{"a span over two sentences proposes both", func(in *IngestDocumentInput) {
			in.Relations[0].Evidence[0].End = ptr(159)
		}, EINVALID, "input.relations.0.evidence.0", "covers 2 sentences: evidence is one whole sentence; give one evidence each: {start: 0, end: 73}"},
		{"a span of white space", func(in *IngestDocumentInput) {
			in.Relations[0].Evidence[0] = EvidenceInput{Start: ptr(73), End: ptr(74)}
		}, EINVALID, "input.relations.0.evidence.0", "holds no sentence"},
		{"an excerpt part of a sentence", func(in *IngestDocumentInput) {
			in.Relations[0].Evidence[0] = EvidenceInput{Excerpt: "based in Islamabad."}
		}, EINVALID, "input.relations.0.evidence.0", "quote it whole, or give {start: 0, end: 73}"},
		{"an excerpt over two sentences", func(in *IngestDocumentInput) {
			in.Relations[0].Evidence[0] = EvidenceInput{Excerpt: "in Islamabad. Its founders"}
		}, EINVALID, "input.relations.0.evidence.0", "more than one sentence"},
		{"an excerpt not in the text", func(in *IngestDocumentInput) {
			in.Relations[0].Evidence[0] = EvidenceInput{Excerpt: "The forum is in Lahore."}
		}, EINVALID, "input.relations.0.evidence.0", "does not occur"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := forumInput()
			tc.change(in)
			_, err := CheckIngest(in)
			es, ok := AsUserErrors(err)
			if !ok {
				t.Fatalf("CheckIngest = %v, want user errors", err)
			}
			for _, e := range es {
				if e.Code == tc.code && strings.Join(e.Field, ".") == tc.field && strings.Contains(e.Message, tc.msg) {
					return
				}
			}
			t.Errorf("no %s at %s with %q in\n%v", tc.code, tc.field, tc.msg, es)
		})
	}
}

func TestBindRefs(t *testing.T) {
	in := forumInput()
	in.Relations = append(in.Relations, RelationInput{Type: MetWith, From: "forum", To: "org/nobody",
		Evidence: []EvidenceInput{{Start: ptr(74), End: ptr(159)}}},
		RelationInput{Type: MetWith, From: "forum", To: "PTA",
			Evidence: []EvidenceInput{{Start: ptr(74), End: ptr(159)}}},
		RelationInput{Type: MetWith, From: "forum", To: "Nobody",
			Evidence: []EvidenceInput{{Start: ptr(74), End: ptr(159)}}})
	plan, err := CheckIngest(in)
	if err != nil {
		t.Fatal(err)
	}
	pta := []NameMatch{{ID: "org/pta", Kind: KindOrganization}, {ID: "org/pta-2", Kind: KindOrganization}}
	ids, err := plan.BindRefs(map[string][]NameMatch{"Islamabad": {{ID: "city/islamabad", Kind: KindCity}}, "PTA": pta})
	es, _ := AsUserErrors(err)
	if ids["Islamabad"] != "city/islamabad" {
		t.Errorf("Islamabad bound to %q", ids["Islamabad"])
	}
	want := []struct{ code, field, msg string }{
		{ENOTFOUND, "input.relations.1.to", `no entity has the id "org/nobody"`},
		{EAMBIGUOUS, "input.relations.2.to", "names 2 entities"},
		{ENOTFOUND, "input.relations.3.to", "no ref of this input's entities (forum)"},
	}
	if len(es) != len(want) {
		t.Fatalf("user errors %v, want %d", es, len(want))
	}
	for i, w := range want {
		if e := es[i]; e.Code != w.code || strings.Join(e.Field, ".") != w.field || !strings.Contains(e.Message, w.msg) {
			t.Errorf("error %d = %v, want %s at %s: %s", i, e, w.code, w.field, w.msg)
		}
	}
	if len(es[1].Candidates) != 2 {
		t.Errorf("candidates %v", es[1].Candidates)
	}
}

func TestInputHashAndCursor(t *testing.T) {
	a, b := forumInput(), forumInput()
	b.IdempotencyKey = "another key"
	if InputHash(OpIngestDocument, a) != InputHash(OpIngestDocument, b) {
		t.Error("the idempotency key changed the input hash")
	}
	b.Reason = "a reason"
	if InputHash(OpIngestDocument, a) == InputHash(OpIngestDocument, b) {
		t.Error("another reason gave the same input hash")
	}
	if InputHash(OpIngestDocument, a) == InputHash(OpAssertRelation, a) {
		t.Error("another op gave the same input hash")
	}
	for _, seq := range []int64{0, 1, 42, 1 << 40} {
		got, err := ParseChangeCursor(ChangeCursor(seq))
		if err != nil || got != seq {
			t.Errorf("cursor of %d read as %d, %v", seq, got, err)
		}
	}
	if _, err := ParseChangeCursor(EncodeCursor("x")); ErrorCode(err) != EINVALID {
		t.Errorf("malformed cursor: %v", err)
	}
	var es UserErrors
	if !errors.As(UserErrors{{Code: EINVALID}}.Err(), &es) || (UserErrors{}).Err() != nil {
		t.Error("UserErrors.Err")
	}
}
