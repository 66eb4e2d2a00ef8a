package seedfile

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

var idPattern = regexp.MustCompile(`^[a-z]+/[a-z0-9]+(-[a-z0-9]+)*$`)

type location struct {
	file string
	line int
}

type validator struct {
	fsys      fs.FS
	problems  Problems
	entities  map[string]*kg.Entity
	entityAt  map[string]location
	order     []*kg.Entity
	sources   map[string]*source // by document id
	relations map[string]*kg.Relation
	relAt     map[string]*fileItem[rawRelation] // where each relation is first stated
	relOrder  []*kg.Relation
	// unread are the ids that unreadable files seem to define (by id,
	// the file); knockOn counts, by file, the references to them that
	// are not reported, since they follow from the file's problem.
	unread  map[string]string
	knockOn map[string]int
}

func newValidator(fsys fs.FS) *validator {
	return &validator{
		fsys:      fsys,
		entities:  map[string]*kg.Entity{},
		entityAt:  map[string]location{},
		sources:   map[string]*source{},
		relations: map[string]*kg.Relation{},
		relAt:     map[string]*fileItem[rawRelation]{},
		unread:    map[string]string{},
		knockOn:   map[string]int{},
	}
}

// followsFromUnreadable reports whether a reference to the unknown id
// follows from an unreadable file that defines it, counting it.
func (v *validator) followsFromUnreadable(id string) bool {
	file, ok := v.unread[id]
	if ok {
		v.knockOn[file]++
	}
	return ok
}

func (v *validator) addf(file string, line int, id, format string, args ...any) {
	v.problems = append(v.problems, Problem{File: file, Line: line, ID: id, Message: fmt.Sprintf(format, args...)})
}

// validate runs the passes in dependency order: ids first, so that any
// reference can be checked wherever it stands.
func (v *validator) validate(files []*parsedFile) *kg.Graph {
	type pendingEntity struct {
		it         *fileItem[rawEntity]
		defaultDoc string
	}
	var pending []pendingEntity
	for _, f := range files {
		docID := ""
		if f.document != nil {
			docID = v.document(f.document)
		} else if f.name != RegistryFile {
			v.addf(f.name, 1, "", "a document file needs a document section")
		}
		for _, it := range f.entities {
			if v.register(it) {
				pending = append(pending, pendingEntity{it, docID})
			}
		}
	}
	for _, p := range pending {
		v.entity(p.it, p.defaultDoc)
	}
	for _, f := range files {
		docID := ""
		if f.document != nil {
			docID = f.document.raw.ID
		}
		for _, it := range f.relations {
			v.relation(it, docID)
		}
	}
	v.checkNoFacts()
	for _, r := range v.relOrder {
		it := v.relAt[r.ID]
		v.values(it.file, it.fieldLine, r.ID, kg.RelationValueProblems(r))
	}
	g := &kg.Graph{Entities: v.order, Relations: v.relOrder}
	g.Relations = append(g.Relations, deriveMentions(g)...)
	return g
}

// document registers the file's document as an entity and reads its text.
func (v *validator) document(it *fileItem[rawDocument]) string {
	raw := it.raw
	e := &kg.Entity{ID: raw.ID, Kind: kg.KindDocument, Name: raw.Title, Title: raw.Title,
		Aliases: raw.Aliases, Description: raw.Description, Publisher: raw.Publisher, URL: raw.URL}
	if !v.checkID(it.file, it.fieldLine("id"), raw.ID, kg.KindDocument) {
		return ""
	}
	if raw.Title == "" {
		v.addf(it.file, it.line, raw.ID, "a document needs a title")
	}
	e.PublishedAt = v.date(it.file, it.fieldLine("publishedAt"), raw.ID, "publishedAt", raw.PublishedAt)
	if raw.PublishedAt == "" {
		v.addf(it.file, it.line, raw.ID, "a document needs publishedAt: it is the default date of its statements")
	}
	e.UpdatedAt = v.date(it.file, it.fieldLine("updatedAt"), raw.ID, "updatedAt", raw.UpdatedAt)
	if !v.claim(e, location{it.file, it.line}) {
		return ""
	}
	// Checked once the text is read, whichever way this returns. A
	// document's name is its title, whose problems are reported once.
	defer func() {
		ps := slices.DeleteFunc(kg.EntityValueProblems(e), func(p kg.ValueProblem) bool { return p.Field == "name" })
		v.values(it.file, it.fieldLine, e.ID, ps)
	}()
	if raw.Text == "" {
		v.addf(it.file, it.line, raw.ID, "a document needs text: the file of its source text, which its excerpts quote")
		return raw.ID
	}
	text, err := fs.ReadFile(v.fsys, path.Clean(raw.Text))
	if err != nil {
		v.addf(it.file, it.fieldLine("text"), raw.ID, "cannot read the document's text %q", raw.Text)
		return raw.ID
	}
	e.Text = string(text)
	src := newSource(raw.ID, raw.Text, e.Text)
	v.sources[raw.ID] = src
	for i, nf := range raw.NoFacts {
		line := it.fieldLine(fmt.Sprintf("noFacts.%d", i))
		if strings.TrimSpace(nf.Reason) == "" {
			v.addf(it.file, line, raw.ID, "a noFacts entry needs a reason: why the sentence states no fact")
		}
		sen, why := src.sentence(nf.Text)
		if why != "" {
			v.addf(it.file, line, raw.ID, "noFacts text %s", why)
			continue
		}
		if prev, dup := src.noFacts[sen.Text]; dup {
			v.addf(it.file, line, raw.ID, "noFacts lists %q twice: first at line %d", sen.Text, prev.line)
			continue
		}
		src.noFacts[sen.Text] = location{it.file, line}
	}
	return raw.ID
}

