package memstore

import (
	"math"

	"github.com/kgql/kgql/internal/kg"
)

// A relation is held compactly, because there are ten of them per
// entity: 40 bytes besides its id. Its ends are entity numbers; its
// strings and dates are numbers in the graph's tables, shared by every
// relation that has them (roles, dates, documents, excerpts); its
// qualifiers are a number in a table of the distinct sets of qualifiers
// (most relations share theirs: none, or a status, or a role); its
// statements are a range of one array of the whole graph.

type relation struct {
	id       string
	from, to int32
	q        uint32 // qualifiers: index in graph.quals; 0 is none
	ev       uint32 // first statement: index in graph.evs
	nev      uint16 // number of statements
	typ      uint8  // index in kg.RelationTypes
	gone     bool   // retracted: in no index, skipped by scans of every record
}

// MaxStatements is the most statements (evidence) one relation may have.
const MaxStatements = math.MaxUint16

type evidence struct {
	doc, excerpt, saidBy uint32 // strings
	date                 uint32 // a date
	start, end           int32  // the excerpt's place in the document's text
}

// quals are a relation's qualifiers; comparable, so that they are shared.
type quals struct {
	role, status, note, counterpart uint32 // strings
	validFrom, validTo, pointInTime uint32 // dates; 0 is none
	currency, countQualifier        uint32 // strings
	has                             uint8  // which of the numbers below are present
	amount                          float64
	rank, previousRank, count       int
}

const (
	hasAmount = 1 << iota
	hasRank
	hasPreviousRank
	hasCount
)

var typeIndex = func() map[kg.RelationType]uint8 {
	m := map[kg.RelationType]uint8{}
	for i, t := range kg.RelationTypes {
		m[t] = uint8(i)
	}
	return m
}()

// strtab interns strings: each distinct string is held once and named by
// a number; 0 is "".
type strtab struct {
	strs []string
	num  map[string]uint32
}

func newStrtab() strtab { return strtab{strs: []string{""}, num: map[string]uint32{"": 0}} }

func (t *strtab) intern(s string) uint32 {
	if n, ok := t.num[s]; ok {
		return n
	}
	n := uint32(len(t.strs))
	t.strs = append(t.strs, s)
	t.num[s] = n
	return n
}

// canon returns the table's copy of s, interning it.
func (t *strtab) canon(s string) string { return t.strs[t.intern(s)] }

// lookup returns the number of s without interning it: readers use it.
func (t *strtab) lookup(s string) (uint32, bool) {
	n, ok := t.num[s]
	return n, ok
}

func (t *strtab) get(n uint32) string { return t.strs[n] }

// datetab interns dates; 0 is the zero date (or none, for a pointer). It
// keeps the first and last day of each, which time filters compare.
type datetab struct {
	dates       []kg.Date
	first, last []string
	num         map[kg.Date]uint32
}

func newDatetab() datetab {
	var zero kg.Date
	return datetab{dates: []kg.Date{zero}, first: []string{zero.First()}, last: []string{zero.Last()}, num: map[kg.Date]uint32{zero: 0}}
}

func (t *datetab) intern(d kg.Date) uint32 {
	if n, ok := t.num[d]; ok {
		return n
	}
	n := uint32(len(t.dates))
	t.dates = append(t.dates, d)
	t.first, t.last = append(t.first, d.First()), append(t.last, d.Last())
	t.num[d] = n
	return n
}

func (t *datetab) internPtr(d *kg.Date) uint32 {
	if d == nil {
		return 0
	}
	return t.intern(*d)
}

func (t *datetab) ptr(n uint32) *kg.Date {
	if n == 0 {
		return nil
	}
	d := t.dates[n]
	return &d
}

