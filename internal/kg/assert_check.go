package kg

import (
	"fmt"
	"slices"
)

// CheckAssertRelation checks an assertRelation input by the rules that
// need no store: the relation's fields as CheckIngest checks them, and a
// stored document named by each evidence (the input has no text of its
// own). The plan's External lists every reference the store binds
// (BindRefs): the ends, the counterpart, each evidence's document and
// speaker; the store then checks each evidence against its document's
// text with StoredEvidence.
func CheckAssertRelation(in *AssertRelationInput) (*IngestPlan, error) {
	var c inputChecker
	plan := &IngestPlan{Refs: map[string]int{}}
	at := path("input", "relation")
	r := &in.Relation
	if c.relationFields(plan, r, at) {
		for j, ev := range r.Evidence {
			evAt := append(slices.Clone(at), "evidence", fmt.Sprint(j))
			c.ref(plan, ev.Document, append(slices.Clone(evAt), "document"), true)
			c.ref(plan, ev.SaidBy, append(slices.Clone(evAt), "saidBy"), false)
		}
	}
	if len(c) > 0 {
		return nil, c.err()
	}
	return plan, nil
}

// StoredEvidence is the evidence an input states from a stored document
// doc: the whole sentence of its text that the input quotes (by offsets
// or excerpt, EvidenceSentence), dated by the input or else by the
// document's published date; SaidBy as written, for the store to bind.
// The problem says why it quotes no sentence.
func StoredEvidence(doc *Entity, ev EvidenceInput) (Evidence, string) {
	if doc.Kind != KindDocument {
		return Evidence{}, fmt.Sprintf("%s is a %s, not a document", doc.ID, doc.Kind)
	}
	s, problem := EvidenceSentence(doc.Text, Sentences(doc.Text), ev)
	if problem != "" {
		return Evidence{}, problem
	}
	out := Evidence{DocumentID: doc.ID, Excerpt: s.Text, Start: s.Start, End: s.End, SaidBy: ev.SaidBy}
	switch {
	case ev.Date != nil:
		out.Date = *ev.Date
	case doc.PublishedAt != nil:
		out.Date = *doc.PublishedAt
	}
	return out, ""
}
