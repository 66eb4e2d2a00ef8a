package memstore

import (
	"cmp"
	"context"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// Routes are searched on the graph collapsed to entity adjacency: an
// entity leads to another when some relation the filter admits joins
// them, however many do, so parallel relations never make two routes.
// Routes are ordered by length, then by their entities' ids compared one
// by one (kg.PathQuery); ids compare as their ranks.

// Paths implements kg.Store: the least route by a two-sided breadth-first
// search, then the next ones by Yen's algorithm; each step then lists
// every relation the filter admits between its two entities.
func (s *Store) Paths(ctx context.Context, q kg.PathQuery) (*kg.PathList, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	var out *kg.PathList
	err := s.read(ctx, func(rd *reader) error {
		g := rd.g
		ends, err := g.entities(q.From, q.To)
		if err != nil {
			return err
		}
		w := g.newWalker(ctx, q.Filter)
		defer w.close()
		routes, err := w.routes(ends[0], ends[1], q.MaxHops, q.Limit)
		if err != nil {
			return err
		}
		out = &kg.PathList{Truncated: w.truncated}
		for _, r := range routes {
			p, err := rd.routeView(r, q, &w.fwd)
			if err != nil {
				return err
			}
			out.Paths = append(out.Paths, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// walker searches routes for one query.
type walker struct {
	g        *graph
	ctx      context.Context
	fwd, bwd matcher // along the filter's direction, and against it
	sc       *scratch
	budget   int // entities the search may still visit (kg.MaxVisited in all)
	ticks    int // relations read since the context was last checked
	buf      []int32

	truncated bool // the budget ran out
}

func (g *graph) newWalker(ctx context.Context, f kg.StepFilter) *walker {
	m := g.matcher(f)
	return &walker{g: g, ctx: ctx, fwd: m, bwd: m.reverse(), sc: getScratch(len(g.ents)), budget: kg.MaxVisited}
}

func (w *walker) close() { putScratch(w.sc) }

// blocked marks an entity a search may not enter.
const blocked = 255

// routes returns the limit least routes from one entity to another of at
// most maxHops steps (fewer when there are no more), by Yen's algorithm
// over the collapsed graph: each next route deviates from a route found
// at some entity (the spur), keeps the route's entities before it and
// goes on by the least route from it that avoids those entities and the
// next entities of every route found with the same beginning. Since the
// least route is least by length and then ids, and routes of one
// beginning compare as their rests, the routes come out exactly in order.
func (w *walker) routes(from, to int32, maxHops, limit int) ([][]int32, error) {
	if from == to {
		return [][]int32{{from}}, nil // the one route of no step
	}
	first, err := w.shortest(from, to, maxHops, nil, nil)
	if err != nil || first == nil {
		return nil, err
	}
	found := [][]int32{first}
	var cands [][]int32
	for len(found) < limit {
		last := found[len(found)-1]
		for i := range len(last) - 1 {
			root := last[:i+1]
			var next []int32
			for _, p := range found {
				if len(p) > i+1 && slices.Equal(p[:i+1], root) && !slices.Contains(next, p[i+1]) {
					next = append(next, p[i+1])
				}
			}
			rest, err := w.shortest(last[i], to, maxHops-i, root[:i], next)
			if err != nil {
				return nil, err
			}
			if w.truncated {
				return found, nil
			}
			if rest == nil {
				continue
			}
			cand := append(slices.Clone(root[:i]), rest...)
			if !slices.ContainsFunc(cands, func(c []int32) bool { return slices.Equal(c, cand) }) {
				cands = append(cands, cand)
			}
		}
		if len(cands) == 0 {
			break
		}
		best := 0
		for i := range cands {
			if w.g.compareRoutes(cands[i], cands[best]) < 0 {
				best = i
			}
		}
		found = append(found, cands[best])
		cands = slices.Delete(cands, best, best+1)
	}
	return found, nil
}

// compareRoutes orders routes by length, then by their entities' ids.
func (g *graph) compareRoutes(a, b []int32) int {
	if c := cmp.Compare(len(a), len(b)); c != 0 {
		return c
	}
	for i := range a {
		if c := g.compareRanks(a[i], b[i]); c != 0 {
			return c
		}
	}
	return 0
}

// shortest returns the least route from s to t (s != t) of at most
// maxHops steps that enters none of the banned entities and whose first
// step goes to none of next, or nil.
//
// A two-sided breadth-first search finds the length d: each round
// completes one more layer of the side whose layer has fewer relations to
// read, until an entity is reached from both sides. The entities on the
// routes of length d are then those at distance i from s and d-i from t:
// known from the backward side for the positions it covers, and found
// back from the forward side's last layer for the others. The least
// route walks them from s, taking the least id at each step.
func (w *walker) shortest(s, t int32, maxHops int, banned, next []int32) ([]int32, error) {
	n := len(w.g.ents)
	fw, bw, on := &w.sc.a, &w.sc.b, &w.sc.c
	fw.reset(n)
	bw.reset(n)
	on.reset(n)
	for _, x := range banned {
		fw.set(x, blocked)
		bw.set(x, blocked)
	}
	fw.set(s, 0)
	bw.set(t, 0)
	// cut reports whether the step from x to y is barred: a first step
	// to one of next.
	cut := func(x, y int32) bool { return x == s && slices.Contains(next, y) }
	layersF, layersB := [][]int32{{s}}, [][]int32{{t}}
	d := -1
	for d < 0 {
		a, b := len(layersF)-1, len(layersB)-1
		if a+b >= maxHops || len(layersF[a]) == 0 || len(layersB[b]) == 0 {
			return nil, nil
		}
		var layer []int32
		var err error
		if w.cost(layersF[a]) <= w.cost(layersB[b]) {
			layer, d, err = w.expand(layersF[a], a, &w.fwd, fw, bw, func(u, v int32) bool { return cut(u, v) })
			layersF = append(layersF, layer)
		} else {
			layer, d, err = w.expand(layersB[b], b, &w.bwd, bw, fw, func(u, v int32) bool { return cut(v, u) })
			layersB = append(layersB, layer)
		}
		if err != nil || w.truncated {
			return nil, err
		}
	}
	// on marks the entities on routes of length d at the positions up to
	// p with their position; beyond p, the backward distances say.
	p := len(layersF) - 1
	var cur []int32
	for _, x := range layersF[p] {
		if bd, ok := bw.get(x); ok && int(bd) == d-p {
			on.set(x, uint8(p))
			cur = append(cur, x)
		}
	}
	for i := p - 1; i >= 0; i-- {
		var prev []int32
		for _, v := range cur {
			w.buf = w.neighbours(v, &w.bwd, w.buf[:0])
			for _, u := range w.buf {
				if fd, ok := fw.get(u); ok && int(fd) == i && !on.has(u) && !cut(u, v) {
					on.set(u, uint8(i))
					prev = append(prev, u)
				}
			}
		}
		cur = prev
	}
	route := []int32{s}
	for i := range d {
		u, best := route[i], int32(-1)
		w.buf = w.neighbours(u, &w.fwd, w.buf[:0])
		for _, v := range w.buf {
			var ok bool
			if i+1 <= p {
				pos, has := on.get(v)
				ok = has && int(pos) == i+1
			} else {
				bd, has := bw.get(v)
				ok = has && int(bd) == d-i-1
			}
			if ok && !cut(u, v) && (best < 0 || w.g.rank[v] < w.g.rank[best]) {
				best = v
			}
		}
		route = append(route, best)
	}
	return route, w.tick()
}

// expand completes the next layer of one side of a search: the entities
// one step from its last layer (at depth d), not yet reached by it, not
// blocked, not by a barred step; and the least length of a route through
// one of them that the other side has reached (-1 when none).
func (w *walker) expand(layer []int32, d int, m *matcher, mine, theirs *marks, barred func(u, v int32) bool) ([]int32, int, error) {
	var next []int32
	meet := -1
	for _, u := range layer {
		w.buf = w.neighbours(u, m, w.buf[:0])
		for _, v := range w.buf {
			if mine.has(v) || barred(u, v) {
				continue
			}
			mine.set(v, uint8(d+1))
			next = append(next, v)
			if od, ok := theirs.get(v); ok && od != blocked && (meet < 0 || d+1+int(od) < meet) {
				meet = d + 1 + int(od)
			}
			if w.budget--; w.budget <= 0 {
				w.truncated = true
				return nil, -1, nil
			}
		}
		if err := w.tick(); err != nil {
			return nil, -1, err
		}
	}
	return next, meet, nil
}

// cost is how many relations expanding a layer reads.
func (w *walker) cost(layer []int32) int {
	c := 0
	for _, u := range layer {
		c += len(w.g.adj[u])
	}
	return c
}

// neighbours appends to buf the other ends of u's relations that m
// admits, once per relation.
func (w *walker) neighbours(u int32, m *matcher, buf []int32) []int32 {
	g := w.g
	list := g.adj[u]
	w.ticks += len(list)
	if m.typed() { // the common case, without a call per relation
		for _, ri := range list {
			r := &g.rels[ri]
			switch {
			case m.types&(1<<r.typ) == 0:
			case r.from == u:
				if m.out {
					buf = append(buf, r.to)
				}
			case m.in:
				buf = append(buf, r.from)
			}
		}
		return buf
	}
	for _, ri := range list {
		if m.match(ri, u) {
			buf = append(buf, g.other(ri, u))
		}
	}
	return buf
}

// tick returns the context's error once enough relations have been read
// since it was last checked.
func (w *walker) tick() error {
	if w.ticks < checkEvery {
		return nil
	}
	w.ticks = 0
	return ctxErr(w.ctx)
}

// routeView is the view of a route as q asks: kg.ProjectPath's, with the
// relations of each step read off the shorter adjacency list of its two
// entities (a route through a hub does not read the hub's).
func (rd *reader) routeView(route []int32, q kg.PathQuery, m *matcher) (kg.PathView, error) {
	g := rd.g
	var p kg.PathView
	for i, n := range route {
		v, err := rd.entityView(n, q.Nodes)
		if err != nil {
			return p, err
		}
		p.Nodes = append(p.Nodes, v)
		if i == 0 {
			continue
		}
		rels, err := rd.relationViews(g.between(route[i-1], n, m), q.Steps)
		if err != nil {
			return p, err
		}
		p.Steps = append(p.Steps, kg.PathStep{Relations: rels})
	}
	return p, nil
}

// between returns, by id, the relations m admits from u (seen from u)
// whose other end is v.
func (g *graph) between(u, v int32, m *matcher) []int32 {
	x, y := u, v
	if len(g.adj[v]) < len(g.adj[u]) {
		x, y = v, u
	}
	var out []int32
	for _, ri := range g.adj[x] {
		if g.other(ri, x) == y && m.match(ri, u) {
			out = append(out, ri)
		}
	}
	return out
}
