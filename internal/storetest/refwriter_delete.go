package storetest

import (
	"context"
	"maps"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// DeleteDocument is kg.Writer's: the document goes with its MENTIONS;
// every live relation and entity loses its statements; a relation left
// with none is retracted (RetractSourceDeleted); a fact relation with
// the document at an end refuses it.
func (w *RefWriter) DeleteDocument(ctx context.Context, in kg.DeleteDocumentInput) (*kg.DeleteDocumentResult, error) {
	if err := kg.CheckDeleteDocument(&in); err != nil {
		return nil, err
	}
	return refWrite(ctx, w, kg.OpDeleteDocument, in.Request, in, func(r *kg.DeleteDocumentResult) **kg.Change { return &r.Change }, func(tx *refTx) (*kg.DeleteDocumentResult, error) {
		doc, ok := w.entities[in.ID]
		switch {
		case !ok || doc.Kind != kg.KindDocument:
			return nil, notFound("input", "id")
		case in.ExpectedRev != nil && *in.ExpectedRev != tx.rev(in.ID):
			return nil, conflict(tx.rev(in.ID), "input", "expectedRev")
		}
		res := &kg.DeleteDocumentResult{Document: in.ID}
		fromDoc := func(ev kg.Evidence) bool { return ev.DocumentID == in.ID }
		for _, id := range slices.Sorted(maps.Keys(w.relations)) {
			r := w.relations[id]
			if r.Type == kg.Mentions && r.From == in.ID {
				tx.touch(id)
				delete(w.relations, id)
				continue
			}
			if r.From == in.ID || r.To == in.ID {
				return nil, kg.UserErrors{{Code: kg.ECONFLICT, Field: fieldOf("input", "id")}}
			}
			if !slices.ContainsFunc(r.Evidence, fromDoc) {
				continue
			}
			tx.touch(id)
			c := deepCopy(r)
			c.Evidence = slices.DeleteFunc(c.Evidence, fromDoc)
			if len(c.Evidence) > 0 {
				w.relations[id] = c
				continue
			}
			delete(w.relations, id)
			w.retracted[id] = refRetracted{c, kg.Retraction{By: tx.by, Change: kg.ChangeID(tx.seq), Reason: kg.RetractSourceDeleted}}
			res.Retracted = append(res.Retracted, id)
		}
		for id, e := range w.entities {
			if slices.ContainsFunc(e.Evidence, fromDoc) {
				tx.touch(id)
				c := deepCopy(e)
				c.Evidence = slices.DeleteFunc(c.Evidence, fromDoc)
				w.entities[id] = c
			}
		}
		tx.touch(in.ID)
		delete(w.entities, in.ID)
		return res, nil
	})
}
