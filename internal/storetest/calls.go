package storetest

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Call is one read of a store: a kg.Store method or a traversal over one.
type Call struct {
	Name string
	Do   func(ctx context.Context, s kg.Store) (any, error)
}

// Results of the traversals, which return more than one value.
type (
	PathResult struct {
		Path      *kg.Path
		Truncated bool
	}
	PathsResult struct {
		Paths     []kg.Path
		Truncated bool
	}
	NeighborsResult struct {
		IDs       []string
		Truncated bool
	}
)

// Calls returns perKind random calls of every method and traversal on g,
// chosen by seed: ids of entities, hubs and unknown ids, every direction,
// type subsets, time windows, documents, page sizes and cursors taken
// from g, search texts made of names with typos, and arguments that must
// be refused.
func Calls(g *kg.Graph, seed uint64, perKind int) []Call {
	c := newCaller(g, seed)
	makers := []struct {
		name string
		make func() func(context.Context, kg.Store) (any, error)
	}{
		{"EntitiesByID", c.entitiesByID},
		{"RelationsByID", c.relationsByID},
		{"RelationsOf", c.relationsOf},
		{"FindRelations", c.findRelations},
		{"FindEntities", c.findEntities},
		{"Expand", c.expand},
		{"Stats", c.stats},
		{"Search", c.search},
		{"ShortestPath", c.shortestPath},
		{"Paths", c.paths},
		{"Neighborhood", c.neighborhood},
		{"CommonNeighbors", c.commonNeighbors},
	}
	var calls []Call
	for _, m := range makers {
		for i := range perKind {
			c.desc = ""
			do := m.make()
			calls = append(calls, Call{Name: fmt.Sprintf("%s#%d%s", m.name, i, c.desc), Do: do})
		}
	}
	return calls
}

type caller struct {
	g        *kg.Graph
	r        *rand.Rand
	ref      *Reference
	ids      []string
	hubs     []string
	docs     []string
	rels     []string
	relsOf   map[string][]string // relation ids by entity
	neighbor map[string][]string
	types    []kg.RelationType
	desc     string // said of the call by its maker, for failure messages
}

func newCaller(g *kg.Graph, seed uint64) *caller {
	c := &caller{g: g, r: rand.New(rand.NewPCG(seed, 0x5eed)), ref: NewReference(g),
		relsOf: map[string][]string{}, neighbor: map[string][]string{}}
	for _, e := range g.Entities {
		c.ids = append(c.ids, e.ID)
		if e.Kind == kg.KindDocument {
			c.docs = append(c.docs, e.ID)
		}
	}
	degree := map[string]int{}
	for _, r := range g.Relations {
		c.rels = append(c.rels, r.ID)
		for _, end := range []string{r.From, r.To} {
			c.relsOf[end] = append(c.relsOf[end], r.ID)
			degree[end]++
		}
		c.neighbor[r.From] = append(c.neighbor[r.From], r.To)
		c.neighbor[r.To] = append(c.neighbor[r.To], r.From)
		if !slices.Contains(c.types, r.Type) {
			c.types = append(c.types, r.Type)
		}
	}
	c.hubs = slices.Clone(c.ids)
	slices.SortFunc(c.hubs, func(a, b string) int { return cmp.Or(degree[b]-degree[a], strings.Compare(a, b)) })
	c.hubs = c.hubs[:min(10, len(c.hubs))]
	slices.Sort(c.types)
	return c
}

func (c *caller) pct(p int) bool { return c.r.IntN(100) < p }

// entity is mostly any entity, sometimes a hub, now and then no entity.
func (c *caller) entity() string {
	switch p := c.r.IntN(100); {
	case p < 5:
		return fmt.Sprintf("person/nobody-%d", c.r.IntN(100))
	case p < 20:
		return c.hubs[c.r.IntN(len(c.hubs))]
	default:
		return c.ids[c.r.IntN(len(c.ids))]
	}
}

