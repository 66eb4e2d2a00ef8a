package storetest

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/synth"
)

// WriteStore is a store that writes.
type WriteStore interface {
	kg.Store
	kg.Writer
}

// OpenWriterFunc returns a store holding exactly g, closed when t ends.
type OpenWriterFunc func(t *testing.T, g *kg.Graph) WriteStore

// WriteSteps is how many random writes RunWrites makes on each graph.
const WriteSteps = 80

// Principals the random writes are made by, in turn.
var writers = []kg.Principal{
	{ID: "key:editor-1", Name: "editor one", Role: kg.RoleEditor, Method: kg.AuthAPIKey},
	{ID: "jwt:issuer#editor-2", Name: "editor two", Role: kg.RoleEditor, Method: kg.AuthJWT},
}

// RunWrites is the write contract: random sequences of writes (every op
// Writer's stores do so far, right and wrong inputs, retries under
// idempotency keys) applied to the store and to the RefWriter give the
// same results and user errors (codes, fields, current revs); after
// every write the same change log (every change, its images, its
// principal) and the same history of what it touched, and, every few
// writes, the same answers to random reads, held by Compare against a
// Reference over the RefWriter's graph. A refused write must leave the
// store as the RefWriter, which restores its state: unchanged. At the
// end, the after images of the store's log, replayed on the graph it
// was opened with, must give the writes' graph, and reverting every
// change from the last must give back that first graph.
func RunWrites(t *testing.T, open OpenWriterFunc) {
	t.Run("Seed", func(t *testing.T) { runWrites(t, open, SeedGraph(t), 101) })
	t.Run("Synth", func(t *testing.T) { runWrites(t, open, synth.Generate(synth.Options{Entities: 120, Seed: 11}), 102) })
}

func runWrites(t *testing.T, open OpenWriterFunc, g *kg.Graph, seed uint64) {
	s := open(t, g)
	ref := NewRefWriter(g)
	gen := newWriteGen(ref, seed)
	tally := map[string]int{}
	for i := range WriteSteps {
		op := gen.next()
		ctx := kg.WithPrincipal(context.Background(), writers[i%len(writers)])
		got, gerr := op.do(ctx, s)
		if notImplemented(op, gerr) {
			tally[op.name+" skipped"]++
			continue // a store that merges nothing yet (neo4jstore): the reference does not merge either
		}
		want, werr := op.do(ctx, ref)
		where := fmt.Sprintf("write %d %s %+v", i, op.name, op.input)
		if msg := differentOutcome(got, gerr, want, werr); msg != "" {
			t.Fatalf("%s: %s", where, msg)
		}
		code := kg.ErrorCode(werr)
		if es, ok := kg.AsUserErrors(werr); ok {
			code = es[0].Code
		}
		name, _, _ := strings.Cut(op.name, "#")
		tally[name+" "+code]++
		checkLog(t, where, s, ref)
		checkTouched(t, where, s, ref)
		if i%10 == 9 || i == WriteSteps-1 {
			after := ref.Graph()
			Compare(t, s, ref.reference(), Calls(after, seed+uint64(i), 2), false)
			if t.Failed() {
				t.Fatalf("after %s: reads differ", where)
			}
		}
	}
	t.Logf("writes by op and outcome: %v", tally)
	checkReplay(t, s, ref, g)
	revertAll(t, s, ref, g)
	for _, op := range []string{"ingestDocument ", "createEntity ", "updateEntity ", "assertRelation ", "retractRelation ", "revertChange "} {
		if tally[op] == 0 {
			t.Errorf("no %s succeeded in %d random writes: %v", op, WriteSteps, tally)
		}
	}
}

// notImplemented reports whether the store answered a merge with
// UNAVAILABLE "not implemented": a store that has no MergeEntities yet,
// whose random merges RunWrites skips (and counts as skipped).
func notImplemented(op writeOp, err error) bool {
	return op.name == "mergeEntities" && kg.ErrorCode(err) == kg.EUNAVAILABLE && strings.Contains(kg.ErrorMessage(err), "not implemented")
}

