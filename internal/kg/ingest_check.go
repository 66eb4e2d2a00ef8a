package kg

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// IngestPlan is an ingestDocument input checked by CheckIngest: what the
// rules that need no store decided. The store's transaction binds the
// external references (BindRefs) and writes.
type IngestPlan struct {
	DocumentKey string     // DocumentKey of the text
	Sentences   []Sentence // the text's sentences, which evidence quotes
	// Refs maps each local ref to the index of its entity in the input.
	Refs map[string]int
	// External lists the references that name no entity of the input, in
	// input order: ids and names the store resolves.
	External []ExternalRef
	// Evidence holds, for each input relation, its evidence as stored:
	// the whole sentence it quotes (Excerpt, Start, End) and its Date;
	// SaidBy is the reference as written, bound by the store.
	Evidence [][]Evidence

	text  string         // the document's text
	index *sentenceIndex // of Sentences, for the evidence checks
}

// ExternalRef is a reference to an entity outside the input.
type ExternalRef struct {
	Ref   string
	Field []string // where it stands in the input
	ID    bool     // of an id's form: the store looks it up as an id, else as a name
}

// CheckIngest checks an ingestDocument input by every rule that needs no
// store: the caps, the document, each entity and relation (kinds, types,
// attributes the kind may carry, values within the stores' limits), the
// local refs, and each evidence (a whole sentence of the text, by
// offsets or by excerpt). It returns the plan, or UserErrors naming
// every problem found by its field path.
func CheckIngest(in *IngestDocumentInput) (*IngestPlan, error) {
	var c inputChecker
	if len(in.Entities) > MaxInputEntities {
		c.add(EINVALID, path("input", "entities"), "%d entities, at most %d in one input", len(in.Entities), MaxInputEntities)
	}
	if len(in.Relations) > MaxInputRelations {
		c.add(EINVALID, path("input", "relations"), "%d relations, at most %d in one input", len(in.Relations), MaxInputRelations)
	}
	if n := ingestBytes(in); n > MaxInputBytes {
		c.add(EINVALID, path("input"), "%d bytes of text, at most %d in one input", n, MaxInputBytes)
	}
	if len(c) > 0 {
		return nil, c.err() // too large to look into
	}

	doc := &in.Document
	if FoldSpace(doc.Title) == "" {
		c.add(EINVALID, path("input", "document", "title"), "a document needs a title")
	}
	if strings.TrimSpace(doc.Text) == "" {
		c.add(EINVALID, path("input", "document", "text"), "a document needs its full text, which evidence quotes")
	}
	docEntity := &Entity{Kind: KindDocument, Name: doc.Title, Publisher: doc.Publisher, URL: doc.URL, Text: doc.Text}
	c.values(path("input", "document"), EntityValueProblems(docEntity), map[string]string{"name": "title"})

	plan := &IngestPlan{DocumentKey: DocumentKey(doc.Text), Refs: map[string]int{}, text: doc.Text}
	if utf8.ValidString(doc.Text) {
		plan.Sentences = Sentences(doc.Text)
	}
	for i := range in.Entities {
		c.entity(plan, &in.Entities[i], i)
	}
	for i := range in.Relations {
		plan.Evidence = append(plan.Evidence, c.relation(plan, in, i))
	}
	if len(c) > 0 {
		return nil, c.err()
	}
	return plan, nil
}

// inputChecker collects the user errors of one input.
type inputChecker UserErrors

func (c *inputChecker) add(code string, field []string, format string, args ...any) {
	*c = append(*c, &UserError{Code: code, Field: field, Message: fmt.Sprintf(format, args...)})
}

func (c inputChecker) err() error { return UserErrors(c).Err() }

// values adds the value problems of an object at a path; rename maps the
// first part of a problem's field ("aliases" of "aliases.2") to the
// input's name for it.
func (c *inputChecker) values(at []string, ps []ValueProblem, rename map[string]string) {
	for _, p := range ps {
		field := strings.Split(p.Field, ".")
		if r, ok := rename[field[0]]; ok {
			field = append(strings.Split(r, "."), field[1:]...)
		}
		c.add(EINVALID, append(slices.Clone(at), field...), "%s", p.Message)
	}
}

func (c *inputChecker) entity(plan *IngestPlan, e *EntityInput, i int) {
	at := path("input", "entities", i)
	field := func(f string) []string { return append(slices.Clone(at), f) }
	switch prev, dup := plan.Refs[e.Ref]; {
	case e.Ref == "":
		c.add(EINVALID, field("ref"), "an entity of an ingestDocument input needs a ref, by which its relations name it")
	case strings.Contains(e.Ref, "/"):
		c.add(EINVALID, field("ref"), "ref %q holds a slash and would read as an id: use a short handle such as %q", e.Ref, Slug(e.Name))
	case dup:
		c.add(EINVALID, field("ref"), "ref %q is entity %d's already", e.Ref, prev)
	default:
		plan.Refs[e.Ref] = i
	}
	c.entityFields(at, e)
}

