package memstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// DeleteDocument implements kg.Writer. The document leaves the graph
// with its MENTIONS and its statements: every live relation and entity
// it backs loses that evidence, and a relation left with none is
// retracted with the reason kg.RetractSourceDeleted. Retracted relations
// are left as they are (out of every read, their images whole). A
// document that a fact relation joins as an end is refused (CONFLICT:
// retract that relation first).
func (s *Store) DeleteDocument(ctx context.Context, in kg.DeleteDocumentInput) (*kg.DeleteDocumentResult, error) {
	if err := kg.CheckDeleteDocument(&in); err != nil {
		return nil, err
	}
	change := func(r *kg.DeleteDocumentResult) **kg.Change { return &r.Change }
	return write(ctx, s, kg.OpDeleteDocument, in.Request, in, change, func(tx *writeTx) (*kg.DeleteDocumentResult, error) {
		field := []string{"input", "id"}
		doc := tx.entity(in.ID)
		if doc == nil || doc.Kind != kg.KindDocument {
			return nil, kg.UserErrors{{Code: kg.ENOTFOUND, Field: field, Message: fmt.Sprintf("no document has the id %q", in.ID)}}
		}
		if err := tx.expectRev(in.ID, in.ExpectedRev, []string{"input", "expectedRev"}); err != nil {
			return nil, kg.UserErrors{err}
		}
		res := &kg.DeleteDocumentResult{Document: in.ID}
		g := tx.g
		num, quoted := g.strs.lookup(in.ID)
		for _, ri := range g.relsByID { // the write changes memory only at its commit
			rec := &g.rels[ri]
			switch {
			case g.ids[rec.from] == in.ID && rec.typ == typeIndex[kg.Mentions]:
				tx.remove(rec.id)
				continue
			case g.ids[rec.from] == in.ID || g.ids[rec.to] == in.ID:
				return nil, kg.UserErrors{{Code: kg.ECONFLICT, Field: field,
					Message: fmt.Sprintf("relation %s joins the document: retract it first", rec.id)}}
			case !quoted || !slices.ContainsFunc(g.statements(rec), func(ev evidence) bool { return ev.doc == num }):
				continue
			}
			r := g.relation(ri)
			r.Evidence = slices.DeleteFunc(r.Evidence, func(ev kg.Evidence) bool { return ev.DocumentID == in.ID })
			if len(r.Evidence) > 0 {
				tx.putRelation(r)
				continue
			}
			tx.retractRelation(r, kg.Retraction{By: tx.by, Change: kg.ChangeID(tx.seq), Reason: kg.RetractSourceDeleted})
			res.Retracted = append(res.Retracted, r.ID)
		}
		for _, n := range g.byID {
			e := g.ents[n]
			if slices.ContainsFunc(e.Evidence, func(ev kg.Evidence) bool { return ev.DocumentID == in.ID }) {
				c := normEntity(e)
				c.Evidence = slices.DeleteFunc(c.Evidence, func(ev kg.Evidence) bool { return ev.DocumentID == in.ID })
				tx.putEntity(c)
			}
		}
		tx.remove(in.ID)
		return res, nil
	})
}
