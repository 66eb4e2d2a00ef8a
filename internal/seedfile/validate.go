package seedfile

import (
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

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
	orderAt   []func(field string) (string, int) // where each entity of order stands, by field
	sources   map[string]*source                 // by document id
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
	g := &kg.Graph{Entities: v.order, Relations: v.relOrder}
	v.checkGraph(g)
	g.Relations = append(g.Relations, deriveMentions(g)...)
	return g
}

// document registers the file's document as an entity and reads its text.
func (v *validator) document(it *fileItem[rawDocument]) string {
	raw := it.raw
	e := &kg.Entity{ID: raw.ID, Kind: kg.KindDocument, Name: raw.Title, Title: raw.Title,
		Aliases: raw.Aliases, Description: raw.Description, Publisher: raw.Publisher, URL: raw.URL}
	if raw.ID == "" {
		v.addf(it.file, it.fieldLine("id"), "", "missing id")
		return ""
	}
	e.PublishedAt = v.date(it.file, it.fieldLine("publishedAt"), raw.ID, "publishedAt", raw.PublishedAt)
	if raw.PublishedAt == "" {
		v.addf(it.file, it.line, raw.ID, "a document needs publishedAt: it is the default date of its statements")
	}
	e.UpdatedAt = v.date(it.file, it.fieldLine("updatedAt"), raw.ID, "updatedAt", raw.UpdatedAt)
	if !v.claim(e, location{it.file, it.line}, it.file, it.fieldLine) {
		return ""
	}
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
	kind := kg.Kind(it.raw.Kind) // an unknown kind is kg's to report
	if kind == kg.KindDocument {
		v.addf(it.file, it.fieldLine("kind"), it.raw.ID, "documents are declared in a document file's document section")
		return false
	}
	if it.raw.ID == "" {
		v.addf(it.file, it.fieldLine("id"), "", "missing id")
		return false
	}
	return v.claim(&kg.Entity{ID: it.raw.ID, Kind: kind}, location{it.file, it.line}, it.file, it.fieldLine)
}

// claim registers an entity under its id, where it stands, so that
// later references resolve; a second entity of an id is refused here,
// where the first's place is known.
func (v *validator) claim(e *kg.Entity, at location, file string, fieldLine func(string) int) bool {
	if prev, dup := v.entityAt[e.ID]; dup {
		v.addf(at.file, at.line, e.ID, "duplicate entity id: first declared at %s:%d", prev.file, prev.line)
		return false
	}
	v.entityAt[e.ID] = at
	v.entities[e.ID] = e
	v.order = append(v.order, e)
	v.orderAt = append(v.orderAt, func(field string) (string, int) { return file, valueLine(fieldLine, field) })
	return true
}

// entity fills a registered entity from its raw form.
func (v *validator) entity(it *fileItem[rawEntity], defaultDoc string) {
	raw, e := it.raw, v.entities[it.raw.ID]
	at := func(field string) int { return it.fieldLine(field) }
	e.Name, e.Aliases, e.Description = raw.Name, raw.Aliases, raw.Description
	e.Title, e.Publisher, e.URL = raw.Title, raw.Publisher, raw.URL
	e.PublishedAt = v.date(it.file, at("publishedAt"), e.ID, "publishedAt", raw.PublishedAt)
	e.UpdatedAt = v.date(it.file, at("updatedAt"), e.ID, "updatedAt", raw.UpdatedAt)
	e.StartDate = v.date(it.file, at("startDate"), e.ID, "startDate", raw.StartDate)
	e.EndDate = v.date(it.file, at("endDate"), e.ID, "endDate", raw.EndDate)
	e.Status = kg.Status(raw.Status)
	e.Participants = v.count(it.file, at("participants"), e.ID, "participants", raw.Participants)
	e.Founded = v.date(it.file, at("founded"), e.ID, "founded", raw.Founded)
	e.Members = v.count(it.file, at("members"), e.ID, "members", raw.Members)
	e.Independence = v.date(it.file, at("independence"), e.ID, "independence", raw.Independence)
	e.Edition = v.date(it.file, at("edition"), e.ID, "edition", raw.Edition)
	e.Evidence = v.evidence(it.file, it.line, it.lines, e.ID, raw.Evidence, defaultDoc)
}

// relation validates one stated relation and merges it with earlier
// statements of the same fact.
func (v *validator) relation(it *fileItem[rawRelation], defaultDoc string) {
	raw := it.raw
	at := func(field string) int { return it.fieldLine(field) }
	label := raw.From + ">" + raw.Type + ">" + raw.To
	t := kg.RelationType(raw.Type)
	if t == kg.Mentions { // an unknown type is the graph check's to report
		v.addf(it.file, at("type"), label, "%s", kg.StatedTypeProblem(t))
		return
	}
	r := &kg.Relation{Type: t, From: raw.From, To: raw.To, Role: raw.Role, Note: raw.Note, Counterpart: raw.Counterpart}
	r.ID = kg.RelationID(raw.From, t, raw.To, firstNonEmpty(raw.Counterpart, raw.Key))
	r.Status = kg.Status(raw.Status)
	r.ValidFrom = v.date(it.file, at("validFrom"), r.ID, "validFrom", raw.ValidFrom)
	r.ValidTo = v.date(it.file, at("validTo"), r.ID, "validTo", raw.ValidTo)
	r.PointInTime = v.date(it.file, at("pointInTime"), r.ID, "pointInTime", raw.PointInTime)
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
	r.Evidence = v.evidence(it.file, it.line, it.lines, r.ID, raw.Evidence, defaultDoc)
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

// checkGraph reports what the graph breaks of kg's rules
// (kg.CheckGraph), each at the line of its field, but for a problem at
// a spot (file, line and id) where the seed has one already, and for a
// reference to an id an unreadable file seems to define.
func (v *validator) checkGraph(g *kg.Graph) {
	type spot struct {
		file string
		line int
		id   string
	}
	reported := map[spot]bool{}
	for _, p := range v.problems {
		reported[spot{p.File, p.Line, p.ID}] = true
	}
	for _, p := range kg.CheckGraph(g, nil) {
		if p.Ref != "" && v.followsFromUnreadable(p.Ref) {
			continue
		}
		var file string
		var line int
		if p.Relation {
			it := v.relAt[p.ID]
			file, line = it.file, valueLine(it.fieldLine, p.Field)
		} else {
			file, line = v.orderAt[p.Index](p.Field)
		}
		if !reported[spot{file, line, p.ID}] {
			v.addf(file, line, p.ID, "%s", p.Message)
		}
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
		return // kg's to report
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
	if err != nil {
		v.addf(file, line, id, "%s: %s", field, kg.RankProblem(s))
		return nil
	}
	return &n
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
