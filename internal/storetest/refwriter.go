package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// RefWriter is kg.Writer's documented behaviour in its plainest form, the
// reference the write contract holds a store to: plain maps of a graph,
// every lookup a scan (names by kg.NameKey over every entity, equal
// relations by kg.RelationKey over every relation), every change's images
// copied whole. It shares with the stores only kg's rules (the pure
// checks, the ids of kg.NewEntityID and its siblings, kg.RelationKey,
// kg.Mentioned), which are the contract's definitions, never a store's
// code. Graph gives its live graph, for a Reference to answer reads.
type RefWriter struct {
	entities  map[string]*kg.Entity
	relations map[string]*kg.Relation // live ones
	retracted map[string]refRetracted
	revs      map[string]int // of every object a write touched; others are at 1
	log       []*kg.Change
	keys      map[string]refKey
	redirects map[string]string // merged ids, to the entity each was merged into
}

type refRetracted struct {
	relation   *kg.Relation
	retraction kg.Retraction
}

type refKey struct {
	op     kg.Op
	hash   string
	result []byte
}

// NewRefWriter returns a reference writer holding a copy of g.
func NewRefWriter(g *kg.Graph) *RefWriter {
	w := &RefWriter{entities: map[string]*kg.Entity{}, relations: map[string]*kg.Relation{},
		retracted: map[string]refRetracted{}, revs: map[string]int{}, keys: map[string]refKey{}, redirects: map[string]string{}}
	for _, e := range g.Entities {
		w.entities[e.ID] = deepCopy(e)
	}
	for _, r := range g.Relations {
		w.relations[r.ID] = deepCopy(r)
	}
	return w
}

// Graph returns the live graph the writes have made, by id. It shares
// the writer's objects, which a write never changes in place (it puts a
// changed copy), so the graph stays as it was when asked.
func (w *RefWriter) Graph() *kg.Graph {
	g := &kg.Graph{}
	for _, id := range slices.Sorted(maps.Keys(w.entities)) {
		g.Entities = append(g.Entities, w.entities[id])
	}
	for _, id := range slices.Sorted(maps.Keys(w.relations)) {
		g.Relations = append(g.Relations, w.relations[id])
	}
	return g
}

// Log returns every change recorded, in order.
func (w *RefWriter) Log() []*kg.Change { return w.log }

// deepCopy copies plain data through JSON.
func deepCopy[T any](v *T) *T {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	out := new(T)
	if err := json.Unmarshal(b, out); err != nil {
		panic(err)
	}
	return out
}

// refTx is one write of the reference: the images of what it touched
// before it, and a copy of the state to return to when it fails.
type refTx struct {
	w       *RefWriter
	before  map[string]kg.Image
	by      kg.Principal
	seq     int64
	reverts string
	dry     bool // a dry run: the state goes back, nothing is recorded
}

func (tx *refTx) rev(id string) int {
	if im, ok := tx.before[id]; ok {
		return im.Rev + 1
	}
	if r, ok := tx.w.revs[id]; ok {
		return r
	}
	return 1
}

func (tx *refTx) image(id string, rev int) kg.Image {
	w := tx.w
	im := kg.Image{ID: id, Rev: rev}
	if e, ok := w.entities[id]; ok {
		im.Entity = deepCopy(e)
	} else if r, ok := w.relations[id]; ok {
		im.Relation = deepCopy(r)
	} else if rr, ok := w.retracted[id]; ok {
		ret := rr.retraction
		im.Relation, im.Retraction = deepCopy(rr.relation), &ret
	} else if to, ok := w.redirects[id]; ok {
		im.RedirectTo = to
	} else {
		im.Rev = 0
	}
	return im
}

// touch notes an object's image before the write first changes it.
func (tx *refTx) touch(id string) {
	if _, ok := tx.before[id]; !ok {
		tx.before[id] = tx.image(id, tx.rev(id))
	}
}

// refWrite runs one write on the reference as Writer documents it: a
// known idempotency key answers again (or conflicts), a failure restores
// the state, a write that touched something records one change.
func refWrite[R any](ctx context.Context, w *RefWriter, op kg.Op, req kg.Request, input any, change func(*R) **kg.Change, fn func(tx *refTx) (*R, error)) (*R, error) {
	hash := kg.InputHash(op, input)
	if k, ok := w.keys[req.IdempotencyKey]; ok && req.IdempotencyKey != "" {
		if k.op != op || k.hash != hash {
			return nil, kg.UserErrors{{Code: kg.ECONFLICT, Field: []string{"input", "idempotencyKey"}, Message: "reused"}}
		}
		res := new(R)
		if err := json.Unmarshal(k.result, res); err != nil {
			panic(err)
		}
		return res, nil
	}
	saved := struct {
		e map[string]*kg.Entity
		r map[string]*kg.Relation
		x map[string]refRetracted
		d map[string]string
	}{maps.Clone(w.entities), maps.Clone(w.relations), maps.Clone(w.retracted), maps.Clone(w.redirects)}
	tx := &refTx{w: w, before: map[string]kg.Image{}, by: kg.PrincipalFrom(ctx), seq: int64(len(w.log)) + 1}
	res, err := fn(tx)
	if err != nil || tx.dry {
		w.entities, w.relations, w.retracted, w.redirects = saved.e, saved.r, saved.x, saved.d
		return res, err
	}
	if len(tx.before) == 0 {
		return res, nil
	}
	ch := &kg.Change{Seq: tx.seq, ID: kg.ChangeID(tx.seq), Op: op, Principal: tx.by, Reason: req.Reason,
		IdempotencyKey: req.IdempotencyKey, InputHash: hash, Reverts: tx.reverts}
	ch.Touched = slices.Sorted(maps.Keys(tx.before))
	for _, id := range ch.Touched {
		ch.Before = append(ch.Before, tx.before[id])
		after := tx.image(id, tx.before[id].Rev+1)
		ch.After = append(ch.After, after)
		w.revs[id] = after.Rev
	}
	w.log = append(w.log, ch)
	*change(res) = ch
	if req.IdempotencyKey != "" {
		b, err := json.Marshal(res)
		if err != nil {
			panic(err)
		}
		w.keys[req.IdempotencyKey] = refKey{op, hash, b}
	}
	return res, nil
}

