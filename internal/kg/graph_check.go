package kg

import (
	"fmt"
	"hash/maphash"
	"regexp"
	"strconv"
	"strings"
)

// The rules of a graph, written once: the seed reader, the NDJSON reader
// and both stores' loaders check what they are given with GraphChecker
// (CheckGraph for a whole graph), and the mutations' checks share its
// rule functions. Parsing (a date's text, a YAML line) stays with each
// reader; what a well-typed graph must hold is here.

// GraphProblem is one rule that one item of a graph breaks.
type GraphProblem struct {
	Relation bool   // the item is a relation; else an entity
	Index    int    // the item's index among the entities (or relations) fed, from 0
	ID       string // the item's id
	// Field is where in the item the problem stands, as the seed files
	// and the stream name fields: "kind", "from", "evidence.0",
	// "evidence.0.saidBy", "aliases.2"; "" for the item as a whole.
	Field string
	// Ref is the id a dangling reference names (a reader that knows why
	// an id is missing may leave the problem out).
	Ref     string
	Message string
}

func (p GraphProblem) String() string {
	what := "entity"
	if p.Relation {
		what = "relation"
	}
	return fmt.Sprintf("%s %s: %s", what, quoteID(p.ID), p.Message)
}

// GraphChecker checks a graph fed item by item: entities, then the
// relations that name them (a stream in order, or a graph in batches).
// A relation's ends must be entities fed (or Known) before it; the
// documents and speakers of an entity's evidence may come later among
// the entities and are checked at the first relation, or at End. It
// keeps each entity's id and kind, the sentences of each document that
// has a text, and a 64-bit hash of each relation id: not the graph.
type GraphChecker struct {
	kinds       map[string]Kind
	sentences   map[string][]Sentence // of each document with a text
	rels        map[uint64]struct{}
	seed        maphash.Seed
	entities    int
	relations   int
	pending     []pendingEvidence
	sawRelation bool
}

// pendingEvidence is evidence of an entity checked once all entities are in.
type pendingEvidence struct {
	index int
	id    string
	n     int
	ev    Evidence
}

// NewGraphChecker returns a checker of an empty graph.
func NewGraphChecker() *GraphChecker {
	return &GraphChecker{kinds: map[string]Kind{}, sentences: map[string][]Sentence{},
		rels: map[uint64]struct{}{}, seed: maphash.MakeSeed()}
}

// Known makes an entity already stored count as fed: a load into a store
// may name what the store holds.
func (c *GraphChecker) Known(id string, kind Kind, text string) {
	c.kinds[id] = kind
	if kind == KindDocument && text != "" {
		c.sentences[id] = Sentences(text)
	}
}

// Counts returns how many distinct entities and relations were accepted.
func (c *GraphChecker) Counts() (entities, relations int) { return len(c.kinds), len(c.rels) }

// itemChecker collects the problems of one item.
type itemChecker struct {
	ps  []GraphProblem
	rel bool
	idx int
	id  string
}

func (c *itemChecker) add(field, format string, args ...any) {
	c.ps = append(c.ps, GraphProblem{Relation: c.rel, Index: c.idx, ID: c.id, Field: field, Message: fmt.Sprintf(format, args...)})
}

func (c *itemChecker) dangling(field, ref, format string, args ...any) {
	c.add(field, format, args...)
	c.ps[len(c.ps)-1].Ref = ref
}

func (c *itemChecker) values(ps []ValueProblem) {
	for _, p := range ps {
		c.add(p.Field, "%s", p)
	}
}

// Entity checks the next entity. Its problems are returned; an entity
// with none is accepted, and later items may name it.
func (c *GraphChecker) Entity(e *Entity) []GraphProblem {
	ic := &itemChecker{idx: c.entities, id: e.ID}
	c.entities++
	EntityProblems(ic, e)
	if _, dup := c.kinds[e.ID]; dup && e.ID != "" {
		ic.add("id", "duplicate entity id")
	}
	for i, ev := range e.Evidence {
		if c.sawRelation {
			c.evidence(ic, i, ev)
		} else {
			c.pending = append(c.pending, pendingEvidence{ic.idx, e.ID, i, ev})
		}
	}
	if !hasField(ic.ps, "id", "kind") {
		c.Known(e.ID, e.Kind, e.Text) // names it resolve: its other problems are its own
	}
	return ic.ps
}