// known is an entity that exists, mostly not a hub.
func (c *caller) known() string {
	if c.pct(10) {
		return c.hubs[c.r.IntN(len(c.hubs))]
	}
	return c.ids[c.r.IntN(len(c.ids))]
}

func (c *caller) entities(n int) []string {
	out := make([]string, 1+c.r.IntN(n))
	for i := range out {
		out[i] = c.entity()
	}
	return out
}

func (c *caller) day() string {
	return fmt.Sprintf("%04d-%02d-%02d", 2010+c.r.IntN(18), 1+c.r.IntN(12), 1+c.r.IntN(28))
}

// stepFilter is valid for the traversals: a direction, some types, a
// window whose until is not before its since.
func (c *caller) stepFilter() kg.StepFilter {
	f := kg.StepFilter{Direction: []kg.Direction{kg.Out, kg.In, kg.Both, kg.Both}[c.r.IntN(4)]}
	if c.pct(50) {
		for range 1 + c.r.IntN(3) {
			f.Types = append(f.Types, c.types[c.r.IntN(len(c.types))])
		}
	}
	c.window(&f, 6)
	return f
}

// looseFilter is a step filter that usually lets a traversal go far:
// mostly both directions, many types, a wide window or none.
func (c *caller) looseFilter() kg.StepFilter {
	f := kg.StepFilter{Direction: kg.Both}
	if c.pct(20) {
		f.Direction = []kg.Direction{kg.Out, kg.In}[c.r.IntN(2)]
	}
	if c.pct(30) {
		for _, t := range c.types {
			if c.pct(70) {
				f.Types = append(f.Types, t)
			}
		}
	}
	c.window(&f, 8)
	return f
}

// window sets a time window (since, until or both) on f three times in
// odds.
func (c *caller) window(f *kg.StepFilter, odds int) {
	switch c.r.IntN(odds) {
	case 0:
		f.Window.Since = c.day()
	case 1:
		f.Window.Until = c.day()
	case 2:
		a, b := c.day(), c.day()
		f.Window.Since, f.Window.Until = min(a, b), max(a, b)
	}
}

func (c *caller) first() int {
	switch p := c.r.IntN(100); {
	case p < 5:
		return 0
	case p < 10:
		return kg.MaxFirst
	default:
		return 1 + c.r.IntN(25)
	}
}

// relationFilter adds a document, a page size and a cursor, sometimes a
// malformed one, to a step filter.
func (c *caller) relationFilter(anchor string) kg.RelationFilter {
	f := kg.RelationFilter{StepFilter: c.stepFilter(), First: c.first()}
	if c.pct(15) {
		f.Document = c.docs[c.r.IntN(len(c.docs))]
	}
	switch p := c.r.IntN(100); {
	case p < 3:
		f.After = "not-a-cursor"
	case p < 30 && len(c.relsOf[anchor]) > 0:
		f.After = kg.EncodeCursor(c.relsOf[anchor][c.r.IntN(len(c.relsOf[anchor]))])
	case p < 40:
		f.After = kg.EncodeCursor(c.rels[c.r.IntN(len(c.rels))])
	}
	if c.pct(2) {
		f.Types = append(f.Types, "NOT_A_TYPE")
	}
	return f
}

func (c *caller) entitiesByID() func(context.Context, kg.Store) (any, error) {
	ids := c.entities(8)
	return func(ctx context.Context, s kg.Store) (any, error) { return s.EntitiesByID(ctx, ids) }
}

func (c *caller) relationsByID() func(context.Context, kg.Store) (any, error) {
	ids := make([]string, 1+c.r.IntN(6))
	for i := range ids {
		switch p := c.r.IntN(10); {
		case p == 0:
			ids[i] = "no>such>relation"
		case p == 1:
			ids[i] = "malformed"
		default:
			ids[i] = c.rels[c.r.IntN(len(c.rels))]
		}
	}
	return func(ctx context.Context, s kg.Store) (any, error) { return s.RelationsByID(ctx, ids) }
}

