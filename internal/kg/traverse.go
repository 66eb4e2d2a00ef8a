package kg

import (
	"context"
	"slices"
)

// The traversals below are written once, over Store.Expand, so that both
// stores give the same paths and subgraphs: ties are always broken by id
// (frontiers are expanded in id order and Expand orders steps by relation
// id). Each frontier is one Expand call, so a traversal costs one round
// trip per hop, and an expander cache spares repeated ones.

// Path is a walk from one entity to another: Nodes has one more element
// than Relations, and Relations[i] joins Nodes[i] and Nodes[i+1].
type Path struct {
	Nodes     []string
	Relations []string
}

// Length is the number of relations of the path.
func (p Path) Length() int { return len(p.Relations) }

// PathQuery asks for paths between two entities.
type PathQuery struct {
	From, To string
	MaxHops  int
	Filter   StepFilter
	Limit    int // Paths only
}

// expander caches the steps of each entity for one request.
type expander struct {
	store Store
	f     StepFilter
	steps map[string][]Step
}

func newExpander(s Store, f StepFilter) *expander {
	return &expander{store: s, f: f, steps: map[string][]Step{}}
}

// expand returns the steps of each id, asking the store only for ids it has
// not seen: one round trip at most.
func (x *expander) expand(ctx context.Context, ids []string) (map[string][]Step, error) {
	var missing []string
	for _, id := range ids {
		if _, ok := x.steps[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		got, err := x.store.Expand(ctx, missing, x.f)
		if err != nil {
			return nil, err
		}
		for i, id := range missing {
			x.steps[id] = got[i]
		}
	}
	out := make(map[string][]Step, len(ids))
	for _, id := range ids {
		out[id] = x.steps[id]
	}
	return out, nil
}

// requireEntities returns ENOTFOUND for the first id that names nothing:
// a path from nowhere is an error, not an empty answer.
func requireEntities(ctx context.Context, s Store, ids ...string) error {
	found, err := s.EntitiesByID(ctx, ids)
	if err != nil {
		return err
	}
	for i, e := range found {
		if e == nil {
			return Errorf(ENOTFOUND, "no entity has id %q", ids[i])
		}
	}
	return nil
}

func checkPathQuery(q PathQuery) error {
	if err := CheckRange("maxHops", q.MaxHops, 1, MaxHops); err != nil {
		return err
	}
	return checkFilter(q.Filter)
}

func checkFilter(f StepFilter) error {
	switch f.Direction {
	case Out, In, Both:
	default:
		return Errorf(EINVALID, "direction must be OUT, IN or BOTH")
	}
	for _, t := range f.Types {
		if !t.Valid() {
			return Errorf(EINVALID, "unknown relation type %q", t)
		}
	}
	if f.Window.Since != "" && f.Window.Until != "" && f.Window.Until < f.Window.Since {
		return Errorf(EINVALID, "until %s is before since %s", f.Window.Until, f.Window.Since)
	}
	return nil
}

// ShortestPath returns the shortest path from q.From to q.To of at most
// q.MaxHops relations that the filter admits, or nil when there is none.
// Among paths of equal length it returns the one through the meeting
// entity of least id, each half found by expanding entities in id order
// and relations in id order. truncated is true when the search stopped at
// MaxVisited entities before finding a path.
func ShortestPath(ctx context.Context, s Store, q PathQuery) (path *Path, truncated bool, err error) {
	if err := checkPathQuery(q); err != nil {
		return nil, false, err
	}
	if err := requireEntities(ctx, s, q.From, q.To); err != nil {
		return nil, false, err
	}
	fwd, bwd := newExpanders(s, q.Filter)
	return shortest(ctx, fwd, bwd, q.From, q.To, q.MaxHops, nil, nil)
}

// newExpanders returns the expanders of a two-sided search: forward from
// the start along the filter's direction, backward from the end against
// it (one and the same when the direction is BOTH).
func newExpanders(s Store, f StepFilter) (fwd, bwd *expander) {
	fwd = newExpander(s, f)
	if f.Direction == Both {
		return fwd, fwd
	}
	back := f
	back.Direction = map[Direction]Direction{Out: In, In: Out}[f.Direction]
	return fwd, newExpander(s, back)
}

type hop struct{ prev, relation string }

// searchSide is one side of a two-sided breadth-first search.
type searchSide struct {
	x        *expander
	parent   map[string]hop // how each entity was reached from this side's root
	depth    map[string]int
	frontier []string // the entities at depth d, in id order
	d        int
}

func newSide(x *expander, root string) *searchSide {
	return &searchSide{x: x, parent: map[string]hop{root: {}}, depth: map[string]int{root: 0}, frontier: []string{root}}
}

// shortest is a two-sided breadth-first search that skips the banned
// entities and relations (Yen's algorithm bans some). Each round expands
// the smaller frontier by one hop (one round trip) and completes the hop
// before choosing among the meetings it found, so the path is shortest.
// Near hubs this visits far fewer entities than a one-sided search.
func shortest(ctx context.Context, fwd, bwd *expander, from, to string, maxHops int, bannedNodes, bannedRels map[string]bool) (*Path, bool, error) {
	if from == to {
		return &Path{Nodes: []string{from}}, false, nil
	}
	a, b := newSide(fwd, from), newSide(bwd, to)
	for a.d+b.d < maxHops && len(a.frontier) > 0 && len(b.frontier) > 0 {
		side, other := a, b
		if len(b.frontier) < len(a.frontier) {
			side, other = b, a
		}
		steps, err := side.x.expand(ctx, side.frontier)
		if err != nil {
			return nil, false, err
		}
		var next []string
		best, meet := 0, ""
		for _, id := range side.frontier {
			for _, st := range steps[id] {
				if _, seen := side.parent[st.Other]; seen || bannedNodes[st.Other] || bannedRels[st.RelationID] {
					continue
				}
				side.parent[st.Other] = hop{prev: id, relation: st.RelationID}
				side.depth[st.Other] = side.d + 1
				next = append(next, st.Other)
				if od, ok := other.depth[st.Other]; ok {
					total := side.d + 1 + od
					if total <= maxHops && (meet == "" || total < best || total == best && st.Other < meet) {
						best, meet = total, st.Other
					}
				}
				if len(a.parent)+len(b.parent) >= MaxVisited && meet == "" {
					return nil, true, nil
				}
			}
		}
		if meet != "" {
			return join(a, b, meet), false, nil
		}
		slices.Sort(next)
		side.frontier, side.d = next, side.d+1
	}
	return nil, false, nil
}

// join is the path from a's root to meet, then from meet to b's root.
func join(a, b *searchSide, meet string) *Path {
	p := &Path{Nodes: []string{meet}}
	for at := meet; a.parent[at].prev != ""; at = a.parent[at].prev {
		p.Nodes = append(p.Nodes, a.parent[at].prev)
		p.Relations = append(p.Relations, a.parent[at].relation)
	}
	slices.Reverse(p.Nodes)
	slices.Reverse(p.Relations)
	for at := meet; b.parent[at].prev != ""; at = b.parent[at].prev {
		p.Nodes = append(p.Nodes, b.parent[at].prev)
		p.Relations = append(p.Relations, b.parent[at].relation)
	}
	return p
}

// Paths returns up to q.Limit shortest simple paths from q.From to q.To,
// shortest first (Yen's algorithm; ties in the order of their entity and
// relation ids). truncated is true when a search stopped at MaxVisited.
func Paths(ctx context.Context, s Store, q PathQuery) (paths []Path, truncated bool, err error) {
	if err := checkPathQuery(q); err != nil {
		return nil, false, err
	}
	if err := CheckRange("limit", q.Limit, 1, MaxPaths); err != nil {
		return nil, false, err
	}
	if err := requireEntities(ctx, s, q.From, q.To); err != nil {
		return nil, false, err
	}
	fwd, bwd := newExpanders(s, q.Filter)
	first, cut, err := shortest(ctx, fwd, bwd, q.From, q.To, q.MaxHops, nil, nil)
	if err != nil || first == nil {
		return nil, cut, err
	}
	found := []Path{*first}
	var candidates []Path
	for len(found) < q.Limit {
		last := found[len(found)-1]
		for i := 0; i < last.Length(); i++ {
			spur, rootNodes, rootRels := last.Nodes[i], last.Nodes[:i+1], last.Relations[:i]
			bannedRels := map[string]bool{}
			for _, p := range found {
				if p.Length() > i && slices.Equal(p.Nodes[:i+1], rootNodes) {
					bannedRels[p.Relations[i]] = true
				}
			}
			bannedNodes := map[string]bool{}
			for _, n := range rootNodes[:i] {
				bannedNodes[n] = true
			}
			tail, c, err := shortest(ctx, fwd, bwd, spur, q.To, q.MaxHops-i, bannedNodes, bannedRels)
			if err != nil {
				return nil, false, err
			}
			truncated = truncated || c
			if tail == nil {
				continue
			}
			p := Path{
				Nodes:     append(slices.Clone(rootNodes[:i]), tail.Nodes...),
				Relations: append(slices.Clone(rootRels), tail.Relations...),
			}
			if !containsPath(found, p) && !containsPath(candidates, p) {
				candidates = append(candidates, p)
			}
		}
		if len(candidates) == 0 {
			break
		}
		slices.SortFunc(candidates, comparePaths)
		found, candidates = append(found, candidates[0]), candidates[1:]
	}
	return found, truncated, nil
}

func containsPath(list []Path, p Path) bool {
	return slices.ContainsFunc(list, func(q Path) bool { return slices.Equal(q.Relations, p.Relations) && slices.Equal(q.Nodes, p.Nodes) })
}

// comparePaths orders paths by length, then by their entity ids, then by
// their relation ids.
func comparePaths(a, b Path) int {
	if a.Length() != b.Length() {
		return a.Length() - b.Length()
	}
	if c := slices.Compare(a.Nodes, b.Nodes); c != 0 {
		return c
	}
	return slices.Compare(a.Relations, b.Relations)
}

// NeighborhoodQuery asks for the subgraph around some entities.
type NeighborhoodQuery struct {
	IDs    []string
	Hops   int
	Filter StepFilter
	Limit  int // entities
}

// Subgraph is a set of entities and the relations between them, ready to
// draw: ids only, deduplicated, the entities in breadth-first order (by id
// within a hop) and the relations in id order.
type Subgraph struct {
	Nodes     []string
	Edges     []string
	Truncated bool // a cap (Limit or MaxSubgraphEdges) cut it
}

// Neighborhood returns the entities within q.Hops of q.IDs, at most
// q.Limit of them, and the relations the traversal followed between
// them.
func Neighborhood(ctx context.Context, s Store, q NeighborhoodQuery) (*Subgraph, error) {
	if err := CheckRange("hops", q.Hops, 0, MaxHops); err != nil {
		return nil, err
	}
	if err := CheckRange("limit", q.Limit, 1, MaxSubgraphNodes); err != nil {
		return nil, err
	}
	if err := CheckRange("number of ids", len(q.IDs), 1, MaxIDs); err != nil {
		return nil, err
	}
	if err := checkFilter(q.Filter); err != nil {
		return nil, err
	}
	if err := requireEntities(ctx, s, q.IDs...); err != nil {
		return nil, err
	}
	g := &Subgraph{}
	in := map[string]bool{}
	frontier := slices.Clone(q.IDs)
	slices.Sort(frontier)
	frontier = slices.Compact(frontier)
	for _, id := range frontier {
		if len(g.Nodes) == q.Limit {
			g.Truncated = true
			break
		}
		in[id] = true
		g.Nodes = append(g.Nodes, id)
	}
	frontier = g.Nodes
	x := newExpander(s, q.Filter)
	edges := map[string]bool{}
	for hop := 0; hop < q.Hops && len(frontier) > 0; hop++ {
		steps, err := x.expand(ctx, frontier)
		if err != nil {
			return nil, err
		}
		var next []string
		queued := map[string]bool{} // not slices.Contains: next reaches 10^5 near hubs
		for _, id := range frontier {
			for _, st := range steps[id] {
				if !in[st.Other] && !queued[st.Other] {
					queued[st.Other] = true
					next = append(next, st.Other)
				}
			}
		}
		slices.Sort(next)
		for _, id := range next {
			if len(g.Nodes) == q.Limit {
				g.Truncated = true
				break
			}
			in[id] = true
			g.Nodes = append(g.Nodes, id)
		}
		for _, id := range frontier {
			for _, st := range steps[id] {
				if in[st.Other] {
					edges[st.RelationID] = true
				}
			}
		}
		frontier = g.Nodes[len(g.Nodes)-countNew(next, in):]
	}
	for id := range edges {
		g.Edges = append(g.Edges, id)
	}
	slices.Sort(g.Edges)
	if len(g.Edges) > MaxSubgraphEdges {
		g.Edges, g.Truncated = g.Edges[:MaxSubgraphEdges], true
	}
	return g, nil
}

// countNew is how many of next made it into the subgraph: the tail of its
// node list, which is the next frontier.
func countNew(next []string, in map[string]bool) int {
	n := 0
	for _, id := range next {
		if in[id] {
			n++
		}
	}
	return n
}

// CommonNeighbors returns the entities joined to both a and b by a
// relation the filter admits, in id order, at most limit of them;
// truncated when there were more.
func CommonNeighbors(ctx context.Context, s Store, a, b string, f StepFilter, limit int) (ids []string, truncated bool, err error) {
	if err := CheckRange("first", limit, 1, MaxFirst); err != nil {
		return nil, false, err
	}
	if err := checkFilter(f); err != nil {
		return nil, false, err
	}
	if err := requireEntities(ctx, s, a, b); err != nil {
		return nil, false, err
	}
	steps, err := s.Expand(ctx, []string{a, b}, f)
	if err != nil {
		return nil, false, err
	}
	ofA := map[string]bool{}
	for _, st := range steps[0] {
		ofA[st.Other] = true
	}
	for _, st := range steps[1] {
		if ofA[st.Other] && st.Other != a && st.Other != b {
			delete(ofA, st.Other) // once each, without a quadratic search of ids
			ids = append(ids, st.Other)
		}
	}
	slices.Sort(ids)
	if len(ids) > limit {
		return ids[:limit], true, nil
	}
	return ids, false, nil
}

// Neighbors returns one page of the distinct entities at the other end of
// id's relations that the filter admits, ordered by id, with whether more
// follow and how many there are in all. f.After is a cursor of one id.
func Neighbors(ctx context.Context, s Store, id string, f RelationFilter) (ids []string, hasNext bool, total int, err error) {
	if err := checkFilter(f.StepFilter); err != nil {
		return nil, false, 0, err
	}
	after := ""
	if f.After != "" {
		key, err := DecodeCursor(f.After, 1)
		if err != nil {
			return nil, false, 0, err
		}
		after = key[0]
	}
	steps, err := s.Expand(ctx, []string{id}, f.StepFilter)
	if err != nil {
		return nil, false, 0, err
	}
	var all []string
	for _, st := range steps[0] {
		all = append(all, st.Other)
	}
	slices.Sort(all)
	all = slices.Compact(all)
	for _, other := range all {
		if other > after {
			ids = append(ids, other)
		}
	}
	if len(ids) > f.First {
		return ids[:f.First], true, len(all), nil
	}
	return ids, false, len(all), nil
}