// Relation checks the next relation; at the first, it also checks the
// evidence of the entities fed before, whose problems come first.
func (c *GraphChecker) Relation(r *Relation) []GraphProblem {
	var ps []GraphProblem
	if !c.sawRelation {
		ps = c.End()
	}
	ic := &itemChecker{rel: true, idx: c.relations, id: r.ID}
	c.relations++
	RelationProblems(ic, r)
	ends := []struct{ field, id string }{{"from", r.From}, {"to", r.To}, {"counterpart", r.Counterpart}}
	for _, end := range ends {
		if _, ok := c.kinds[end.id]; end.id != "" && !ok {
			ic.dangling(end.field, end.id, "%s %q names no entity (dangling reference)", end.field, end.id)
		}
	}
	from, okFrom := c.kinds[r.From]
	to, okTo := c.kinds[r.To]
	if okFrom && okTo && r.Type.Valid() {
		if msg := EndKindProblem(r.Type, from, to); msg != "" {
			ic.add("type", "%s", msg)
		}
	}
	for i, ev := range r.Evidence {
		c.evidence(ic, i, ev)
	}
	if r.ID != "" {
		h := maphash.String(c.seed, r.ID)
		if _, dup := c.rels[h]; dup {
			ic.add("id", "duplicate relation id")
		} else if !hasField(ic.ps, "id") {
			c.rels[h] = struct{}{}
		}
	}
	return append(ps, ic.ps...)
}

// End checks what is left once every item is fed: the evidence of the
// entities, when no relation came.
func (c *GraphChecker) End() []GraphProblem {
	if c.sawRelation {
		return nil
	}
	c.sawRelation = true
	var ps []GraphProblem
	for _, p := range c.pending {
		ic := &itemChecker{idx: p.index, id: p.id}
		c.evidence(ic, p.n, p.ev)
		ps = append(ps, ic.ps...)
	}
	c.pending = nil
	return ps
}

func hasField(ps []GraphProblem, fields ...string) bool {
	for _, p := range ps {
		for _, f := range fields {
			if p.Field == f {
				return true
			}
		}
	}
	return false
}

// evidence checks that evidence n of an item names a document fed, and a
// speaker, and quotes a whole sentence of the document's text at its
// offsets (kg's segmenter) when the document has a text.
func (c *GraphChecker) evidence(ic *itemChecker, n int, ev Evidence) {
	at := fmt.Sprintf("evidence.%d", n)
	switch kind, ok := c.kinds[ev.DocumentID]; {
	case ev.DocumentID == "":
	case !ok || kind != KindDocument:
		ic.dangling(at, ev.DocumentID, "evidence doc %q names no document (dangling reference)", ev.DocumentID)
	default:
		if sentences, ok := c.sentences[ev.DocumentID]; ok && ev.Excerpt != "" {
			if msg := SentenceAtOffsets(sentences, ev); msg != "" {
				ic.add(at, "%s", msg)
			}
		}
	}
	if _, ok := c.kinds[ev.SaidBy]; ev.SaidBy != "" && !ok {
		ic.dangling(at, ev.SaidBy, "saidBy %q names no entity (dangling reference)", ev.SaidBy)
	}
}

