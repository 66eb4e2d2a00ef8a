package memstore

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// RevertChange implements kg.Writer: a new change puts back the before
// image of every id the reverted change touched (an entity or relation
// it created is taken away again; one it retracted is live again). It is
// refused (ECONFLICT) unless every one of those ids is as the change
// left it (but its rev): when a later change that is not reverted since
// touched one, or the change is reverted already; and when it would take
// away an entity that relations written since still join. So reverting
// every change from the last to the first restores the graph as it was.
func (s *Store) RevertChange(ctx context.Context, in kg.RevertChangeInput) (*kg.RevertResult, error) {
	if err := kg.CheckRevertChange(&in); err != nil {
		return nil, err
	}
	change := func(r *kg.RevertResult) **kg.Change { return &r.Change }
	return write(ctx, s, kg.OpRevertChange, in.Request, in, change, func(tx *writeTx) (*kg.RevertResult, error) {
		field := []string{"input", "id"}
		seq, _ := kg.ParseChangeID(in.ID)
		if seq > int64(len(tx.cur.changes)) {
			return nil, kg.UserErrors{{Code: kg.ENOTFOUND, Field: field, Message: fmt.Sprintf("no change has the id %s", in.ID)}}
		}
		ch := tx.cur.changes[seq-1]
		for i, id := range ch.Touched {
			if !sameImage(tx.image(id, 0), ch.After[i]) {
				return nil, kg.UserErrors{{Code: kg.ECONFLICT, Field: field, Message: tx.changedSince(ch, id)}}
			}
		}
		tx.reverts = ch.ID
		for _, im := range ch.Before {
			switch {
			case im.Entity != nil:
				tx.putEntity(im.Entity)
			case im.Relation != nil && im.Retraction != nil:
				tx.retractRelation(im.Relation, *im.Retraction)
			case im.Relation != nil:
				tx.putRelation(im.Relation)
			case im.RedirectTo != "":
				tx.redirect(im.ID, im.RedirectTo)
			default:
				tx.remove(im.ID)
			}
		}
		if joined := tx.stillJoined(); joined != "" {
			return nil, kg.UserErrors{{Code: kg.ECONFLICT, Field: field,
				Message: fmt.Sprintf("reverting %s would take away %s, which relations written since join: revert or retract those first", ch.ID, joined)}}
		}
		if r, end := tx.dangling(); r != "" {
			return nil, kg.UserErrors{{Code: kg.ECONFLICT, Field: field,
				Message: fmt.Sprintf("reverting %s would bring back %s, which joins %s, an entity taken away or merged since: revert that change first", ch.ID, r, end)}}
		}
		return &kg.RevertResult{Reverted: ch.ID}, nil
	})
}

// stillJoined returns an entity the write removes that a relation it
// keeps (live or retracted) still joins, as an end or a counterpart, or
// "". It scans every relation: reverts are rare.
func (tx *writeTx) stillJoined() string {
	for _, id := range slices.Sorted(maps.Keys(tx.removed)) {
		if tx.before[id].Entity == nil {
			continue // a relation
		}
		merged := tx.redirectOf(id) != "" // retracted relations may still name a merged id
		joins := func(r *kg.Relation) bool { return r.From == id || r.To == id || r.Counterpart == id }
		for _, ri := range tx.g.relsByID {
			if r := tx.relation(tx.g.rels[ri].id); r != nil && joins(r) {
				return id
			}
		}
		for rid, r := range tx.rels {
			if joins(r) && !tx.removed[rid] {
				return id
			}
		}
		if merged {
			continue
		}
		for rid, rr := range tx.cur.retracted {
			if joins(rr.Relation) && tx.retracted(rid) != nil {
				return id
			}
		}
		for _, rr := range tx.retract {
			if joins(rr.Relation) {
				return id
			}
		}
	}
	return ""
}

// dangling returns a live relation the write puts back whose end or
// counterpart is no entity (taken away, or merged into another), and
// that end; or "".
func (tx *writeTx) dangling() (string, string) {
	for _, id := range slices.Sorted(maps.Keys(tx.rels)) {
		r := tx.rels[id]
		for _, end := range []string{r.From, r.To, r.Counterpart} {
			if end != "" && tx.entity(end) == nil {
				return id, end
			}
		}
	}
	return "", ""
}

// sameImage reports whether two images are of the same object in the
// same state, whatever their revs.
func sameImage(a, b kg.Image) bool {
	norm := func(im kg.Image) kg.Image {
		im.Rev = 0
		if im.Entity != nil {
			im.Entity = normEntity(im.Entity)
		}
		if im.Relation != nil {
			im.Relation = normRelation(im.Relation)
		}
		return im
	}
	return reflect.DeepEqual(norm(a), norm(b))
}

// changedSince says why the change cannot be reverted: the id is not as
// it left it.
func (tx *writeTx) changedSince(ch *kg.Change, id string) string {
	for _, later := range slices.Backward(tx.cur.changes[ch.Seq:]) {
		if later.Reverts == ch.ID {
			return fmt.Sprintf("%s is reverted already, by %s", ch.ID, later.ID)
		}
		if slices.Contains(later.Touched, id) {
			return fmt.Sprintf("%s changed %s since %s: revert %s first", later.ID, id, ch.ID, later.ID)
		}
	}
	return fmt.Sprintf("%s is not as %s left it", id, ch.ID)
}
