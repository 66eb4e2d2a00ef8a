package memstore

import (
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// matcher is a kg.StepFilter (and a document, for FindRelations) read
// against relation records: kg.StepFilter.Admits without building
// relations. It is a value: building one allocates nothing but the
// entity numbers of a filter's With.
type matcher struct {
	g        *graph
	out, in  bool   // follow relations from the entity expanded, to it
	types    uint32 // bit per index in kg.RelationTypes
	valid    kg.Window
	checked  bool // kg.StepFilter.Dated: valid's bounds must be known
	stated   kg.Window
	timed    bool      // valid is not open
	dated    bool      // stated is not open
	statuses [4]uint32 // string numbers of the statuses admitted
	nStatus  int       // -1: every status
	doc      uint32    // string number of the document that must state it
	byDoc    bool
	with     []int32 // kg.StepFilter.With: the other ends admitted
	byWith   bool
}

// noString is a string number no string has.
const noString = ^uint32(0)

var (
	allTypes  = uint32(1)<<len(kg.RelationTypes) - 1
	factTypes = allTypes &^ (1 << typeIndex[kg.Mentions])
)

func typeMask(types []kg.RelationType) uint32 {
	var m uint32
	for _, t := range types {
		m |= 1 << typeIndex[t]
	}
	return m
}

// matcher reads a validated filter.
func (g *graph) matcher(f kg.StepFilter) matcher {
	m := matcher{g: g, out: f.Direction != kg.In, in: f.Direction != kg.Out, types: typeMask(f.EffectiveTypes()), valid: f.Valid, checked: f.Dated, stated: f.Stated, nStatus: -1}
	m.timed, m.dated = !f.Valid.IsZero(), !f.Stated.IsZero()
	if len(f.With) > 0 {
		m.byWith = true
		for _, id := range f.With {
			if e, ok := g.entIdx[id]; ok { // an unknown id admits nothing
				m.with = append(m.with, e)
			}
		}
	}
	if len(f.Statuses) > 0 {
		m.nStatus = 0
		for _, st := range f.Statuses {
			// A status no relation has is in no string table: it admits nothing.
			// Validated, so at most the four statuses once each.
			if n, ok := g.strs.lookup(string(st)); ok && !m.admitsStatus(n) {
				m.statuses[m.nStatus] = n
				m.nStatus++
			}
		}
	}
	return m
}

// withDocument also requires a statement of the document.
func (m matcher) withDocument(doc string) matcher {
	m.byDoc = true
	var ok bool
	if m.doc, ok = m.g.strs.lookup(doc); !ok {
		m.doc = noString // no statement names it: nothing matches
	}
	return m
}

// both is the matcher of the same facts in either direction.
func (m matcher) both() matcher {
	m.out, m.in = true, true
	return m
}

// reverse is the matcher seen from the other end.
func (m matcher) reverse() matcher {
	m.out, m.in = m.in, m.out
	return m
}

// typed reports whether only types and direction select.
func (m *matcher) typed() bool {
	return !m.timed && !m.dated && m.nStatus < 0 && !m.byDoc && !m.byWith
}

// typesOnly reports whether only the types select: every relation of
// those types, in any direction, matches.
func (m *matcher) typesOnly() bool { return m.out && m.in && m.typed() }

// count is how many relations of entity e match, when that is known
// without reading them.
func (m *matcher) count(e int32) (int, bool) {
	switch {
	case !m.typesOnly():
		return 0, false
	case m.types == allTypes:
		return len(m.g.adj[e]), true
	case m.types == factTypes:
		return int(m.g.nFacts[e]), true
	}
	return 0, false
}

// match reports whether relation ri, seen from entity e (one of its
// ends), passes the filter.
func (m *matcher) match(ri, e int32) bool {
	r := &m.g.rels[ri]
	if r.from == e && !m.out || r.from != e && !m.in {
		return false
	}
	if m.byWith && !slices.Contains(m.with, m.g.other(ri, e)) {
		return false
	}
	return m.fact(r)
}

// fact reports whether record r passes the filter's types, times,
// status and document: kg.StepFilter.AdmitsFact.
func (m *matcher) fact(r *relation) bool {
	if m.types&(1<<r.typ) == 0 {
		return false
	}
	if m.nStatus >= 0 && !m.admitsStatus(m.g.quals[r.q].status) {
		return false
	}
	if m.timed {
		if first, last := m.g.window(r); !m.valid.Admits(first, last) || m.checked && !m.valid.Checks(first, last) {
			return false
		}
	}
	if !m.dated && !m.byDoc {
		return true
	}
	dated, byDoc := !m.dated, !m.byDoc
	for _, ev := range m.g.statements(r) {
		dated = dated || m.stated.Admits(m.g.dates.first[ev.date], m.g.dates.last[ev.date])
		byDoc = byDoc || ev.doc == m.doc
		if dated && byDoc {
			return true
		}
	}
	return false
}

func (m *matcher) admitsStatus(s uint32) bool {
	for _, n := range m.statuses[:m.nStatus] {
		if n == s {
			return true
		}
	}
	return false
}
