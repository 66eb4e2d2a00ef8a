package memstore

import (
	"context"
	"encoding/json"
	"maps"
	"slices"
	"time"

	"github.com/kgql/kgql/internal/kg"
)

// A write runs as one transaction: under the writer's lock it reads the
// graph, collects its changes in a writeTx (nothing in memory changes
// yet), builds the Change, commits everything to the file in one bbolt
// transaction, and only then applies it to memory under the write lock.
// A write that fails anywhere before the commit leaves the store as it
// was; readers never see half of one.

var _ kg.Writer = (*Store)(nil)

// writeTx is the pending state of one write.
type writeTx struct {
	g    *graph
	cur  *curation
	ents map[string]*kg.Entity   // new versions of entities, normalized
	rels map[string]*kg.Relation // new versions of live relations, normalized
	// retract holds the relations the write retracts, with their
	// retraction; they leave the graph.
	retract map[string]*retractedRelation
	removed map[string]bool // entities and relations the write takes away (a revert of their creation)
	// redirects holds the merged entities the write redirects (to the
	// entity they answer as) or restores ("" : no longer a redirect).
	redirects map[string]string
	before    map[string]kg.Image // of every touched id, as it was
	reverts   string              // the change a revert compensates
	by        kg.Principal
	seq       int64 // of the change this write records
}

// write runs one write of op: the idempotency key first, then fn, then
// the commit. change says where a result holds its Change.
func write[R any](ctx context.Context, s *Store, op kg.Op, req kg.Request, input any, change func(*R) **kg.Change, fn func(tx *writeTx) (*R, error)) (*R, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.available(); err != nil {
		return nil, err
	}
	if err := ctxErr(ctx); err != nil {
		return nil, err
	}
	hash := kg.InputHash(op, input)
	if req.IdempotencyKey != "" {
		if rec, seen := s.cur.idem[req.IdempotencyKey]; seen {
			return replay[R](rec, op, hash)
		}
	}
	tx := &writeTx{g: s.g, cur: s.cur, ents: map[string]*kg.Entity{}, rels: map[string]*kg.Relation{},
		retract: map[string]*retractedRelation{}, removed: map[string]bool{}, redirects: map[string]string{}, before: map[string]kg.Image{}, by: kg.PrincipalFrom(ctx),
		seq: int64(len(s.cur.changes)) + 1}
	res, err := fn(tx)
	if err != nil || len(tx.before) == 0 {
		return res, err // refused, or nothing changed: nothing recorded
	}
	ch := tx.change(op, req, hash)
	*change(res) = ch
	var idem *idemRecord
	if req.IdempotencyKey != "" {
		b, err := json.Marshal(res)
		if err != nil {
			return nil, err
		}
		idem = &idemRecord{Op: op, InputHash: hash, Result: b}
	}
	if err := ctxErr(ctx); err != nil {
		return nil, err
	}
	if err := s.commit(tx, ch, idem); err != nil {
		return nil, err
	}
	return res, nil
}

// replay answers a retry under a known idempotency key.
func replay[R any](rec idemRecord, op kg.Op, hash string) (*R, error) {
	if rec.Op != op || rec.InputHash != hash {
		return nil, kg.UserErrors{{Code: kg.ECONFLICT, Field: []string{"input", "idempotencyKey"},
			Message: "this idempotencyKey was used with another input: use a new key for a new request"}}
	}
	res := new(R)
	if err := json.Unmarshal(rec.Result, res); err != nil {
		return nil, err
	}
	return res, nil
}

// entity returns the entity with the id as the write has it, or nil.
func (tx *writeTx) entity(id string) *kg.Entity {
	if tx.removed[id] {
		return nil
	}
	if e, ok := tx.ents[id]; ok {
		return e
	}
	if n, ok := tx.g.entIdx[id]; ok {
		return tx.g.ents[n]
	}
	return nil
}

// relation returns the live relation with the id as the write has it, or
// nil (none, or retracted).
func (tx *writeTx) relation(id string) *kg.Relation {
	if _, ok := tx.retract[id]; ok || tx.removed[id] {
		return nil
	}
	if r, ok := tx.rels[id]; ok {
		return r
	}
	if n, ok := tx.g.findRelation(id); ok {
		return tx.g.relation(n)
	}
	return nil
}

