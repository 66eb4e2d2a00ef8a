package storetest

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Random writes for the write contract: every op with inputs right and
// wrong (unknown and ambiguous names, taken ids, spans that are not whole
// sentences, stale revs, retracted and derived relations, reused
// idempotency keys), made from the reference's state so that most of
// them do something.

// writes is what the contract calls on a store and on the RefWriter.
type writes interface {
	CreateEntity(context.Context, kg.CreateEntityInput) (*kg.EntityResult, error)
	UpdateEntity(context.Context, kg.UpdateEntityInput) (*kg.EntityResult, error)
	IngestDocument(context.Context, kg.IngestDocumentInput) (*kg.IngestResult, error)
	AssertRelation(context.Context, kg.AssertRelationInput) (*kg.RelationResult, error)
	RetractRelation(context.Context, kg.RetractRelationInput) (*kg.RelationResult, error)
	RevertChange(context.Context, kg.RevertChangeInput) (*kg.RevertResult, error)
	DeleteDocument(context.Context, kg.DeleteDocumentInput) (*kg.DeleteDocumentResult, error)
	MergeEntities(context.Context, kg.MergeEntitiesInput) (*kg.MergeResult, error)
	History(ctx context.Context, id string, first int, after string) (*kg.ChangePage, error)
	Changes(ctx context.Context, after string, first int, f kg.ChangeFilter) (*kg.ChangePage, error)
}

var _ writes = (*RefWriter)(nil)

// writeOp is one write: its input, shown on a difference, and how to
// make it on either side.
type writeOp struct {
	name  string
	input any
	do    func(ctx context.Context, w writes) (any, error)
}

type writeGen struct {
	r     *rand.Rand
	w     *RefWriter
	n     int
	texts []string  // texts ingested, to ingest again
	keyed []writeOp // ops sent with an idempotency key
}

func newWriteGen(w *RefWriter, seed uint64) *writeGen {
	return &writeGen{r: rand.New(rand.NewPCG(seed, 17)), w: w}
}

func (g *writeGen) pct(p int) bool { return g.r.IntN(100) < p }

var (
	genWords = []string{"Alpha", "Beta", "Gamma", "Kappa", "Sigma", "Omega"}
	genNouns = []string{"Forum", "Council", "Group", "Institute"}
	genKinds = []kg.Kind{kg.KindPerson, kg.KindOrganization, kg.KindCity, kg.KindEvent, kg.KindInitiative}
	genTypes = slices.DeleteFunc(slices.Clone(kg.RelationTypes), func(t kg.RelationType) bool { return t == kg.Mentions })
)

func (g *writeGen) name() string {
	return genWords[g.r.IntN(len(genWords))] + " " + genNouns[g.r.IntN(len(genNouns))]
}

func (g *writeGen) entityIDs(docs bool) []string {
	var ids []string
	for _, id := range slices.Sorted(maps.Keys(g.w.entities)) {
		if (g.w.entities[id].Kind == kg.KindDocument) == docs {
			ids = append(ids, id)
		}
	}
	return ids
}

func pickOf[T any](g *writeGen, list []T) T { return list[g.r.IntN(len(list))] }

// ref names an existing entity: by id mostly, else by its name or an
// alias (which may name several), or an unknown name.
func (g *writeGen) ref() string {
	id := pickOf(g, g.entityIDs(false))
	switch e := g.w.entities[id]; {
	case g.pct(5):
		return "Nobody Anywhere"
	case g.pct(25) && len(e.Aliases) > 0:
		return pickOf(g, e.Aliases)
	case g.pct(30):
		return e.Name
	}
	return id
}

// key gives the op an idempotency key now and then.
func (g *writeGen) key() string {
	if g.pct(30) {
		return fmt.Sprintf("key-%d", g.n)
	}
	return ""
}

func (g *writeGen) rev(id string) *int {
	cur := 1
	if r, ok := g.w.revs[id]; ok {
		cur = r
	}
	switch {
	case g.pct(50):
		return nil
	case g.pct(70):
		return &cur
	}
	stale := max(1, cur-1)
	if stale == cur {
		stale++
	}
	return &stale
}

// next returns the next random write.
func (g *writeGen) next() writeOp {
	g.n++
	var op writeOp
	switch k := g.r.IntN(100); {
	case k < 5 && len(g.keyed) > 0:
		return pickOf(g, g.keyed) // a retry
	case k < 30:
		op = g.ingest()
	case k < 45:
		op = g.create()
	case k < 65:
		op = g.update()
	case k < 80 && len(g.documents()) > 0:
		op = g.assert()
	case k < 80:
		op = g.ingest()
	case k < 86 || len(g.w.log) == 0:
		op = g.retract()
	case k < 92:
		op = g.revert()
	case k < 97:
		op = g.merge()
	default:
		op = g.deleteDocument()
	}
	if k := g.reusedKey(); k != "" {
		op = g.withKey(op, k) // another input under a key seen before
	}
	return op
}

func (g *writeGen) reusedKey() string {
	if len(g.keyed) == 0 || !g.pct(5) {
		return ""
	}
	return fmt.Sprintf("key-%d", g.keyedN(pickOf(g, g.keyed)))
}

