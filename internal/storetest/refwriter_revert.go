package storetest

import (
	"context"

	"github.com/kgql/kgql/internal/kg"
)

// RevertChange is kg.Writer's: every id the change touched goes back to
// its before image, unless one of them is not as the change left it (but
// its rev), or an entity taken away would leave a relation (live or
// retracted) joining it.
func (w *RefWriter) RevertChange(ctx context.Context, in kg.RevertChangeInput) (*kg.RevertResult, error) {
	if err := kg.CheckRevertChange(&in); err != nil {
		return nil, err
	}
	return refWrite(ctx, w, kg.OpRevertChange, in.Request, in, func(r *kg.RevertResult) **kg.Change { return &r.Change }, func(tx *refTx) (*kg.RevertResult, error) {
		seq, _ := kg.ParseChangeID(in.ID)
		if seq > int64(len(w.log)) {
			return nil, notFound("input", "id")
		}
		ch := w.log[seq-1]
		for i, id := range ch.Touched {
			now, left := tx.image(id, 0), ch.After[i]
			left.Rev = 0
			if View(now) != View(left) {
				return nil, kg.UserErrors{{Code: kg.ECONFLICT, Field: fieldOf("input", "id")}}
			}
		}
		tx.reverts = ch.ID
		var gone []string
		for _, im := range ch.Before {
			tx.touch(im.ID)
			if tx.before[im.ID].Entity != nil && im.Entity == nil {
				gone = append(gone, im.ID)
			}
			delete(w.entities, im.ID)
			delete(w.relations, im.ID)
			delete(w.retracted, im.ID)
			delete(w.redirects, im.ID)
			switch {
			case im.Entity != nil:
				w.entities[im.ID] = deepCopy(im.Entity)
			case im.Relation != nil && im.Retraction != nil:
				w.retracted[im.ID] = refRetracted{deepCopy(im.Relation), *im.Retraction}
			case im.Relation != nil:
				w.relations[im.ID] = deepCopy(im.Relation)
			case im.RedirectTo != "":
				w.redirects[im.ID] = im.RedirectTo
			}
		}
		joins := func(r *kg.Relation, id string) bool { return r.From == id || r.To == id || r.Counterpart == id }
		for _, id := range gone {
			for _, r := range w.relations {
				if joins(r, id) {
					return nil, kg.UserErrors{{Code: kg.ECONFLICT, Field: fieldOf("input", "id")}}
				}
			}
			if w.redirects[id] != "" {
				continue // a merged id: retracted relations may name it
			}
			for _, rr := range w.retracted {
				if joins(rr.relation, id) {
					return nil, kg.UserErrors{{Code: kg.ECONFLICT, Field: fieldOf("input", "id")}}
				}
			}
		}
		for _, im := range ch.Before { // a relation back, with an end merged or gone since
			if im.Relation == nil || im.Retraction != nil {
				continue
			}
			for _, end := range []string{im.Relation.From, im.Relation.To, im.Relation.Counterpart} {
				if _, ok := w.entities[end]; end != "" && !ok {
					return nil, kg.UserErrors{{Code: kg.ECONFLICT, Field: fieldOf("input", "id")}}
				}
			}
		}
		return &kg.RevertResult{Reverted: ch.ID}, nil
	})
}