// compact turns a normalized relation into its record; its ends must be
// entities of g. Called by the writer only.
func (g *graph) compact(r *kg.Relation) relation {
	rec := relation{
		id:   r.ID,
		from: g.entIdx[r.From],
		to:   g.entIdx[r.To],
		typ:  typeIndex[r.Type],
		ev:   uint32(len(g.evs)),
		nev:  uint16(len(r.Evidence)),
	}
	q := quals{
		role:        g.strs.intern(r.Role),
		status:      g.strs.intern(string(r.Status)),
		note:        g.strs.intern(r.Note),
		counterpart: g.strs.intern(r.Counterpart),
		validFrom:   g.dates.internPtr(r.ValidFrom),
		validTo:     g.dates.internPtr(r.ValidTo),
		pointInTime: g.dates.internPtr(r.PointInTime),
	}
	if r.Amount != nil {
		q.has |= hasAmount
		q.amount, q.currency = r.Amount.Value, g.strs.intern(r.Amount.Currency)
	}
	if r.Rank != nil {
		q.has |= hasRank
		q.rank = *r.Rank
	}
	if r.PreviousRank != nil {
		q.has |= hasPreviousRank
		q.previousRank = *r.PreviousRank
	}
	if r.Count != nil {
		q.has |= hasCount
		q.count, q.countQualifier = r.Count.Value, g.strs.intern(string(r.Count.Qualifier))
	}
	n, ok := g.qualsNum[q]
	if !ok {
		n = uint32(len(g.quals))
		g.quals = append(g.quals, q)
		g.qualsNum[q] = n
	}
	rec.q = n
	for _, ev := range r.Evidence {
		g.evs = append(g.evs, evidence{
			doc:     g.strs.intern(ev.DocumentID),
			excerpt: g.strs.intern(ev.Excerpt),
			saidBy:  g.strs.intern(ev.SaidBy),
			date:    g.dates.intern(ev.Date),
			start:   int32(ev.Start),
			end:     int32(ev.End),
		})
	}
	return rec
}

// statements returns the evidence records of a relation.
func (g *graph) statements(rec *relation) []evidence {
	return g.evs[rec.ev : rec.ev+uint32(rec.nev)]
}

// window is kg.Relation.Window of a record: its validity, either end
// open ("") when it has none.
func (g *graph) window(rec *relation) (first, last string) {
	q := &g.quals[rec.q]
	if q.validFrom != 0 {
		first = g.dates.first[q.validFrom]
	}
	if q.validTo != 0 {
		last = g.dates.last[q.validTo]
	}
	return first, last
}

// relation returns a fresh kg.Relation of record ri, as neo4jstore reads
// one.
func (g *graph) relation(ri int32) *kg.Relation { return g.relationOf(ri, true) }

// relationOf is relation, with its evidence only when asked: most reads
// select qualifiers, not statements, and building the statements is most
// of the cost of a relation.
func (g *graph) relationOf(ri int32, evidence bool) *kg.Relation {
	rec := &g.rels[ri]
	r := &kg.Relation{
		ID:   rec.id,
		Type: kg.RelationTypes[rec.typ],
		From: g.ids[rec.from],
		To:   g.ids[rec.to],
	}
	if rec.q != 0 {
		q := &g.quals[rec.q]
		r.Role = g.strs.get(q.role)
		r.Status = kg.Status(g.strs.get(q.status))
		r.Note = g.strs.get(q.note)
		r.Counterpart = g.strs.get(q.counterpart)
		r.ValidFrom = g.dates.ptr(q.validFrom)
		r.ValidTo = g.dates.ptr(q.validTo)
		r.PointInTime = g.dates.ptr(q.pointInTime)
		if q.has&hasAmount != 0 {
			r.Amount = &kg.Money{Value: q.amount, Currency: g.strs.get(q.currency)}
		}
		if q.has&hasRank != 0 {
			r.Rank = clonePtr(&q.rank)
		}
		if q.has&hasPreviousRank != 0 {
			r.PreviousRank = clonePtr(&q.previousRank)
		}
		if q.has&hasCount != 0 {
			r.Count = &kg.Count{Value: q.count, Qualifier: kg.CountQualifier(g.strs.get(q.countQualifier))}
		}
	}
	if !evidence {
		return r
	}
	evs := g.statements(rec)
	r.Evidence = make([]kg.Evidence, len(evs))
	for i, ev := range evs {
		r.Evidence[i] = kg.Evidence{
			DocumentID: g.strs.get(ev.doc),
			Excerpt:    g.strs.get(ev.excerpt),
			SaidBy:     g.strs.get(ev.saidBy),
			Start:      int(ev.start),
			End:        int(ev.end),
			Date:       g.dates.dates[ev.date],
		}
	}
	return r
}

// sameRelation reports whether record ri holds exactly the normalized
// relation r.
func (g *graph) sameRelation(ri int32, r *kg.Relation) bool {
	return equalRelations(g.relation(ri), r)
}
