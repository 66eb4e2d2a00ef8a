package kg

import (
	"strings"
	"testing"
)

// The checker's order: an entity's evidence may name a document that
// comes later among the entities; a relation must name entities fed
// before it (or known to the store), and each problem names its item and
// field.
func TestGraphCheckerOrder(t *testing.T) {
	text := "Ann met Bob. Bob is a person."
	doc := &Entity{ID: "doc/d", Kind: KindDocument, Name: "D", Title: "D", Text: text}
	ev := func(start, end int, excerpt string) []Evidence {
		return []Evidence{{DocumentID: "doc/d", Excerpt: excerpt, Start: start, End: end, Date: MustDate("2024")}}
	}
	b := &Entity{ID: "person/b", Kind: KindPerson, Name: "B", Title: "Dr.", Evidence: ev(13, 29, "Bob is a person.")}
	a := &Entity{ID: "person/a", Kind: KindPerson, Name: "A"}
	met := &Relation{ID: "person/a>MET_WITH>person/b", Type: MetWith, From: "person/a", To: "person/b", Evidence: ev(0, 12, "Ann met Bob.")}
	if ps := CheckGraph(&Graph{Entities: []*Entity{b, a, doc}, Relations: []*Relation{met}}, nil); len(ps) != 0 {
		t.Fatalf("a valid graph: %v", ps)
	}

	c := NewGraphChecker()
	c.Entity(doc)
	c.Entity(a)
	ps := c.Relation(met)
	if len(ps) != 1 || ps[0].Field != "to" || ps[0].Ref != "person/b" || !ps[0].Relation || ps[0].Index != 0 {
		t.Errorf("a relation before its end: %+v, want one dangling to at relation 0", ps)
	}

	c = NewGraphChecker()
	c.Known("person/b", KindPerson, "")
	c.Known("doc/d", KindDocument, text)
	c.Entity(a)
	if ps := c.Relation(met); len(ps) != 0 {
		t.Errorf("ends the store holds: %v", ps)
	}

	moved := *met
	moved.Evidence = ev(1, 13, "Ann met Bob.")
	ps = CheckGraph(&Graph{Entities: []*Entity{a, b, doc}, Relations: []*Relation{&moved}}, nil)
	if len(ps) != 1 || ps[0].Field != "evidence.0" || !strings.Contains(ps[0].Message, "{start: 0, end: 12}") {
		t.Errorf("evidence away from its offsets: %+v", ps)
	}
	if ps := CheckGraph(&Graph{Entities: []*Entity{b}}, nil); len(ps) != 1 || ps[0].Ref != "doc/d" || ps[0].Field != "evidence.0" {
		t.Errorf("an entity's evidence of no document, no relation after it: %+v", ps)
	}
}
