package storetest

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// ErrCannotEnumerate is the Reference's answer to a path query with more
// simple paths than it will enumerate: the suite then compares the
// stores with each other, not with it.
var ErrCannotEnumerate = errors.New("storetest: too many simple paths for the reference to enumerate")

// DefaultMaxPathSteps is the number of relations one path enumeration of
// the Reference may follow: enough for the graphs of the suite, and a
// few seconds at most.
const DefaultMaxPathSteps = 3_000_000

// route is a sequence of distinct entities and, for each step, the
// relations that join one to the next.
type route struct {
	nodes []string
	steps [][]string // relation ids, by id
}

// compareRoutes is the order of routes: length, then entity ids one by
// one.
func compareRoutes(a, b route) int {
	if d := len(a.nodes) - len(b.nodes); d != 0 {
		return d
	}
	return slices.Compare(a.nodes, b.nodes)
}

// Paths implements kg.Store: every simple path from From of at most
// MaxHops relations the filter admits is enumerated, depth first,
// relation by relation; those that end at To are grouped by their
// sequence of entities into routes, whose steps collect the relations of
// every path of the group; the routes are sorted and the first Limit
// kept.
func (r *Reference) Paths(ctx context.Context, q kg.PathQuery) (*kg.PathList, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if err := begin(ctx); err != nil {
		return nil, err
	}
	if err := r.notFound(q.From, q.To); err != nil {
		return nil, err
	}
	routes, err := r.allRoutes(q)
	if err != nil {
		return nil, err
	}
	list := &kg.PathList{}
	for _, rt := range routes[:min(len(routes), q.Limit)] {
		p, err := r.projectRoute(rt, q)
		if err != nil {
			return nil, err
		}
		list.Paths = append(list.Paths, p)
	}
	return list, nil
}

