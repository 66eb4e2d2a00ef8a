package memstore

import (
	"cmp"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// reader is kg.Reader over the graph, through which kg's Project
// functions build the views of every answer: entities as stored (never
// copied: the views copy the fields selected), relations built from their
// records, steps read off the adjacency lists. It lives for one read,
// under the read lock.
type reader struct{ g *graph }

// Entity implements kg.Reader.
func (r reader) Entity(id string) *kg.Entity {
	if n, ok := r.g.entIdx[id]; ok {
		return r.g.ents[n]
	}
	return nil
}

// Relation implements kg.Reader.
func (r reader) Relation(id string) *kg.Relation {
	if ri, ok := r.g.findRelation(id); ok {
		return r.g.relation(ri)
	}
	return nil
}

// Touching implements kg.Reader.
func (r reader) Touching(id string, f kg.StepFilter, after string, limit int, count bool) ([]kg.Step, int) {
	e, ok := r.g.entIdx[id]
	if !ok {
		return nil, 0
	}
	m := r.g.matcher(f)
	return r.g.touching(e, &m, after, limit, count)
}

// touching is kg.Reader.Touching of entity e. Its adjacency is sorted by
// relation id, so the cursor is a binary search, a page stops when it is
// full, and a count under a filter of types alone comes from the
// adjacency's length.
func (g *graph) touching(e int32, m *matcher, after string, limit int, count bool) ([]kg.Step, int) {
	list := g.adj[e]
	start := 0
	if after != "" {
		start = g.searchAfter(list, after)
	}
	total, counted := 0, false
	if count || limit < 0 {
		total, counted = m.count(e)
	}
	var steps []kg.Step
	switch {
	case limit >= 0:
		steps = make([]kg.Step, 0, min(limit, len(list)-start))
	case counted:
		steps = make([]kg.Step, 0, total)
	}
	j := start
	for ; j < len(list) && (limit < 0 || len(steps) < limit); j++ {
		if ri := list[j]; m.match(ri, e) {
			steps = append(steps, g.step(ri, e))
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
func (g *graph) entityView(n int32, sel *kg.EntitySel) (*kg.EntityView, error) {
	return kg.ProjectEntity(reader{g}, g.ids[n], sel)
}

// relationView is the view of relation ri as sel asks.
func (g *graph) relationView(ri int32, sel *kg.RelationSel) (*kg.RelationView, error) {
	return kg.ProjectRelation(reader{g}, g.relation(ri), sel)
}

// entityViews are the views of entities ns, in order.
func (g *graph) entityViews(ns []int32, sel *kg.EntitySel) ([]*kg.EntityView, error) {
	out := make([]*kg.EntityView, len(ns))
	for i, n := range ns {
		v, err := g.entityView(n, sel)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// relationViews are the views of relations ris, in order.
func (g *graph) relationViews(ris []int32, sel *kg.RelationSel) ([]*kg.RelationView, error) {
	out := make([]*kg.RelationView, len(ris))
	for i, ri := range ris {
		v, err := g.relationView(ri, sel)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}