// checkNoFacts refuses a sentence both quoted as evidence and listed as
// stating no fact: one of the two is wrong.
func (v *validator) checkNoFacts() {
	for _, e := range v.order {
		src := v.sources[e.ID]
		if src == nil {
			continue
		}
		for text, at := range src.noFacts {
			if src.cited[text] {
				v.addf(at.file, at.line, src.docID, "noFacts lists %q, which evidence quotes: a quoted sentence states a fact", text)
			}
		}
	}
}

// register claims an entity's id, so that later references resolve.
func (v *validator) register(it *fileItem[rawEntity]) bool {
	kind, ok := kg.ParseKind(it.raw.Kind)
	if !ok {
		v.addf(it.file, it.fieldLine("kind"), it.raw.ID, "unknown kind %q: want one of %s", it.raw.Kind, kindList())
		return false
	}
	if kind == kg.KindDocument {
		v.addf(it.file, it.fieldLine("kind"), it.raw.ID, "documents are declared in a document file's document section")
		return false
	}
	if !v.checkID(it.file, it.fieldLine("id"), it.raw.ID, kind) {
		return false
	}
	return v.claim(&kg.Entity{ID: it.raw.ID, Kind: kind}, location{it.file, it.line})
}

func (v *validator) claim(e *kg.Entity, at location) bool {
	if prev, dup := v.entityAt[e.ID]; dup {
		v.addf(at.file, at.line, e.ID, "duplicate entity id: first declared at %s:%d", prev.file, prev.line)
		return false
	}
	v.entityAt[e.ID] = at
	v.entities[e.ID] = e
	v.order = append(v.order, e)
	return true
}

func (v *validator) checkID(file string, line int, id string, kind kg.Kind) bool {
	switch {
	case id == "":
		v.addf(file, line, "", "missing id")
	case !idPattern.MatchString(id):
		v.addf(file, line, id, "malformed id: want <prefix>/<slug> in lower case, digits and dashes")
	case !strings.HasPrefix(id, kind.IDPrefix()+"/"):
		v.addf(file, line, id, "a %s id starts with %q", kind, kind.IDPrefix()+"/")
	default:
		return true
	}
	return false
}

// entity fills a registered entity from its raw form.
func (v *validator) entity(it *fileItem[rawEntity], defaultDoc string) {
	raw, e := it.raw, v.entities[it.raw.ID]
	at := func(field string) int { return it.fieldLine(field) }
	e.Name, e.Aliases, e.Description = raw.Name, raw.Aliases, raw.Description
	if strings.TrimSpace(raw.Name) == "" {
		v.addf(it.file, it.line, e.ID, "an entity needs a name")
	}
	for field, value := range map[string]string{
		"title": raw.Title, "startDate": raw.StartDate, "endDate": raw.EndDate, "status": raw.Status,
		"participants": raw.Participants, "founded": raw.Founded, "members": raw.Members,
		"independence": raw.Independence, "edition": raw.Edition, "publisher": raw.Publisher,
		"publishedAt": raw.PublishedAt, "updatedAt": raw.UpdatedAt, "url": raw.URL,
	} {
		if value != "" && !kindHas(kg.AttributeKinds[field], e.Kind) {
			v.addf(it.file, at(field), e.ID, "a %s has no attribute %s", e.Kind, field)
		}
	}
	e.Title = raw.Title
	e.StartDate = v.date(it.file, at("startDate"), e.ID, "startDate", raw.StartDate)
	e.EndDate = v.date(it.file, at("endDate"), e.ID, "endDate", raw.EndDate)
	if e.StartDate != nil && e.EndDate != nil && e.EndDate.Last() < e.StartDate.First() {
		v.addf(it.file, at("endDate"), e.ID, "endDate %s is before startDate %s", e.EndDate, e.StartDate)
	}
	e.Status = v.status(it.file, at("status"), e.ID, raw.Status)
	e.Participants = v.count(it.file, at("participants"), e.ID, "participants", raw.Participants)
	e.Founded = v.date(it.file, at("founded"), e.ID, "founded", raw.Founded)
	e.Members = v.count(it.file, at("members"), e.ID, "members", raw.Members)
	e.Independence = v.date(it.file, at("independence"), e.ID, "independence", raw.Independence)
	e.Edition = v.date(it.file, at("edition"), e.ID, "edition", raw.Edition)
	e.Evidence = v.evidence(it.file, it.line, it.lines, e.ID, raw.Evidence, defaultDoc)
	if e.HasFacts() && len(raw.Evidence) == 0 {
		v.addf(it.file, it.line, e.ID, "an entity with attributes needs evidence for them")
	}
	v.values(it.file, it.fieldLine, e.ID, kg.EntityValueProblems(e))
}