// retracted returns the retracted relation with the id, or nil.
func (tx *writeTx) retracted(id string) *retractedRelation {
	if rr, ok := tx.retract[id]; ok {
		return rr
	}
	if _, live := tx.rels[id]; live || tx.removed[id] {
		return nil
	}
	return tx.cur.retracted[id]
}

// relationTaken reports whether a relation, live or retracted, holds id.
func (tx *writeTx) relationTaken(id string) bool {
	return tx.relation(id) != nil || tx.retracted(id) != nil
}

// rev is the current rev of an object as stored (before this write).
func (tx *writeTx) storedRev(id string) int {
	if r, ok := tx.cur.revs[id]; ok {
		return r
	}
	return 1
}

// rev is the rev of an object as the write leaves it so far.
func (tx *writeTx) rev(id string) int {
	if im, ok := tx.before[id]; ok {
		return im.Rev + 1
	}
	return tx.storedRev(id)
}

// image is the object with the id as the write has it so far, at rev.
func (tx *writeTx) image(id string, rev int) kg.Image {
	im := kg.Image{ID: id, Rev: rev}
	switch {
	case tx.entity(id) != nil:
		im.Entity = normEntity(tx.entity(id))
	case tx.relation(id) != nil:
		im.Relation = normRelation(tx.relation(id))
	case tx.retracted(id) != nil:
		rr := tx.retracted(id)
		ret := rr.Retraction
		im.Relation, im.Retraction = normRelation(rr.Relation), &ret
	case tx.redirectOf(id) != "":
		im.RedirectTo = tx.redirectOf(id)
	default:
		im.Rev = 0
	}
	return im
}

// touch notes the object's image before its first change in this write.
func (tx *writeTx) touch(id string) {
	if _, ok := tx.before[id]; ok {
		return
	}
	im := tx.image(id, tx.storedRev(id))
	if im.Absent() {
		im.Rev = 0
	}
	tx.before[id] = im
}

func (tx *writeTx) putEntity(e *kg.Entity) {
	tx.touch(e.ID)
	delete(tx.removed, e.ID)
	if tx.redirectOf(e.ID) != "" {
		tx.redirects[e.ID] = ""
	}
	tx.ents[e.ID] = normEntity(e)
}

func (tx *writeTx) putRelation(r *kg.Relation) {
	tx.touch(r.ID)
	delete(tx.retract, r.ID)
	delete(tx.removed, r.ID)
	tx.rels[r.ID] = normRelation(r)
}

func (tx *writeTx) retractRelation(r *kg.Relation, ret kg.Retraction) {
	tx.touch(r.ID)
	delete(tx.rels, r.ID)
	delete(tx.removed, r.ID)
	tx.retract[r.ID] = &retractedRelation{Relation: normRelation(r), Retraction: ret}
}

// remove takes an entity or a relation away.
func (tx *writeTx) remove(id string) {
	tx.touch(id)
	delete(tx.ents, id)
	delete(tx.rels, id)
	delete(tx.retract, id)
	tx.removed[id] = true
	if tx.redirectOf(id) != "" {
		tx.redirects[id] = ""
	}
}

// redirect takes a merged entity out of the graph and leaves its id
// answering as the entity to.
func (tx *writeTx) redirect(id, to string) {
	tx.remove(id)
	tx.redirects[id] = to
}

// redirectOf returns the entity a merged id answers as, as the write has
// it, or "".
func (tx *writeTx) redirectOf(id string) string {
	if to, ok := tx.redirects[id]; ok {
		return to
	}
	return tx.cur.redirects[id]
}

// change builds the Change of the write.
func (tx *writeTx) change(op kg.Op, req kg.Request, hash string) *kg.Change {
	ch := &kg.Change{Seq: tx.seq, ID: kg.ChangeID(tx.seq), At: time.Now().UTC(), Op: op, Principal: tx.by,
		Reason: req.Reason, IdempotencyKey: req.IdempotencyKey, InputHash: hash, Reverts: tx.reverts}
	ch.Touched = slices.Sorted(maps.Keys(tx.before))
	for _, id := range ch.Touched {
		before := tx.before[id]
		ch.Before = append(ch.Before, before)
		ch.After = append(ch.After, tx.image(id, before.Rev+1))
	}
	return ch
}