// SentenceAtOffsets says why evidence does not quote the sentence of its
// document (of sentences, its Sentences) that stands at its offsets, or
// "" when it does.
func SentenceAtOffsets(sentences []Sentence, ev Evidence) string {
	for _, s := range sentences {
		if s.Start == ev.Start && s.End == ev.End {
			if s.Text != ev.Excerpt {
				return fmt.Sprintf("the excerpt is not the sentence at its offsets {start: %d, end: %d}, %q", ev.Start, ev.End, clip(s.Text))
			}
			return ""
		}
	}
	for _, s := range sentences {
		if s.Text == ev.Excerpt {
			return fmt.Sprintf("offsets {start: %d, end: %d} are not where the excerpt stands: {start: %d, end: %d}", ev.Start, ev.End, s.Start, s.End)
		}
	}
	return "the excerpt is not a sentence of its document's text"
}

// CheckGraph checks a whole graph: its entities, then its relations.
// stored (nil: none) tells the entities a store already holds, by id,
// that the graph names without holding: a load may name them. It returns
// every problem in order, or nil.
func CheckGraph(g *Graph, stored map[string]*Entity) []GraphProblem {
	c := NewGraphChecker()
	for _, e := range stored {
		c.Known(e.ID, e.Kind, e.Text)
	}
	var ps []GraphProblem
	for _, e := range g.Entities {
		ps = append(ps, c.Entity(e)...)
	}
	for _, r := range g.Relations {
		ps = append(ps, c.Relation(r)...)
	}
	return append(ps, c.End()...)
}

// ExternalRefs lists the ids g's relations and evidence name that none of
// its entities has: what a store must look up before CheckGraph.
func (g *Graph) ExternalRefs() []string {
	have := make(map[string]bool, len(g.Entities))
	for _, e := range g.Entities {
		have[e.ID] = true
	}
	var out []string
	note := func(id string) {
		if id != "" && !have[id] {
			have[id] = true
			out = append(out, id)
		}
	}
	evidence := func(evs []Evidence) {
		for _, ev := range evs {
			note(ev.DocumentID)
			note(ev.SaidBy)
		}
	}
	for _, e := range g.Entities {
		evidence(e.Evidence)
	}
	for _, r := range g.Relations {
		note(r.From)
		note(r.To)
		note(r.Counterpart)
		evidence(r.Evidence)
	}
	return out
}

// GraphError is the error of a load refused by CheckGraph: EINVALID,
// naming the first problems.
func GraphError(ps []GraphProblem) error {
	const shown = 5
	msgs := make([]string, 0, shown)
	for _, p := range ps[:min(len(ps), shown)] {
		msgs = append(msgs, p.String())
	}
	more := ""
	if len(ps) > shown {
		more = fmt.Sprintf("; and %d more", len(ps)-shown)
	}
	return Errorf(EINVALID, "%d problem(s) in the graph, nothing was written: %s%s", len(ps), strings.Join(msgs, "; "), more)
}

// The rules of one item, which need nothing else of the graph.