// relation validates one stated relation and merges it with earlier
// statements of the same fact.
func (v *validator) relation(it *fileItem[rawRelation], defaultDoc string) {
	raw := it.raw
	at := func(field string) int { return it.fieldLine(field) }
	label := raw.From + ">" + raw.Type + ">" + raw.To
	t := kg.RelationType(raw.Type)
	switch {
	case t == kg.Mentions:
		v.addf(it.file, at("type"), label, "MENTIONS is derived from the evidence; do not write it")
		return
	case !t.Valid():
		v.addf(it.file, at("type"), label, "unknown relation type %q: want one of %s", raw.Type, typeList())
		return
	}
	r := &kg.Relation{Type: t, From: raw.From, To: raw.To, Role: raw.Role, Note: raw.Note, Counterpart: raw.Counterpart}
	r.ID = kg.RelationID(raw.From, t, raw.To, firstNonEmpty(raw.Counterpart, raw.Key))
	ok := v.ref(it.file, at("from"), r.ID, "from", raw.From)
	ok = v.ref(it.file, at("to"), r.ID, "to", raw.To) && ok
	if raw.Counterpart != "" {
		ok = v.ref(it.file, at("counterpart"), r.ID, "counterpart", raw.Counterpart) && ok
	}
	if raw.From != "" && raw.From == raw.To {
		v.addf(it.file, at("to"), r.ID, "a relation joins two different entities")
	}
	r.Status = v.status(it.file, at("status"), r.ID, raw.Status)
	r.ValidFrom = v.date(it.file, at("validFrom"), r.ID, "validFrom", raw.ValidFrom)
	r.ValidTo = v.date(it.file, at("validTo"), r.ID, "validTo", raw.ValidTo)
	if r.ValidFrom != nil && r.ValidTo != nil && r.ValidTo.Last() < r.ValidFrom.First() {
		v.addf(it.file, at("validTo"), r.ID, "validTo %s is before validFrom %s", r.ValidTo, r.ValidFrom)
	}
	r.PointInTime = v.date(it.file, at("pointInTime"), r.ID, "pointInTime", raw.PointInTime)
	if raw.PointInTime != "" && raw.Amount == "" && raw.Rank == "" && raw.PreviousRank == "" && raw.Count == "" {
		v.addf(it.file, at("pointInTime"), r.ID, "pointInTime dates a measured value: give amount, rank or count, or say when the fact holds with validFrom/validTo")
	}
	if raw.Amount != "" {
		m, err := kg.ParseMoney(raw.Amount)
		if err != nil {
			v.addf(it.file, at("amount"), r.ID, "%v", err)
		}
		r.Amount = &m
	}
	r.Rank = v.rank(it.file, at("rank"), r.ID, "rank", raw.Rank)
	r.PreviousRank = v.rank(it.file, at("previousRank"), r.ID, "previousRank", raw.PreviousRank)
	r.Count = v.count(it.file, at("count"), r.ID, "count", raw.Count)
	if len(raw.Evidence) == 0 {
		v.addf(it.file, it.line, r.ID, "a relation needs evidence: doc, excerpt and date of a statement")
	}
	r.Evidence = v.evidence(it.file, it.line, it.lines, r.ID, raw.Evidence, defaultDoc)
	if !ok {
		return
	}
	if prev, seen := v.relations[r.ID]; seen {
		if diff := qualifierDiff(prev, r); diff != "" {
			v.addf(it.file, it.line, r.ID, "states a fact already stated with other qualifiers (%s); give it a key if it is another fact", diff)
			return
		}
		prev.Evidence = append(prev.Evidence, r.Evidence...)
		return
	}
	v.relations[r.ID] = r
	v.relAt[r.ID] = it
	v.relOrder = append(v.relOrder, r)
}