func (g *writeGen) keyedN(op writeOp) int {
	var n int
	fmt.Sscanf(op.name[strings.LastIndex(op.name, "#")+1:], "%d", &n)
	return n
}

// withKey is op's input under key (only the ops made here carry one).
func (g *writeGen) withKey(op writeOp, key string) writeOp {
	switch in := op.input.(type) {
	case kg.CreateEntityInput:
		in.IdempotencyKey = key
		return g.createOp(in)
	case kg.UpdateEntityInput:
		in.IdempotencyKey = key
		return g.updateOp(in)
	}
	return op
}

func (g *writeGen) keep(op writeOp, key string) writeOp {
	if key != "" {
		op.name = fmt.Sprintf("%s#%s", op.name, strings.TrimPrefix(key, "key-"))
		g.keyed = append(g.keyed, op)
	}
	return op
}

func (g *writeGen) createOp(in kg.CreateEntityInput) writeOp {
	return g.keep(writeOp{name: "createEntity", input: in, do: func(ctx context.Context, w writes) (any, error) { return w.CreateEntity(ctx, in) }}, in.IdempotencyKey)
}

func (g *writeGen) updateOp(in kg.UpdateEntityInput) writeOp {
	return g.keep(writeOp{name: "updateEntity", input: in, do: func(ctx context.Context, w writes) (any, error) { return w.UpdateEntity(ctx, in) }}, in.IdempotencyKey)
}

func (g *writeGen) create() writeOp {
	in := kg.CreateEntityInput{Request: kg.Request{IdempotencyKey: g.key()},
		Entity: kg.EntityInput{Kind: pickOf(g, genKinds), Name: g.name()}}
	if g.pct(30) {
		in.Entity.Aliases = []string{strings.ToUpper(in.Entity.Name[:3])}
	}
	if g.pct(10) {
		in.Entity.Kind = kg.KindDocument // refused
	}
	return g.createOp(in)
}

func (g *writeGen) update() writeOp {
	id := pickOf(g, g.entityIDs(false))
	if g.pct(5) {
		id = "person/nobody"
	}
	in := kg.UpdateEntityInput{Request: kg.Request{IdempotencyKey: g.key(), Reason: "corrected"}, ID: id, ExpectedRev: g.rev(id)}
	if g.pct(40) {
		d := fmt.Sprintf("described at step %d", g.n)
		in.Description = &d
	}
	if g.pct(40) {
		in.AddAliases = []string{pickOf(g, genWords)}
	}
	if e := g.w.entities[id]; e != nil && len(e.Aliases) > 0 && g.pct(30) {
		in.RemoveAliases = []string{pickOf(g, e.Aliases)}
	} else if g.pct(5) {
		in.RemoveAliases = []string{"No Such Alias"}
	}
	if g.pct(20) {
		t := "Dr"
		in.Attributes.Title = &t // only people carry it
	}
	if g.pct(10) {
		n := g.name()
		in.Name = &n
	}
	if in.Description == nil && in.Name == nil && in.Attributes.Title == nil && len(in.AddAliases)+len(in.RemoveAliases) == 0 && g.pct(80) {
		d := "touched"
		in.Description = &d
	}
	return g.updateOp(in)
}

// text makes a new document text of a few sentences.
func (g *writeGen) text() string {
	var ss []string
	for i := range 2 + g.r.IntN(3) {
		ss = append(ss, fmt.Sprintf("%s met %s at step %d, part %d.", g.name(), g.name(), g.n, i))
	}
	return strings.Join(ss, " ")
}

// evidence quotes a sentence of text, by offsets or excerpt, now and
// then wrongly.
func (g *writeGen) evidence(text string) kg.EvidenceInput {
	s := pickOf(g, kg.Sentences(text))
	switch {
	case g.pct(8):
		return kg.EvidenceInput{Start: ptrTo(s.Start + 1), End: ptrTo(s.End)}
	case g.pct(20):
		return kg.EvidenceInput{Excerpt: s.Text}
	}
	return kg.EvidenceInput{Start: ptrTo(s.Start), End: ptrTo(s.End)}
}

func ptrTo[T any](v T) *T { return &v }

func (g *writeGen) relation(local []string) kg.RelationInput {
	end := func() string {
		if len(local) > 0 && g.pct(40) {
			return pickOf(g, local)
		}
		return g.ref()
	}
	r := kg.RelationInput{Type: pickOf(g, genTypes), From: end(), To: end()}
	if g.pct(25) {
		r.Role = pickOf(g, []string{"chair", "member"})
	}
	return r
}