// entityIDPattern is the form of an entity id: <prefix>/<slug>.
var entityIDPattern = regexp.MustCompile(`^[a-z]+/[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidEntityID reports whether id has the form of an entity id:
// <prefix>/<slug>, lower-case letters, digits and single dashes.
func ValidEntityID(id string) bool { return entityIDPattern.MatchString(id) }

// KindProblem says why k is no kind of the model, or "".
func KindProblem(k Kind) string {
	if k.Valid() {
		return ""
	}
	return fmt.Sprintf("unknown kind %q: want one of %s", k, kindList(Kinds))
}

// EntityIDProblem says why id cannot be the id of an entity of kind k, or "".
func EntityIDProblem(id string, k Kind) string {
	switch {
	case id == "":
		return "missing id"
	case !ValidEntityID(id):
		return "malformed id: want <prefix>/<slug> in lower case, digits and dashes"
	case k.Valid() && !strings.HasPrefix(id, k.IDPrefix()+"/"):
		return fmt.Sprintf("a %s id starts with %q", k, k.IDPrefix()+"/")
	}
	return ""
}

// NameProblem says why an entity of kind k cannot have the name, or "".
// A document's name is its title.
func NameProblem(k Kind, name string) string {
	switch {
	case FoldSpace(name) != "":
		return ""
	case k == KindDocument:
		return "a document needs a title"
	}
	return "an entity needs a name"
}

// AttributeProblem says why an entity of kind k cannot carry the
// attribute (by its name in AttributeKinds), or "".
func AttributeProblem(k Kind, attr string) string {
	if !k.Valid() || hasKind(AttributeKinds[attr], k) {
		return ""
	}
	return fmt.Sprintf("a %s has no attribute %s (it is an attribute of %s)", k, attr, kindList(AttributeKinds[attr]))
}

// StatusProblem says why st is no status, or "".
func StatusProblem(st Status) string {
	if st.Valid() {
		return ""
	}
	return fmt.Sprintf("unknown status %q: want one of %s, or none for a stated fact", st, StatusNames())
}

// RelationTypeProblem says why t is no relation type, or "".
func RelationTypeProblem(t RelationType) string {
	if t.Valid() {
		return ""
	}
	names := make([]string, len(FactTypes))
	for i, ft := range FactTypes {
		names[i] = string(ft)
	}
	return fmt.Sprintf("unknown relation type %q: want one of %s", t, strings.Join(names, ", "))
}

// StatedTypeProblem says why a relation of type t cannot be stated (in
// a seed file or a mutation), or "": t is unknown, or MENTIONS, which
// the loaders derive from the evidence.
func StatedTypeProblem(t RelationType) string {
	if t == Mentions {
		return "MENTIONS is derived from the evidence; do not write it"
	}
	return RelationTypeProblem(t)
}

// problemAdder takes the problems of one item at its fields.
type problemAdder interface {
	add(field, format string, args ...any)
	values(ps []ValueProblem)
}

// setAttributes lists the kind-specific attributes e carries, by name.
func (e *Entity) setAttributes() []string {
	var names []string
	for _, a := range []struct {
		name string
		set  bool
	}{
		{"title", e.Title != ""}, {"startDate", e.StartDate != nil}, {"endDate", e.EndDate != nil},
		{"status", e.Status != ""}, {"participants", e.Participants != nil}, {"founded", e.Founded != nil},
		{"members", e.Members != nil}, {"independence", e.Independence != nil}, {"edition", e.Edition != nil},
		{"publisher", e.Publisher != ""}, {"publishedAt", e.PublishedAt != nil}, {"updatedAt", e.UpdatedAt != nil},
		{"url", e.URL != ""}, {"text", e.Text != ""},
	} {
		if a.set {
			names = append(names, a.name)
		}
	}
	return names
}

// EntityProblems adds what is wrong with e by itself: kind, id, name,
// attributes its kind may carry, dates in order, evidence for its
// attributes, the values a store can hold, each evidence's own fields.
func EntityProblems(c problemAdder, e *Entity) {
	if msg := KindProblem(e.Kind); msg != "" {
		c.add("kind", "%s", msg)
	}
	if msg := EntityIDProblem(e.ID, e.Kind); msg != "" {
		c.add("id", "%s", msg)
	}
	if msg := NameProblem(e.Kind, e.Name); msg != "" {
		c.add("name", "%s", msg)
	}
	for _, attr := range e.setAttributes() {
		if msg := AttributeProblem(e.Kind, attr); msg != "" {
			c.add(attr, "%s", msg)
		}
	}
	if msg := StatusProblem(e.Status); msg != "" {
		c.add("status", "%s", msg)
	}
	if e.StartDate != nil && e.EndDate != nil && e.EndDate.Last() < e.StartDate.First() {
		c.add("endDate", "endDate %s is before startDate %s", e.EndDate, e.StartDate)
	}
	if e.HasFacts() && len(e.Evidence) == 0 {
		c.add("", "an entity with attributes needs evidence for them")
	}
	ps := EntityValueProblems(e)
	if e.Kind == KindDocument && e.Name == e.Title {
		ps = dropField(ps, "name") // a document's name is its title, reported once
	}
	c.values(ps)
	evidenceProblems(c, e.Evidence)
}

func dropField(ps []ValueProblem, field string) []ValueProblem {
	out := ps[:0:0]
	for _, p := range ps {
		if p.Field != field {
			out = append(out, p)
		}
	}
	return out
}

// RelationProblems adds what is wrong with r by itself: type, id, ends,
// qualifiers, validity, evidence, values.
func RelationProblems(c problemAdder, r *Relation) {
	if msg := RelationTypeProblem(r.Type); msg != "" {
		c.add("type", "%s", msg)
	}
	switch base := RelationID(r.From, r.Type, r.To, ""); {
	case r.ID == "":
		c.add("id", "missing id")
	case r.Type.Valid() && r.ID != base && (!strings.HasPrefix(r.ID, base+"#") || len(r.ID) == len(base)+1):
		c.add("id", "id is not %q, with or without a #key", base)
	}
	for _, end := range []struct{ field, id string }{{"from", r.From}, {"to", r.To}} {
		if end.id == "" {
			c.add(end.field, "missing %s", end.field)
		}
	}
	if r.From != "" && r.From == r.To {
		c.add("to", "a relation joins two different entities")
	}
	if msg := StatusProblem(r.Status); msg != "" {
		c.add("status", "%s", msg)
	}
	if r.ValidFrom != nil && r.ValidTo != nil && r.ValidTo.Last() < r.ValidFrom.First() {
		c.add("validTo", "validTo %s is before validFrom %s", r.ValidTo, r.ValidFrom)
	}
	if r.PointInTime != nil && r.Amount == nil && r.Rank == nil && r.PreviousRank == nil && r.Count == nil {
		c.add("pointInTime", "pointInTime dates a measured value: give amount, rank or count, or say when the fact holds with validFrom/validTo")
	}
	for _, rank := range []struct {
		field string
		n     *int
	}{{"rank", r.Rank}, {"previousRank", r.PreviousRank}} {
		if rank.n != nil && *rank.n < 1 {
			c.add(rank.field, "%s: %s", rank.field, RankProblem(strconv.Itoa(*rank.n)))
		}
	}
	if len(r.Evidence) == 0 {
		c.add("", "a relation needs evidence: doc, excerpt and date of a statement")
	}
	c.values(RelationValueProblems(r))
	evidenceProblems(c, r.Evidence)
}

// RankProblem is the problem of a rank that is no whole number from 1.
func RankProblem(s string) string {
	return fmt.Sprintf("malformed rank %q: want a whole number from 1", s)
}

// evidenceProblems adds what each evidence lacks by itself: its
// document, an excerpt, a date.
func evidenceProblems(c problemAdder, evs []Evidence) {
	for i, ev := range evs {
		at := fmt.Sprintf("evidence.%d", i)
		if ev.DocumentID == "" {
			c.add(at, "evidence needs doc")
		}
		if FoldSpace(ev.Excerpt) == "" {
			c.add(at, "evidence needs an excerpt")
		}
		if ev.Date.Year == 0 {
			c.add(at, "evidence needs a date")
		}
		if ev.Start < 0 || ev.End < ev.Start {
			c.add(at, "offsets %d..%d: want 0 <= start <= end", ev.Start, ev.End)
		}
	}
}

// CheckItems checks a batch of entities or relations by the rules of
// each item alone, for a store's writer of a stream's batches (the stream
// reader has checked the references across items): EINVALID naming the
// first problems, or nil.
func CheckItems(entities []*Entity, relations []*Relation) error {
	var ps []GraphProblem
	for i, e := range entities {
		ic := &itemChecker{idx: i, id: e.ID}
		EntityProblems(ic, e)
		ps = append(ps, ic.ps...)
	}
	for i, r := range relations {
		ic := &itemChecker{rel: true, idx: i, id: r.ID}
		RelationProblems(ic, r)
		ps = append(ps, ic.ps...)
	}
	if len(ps) > 0 {
		return GraphError(ps)
	}
	return nil
}