// values reports the values of an entity or relation that a store cannot
// hold (kg's limits), each at the line of its field.
func (v *validator) values(file string, fieldLine func(string) int, id string, ps []kg.ValueProblem) {
	for _, p := range ps {
		v.addf(file, valueLine(fieldLine, p.Field), id, "%s", p)
	}
}

// valueLine is the line of a value's field: "evidence.0.excerpt" stands
// on the line of evidence item 0, "aliases.2" on that of aliases.
func valueLine(fieldLine func(string) int, field string) int {
	if head, rest, ok := strings.Cut(field, "."); ok && head == "evidence" {
		n, _, _ := strings.Cut(rest, ".")
		return fieldLine(head + "." + n)
	}
	head, _, _ := strings.Cut(field, ".")
	return fieldLine(head)
}

func (v *validator) ref(file string, line int, relID, field, id string) bool {
	if id == "" {
		v.addf(file, line, relID, "missing %s", field)
		return false
	}
	if _, ok := v.entities[id]; !ok {
		if !v.followsFromUnreadable(id) {
			v.addf(file, line, relID, "%s %q names no entity (dangling reference)", field, id)
		}
		return false
	}
	return true
}

func (v *validator) evidence(file string, itemLine int, lines map[string]int, id string, raws []rawEvidence, defaultDoc string) []kg.Evidence {
	out := make([]kg.Evidence, 0, len(raws))
	for i, raw := range raws {
		line, ok := lines[fmt.Sprintf("evidence.%d", i)]
		if !ok {
			line = itemLine
		}
		docID := firstNonEmpty(raw.Doc, defaultDoc)
		doc := v.entities[docID]
		switch {
		case docID == "":
			v.addf(file, line, id, "evidence needs doc: the registry has no default document")
			continue
		case doc == nil && v.followsFromUnreadable(docID):
			continue
		case doc == nil || doc.Kind != kg.KindDocument:
			v.addf(file, line, id, "evidence doc %q names no document (dangling reference)", docID)
			continue
		}
		ev := kg.Evidence{DocumentID: docID, Excerpt: fold(raw.Excerpt), SaidBy: raw.SaidBy}
		v.excerpt(file, line, id, &ev)
		if raw.SaidBy != "" {
			v.ref(file, line, id, "saidBy", raw.SaidBy)
		}
		switch {
		case raw.Date != "":
			if d := v.date(file, line, id, "evidence date", raw.Date); d != nil {
				ev.Date = *d
			}
		case doc.PublishedAt != nil:
			ev.Date = *doc.PublishedAt
		default:
			v.addf(file, line, id, "evidence needs a date: its document %s has no publishedAt", docID)
		}
		out = append(out, ev)
	}
	return out
}

// excerpt checks that the evidence quotes one whole sentence of its
// document and sets where it stands there (its first occurrence).
func (v *validator) excerpt(file string, line int, id string, ev *kg.Evidence) {
	if ev.Excerpt == "" {
		v.addf(file, line, id, "evidence needs an excerpt")
		return
	}
	src := v.sources[ev.DocumentID]
	if src == nil {
		return // the document has no readable text: reported with the document
	}
	sen, why := src.sentence(ev.Excerpt)
	if why != "" {
		v.addf(file, line, id, "excerpt %s", why)
		return
	}
	ev.Start, ev.End = sen.Start, sen.End
	src.cited[sen.Text] = true
}

func (v *validator) date(file string, line int, id, field, s string) *kg.Date {
	if s == "" {
		return nil
	}
	d, err := kg.ParseDate(s)
	if err != nil {
		v.addf(file, line, id, "%s: %v", field, err)
		return nil
	}
	return &d
}

func (v *validator) count(file string, line int, id, field, s string) *kg.Count {
	if s == "" {
		return nil
	}
	c, err := kg.ParseCount(s)
	if err != nil {
		v.addf(file, line, id, "%s: %v", field, err)
		return nil
	}
	return &c
}

func (v *validator) rank(file string, line int, id, field, s string) *int {
	if s == "" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		v.addf(file, line, id, "%s: malformed rank %q: want a whole number from 1", field, s)
		return nil
	}
	return &n
}

func (v *validator) status(file string, line int, id, s string) kg.Status {
	st := kg.Status(s)
	if !st.Valid() {
		v.addf(file, line, id, "unknown status %q: want one of %s, or none for a stated fact", s, kg.StatusNames())
		return ""
	}
	return st
}

func kindHas(kinds []kg.Kind, k kg.Kind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

func kindList() string {
	names := make([]string, len(kg.Kinds))
	for i, k := range kg.Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

func typeList() string {
	var names []string
	for _, t := range kg.RelationTypes {
		if t != kg.Mentions {
			names = append(names, string(t))
		}
	}
	return strings.Join(names, ", ")
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
