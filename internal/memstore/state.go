package memstore

import (
	"fmt"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// state writes a stated relation (its references bound, its evidence
// whole sentences of stored documents): the live relation equal to it
// (kg.RelationKey; the least id of several) gains the evidence it lacks,
// or it becomes a new relation (kg.NewRelationID); and the evidence
// added goes to the MENTIONS of its document. It returns the relation's
// id, or the user error at field of a relation the store cannot hold.
func (tx *writeTx) state(r *kg.Relation, field []string) (string, *kg.UserError) {
	if r.From == r.To {
		return "", &kg.UserError{Code: kg.EINVALID, Field: append(slices.Clone(field), "to"),
			Message: fmt.Sprintf("a relation joins two entities: from and to both name %s", r.From)}
	}
	have := tx.equalRelation(r)
	if have == nil {
		have = &kg.Relation{}
		*have = *r
		have.ID, have.Evidence = kg.NewRelationID(r, tx.relationTaken), nil
	}
	added := 0
	for _, ev := range r.Evidence {
		if slices.ContainsFunc(have.Evidence, func(h kg.Evidence) bool { return sameStatement(h, ev) }) {
			continue
		}
		if len(have.Evidence) >= kg.MaxEvidence {
			return "", &kg.UserError{Code: kg.EINVALID, Field: append(slices.Clone(field), "evidence"),
				Message: fmt.Sprintf("relation %s holds %d statements already, at most %d", have.ID, len(have.Evidence), kg.MaxEvidence)}
		}
		have.Evidence = append(slices.Clone(have.Evidence), ev)
		tx.mention(have, ev)
		added++
	}
	if added > 0 {
		tx.putRelation(have)
	}
	return have.ID, nil
}

// sameStatement reports whether two evidence are one sentence of one
// document.
func sameStatement(a, b kg.Evidence) bool {
	return a.DocumentID == b.DocumentID && a.Start == b.Start && a.End == b.End
}

// equalRelation returns the live relation whose RelationKey is r's, the
// least id of several, or nil. Such a relation joins r's ends by r's
// type, so only the From end's relations are looked at.
func (tx *writeTx) equalRelation(r *kg.Relation) *kg.Relation {
	key := kg.RelationKey(r)
	var ids []string
	if n, ok := tx.g.entIdx[r.From]; ok {
		for _, ri := range tx.g.adj[n] {
			if rec := &tx.g.rels[ri]; rec.from == n && kg.RelationTypes[rec.typ] == r.Type && tx.g.ids[rec.to] == r.To {
				ids = append(ids, rec.id)
			}
		}
	}
	for id, p := range tx.rels {
		if p.From == r.From && p.To == r.To && p.Type == r.Type && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		if have := tx.relation(id); have != nil && kg.RelationKey(have) == key {
			return have
		}
	}
	return nil
}

// mention adds evidence ev of relation r to the MENTIONS from its
// document to each entity it speaks of (kg.Mentioned), unless the
// mention quotes the excerpt already or holds kg.MaxEvidence.
func (tx *writeTx) mention(r *kg.Relation, ev kg.Evidence) {
	for _, to := range kg.Mentioned(r, ev) {
		id := kg.MentionID(ev.DocumentID, to)
		m := tx.relation(id)
		if m == nil {
			m = &kg.Relation{ID: id, Type: kg.Mentions, From: ev.DocumentID, To: to}
		}
		if len(m.Evidence) >= kg.MaxEvidence || slices.ContainsFunc(m.Evidence, func(h kg.Evidence) bool { return h.Excerpt == ev.Excerpt }) {
			continue
		}
		m.Evidence = append(slices.Clone(m.Evidence), ev)
		tx.putRelation(m)
	}
}