func (c *caller) relationsOf() func(context.Context, kg.Store) (any, error) {
	ids := c.entities(3)
	f := c.relationFilter(ids[0])
	return func(ctx context.Context, s kg.Store) (any, error) { return s.RelationsOf(ctx, ids, f) }
}

func (c *caller) findRelations() func(context.Context, kg.Store) (any, error) {
	from := c.entity()
	f := c.relationFilter(from)
	switch c.r.IntN(6) {
	case 0:
		f.From = from
	case 1:
		f.From = from
		if n := c.neighbor[from]; len(n) > 0 {
			f.To = n[c.r.IntN(len(n))]
		} else {
			f.To = c.entity()
		}
	case 2:
		f.To = from
	case 3, 4:
		f.Document = c.docs[c.r.IntN(len(c.docs))]
	}
	return func(ctx context.Context, s kg.Store) (any, error) { return s.FindRelations(ctx, f) }
}

func (c *caller) findEntities() func(context.Context, kg.Store) (any, error) {
	f := kg.EntityFilter{First: c.first(), OrderBy: []kg.EntityOrder{kg.OrderByName, kg.OrderByID, ""}[c.r.IntN(3)]}
	if c.pct(50) {
		for range 1 + c.r.IntN(2) {
			f.Kinds = append(f.Kinds, kg.Kinds[c.r.IntN(len(kg.Kinds))])
		}
	}
	if c.pct(50) {
		e := c.g.Entities[c.r.IntN(len(c.g.Entities))]
		name := []rune(e.Name)
		if len(e.Aliases) > 0 && c.pct(30) {
			name = []rune(e.Aliases[0])
		}
		i := c.r.IntN(len(name))
		f.NameContains = string(name[i:min(len(name), i+2+c.r.IntN(5))])
		if c.pct(50) {
			f.NameContains = strings.ToUpper(f.NameContains)
		}
	}
	e := c.g.Entities[c.r.IntN(len(c.g.Entities))]
	switch p := c.r.IntN(100); {
	case p < 3:
		f.After = kg.EncodeCursor("one", "two", "three")
	case p < 40 && f.OrderBy == kg.OrderByID:
		f.After = kg.EncodeCursor(e.ID)
	case p < 40:
		f.After = kg.EncodeCursor(e.Name, e.ID)
	}
	if c.pct(2) {
		f.Kinds = append(f.Kinds, "Planet")
	}
	return func(ctx context.Context, s kg.Store) (any, error) { return s.FindEntities(ctx, f) }
}

func (c *caller) expand() func(context.Context, kg.Store) (any, error) {
	ids := c.entities(6)
	f := c.stepFilter()
	if c.pct(3) {
		f.Types = append(f.Types, "NOT_A_TYPE")
	}
	return func(ctx context.Context, s kg.Store) (any, error) { return s.Expand(ctx, ids, f) }
}

func (c *caller) stats() func(context.Context, kg.Store) (any, error) {
	top := c.r.IntN(30)
	return func(ctx context.Context, s kg.Store) (any, error) { return s.Stats(ctx, top) }
}

// maxCandidates bounds the entities a search text may match: past
// kg.SearchCandidates the stores may legitimately pass Search different
// candidates (see memstore.SearchCandidates), so texts are chosen below.
const maxCandidates = 100

// search is kg.Search on a text made from a name: whole, one term, a
// prefix, a typo; kept only when few entities match it.
func (c *caller) search() func(context.Context, kg.Store) (any, error) {
	for {
		text := c.searchText()
		var kinds []kg.Kind
		if c.pct(20) {
			kinds = []kg.Kind{kg.Kinds[c.r.IntN(len(kg.Kinds))]}
		}
		if cands, _ := c.ref.SearchCandidates(context.Background(), text, kinds, maxCandidates+1); len(cands) > maxCandidates {
			continue
		}
		first := 1 + c.r.IntN(20)
		c.desc = fmt.Sprintf(" %q kinds %v first %d", text, kinds, first)
		return func(ctx context.Context, s kg.Store) (any, error) { return kg.Search(ctx, s, text, kinds, first) }
	}
}