// checkReplay applies the after images of the store's whole log, in
// order, to the graph it was opened with: that must give the graph the
// writes made (the images are whole: the log alone rebuilds the graph).
func checkReplay(t *testing.T, s WriteStore, ref *RefWriter, g *kg.Graph) {
	t.Helper()
	entities, relations := map[string]*kg.Entity{}, map[string]*kg.Relation{}
	for _, e := range g.Entities {
		entities[e.ID] = e
	}
	for _, r := range g.Relations {
		relations[r.ID] = r
	}
	ctx := context.Background()
	for after := ""; ; {
		p, err := s.Changes(ctx, after, kg.MaxFirst, kg.ChangeFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, ch := range p.Changes {
			for _, im := range ch.After {
				delete(entities, im.ID)
				delete(relations, im.ID)
				switch {
				case im.Entity != nil:
					entities[im.ID] = im.Entity
				case im.Relation != nil && im.Retraction == nil:
					relations[im.ID] = im.Relation
				}
			}
		}
		if !p.HasNextPage {
			break
		}
		after = kg.ChangeCursor(p.Changes[len(p.Changes)-1].Seq)
	}
	replayed := &kg.Graph{Entities: slices.Collect(maps.Values(entities)), Relations: slices.Collect(maps.Values(relations))}
	want := ref.Graph()
	if gv, wv := View(NewReference(replayed).entities), View(want.Entities); gv != wv {
		t.Fatalf("replaying the log gives other entities: %s", firstDifference(gv, wv))
	}
	if gv, wv := View(NewReference(replayed).relations), View(want.Relations); gv != wv {
		t.Fatalf("replaying the log gives other relations: %s", firstDifference(gv, wv))
	}
}

// revertAll reverts every change, from the last to the first, on the
// store and on the reference: each revert must be done, alike, and the
// store must then read as the graph it was opened with.
func revertAll(t *testing.T, s WriteStore, ref *RefWriter, g *kg.Graph) {
	t.Helper()
	ctx := kg.WithPrincipal(context.Background(), writers[0])
	for seq := int64(len(ref.log)); seq > 0; seq-- {
		in := kg.RevertChangeInput{Request: kg.Request{Reason: "undo all"}, ID: kg.ChangeID(seq)}
		got, gerr := s.RevertChange(ctx, in)
		want, werr := ref.RevertChange(ctx, in)
		if werr != nil {
			t.Fatalf("reverting %s on the reference: %v", in.ID, werr)
		}
		if msg := differentOutcome(got, gerr, want, werr); msg != "" {
			t.Fatalf("reverting %s: %s", in.ID, msg)
		}
	}
	if View(ref.Graph().Entities) != View(NewReference(g).entities) || View(ref.Graph().Relations) != View(NewReference(g).relations) {
		t.Fatal("reverting every change did not restore the reference's graph")
	}
	Compare(t, s, NewReference(g), Calls(g, 7, 3), false)
	checkLog(t, "after reverting every change", s, ref)
}

// differentOutcome says how a store's outcome of a write differs from
// the reference's, or "": the same user errors (code, field, current
// rev, candidates; not the message) or error code, else the same result
// with its change (but the time).
func differentOutcome(got any, gerr error, want any, werr error) string {
	ge, gok := kg.AsUserErrors(gerr)
	we, wok := kg.AsUserErrors(werr)
	switch {
	case gok || wok:
		if v, w := userErrorsView(ge), userErrorsView(we); v != w {
			return fmt.Sprintf("user errors\n%s\nwant\n%s\n(error %v)", v, w, gerr)
		}
		return ""
	case kg.ErrorCode(gerr) != kg.ErrorCode(werr):
		return fmt.Sprintf("error %v, want %v", gerr, werr)
	case gerr != nil:
		return ""
	}
	if gv, wv := View(timeless(got)), View(timeless(want)); gv != wv {
		return "results differ at " + firstDifference(gv, wv)
	}
	return ""
}

func userErrorsView(es kg.UserErrors) string {
	var lines []string
	for _, e := range es {
		rev := "-"
		if e.CurrentRev != nil {
			rev = fmt.Sprint(*e.CurrentRev)
		}
		lines = append(lines, fmt.Sprintf("%s at %s rev %s candidates %v", e.Code, strings.Join(e.Field, "."), rev, e.Candidates))
	}
	return strings.Join(lines, "\n")
}

// timeless is a result (a pointer to a struct with a Change field) with
// its change's time zeroed: the one thing two stores write differently.
func timeless(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return v
	}
	cp := reflect.New(rv.Elem().Type())
	cp.Elem().Set(rv.Elem())
	if f := cp.Elem().FieldByName("Change"); f.IsValid() && !f.IsNil() {
		f.Set(reflect.ValueOf(withoutTime(f.Interface().(*kg.Change))))
	}
	return cp.Interface()
}