// entityFields checks what an entity to create holds: its kind, its
// name, the attributes its kind may carry and their values.
func (c *inputChecker) entityFields(at []string, e *EntityInput) {
	field := func(f string) []string { return append(slices.Clone(at), f) }
	switch msg := KindProblem(e.Kind); {
	case msg != "":
		c.add(EINVALID, field("kind"), "%s", msg)
	case e.Kind == KindDocument:
		c.add(EINVALID, field("kind"), "a document is ingested with ingestDocument, not created as an entity")
	}
	if msg := NameProblem(e.Kind, e.Name); msg != "" {
		c.add(EINVALID, field("name"), "%s", msg)
	}
	for _, name := range e.Attributes.set() {
		if msg := AttributeProblem(e.Kind, name); msg != "" {
			c.add(EINVALID, append(field("attributes"), name), "%s", msg)
		}
	}
	if st := e.Attributes.Status; st != nil {
		if msg := StatusProblem(*st); msg != "" {
			c.add(EINVALID, append(field("attributes"), "status"), "%s", msg)
		}
	}
	ent := &Entity{Kind: e.Kind, Name: e.Name, Aliases: e.Aliases, Description: e.Description}
	if e.Attributes.Title != nil {
		ent.Title = *e.Attributes.Title
	}
	c.values(at, EntityValueProblems(ent), map[string]string{"title": "attributes.title"})
}

func (c *inputChecker) relation(plan *IngestPlan, in *IngestDocumentInput, i int) []Evidence {
	r := &in.Relations[i]
	at := path("input", "relations", i)
	field := func(f ...string) []string { return append(slices.Clone(at), f...) }
	if !c.relationFields(plan, r, at) {
		return nil
	}
	var evs []Evidence
	for j, ev := range r.Evidence {
		evAt := field("evidence", fmt.Sprint(j))
		if ev.Document != "" {
			c.add(EINVALID, append(slices.Clone(evAt), "document"), "evidence in ingestDocument quotes the input's own document: leave document out")
		}
		c.ref(plan, ev.SaidBy, append(slices.Clone(evAt), "saidBy"), false)
		s, problem := plan.quoted().evidence(ev)
		if problem != "" {
			c.add(EINVALID, evAt, "%s", problem)
			continue
		}
		stated := Evidence{Excerpt: s.Text, Start: s.Start, End: s.End, SaidBy: ev.SaidBy}
		switch {
		case ev.Date != nil:
			stated.Date = *ev.Date
		case in.Document.Published != nil:
			stated.Date = *in.Document.Published
		}
		evs = append(evs, stated)
	}
	return evs
}

// relationFields checks what a stated relation holds besides its
// evidence's sentences: type, status, references, values, the number of
// evidence. It reports whether the evidence can be looked into.
func (c *inputChecker) relationFields(plan *IngestPlan, r *RelationInput, at []string) bool {
	field := func(f ...string) []string { return append(slices.Clone(at), f...) }
	if msg := StatedTypeProblem(r.Type); msg != "" {
		c.add(EINVALID, field("type"), "%s", msg)
	}
	if msg := StatusProblem(r.Status); msg != "" {
		c.add(EINVALID, field("status"), "%s", msg)
	}
	c.ref(plan, r.From, field("from"), true)
	c.ref(plan, r.To, field("to"), true)
	c.ref(plan, r.Counterpart, field("counterpart"), false)
	c.values(at, RelationValueProblems(&Relation{Role: r.Role, Note: r.Note}), nil)
	switch n := len(r.Evidence); {
	case n == 0:
		c.add(EINVALID, field("evidence"), "a relation needs at least one evidence: the sentence of the document that states it")
	case n > MaxInputEvidence:
		c.add(EINVALID, field("evidence"), "%d evidence, at most %d for one relation", n, MaxInputEvidence)
		return false
	}
	return true
}

// ref checks a reference and notes it as external when no entity of the
// input has it as its ref.
func (c *inputChecker) ref(plan *IngestPlan, ref string, at []string, required bool) {
	switch {
	case FoldSpace(ref) == "":
		if required {
			c.add(EINVALID, at, "name the entity: a ref of this input, an id, or a name")
		}
		return
	}
	if _, local := plan.Refs[ref]; local {
		return
	}
	_, isID := KindOfID(ref)
	switch n := utf8.RuneCountInString(ref); {
	case isID && len(ref) > MaxEntityIDBytes:
		c.add(EINVALID, at, "an id of %d bytes names no entity: ids have at most %d", len(ref), MaxEntityIDBytes)
		return
	case !isID && n > MaxSearchText:
		c.add(EINVALID, at, "a name of %d characters names no entity: names are looked up by at most %d", n, MaxSearchText)
		return
	}
	plan.External = append(plan.External, ExternalRef{Ref: ref, Field: at, ID: isID})
}