func (c *caller) searchText() string {
	e := c.g.Entities[c.r.IntN(len(c.g.Entities))]
	name := e.Name
	if len(e.Aliases) > 0 && c.pct(30) {
		name = e.Aliases[c.r.IntN(len(e.Aliases))]
	}

	terms := kg.SearchTerms(name)
	if len(terms) == 0 {
		return "zzqxv"
	}
	term := []rune(terms[c.r.IntN(len(terms))])
	switch p := c.r.IntN(10); {
	case p < 2:
		return name
	case p < 4:
		return string(term)
	case p < 6 && len(term) > 4:
		return string(term[:3+c.r.IntN(len(term)-3)]) // a prefix
	case p < 9 && len(term) >= 4:
		i := c.r.IntN(len(term))
		typo := slices.Clone(term)
		if c.pct(50) {
			typo = slices.Delete(typo, i, i+1)
		} else {
			typo[i] = rune('a' + c.r.IntN(26))
		}
		return string(typo)
	default:
		return "zzqxv " + string(term)
	}
}

func (c *caller) pathQuery(maxHops int) kg.PathQuery {
	q := kg.PathQuery{From: c.known(), MaxHops: 1 + c.r.IntN(maxHops), Filter: c.looseFilter()}
	q.To = c.known()
	if n := c.neighbor[q.From]; len(n) > 0 && c.pct(50) {
		// A neighbour's neighbour: near, so that some paths exist.
		if nn := c.neighbor[n[c.r.IntN(len(n))]]; len(nn) > 0 {
			q.To = nn[c.r.IntN(len(nn))]
		}
	}
	switch p := c.r.IntN(100); {
	case p < 3:
		q.From = "person/nobody"
	case p < 5:
		q.MaxHops = kg.MaxHops + 1
	case p < 7:
		q.To = q.From
	}
	return q
}

func (c *caller) shortestPath() func(context.Context, kg.Store) (any, error) {
	q := c.pathQuery(kg.MaxHops)
	return func(ctx context.Context, s kg.Store) (any, error) {
		p, cut, err := kg.ShortestPath(ctx, s, q)
		return PathResult{p, cut}, err
	}
}

func (c *caller) paths() func(context.Context, kg.Store) (any, error) {
	q := c.pathQuery(4)
	q.Limit = 1 + c.r.IntN(4)
	if c.pct(3) {
		q.Limit = kg.MaxPaths + 1
	}
	return func(ctx context.Context, s kg.Store) (any, error) {
		ps, cut, err := kg.Paths(ctx, s, q)
		return PathsResult{ps, cut}, err
	}
}

func (c *caller) neighborhood() func(context.Context, kg.Store) (any, error) {
	q := kg.NeighborhoodQuery{IDs: c.entities(3), Hops: c.r.IntN(3), Filter: c.looseFilter(), Limit: 1 + c.r.IntN(200)}
	if c.pct(5) {
		q.Limit = kg.MaxSubgraphNodes + 1
	}
	return func(ctx context.Context, s kg.Store) (any, error) { return kg.Neighborhood(ctx, s, q) }
}

func (c *caller) commonNeighbors() func(context.Context, kg.Store) (any, error) {
	a, b := c.known(), c.known()
	if n := c.neighbor[a]; len(n) > 0 && c.pct(70) {
		if nn := c.neighbor[n[c.r.IntN(len(n))]]; len(nn) > 0 {
			b = nn[c.r.IntN(len(nn))]
		}
	}
	f, limit := c.looseFilter(), 1+c.r.IntN(50)
	if c.pct(3) {
		limit = kg.MaxFirst + 1
	}
	return func(ctx context.Context, s kg.Store) (any, error) {
		ids, cut, err := kg.CommonNeighbors(ctx, s, a, b, f, limit)
		return NeighborsResult{ids, cut}, err
	}
}
