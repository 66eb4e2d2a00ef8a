package memstore

import (
	"cmp"
	"slices"
	"unsafe"

	"github.com/kgql/kgql/internal/kg"
)

// reader is kg.Reader over the graph, through which kg's Project
// functions build the views of every answer: entities as stored (never
// copied: the views copy the fields selected), relations built from their
// records, steps read off the adjacency lists. It lives for one read,
// under the read lock.
//
// The Project functions ask for the relations and other ends of the
// steps Touching gave them, by id: recent and near remember the number
// of each step's relation and other end, so that most lookups compare one
// string (by its pointer) instead of hashing it or parsing it and
// searching an adjacency list.
type reader struct {
	g      *graph
	recent [256]int32 // relation number + 1, by slot of its id
	near   [256]int32 // entity number + 1, by slot of its id
}

func newReader(g *graph) *reader { return &reader{g: g} }

// slot is where recent keeps a relation id: a hash of where its bytes
// are, which for the ids Touching gave is where the record's id is (the
// Go heap does not move), so that neither reads the bytes. Any other
// string lands somewhere and is compared: a miss costs a lookup.
func slot(id string) int {
	return int(uintptr(unsafe.Pointer(unsafe.StringData(id)))>>4) & (len(reader{}.recent) - 1)
}

// Entity implements kg.Reader.
func (r *reader) Entity(id string) *kg.Entity {
	if n := r.near[slot(id)] - 1; n >= 0 && r.g.ids[n] == id {
		return r.g.ents[n]
	}
	if n, ok := r.g.entityNum(id); ok {
		return r.g.ents[n]
	}
	return nil
}

// Relation implements kg.Reader.
func (r *reader) Relation(id string) *kg.Relation {
	if ri := r.recent[slot(id)] - 1; ri >= 0 && r.g.rels[ri].id == id {
		return r.g.relation(ri)
	}
	if ri, ok := r.g.findRelation(id); ok {
		return r.g.relation(ri)
	}
	return nil
}

// Touching implements kg.Reader.
func (r *reader) Touching(id string, f kg.StepFilter, after string, limit int, count bool) ([]kg.Step, int) {
	e, ok := r.g.entityNum(id)
	if !ok {
		return nil, 0
	}
	m := r.g.matcher(f)
	rels, total := r.g.touching(e, &m, after, limit, count)
	steps := make([]kg.Step, len(rels))
	for i, ri := range rels {
		st := r.g.step(ri, e)
		steps[i] = st
		r.recent[slot(st.Relation)] = ri + 1
		r.near[slot(st.Other)] = r.g.other(ri, e) + 1
	}
	return steps, total
}

// touching is kg.Reader.Touching of entity e, as relation numbers. Its
// adjacency is sorted by relation id, so the cursor is a binary search, a
// page stops when it is full, and a count under a filter of types alone
// comes from the adjacency's length.
func (g *graph) touching(e int32, m *matcher, after string, limit int, count bool) ([]int32, int) {
	list := g.adj[e]
	start := 0
	if after != "" {
		start = g.searchAfter(list, after)
	}
	total, counted := 0, false
	if count || limit < 0 {
		total, counted = m.count(e)
	}
	var steps []int32
	switch {
	case limit >= 0:
		steps = make([]int32, 0, min(limit, len(list)-start))
	case counted:
		steps = make([]int32, 0, total)
	}
	j := start
	for ; j < len(list) && (limit < 0 || len(steps) < limit); j++ {
		if ri := list[j]; m.match(ri, e) {
			steps = append(steps, ri)
		}
	}
	switch {
	case !count:
		total = 0
	case counted:
	case start == 0 && j == len(list):
		total = len(steps)
	default:
		total = 0
		for _, ri := range list {
			if m.match(ri, e) {
				total++
			}
		}
	}
	return steps, total
}

// step is relation ri followed from entity e, one of its ends.
func (g *graph) step(ri, e int32) kg.Step {
	r := &g.rels[ri]
	if r.from == e {
		return kg.Step{Relation: r.id, Direction: kg.Out, Other: g.ids[r.to]}
	}
	return kg.Step{Relation: r.id, Direction: kg.In, Other: g.ids[r.from]}
}

// other is the end of relation ri that is not e.
func (g *graph) other(ri, e int32) int32 {
	if r := &g.rels[ri]; r.from != e {
		return r.from
	}
	return g.rels[ri].to
}

// searchAfter returns the position in a list sorted by relation id of the
// first relation after the id.
func (g *graph) searchAfter(list []int32, after string) int {
	i, found := slices.BinarySearchFunc(list, after, func(n int32, id string) int { return cmp.Compare(g.rels[n].id, id) })
	if found {
		i++
	}
	return i
}

// entityView is the view of entity n as sel asks.
func (rd *reader) entityView(n int32, sel *kg.EntitySel) (*kg.EntityView, error) {
	return kg.ProjectEntity(rd, rd.g.ids[n], sel)
}

// relationView is the view of relation ri as sel asks.
func (rd *reader) relationView(ri int32, sel *kg.RelationSel) (*kg.RelationView, error) {
	if idsOnly(sel) {
		v := new(kg.RelationView)
		rd.idView(ri, v, new(kg.Relation))
		return v, nil
	}
	return kg.ProjectRelation(rd, rd.g.relationOf(ri, sel.Evidence != nil), sel)
}

// idsOnly reports whether a selection reads only a relation's id, type
// and ends: subgraphs and routes are mostly drawn so.
func idsOnly(sel *kg.RelationSel) bool { return sel == nil || *sel == (kg.RelationSel{}) }

// idView fills v with kg.ProjectRelation's view of relation ri's id,
// type and ends, in rel, without building the whole relation first.
func (rd *reader) idView(ri int32, v *kg.RelationView, rel *kg.Relation) {
	rec := &rd.g.rels[ri]
	*rel = kg.Relation{ID: rec.id, Type: kg.RelationTypes[rec.typ], From: rd.g.ids[rec.from], To: rd.g.ids[rec.to]}
	*v = kg.RelationView{Relation: rel}
}

// entityViews are the views of entities ns, in order.
func (rd *reader) entityViews(ns []int32, sel *kg.EntitySel) ([]*kg.EntityView, error) {
	out := make([]*kg.EntityView, len(ns))
	for i, n := range ns {
		v, err := rd.entityView(n, sel)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// relationViews are the views of relations ris, in order.
func (rd *reader) relationViews(ris []int32, sel *kg.RelationSel) ([]*kg.RelationView, error) {
	out := make([]*kg.RelationView, len(ris))
	if idsOnly(sel) { // in three allocations, not two per relation
		views, rels := make([]kg.RelationView, len(ris)), make([]kg.Relation, len(ris))
		for i, ri := range ris {
			rd.idView(ri, &views[i], &rels[i])
			out[i] = &views[i]
		}
		return out, nil
	}
	for i, ri := range ris {
		v, err := rd.relationView(ri, sel)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}