// EvidenceSentence returns the sentence of text (of sentences, its
// Sentences) that an evidence input quotes, by offsets or by excerpt, or
// why it quotes none: a span out of range, one that is not one whole
// sentence (the message proposes the sentence bounds), an excerpt that is
// part of a sentence or does not occur in the text.
func EvidenceSentence(text string, sentences []Sentence, ev EvidenceInput) (Sentence, string) {
	return indexSentences(text, sentences).evidence(ev)
}

// sentenceIndex is a text's sentences indexed once for the evidence of a
// whole input, so that each evidence costs a map look-up or a binary
// search (and a search of the joined text for an excerpt not found),
// never a scan of the text or of every sentence: an input within the caps
// (MaxInputRelations × MaxInputEvidence evidence into a text of
// MaxDocumentChars) is checked in one pass's time.
type sentenceIndex struct {
	sentences []Sentence
	chars     int            // code points of the text
	byText    map[string]int // folded sentence text → its first index
	joined    string         // the folded sentences joined by one space
	at        []int          // byte offset in joined of each sentence
	searched  int            // excerpts searched for in joined so far
}

// excerptSearches is how many excerpts of one input that are no whole
// sentence are searched for in the text, to say where they fall; those
// after them are told only that they are no whole sentence, so that an
// input of many bad excerpts is not many scans of a long text.
const excerptSearches = 20

func indexSentences(text string, sentences []Sentence) *sentenceIndex {
	x := &sentenceIndex{sentences: sentences, chars: utf8.RuneCountInString(text), byText: map[string]int{}}
	var b strings.Builder
	for i, s := range sentences {
		if i > 0 {
			b.WriteByte(' ')
		}
		x.at = append(x.at, b.Len())
		b.WriteString(s.Text)
		if _, ok := x.byText[s.Text]; !ok {
			x.byText[s.Text] = i
		}
	}
	x.joined = b.String()
	return x
}

// quoted is the plan's sentence index, built on first use.
func (p *IngestPlan) quoted() *sentenceIndex {
	if p.index == nil {
		p.index = indexSentences(p.text, p.Sentences)
	}
	return p.index
}

func (x *sentenceIndex) evidence(ev EvidenceInput) (Sentence, string) {
	hasOffsets := ev.Start != nil || ev.End != nil
	switch {
	case hasOffsets && ev.Excerpt != "":
		return Sentence{}, "give offsets {start, end} or an excerpt, not both"
	case hasOffsets && (ev.Start == nil || ev.End == nil):
		return Sentence{}, "give both start and end"
	case hasOffsets:
		return x.span(*ev.Start, *ev.End)
	case FoldSpace(ev.Excerpt) == "":
		return Sentence{}, "give offsets {start, end} of a sentence of the text, or an excerpt of it"
	}
	return x.of(FoldSpace(ev.Excerpt))
}

func (x *sentenceIndex) span(start, end int) (Sentence, string) {
	if start < 0 || end > x.chars || start >= end {
		return Sentence{}, fmt.Sprintf("span {start: %d, end: %d} is out of range: offsets are characters (code points) of the text, 0 <= start < end <= %d", start, end, x.chars)
	}
	// sentences are in text order and do not overlap: the first that ends
	// after start is the first the span may touch
	first, _ := slices.BinarySearchFunc(x.sentences, start, func(s Sentence, start int) int { return cmp.Compare(s.End, start+1) })
	last, _ := slices.BinarySearchFunc(x.sentences, end, func(s Sentence, end int) int { return cmp.Compare(s.Start, end) })
	n := max(0, last-first) // the sentences the span touches
	if n == 1 && x.sentences[first].Start == start && x.sentences[first].End == end {
		return x.sentences[first], ""
	}
	var over []string
	for _, s := range x.sentences[first : first+min(n, 3)] {
		over = append(over, fmt.Sprintf("{start: %d, end: %d} %q", s.Start, s.End, clip(s.Text)))
	}
	switch n {
	case 0:
		return Sentence{}, fmt.Sprintf("span {start: %d, end: %d} holds no sentence of the text", start, end)
	case 1:
		return Sentence{}, fmt.Sprintf("span {start: %d, end: %d} is not a whole sentence: evidence is one whole sentence; the sentence there is %s", start, end, over[0])
	default:
		if n > 3 {
			over = append(over, "…")
		}
		return Sentence{}, fmt.Sprintf("span {start: %d, end: %d} covers %d sentences: evidence is one whole sentence; give one evidence each: %s", start, end, n, strings.Join(over, ", "))
	}
}