func withoutTime(ch *kg.Change) *kg.Change {
	c := *ch
	c.At = time.Time{}
	return &c
}

// checkLog holds the store's whole change log, walked page by page, and
// the history of every id the last change touched, to the reference's;
// and the changes' times to their order.
func checkLog(t *testing.T, where string, s kg.Writer, ref *RefWriter) {
	t.Helper()
	ctx := context.Background()
	walk := func(w writes, page func(after string) (*kg.ChangePage, error)) ([]*kg.Change, error) {
		var all []*kg.Change
		after := ""
		for {
			p, err := page(after)
			if err != nil {
				return nil, err
			}
			for _, ch := range p.Changes {
				all = append(all, withoutTime(ch))
			}
			if !p.HasNextPage {
				return all, nil
			}
			after = kg.ChangeCursor(p.Changes[len(p.Changes)-1].Seq)
		}
	}
	log := func(w writes) ([]*kg.Change, error) {
		return walk(w, func(after string) (*kg.ChangePage, error) { return w.Changes(ctx, after, 7, kg.ChangeFilter{}) })
	}
	got, err := log(s)
	if err != nil {
		t.Fatalf("%s: changes: %v", where, err)
	}
	want, _ := log(ref)
	if gv, wv := View(got), View(want); gv != wv {
		t.Fatalf("%s: the change logs differ at %s", where, firstDifference(gv, wv))
	}
	if len(ref.log) == 0 {
		return
	}
	last := ref.log[len(ref.log)-1]
	for _, id := range last.Touched {
		h := func(w writes) ([]*kg.Change, error) {
			return walk(w, func(after string) (*kg.ChangePage, error) { return w.History(ctx, id, 3, after) })
		}
		got, err := h(s)
		if err != nil {
			t.Fatalf("%s: history(%s): %v", where, id, err)
		}
		want, _ := h(ref)
		if gv, wv := View(got), View(want); gv != wv {
			t.Fatalf("%s: history(%s) differs at %s", where, id, firstDifference(gv, wv))
		}
	}
	for _, p := range []kg.ChangeFilter{{Ops: []kg.Op{last.Op}}, {Principal: last.Principal.ID}} {
		g, err := s.Changes(ctx, "", kg.MaxFirst, p)
		if err != nil {
			t.Fatalf("%s: changes(%+v): %v", where, p, err)
		}
		w, _ := ref.Changes(ctx, "", kg.MaxFirst, p)
		gs, ws := slices.Collect(seqs(g)), slices.Collect(seqs(w))
		if !slices.Equal(gs, ws) {
			t.Fatalf("%s: changes(%+v) gives %v, want %v", where, p, gs, ws)
		}
	}
}

func seqs(p *kg.ChangePage) func(func(int64) bool) {
	return func(yield func(int64) bool) {
		for _, ch := range p.Changes {
			if !yield(ch.Seq) {
				return
			}
		}
	}
}

// wholeRelation and wholeEntity read every field of what a write touched.
var (
	wholeRelation = &kg.RelationSel{Fields: kg.RAllFields, Evidence: &kg.EvidenceSel{Document: &kg.EntitySel{Fields: kg.EName}, SaidBy: &kg.EntitySel{Fields: kg.EName}},
		From: &kg.EntitySel{Fields: kg.EName}, To: &kg.EntitySel{Fields: kg.EName}, Counterpart: &kg.EntitySel{Fields: kg.EName}}
	wholeEntity = &kg.EntitySel{Fields: kg.EAllFields, Evidence: &kg.EvidenceSel{}}
)

// checkTouched reads every id the last change touched, whole, from the
// store and from a Reference over the RefWriter's graph: a retracted
// relation must read as nothing.
func checkTouched(t *testing.T, where string, s kg.Store, ref *RefWriter) {
	t.Helper()
	if len(ref.log) == 0 {
		return
	}
	ids := ref.log[len(ref.log)-1].Touched
	ctx := context.Background()
	for chunk := range slices.Chunk(ids, kg.MaxIDs) {
		got, err := s.Nodes(ctx, chunk, wholeEntity, wholeRelation)
		if err != nil {
			t.Fatalf("%s: nodes: %v", where, err)
		}
		want, _ := ref.reference().Nodes(ctx, chunk, wholeEntity, wholeRelation)
		if gv, wv := View(got), View(want); gv != wv {
			t.Fatalf("%s: what it touched reads differently at %s", where, firstDifference(gv, wv))
		}
	}
}