func (g *writeGen) ingest() writeOp {
	text := g.text()
	if len(g.texts) > 0 && g.pct(10) {
		text = pickOf(g, g.texts) // the same text again
	}
	g.texts = append(g.texts, text)
	in := kg.IngestDocumentInput{Request: kg.Request{IdempotencyKey: g.key()},
		Document: kg.DocumentInput{Title: "Report " + strings.ToLower(g.name()), Published: ptrTo(kg.MustDate("2026-03-01")), Text: text}}
	var local []string
	for i := range g.r.IntN(3) {
		ref := fmt.Sprintf("e%d", i)
		in.Entities = append(in.Entities, kg.EntityInput{Ref: ref, Kind: pickOf(g, genKinds), Name: g.name()})
		local = append(local, ref)
	}
	for range 1 + g.r.IntN(3) {
		r := g.relation(local)
		for range 1 + g.r.IntN(2) {
			r.Evidence = append(r.Evidence, g.evidence(text))
		}
		in.Relations = append(in.Relations, r)
	}
	return g.keep(writeOp{name: "ingestDocument", input: in, do: func(ctx context.Context, w writes) (any, error) { return w.IngestDocument(ctx, in) }}, in.IdempotencyKey)
}

// documents lists the documents with a text, which evidence may quote.
func (g *writeGen) documents() []string {
	return slices.DeleteFunc(g.entityIDs(true), func(id string) bool { return g.w.entities[id].Text == "" })
}

func (g *writeGen) assert() writeOp {
	docs := g.documents()
	in := kg.AssertRelationInput{Request: kg.Request{IdempotencyKey: g.key()}, Relation: g.relation(nil)}
	for range 1 + g.r.IntN(2) {
		doc := g.w.entities[pickOf(g, docs)]
		ev := g.evidence(doc.Text)
		ev.Document = doc.ID
		in.Relation.Evidence = append(in.Relation.Evidence, ev)
	}
	return g.keep(writeOp{name: "assertRelation", input: in, do: func(ctx context.Context, w writes) (any, error) { return w.AssertRelation(ctx, in) }}, in.IdempotencyKey)
}

func (g *writeGen) retract() writeOp {
	var id string
	switch {
	case g.pct(10) && len(g.w.retracted) > 0:
		id = pickOf(g, slices.Sorted(maps.Keys(g.w.retracted)))
	case g.pct(5):
		id = "person/nobody>MET_WITH>person/none"
	default:
		id = pickOf(g, slices.Sorted(maps.Keys(g.w.relations))) // MENTIONS among them: refused
	}
	in := kg.RetractRelationInput{Request: kg.Request{IdempotencyKey: g.key(), Reason: "wrong"}, ID: id, ExpectedRev: g.rev(id)}
	return g.keep(writeOp{name: "retractRelation", input: in, do: func(ctx context.Context, w writes) (any, error) { return w.RetractRelation(ctx, in) }}, in.IdempotencyKey)
}

// revert reverts the last change mostly (which nothing touched since),
// else any change, or one that does not exist.
func (g *writeGen) revert() writeOp {
	seq := int64(len(g.w.log))
	switch {
	case g.pct(5):
		seq = 999
	case g.pct(40):
		seq = 1 + g.r.Int64N(seq)
	}
	in := kg.RevertChangeInput{Request: kg.Request{IdempotencyKey: g.key(), Reason: "undo"}, ID: kg.ChangeID(seq)}
	return g.keep(writeOp{name: "revertChange", input: in, do: func(ctx context.Context, w writes) (any, error) { return w.RevertChange(ctx, in) }}, in.IdempotencyKey)
}

// deleteDocument deletes a document (ingested or of the graph), now and
// then one that does not exist or at a stale rev.
func (g *writeGen) deleteDocument() writeOp {
	id := "doc/nothing"
	if docs := g.entityIDs(true); len(docs) > 0 && !g.pct(5) {
		id = pickOf(g, docs)
	}
	in := kg.DeleteDocumentInput{Request: kg.Request{IdempotencyKey: g.key(), Reason: "withdrawn"}, ID: id, ExpectedRev: g.rev(id)}
	return g.keep(writeOp{name: "deleteDocument", input: in, do: func(ctx context.Context, w writes) (any, error) { return w.DeleteDocument(ctx, in) }}, in.IdempotencyKey)
}

// merge merges an entity into another of its kind mostly (by id, name or
// alias), now and then into itself, across kinds, an unknown one, at a
// stale rev, or as a dry run.
func (g *writeGen) merge() writeOp {
	keep := pickOf(g, g.entityIDs(false))
	var same []string
	for _, id := range g.entityIDs(false) {
		if id != keep && g.w.entities[id].Kind == g.w.entities[keep].Kind {
			same = append(same, id)
		}
	}
	drop := "org/nobody"
	switch {
	case g.pct(5):
		drop = keep
	case g.pct(10):
		drop = pickOf(g, g.entityIDs(false))
	case len(same) > 0 && !g.pct(5):
		drop = pickOf(g, same)
	}
	in := kg.MergeEntitiesInput{Request: kg.Request{IdempotencyKey: g.key(), Reason: "duplicate"},
		Keep: keep, Drop: drop, KeepRev: g.rev(keep), DropRev: g.rev(drop), DryRun: g.pct(20)}
	if e := g.w.entities[drop]; e != nil && g.pct(20) {
		in.Drop = e.Name // a name, which may name several
	}
	return g.keep(writeOp{name: "mergeEntities", input: in, do: func(ctx context.Context, w writes) (any, error) { return w.MergeEntities(ctx, in) }}, in.IdempotencyKey)
}