func (x *sentenceIndex) of(excerpt string) (Sentence, string) {
	if i, ok := x.byText[excerpt]; ok {
		return x.sentences[i], ""
	}
	if x.searched++; x.searched > excerptSearches {
		return Sentence{}, "the excerpt is not one whole sentence of the document's text (white space folded)"
	}
	// the first occurrence in the joined text inside one sentence, else
	// one across two or more
	across := false
	for from := 0; from < len(x.joined); {
		k := strings.Index(x.joined[from:], excerpt)
		if k < 0 {
			break
		}
		k += from
		i, found := slices.BinarySearch(x.at, k)
		if !found {
			i--
		}
		if s := x.sentences[i]; k+len(excerpt) <= x.at[i]+len(s.Text) {
			return Sentence{}, fmt.Sprintf("the excerpt is part of a sentence: evidence is one whole sentence; quote it whole, or give {start: %d, end: %d} %q", s.Start, s.End, clip(s.Text))
		}
		across, from = true, k+1 // a later occurrence may lie inside one sentence
	}
	if across {
		return Sentence{}, "the excerpt covers more than one sentence: evidence is one whole sentence; give one evidence each"
	}
	return Sentence{}, "the excerpt does not occur in the document's text (white space aside)"
}

// clip cuts a sentence for a message.
func clip(s string) string {
	if rs := []rune(s); len(rs) > 80 {
		return string(rs[:80]) + "…"
	}
	return s
}

// BindRefs binds the external references of a plan to what the store
// found for each (the entities whose id, name or alias it names; at
// most MaxNameCandidates+1): a user error ENOTFOUND for one that names
// none, EAMBIGUOUS with the candidates for one that names several. It
// returns the entity id of each bound reference.
func (p *IngestPlan) BindRefs(found map[string][]NameMatch) (map[string]string, error) {
	ids := map[string]string{}
	var c inputChecker
	for _, ext := range p.External {
		ms := found[ext.Ref]
		switch {
		case len(ms) == 1:
			ids[ext.Ref] = ms[0].ID
		case len(ms) == 0 && ext.ID:
			c.add(ENOTFOUND, ext.Field, "no entity has the id %q", ext.Ref)
		case len(ms) == 0:
			c.add(ENOTFOUND, ext.Field, "%q is no ref of this input's entities (%s) and no entity's name or alias", ext.Ref, p.refList())
		default:
			c = append(c, &UserError{Code: EAMBIGUOUS, Field: ext.Field, Candidates: ms[:min(len(ms), MaxNameCandidates)],
				Message: fmt.Sprintf("%q names %d entities: give one's id", ext.Ref, len(ms))})
		}
	}
	return ids, c.err()
}

func (p *IngestPlan) refList() string {
	if len(p.Refs) == 0 {
		return "none"
	}
	refs := make([]string, 0, len(p.Refs))
	for r := range p.Refs {
		refs = append(refs, r)
	}
	slices.Sort(refs)
	return strings.Join(refs, ", ")
}

// set lists the names (as AttributeKinds has them) of the attributes given.
func (a Attributes) set() []string {
	var names []string
	for _, f := range []struct {
		name string
		set  bool
	}{
		{"title", a.Title != nil}, {"startDate", a.StartDate != nil}, {"endDate", a.EndDate != nil},
		{"status", a.Status != nil}, {"participants", a.Participants != nil}, {"founded", a.Founded != nil},
		{"members", a.Members != nil}, {"independence", a.Independence != nil}, {"edition", a.Edition != nil},
	} {
		if f.set {
			names = append(names, f.name)
		}
	}
	return names
}

func kindList(ks []Kind) string {
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// ingestBytes counts the bytes of all the text of an input (MaxInputBytes).
func ingestBytes(in *IngestDocumentInput) int {
	d := in.Document
	n := len(in.IdempotencyKey) + len(in.Reason) + len(d.Title) + len(d.URL) + len(d.Publisher) + len(d.Text)
	for _, e := range in.Entities {
		n += len(e.Ref) + len(e.Name) + len(e.Description)
		for _, a := range e.Aliases {
			n += len(a)
		}
		if e.Attributes.Title != nil {
			n += len(*e.Attributes.Title)
		}
	}
	for _, r := range in.Relations {
		n += len(r.From) + len(r.To) + len(r.Role) + len(r.Counterpart) + len(r.Note)
		for _, ev := range r.Evidence {
			n += len(ev.Document) + len(ev.Excerpt) + len(ev.SaidBy)
		}
	}
	return n
}
