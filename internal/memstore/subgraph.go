package memstore

import (
	"context"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Neighborhood implements kg.Store: the centres, then hop by hop the new
// entities one step from the last hop's (by id) until the limit, and the
// relations among them all (the induced subgraph).
func (s *Store) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	var out *kg.Subgraph
	err := s.read(ctx, func(rd *reader) error {
		g := rd.g
		centres, err := g.entities(q.IDs...)
		if err != nil {
			return err
		}
		w := g.newWalker(ctx, q.Filter)
		defer w.close()
		in := &w.sc.a // 1: in the subgraph; 2: reached in this hop
		nodes := g.byRank(centres)
		truncated := len(nodes) > q.Limit
		nodes = nodes[:min(len(nodes), q.Limit)]
		for _, n := range nodes {
			in.set(n, 1)
		}
		hop := nodes
		for range q.Hops {
			if len(hop) == 0 || truncated {
				break
			}
			var reached []int32
			for _, u := range hop {
				w.buf = w.neighbours(u, &w.fwd, w.buf[:0])
				for _, v := range w.buf {
					if !in.has(v) {
						in.set(v, 2)
						reached = append(reached, v)
					}
				}
				if err := w.tick(); err != nil {
					return err
				}
			}
			reached = g.byRank(reached)
			if room := q.Limit - len(nodes); len(reached) > room {
				reached, truncated = reached[:room], true
			}
			for _, n := range reached {
				in.set(n, 1)
			}
			nodes = append(nodes, reached...)
			hop = reached
		}
		facts := w.fwd.both()
		var edges []int32
		var runs [][2]int // the edges from each entity, in id order
		for _, u := range nodes {
			start := len(edges)
			for _, ri := range g.adj[u] {
				// Each relation once, from its From end.
				if r := &g.rels[ri]; r.from == u {
					if v, ok := in.get(r.to); ok && v == 1 && facts.fact(r) {
						edges = append(edges, ri)
					}
				}
			}
			if len(edges) > start {
				runs = append(runs, [2]int{start, len(edges)})
			}
			w.ticks += len(g.adj[u])
			if err := w.tick(); err != nil {
				return err
			}
		}
		edges, cut := g.firstRelations(g.mergeRuns(edges, runs), q.MaxEdges())
		out, err = rd.subgraph(nodes, edges, truncated || cut, q.Nodes, q.Edges)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// mergeRuns orders relations that come in runs, each run the relations
// from one entity in id order. All the ids of a run begin with its
// entity's id and ">", which no entity id holds, so runs never
// interleave: ordering the runs by their first ids orders them all.
func (g *graph) mergeRuns(rels []int32, runs [][2]int) []int32 {
	slices.SortFunc(runs, func(a, b [2]int) int { return strings.Compare(g.rels[rels[a[0]]].id, g.rels[rels[b[0]]].id) })
	out := make([]int32, 0, len(rels))
	for _, run := range runs {
		out = append(out, rels[run[0]:run[1]]...)
	}
	return out
}

// firstRelations keeps the first max of relations in id order, saying
// whether it dropped some.
func (g *graph) firstRelations(rels []int32, max int) ([]int32, bool) {
	if len(rels) > max {
		return rels[:max], true
	}
	return rels, false
}

// subgraph is the view of the entities and relations as the selections
// ask: kg.ProjectSubgraph's, from entity and relation numbers.
func (rd *reader) subgraph(nodes, edges []int32, truncated bool, ns *kg.EntitySel, es *kg.RelationSel) (*kg.Subgraph, error) {
	nv, err := rd.entityViews(nodes, ns)
	if err != nil {
		return nil, err
	}
	ev, err := rd.relationViews(edges, es)
	if err != nil {
		return nil, err
	}
	return &kg.Subgraph{Nodes: nv, Edges: ev, Truncated: truncated}, nil
}

// Expand implements kg.Store: the entities one step from IDs that the
// drawing lacks, the relations between them and the drawing, and the
// degrees of the new and the expanded entities.
func (s *Store) Expand(ctx context.Context, q kg.ExpandQuery) (*kg.Expansion, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	var out *kg.Expansion
	err := s.read(ctx, func(rd *reader) error {
		g := rd.g
		ids, err := g.entities(q.IDs...)
		if err != nil {
			return err
		}
		ids = g.byRank(ids)
		w := g.newWalker(ctx, q.Filter)
		defer w.close()
		drawn := &w.sc.a // 1: known or expanded; 2: new; 3: reached, beyond the limit
		for _, id := range q.Known {
			if n, ok := g.entityNum(id); ok {
				drawn.set(n, 1)
			}
		}
		for _, n := range ids {
			drawn.set(n, 1)
		}
		var reached []int32
		for _, u := range ids {
			w.buf = w.neighbours(u, &w.fwd, w.buf[:0])
			for _, v := range w.buf {
				if !drawn.has(v) {
					drawn.set(v, 3)
					reached = append(reached, v)
				}
			}
			if err := w.tick(); err != nil {
				return err
			}
		}
		reached = g.byRank(reached)
		out = &kg.Expansion{Truncated: len(reached) > q.Limit}
		reached = reached[:min(len(reached), q.Limit)]
		for _, n := range reached {
			drawn.set(n, 2)
		}
		inDrawing := func(n int32) bool { v, ok := drawn.get(n); return ok && v != 3 }
		facts := w.fwd.both()
		var edges []int32
		degree := func(n int32) (all, hidden int) {
			for _, ri := range g.adj[n] {
				r := &g.rels[ri]
				if !facts.fact(r) {
					continue
				}
				all++
				if !inDrawing(g.other(ri, n)) {
					hidden++
				}
			}
			w.ticks += len(g.adj[n])
			return all, hidden
		}
		for _, n := range reached {
			for _, ri := range g.adj[n] {
				o := g.other(ri, n)
				// A relation between two new entities once, from its From end.
				if v, ok := drawn.get(o); ok && (v == 1 || v == 2 && g.rels[ri].from == n) && facts.fact(&g.rels[ri]) {
					edges = append(edges, ri)
				}
			}
		}
		slices.SortFunc(edges, g.compareRels)
		var cut bool
		edges, cut = g.firstRelations(edges, q.MaxEdges())
		out.Truncated = out.Truncated || cut
		drawnNodes := func(ns []int32) ([]kg.DrawnNode, error) {
			out := make([]kg.DrawnNode, len(ns))
			for i, n := range ns {
				v, err := rd.entityView(n, q.Nodes)
				if err != nil {
					return nil, err
				}
				out[i].Node = v
				out[i].Degree, out[i].HiddenDegree = degree(n)
				if err := w.tick(); err != nil {
					return nil, err
				}
			}
			return out, nil
		}
		if out.Nodes, err = drawnNodes(reached); err != nil {
			return err
		}
		if out.Expanded, err = drawnNodes(ids); err != nil {
			return err
		}
		out.Edges, err = rd.relationViews(edges, q.Edges)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// CommonNeighbors implements kg.Store.
func (s *Store) CommonNeighbors(ctx context.Context, q kg.CommonNeighborsQuery) (*kg.CommonNeighbors, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	var out *kg.CommonNeighbors
	err := s.read(ctx, func(rd *reader) error {
		g := rd.g
		ends, err := g.entities(q.A, q.B)
		if err != nil {
			return err
		}
		a, b := ends[0], ends[1]
		w := g.newWalker(ctx, q.Filter)
		defer w.close()
		ofA := &w.sc.a // 1: a neighbour of A; 2: of both, taken
		for _, v := range w.neighbours(a, &w.fwd, nil) {
			ofA.set(v, 1)
		}
		var common []int32
		for _, v := range w.neighbours(b, &w.fwd, nil) {
			if x, ok := ofA.get(v); ok && x == 1 && v != a && v != b {
				ofA.set(v, 2)
				common = append(common, v)
			}
		}
		common = g.byRank(common)
		out = &kg.CommonNeighbors{Truncated: len(common) > q.First}
		common = common[:min(len(common), q.First)]
		if out.Nodes, err = rd.entityViews(common, q.Nodes); err != nil || q.Joins == nil {
			return err
		}
		m := g.matcher(q.Filter)
		for _, c := range common {
			var j kg.CommonJoins
			var moreA, moreB bool
			if j.ToA, moreA, err = rd.joins(&m, a, c, q.Joins); err != nil {
				return err
			}
			if j.ToB, moreB, err = rd.joins(&m, b, c, q.Joins); err != nil {
				return err
			}
			j.Truncated = moreA || moreB
			out.Joins = append(out.Joins, j)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// joins are the relations of e that m admits and whose other end is c,
// by id (e's adjacency is in id order), at most kg.MaxJoins; more when
// there were others.
func (rd *reader) joins(m *matcher, e, c int32, sel *kg.RelationSel) ([]*kg.RelationView, bool, error) {
	g := rd.g
	views := []*kg.RelationView{}
	for _, ri := range g.adj[e] {
		if g.other(ri, e) != c || !m.match(ri, e) {
			continue
		}
		if len(views) == kg.MaxJoins {
			return views, true, nil
		}
		v, err := rd.relationView(ri, sel)
		if err != nil {
			return nil, false, err
		}
		views = append(views, v)
	}
	return views, false, nil
}