// resolve finds what a reference names, by scanning: an id of an id's
// form, else every entity with a name or alias of the reference's
// NameKey, by id, at most MaxNameCandidates+1.
func (w *RefWriter) resolve(refs []kg.ExternalRef) map[string][]kg.NameMatch {
	found := map[string][]kg.NameMatch{}
	for _, ref := range refs {
		if ref.ID {
			if e, ok := w.entities[ref.Ref]; ok {
				found[ref.Ref] = []kg.NameMatch{{ID: e.ID, Kind: e.Kind, Name: e.Name}}
			}
			continue
		}
		key := kg.NameKey(ref.Ref)
		var ms []kg.NameMatch
		for _, id := range slices.Sorted(maps.Keys(w.entities)) {
			e := w.entities[id]
			if key != "" && slices.ContainsFunc(append([]string{e.Name}, e.Aliases...), func(n string) bool { return kg.NameKey(n) == key }) {
				ms = append(ms, kg.NameMatch{ID: e.ID, Kind: e.Kind, Name: e.Name})
			}
		}
		found[ref.Ref] = ms[:min(len(ms), kg.MaxNameCandidates+1)]
	}
	return found
}

// state writes a stated relation as Writer documents it: the live
// relation of equal RelationKey with the least id gains the statements
// it lacks (same document and offsets), else a new relation; each new
// statement goes to the MENTIONS of its document.
func (tx *refTx) state(r *kg.Relation, field []string) (string, *kg.UserError) {
	w := tx.w
	if r.From == r.To {
		return "", &kg.UserError{Code: kg.EINVALID, Field: append(slices.Clone(field), "to")}
	}
	var have *kg.Relation
	for _, id := range slices.Sorted(maps.Keys(w.relations)) {
		if kg.RelationKey(w.relations[id]) == kg.RelationKey(r) {
			have = deepCopy(w.relations[id])
			break
		}
	}
	if have == nil {
		have = deepCopy(r)
		have.Evidence = nil
		have.ID = kg.NewRelationID(r, func(id string) bool {
			_, live := w.relations[id]
			_, gone := w.retracted[id]
			return live || gone
		})
	}
	added := false
	for _, ev := range r.Evidence {
		dup := false
		for _, h := range have.Evidence {
			dup = dup || h.DocumentID == ev.DocumentID && h.Start == ev.Start && h.End == ev.End
		}
		if dup {
			continue
		}
		if len(have.Evidence) >= kg.MaxEvidence {
			return "", &kg.UserError{Code: kg.EINVALID, Field: append(slices.Clone(field), "evidence")}
		}
		have.Evidence = append(have.Evidence, ev)
		added = true
		tx.mention(have, ev)
	}
	if added {
		tx.touch(have.ID)
		w.relations[have.ID] = have
	}
	return have.ID, nil
}

func (tx *refTx) mention(r *kg.Relation, ev kg.Evidence) {
	w := tx.w
	for _, to := range kg.Mentioned(r, ev) {
		id := kg.MentionID(ev.DocumentID, to)
		m, ok := w.relations[id]
		if !ok {
			m = &kg.Relation{ID: id, Type: kg.Mentions, From: ev.DocumentID, To: to}
		} else {
			m = deepCopy(m)
		}
		quoted := false
		for _, h := range m.Evidence {
			quoted = quoted || h.Excerpt == ev.Excerpt
		}
		if quoted || len(m.Evidence) >= kg.MaxEvidence {
			continue
		}
		m.Evidence = append(m.Evidence, ev)
		tx.touch(id)
		w.relations[id] = m
	}
}

func notFound(field ...string) kg.UserErrors {
	return kg.UserErrors{{Code: kg.ENOTFOUND, Field: field}}
}

func conflict(rev int, field ...string) kg.UserErrors {
	return kg.UserErrors{{Code: kg.ECONFLICT, Field: field, CurrentRev: &rev}}
}

func fieldOf(parts ...any) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = fmt.Sprint(p)
	}
	return out
}