// allRoutes returns every route of q, in order, whatever its Limit; or
// ErrCannotEnumerate.
func (r *Reference) allRoutes(q kg.PathQuery) ([]route, error) {
	budget := r.MaxPathSteps
	if budget == 0 {
		budget = DefaultMaxPathSteps
	}
	groups := map[string]*route{}
	var order []string
	nodes, rels := []string{q.From}, []string(nil)
	onPath := map[string]bool{q.From: true}
	var walk func(at string) error
	walk = func(at string) error {
		if at == q.To {
			key := strings.Join(nodes, "\x00")
			g := groups[key]
			if g == nil {
				g = &route{nodes: slices.Clone(nodes), steps: make([][]string, len(rels))}
				groups[key] = g
				order = append(order, key)
			}
			for i, id := range rels {
				if !slices.Contains(g.steps[i], id) {
					g.steps[i] = append(g.steps[i], id)
				}
			}
			return nil // a simple path that goes on cannot come back to To
		}
		if len(rels) == q.MaxHops {
			return nil
		}
		for _, rel := range r.touching[at] {
			if !admits(q.Filter, rel, at) || onPath[other(rel, at)] {
				continue
			}
			if budget--; budget < 0 {
				return ErrCannotEnumerate
			}
			next := other(rel, at)
			nodes, rels, onPath[next] = append(nodes, next), append(rels, rel.ID), true
			err := walk(next)
			nodes, rels, onPath[next] = nodes[:len(nodes)-1], rels[:len(rels)-1], false
			if err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(q.From); err != nil {
		return nil, err
	}
	out := make([]route, 0, len(order))
	for _, key := range order {
		g := groups[key]
		for _, s := range g.steps {
			slices.Sort(s)
		}
		out = append(out, *g)
	}
	slices.SortFunc(out, compareRoutes)
	return out, nil
}

// projectRoute is the view of a route as q selects.
func (r *Reference) projectRoute(rt route, q kg.PathQuery) (kg.PathView, error) {
	var p kg.PathView
	for _, id := range rt.nodes {
		v, err := kg.ProjectEntity(r, id, q.Nodes)
		if err != nil {
			return p, err
		}
		p.Nodes = append(p.Nodes, v)
	}
	for _, ids := range rt.steps {
		var s kg.PathStep
		for _, id := range ids {
			v, err := kg.ProjectRelation(r, r.relation[id], q.Steps)
			if err != nil {
				return p, err
			}
			s.Relations = append(s.Relations, v)
		}
		p.Steps = append(p.Steps, s)
	}
	return p, nil
}

// others returns the distinct entities at the other end of the relations
// of id that f admits, by id.
func (r *Reference) others(id string, f kg.StepFilter) []string {
	var out []string
	for _, rel := range r.touching[id] {
		if admits(f, rel, id) {
			out = append(out, other(rel, id))
		}
	}
	return sortedSet(out)
}

// Neighborhood implements kg.Store: the centres by id, then hop by hop
// the new other ends by id until the limit; then every admitted relation
// between two of them, by a scan of all relations.
func (r *Reference) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if err := begin(ctx); err != nil {
		return nil, err
	}
	if err := r.notFound(q.IDs...); err != nil {
		return nil, err
	}
	nodes, truncated := sortedSet(q.IDs), false
	if len(nodes) > q.Limit {
		nodes, truncated = nodes[:q.Limit], true
	}
	in := map[string]bool{}
	for _, id := range nodes {
		in[id] = true
	}
	frontier := nodes
	for hop := 0; hop < q.Hops && !truncated; hop++ {
		var next []string
		for _, id := range frontier {
			for _, o := range r.others(id, q.Filter) {
				if !in[o] {
					next = append(next, o)
				}
			}
		}
		next = sortedSet(next)
		if room := q.Limit - len(nodes); len(next) > room {
			next, truncated = next[:room], true
		}
		for _, id := range next {
			in[id] = true
		}
		nodes, frontier = append(nodes, next...), next
	}
	var edges []string
	for _, rel := range r.relations {
		if in[rel.From] && in[rel.To] && admitsFact(q.Filter, rel) {
			edges = append(edges, rel.ID)
		}
	}
	if len(edges) > q.MaxEdges() {
		edges, truncated = edges[:q.MaxEdges()], true
	}
	return kg.ProjectSubgraph(r, nodes, edges, truncated, q.Nodes, q.Edges)
}

// Expand implements kg.Store: the other ends of IDs outside the drawing,
// by id, up to the limit; the admitted relations between a new entity
// and the drawing; the degrees counted by a scan of each entity's
// relations.
func (r *Reference) Expand(ctx context.Context, q kg.ExpandQuery) (*kg.Expansion, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if err := begin(ctx); err != nil {
		return nil, err
	}
	if err := r.notFound(q.IDs...); err != nil {
		return nil, err
	}
	ids := sortedSet(q.IDs)
	drawn := map[string]bool{}
	for _, id := range append(slices.Clone(q.Known), ids...) {
		drawn[id] = true
	}
	var fresh []string
	for _, id := range ids {
		for _, o := range r.others(id, q.Filter) {
			if !drawn[o] {
				fresh = append(fresh, o)
			}
		}
	}
	fresh = sortedSet(fresh)
	x := &kg.Expansion{}
	if len(fresh) > q.Limit {
		fresh, x.Truncated = fresh[:q.Limit], true
	}
	isNew := map[string]bool{}
	for _, id := range fresh {
		isNew[id], drawn[id] = true, true
	}
	var edges []string
	for _, rel := range r.relations {
		if (isNew[rel.From] && drawn[rel.To] || isNew[rel.To] && drawn[rel.From]) && admitsFact(q.Filter, rel) {
			edges = append(edges, rel.ID)
		}
	}
	if len(edges) > q.MaxEdges() {
		edges, x.Truncated = edges[:q.MaxEdges()], true
	}
	drawnNode := func(id string) (kg.DrawnNode, error) {
		v, err := kg.ProjectEntity(r, id, q.Nodes)
		n := kg.DrawnNode{Node: v}
		for _, rel := range r.touching[id] {
			if admitsFact(q.Filter, rel) {
				n.Degree++
				if !drawn[other(rel, id)] {
					n.HiddenDegree++
				}
			}
		}
		return n, err
	}
	for _, id := range fresh {
		n, err := drawnNode(id)
		if err != nil {
			return nil, err
		}
		x.Nodes = append(x.Nodes, n)
	}
	for _, id := range edges {
		v, err := kg.ProjectRelation(r, r.relation[id], q.Edges)
		if err != nil {
			return nil, err
		}
		x.Edges = append(x.Edges, v)
	}
	for _, id := range ids {
		n, err := drawnNode(id)
		if err != nil {
			return nil, err
		}
		x.Expanded = append(x.Expanded, n)
	}
	return x, nil
}

// CommonNeighbors implements kg.Store: the other ends of A that are
// other ends of B, A and B aside, by id.
func (r *Reference) CommonNeighbors(ctx context.Context, q kg.CommonNeighborsQuery) (*kg.CommonNeighbors, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if err := begin(ctx); err != nil {
		return nil, err
	}
	if err := r.notFound(q.A, q.B); err != nil {
		return nil, err
	}
	ofB := r.others(q.B, q.Filter)
	var both []string
	for _, id := range r.others(q.A, q.Filter) {
		if slices.Contains(ofB, id) && id != q.A && id != q.B {
			both = append(both, id)
		}
	}
	out := &kg.CommonNeighbors{}
	if len(both) > q.First {
		both, out.Truncated = both[:q.First], true
	}
	for _, id := range both {
		v, err := kg.ProjectEntity(r, id, q.Nodes)
		if err != nil {
			return nil, err
		}
		out.Nodes = append(out.Nodes, v)
		if q.Joins == nil {
			continue
		}
		var j kg.CommonJoins
		for side, end := range []string{q.A, q.B} {
			var rels []*kg.Relation // r.relations are in id order
			for _, rel := range r.relations {
				if admits(q.Filter, rel, end) && (rel.From == end && rel.To == id || rel.To == end && rel.From == id) {
					rels = append(rels, rel)
				}
			}
			if len(rels) > kg.MaxJoins {
				rels, j.Truncated = rels[:kg.MaxJoins], true
			}
			views := []*kg.RelationView{}
			for _, rel := range rels {
				rv, err := kg.ProjectRelation(r, rel, q.Joins)
				if err != nil {
					return nil, err
				}
				views = append(views, rv)
			}
			if side == 0 {
				j.ToA = views
			} else {
				j.ToB = views
			}
		}
		out.Joins = append(out.Joins, j)
	}
	return out, nil
}
