package storetest

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/kgql/kgql/internal/kg"
)

// Call is one request to a store: one capability, sometimes after the
// name resolution the API makes (kg.ResolveRefs), sometimes followed by
// the next page with a cursor of the first.
type Call struct {
	Name string // the capability and the call's number
	Args any    // the arguments, shown when the call's answers differ
	Do   func(ctx context.Context, s kg.Store) (any, error)
	// Path is the query of a path call with its references resolved (by
	// the Reference): a store that says its search was truncated is held
	// to routes the Reference enumerates.
	Path *kg.PathQuery
	// Slack is how many round trips fewer than the Reference a store may
	// take: a search whose hits select nested pages takes one or two; a
	// ping, or a read of no ids, may need none.
	Slack int
}

// nameError is the error of a name used as a reference (kg.ResolveRefs):
// its message lists candidates, which must be the same whatever the
// store.
type nameError struct{ error }

func (e nameError) Unwrap() error { return e.error }

// resolveRefs is kg.ResolveRefs, its errors marked as nameErrors.
func resolveRefs(ctx context.Context, s kg.Store, refs []string) ([]string, error) {
	ids, err := kg.ResolveRefs(ctx, s, refs)
	if err != nil {
		return nil, nameError{err}
	}
	return ids, nil
}

// Capabilities are the kinds of Call, one per kg.Store method and one
// for each way the API combines them.
var Capabilities = []string{
	"Ping", "Nodes", "NodesByName", "ResolveNames", "FindEntities", "FindEntitiesNextPage",
	"FindRelations", "FindRelationsNextPage", "ChildNextPage", "Search",
	"Paths", "Neighborhood", "Expand", "CommonNeighbors", "Stats",
}

// Calls returns perKind random calls of every capability on g, chosen by
// seed (the same seed, the same calls).
func Calls(g *kg.Graph, seed uint64, perKind int) []Call {
	return newCaller(g, seed, 4).calls(perKind)
}

// caller makes random calls on one graph.
type caller struct {
	g       *kg.Graph
	r       *rand.Rand
	ref     *Reference
	maxHops int // of path calls

	ids       []string // every entity, by id
	hubs      []string // the ten with the most facts
	docs      []string
	rels      []string            // every relation, by id
	neighbors map[string][]string // by facts, either way
	types     []kg.RelationType   // the types g holds
	days      []string            // the days g's dates begin and end on
	names     map[string][]string // the names and aliases of each entity
	words     []string            // of names, descriptions, excerpts and notes
}

func newCaller(g *kg.Graph, seed uint64, maxHops int) *caller {
	c := &caller{g: g, r: rand.New(rand.NewPCG(seed, 0x5eed)), ref: NewReference(g), maxHops: maxHops,
		neighbors: map[string][]string{}, names: map[string][]string{}}
	words, days := map[string]bool{}, map[string]bool{}
	addWords := func(text string) {
		for _, w := range kg.SearchTerms(text) {
			words[w] = true
		}
	}
	addDate := func(d *kg.Date) {
		if d != nil {
			days[d.First()], days[d.Last()] = true, true
		}
	}
	for _, e := range c.ref.entities {
		c.ids = append(c.ids, e.ID)
		if e.Kind == kg.KindDocument {
			c.docs = append(c.docs, e.ID)
		}
		c.names[e.ID] = append([]string{e.Name}, e.Aliases...)
		addWords(e.Name)
		addWords(e.Description)
		addDate(e.StartDate)
		addDate(e.EndDate)
	}
	degree := map[string]int{}
	for _, r := range c.ref.relations {
		c.rels = append(c.rels, r.ID)
		if !slices.Contains(c.types, r.Type) {
			c.types = append(c.types, r.Type)
		}
		for _, ev := range r.Evidence {
			addDate(&ev.Date)
			if r.Type != kg.Mentions {
				addWords(ev.Excerpt)
			}
		}
		addDate(r.ValidFrom)
		addDate(r.ValidTo)
		addDate(r.PointInTime)
		if r.Type == kg.Mentions {
			continue
		}
		addWords(r.Note)
		degree[r.From]++
		degree[r.To]++
		c.neighbors[r.From] = append(c.neighbors[r.From], r.To)
		c.neighbors[r.To] = append(c.neighbors[r.To], r.From)
	}
	c.hubs = slices.Clone(c.ids)
	slices.SortStableFunc(c.hubs, func(a, b string) int { return cmp.Compare(degree[b], degree[a]) })
	c.hubs = c.hubs[:min(10, len(c.hubs))]
	slices.Sort(c.types)
	c.words = sortedKeys(words)
	c.days = sortedKeys(days)
	if len(c.days) == 0 {
		c.days = []string{"2024-01-01"}
	}
	return c
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func (c *caller) calls(perKind int) []Call {
	makers := map[string]func() Call{
		"Ping":                  c.ping,
		"Nodes":                 c.nodes,
		"NodesByName":           c.nodesByName,
		"ResolveNames":          c.resolveNames,
		"FindEntities":          func() Call { return c.findEntities(false) },
		"FindEntitiesNextPage":  func() Call { return c.findEntities(true) },
		"FindRelations":         func() Call { return c.findRelations(false) },
		"FindRelationsNextPage": func() Call { return c.findRelations(true) },
		"ChildNextPage":         c.childNextPage,
		"Search":                c.search,
		"Paths":                 c.paths,
		"Neighborhood":          c.neighborhood,
		"Expand":                c.expand,
		"CommonNeighbors":       c.commonNeighbors,
		"Stats":                 c.stats,
	}
	var calls []Call
	for _, kind := range Capabilities {
		n := perKind
		if kind == "Ping" {
			n = 1
		}
		for i := range n {
			call := makers[kind]()
			call.Name = fmt.Sprintf("%s#%d", kind, i)
			calls = append(calls, call)
		}
	}
	return calls
}

func (c *caller) pct(p int) bool { return c.r.IntN(100) < p }

func pick[T any](c *caller, list []T) T { return list[c.r.IntN(len(list))] }

func (c *caller) anyEntity() string { return pick(c, c.ids) }

// entity is mostly any entity, sometimes a hub, now and then an id that
// names nothing.
func (c *caller) entity() string {
	switch p := c.r.IntN(100); {
	case p < 4:
		return fmt.Sprintf("%s/nobody-%d", pick(c, kg.Kinds).IDPrefix(), c.r.IntN(100))
	case p < 15:
		return pick(c, c.hubs)
	default:
		return c.anyEntity()
	}
}

// nobody is an id of no entity.
func nobody() string { return "person/nobody" }

// known is an entity that exists, seldom a hub.
func (c *caller) known() string {
	if c.pct(8) {
		return pick(c, c.hubs)
	}
	return c.anyEntity()
}

// near is an entity one to three facts away from id, when there is one.
func (c *caller) near(id string) string {
	for range 1 + c.r.IntN(3) {
		if len(c.neighbors[id]) == 0 {
			break
		}
		id = pick(c, c.neighbors[id])
	}
	return id
}

// ref is how a request names entity id where the API takes names: its
// id mostly, else one of its names or aliases (which may name others
// too), a name with a typo, or a name of nothing.
func (c *caller) refOf(id string) string {
	names := c.names[id]
	switch p := c.r.IntN(100); {
	case p < 80 || len(names) == 0:
		return id
	case p < 92:
		name := pick(c, names)
		if c.pct(30) {
			name = strings.ToUpper(name) + " "
		}
		return name
	case p < 96:
		return c.typo(pick(c, names))
	default:
		return "Nothing Named " + fmt.Sprint(c.r.IntN(100))
	}
}

func (c *caller) entities(n int) []string {
	out := make([]string, 1+c.r.IntN(n))
	for i := range out {
		out[i] = c.entity()
	}
	return out
}

func (c *caller) kinds() []kg.Kind {
	var out []kg.Kind
	for range 1 + c.r.IntN(2) {
		if k := pick(c, kg.Kinds); !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// statuses are every status, stated first.
var statuses = []kg.Status{kg.StatusActual, kg.StatusPlanned, kg.StatusProposed, kg.StatusExpected}

// day is a day of the graph's dates, or one next to it.
func (c *caller) day() string {
	d := pick(c, c.days)
	if c.pct(30) {
		t, _ := time.Parse("2006-01-02", d)
		d = t.AddDate(0, 0, []int{-1, 1}[c.r.IntN(2)]).Format("2006-01-02")
	}
	return d
}

// window is a window of days: open on one side, both, or the span of one
// date at a precision ("at").
func (c *caller) window() kg.Window {
	switch c.r.IntN(4) {
	case 0:
		return kg.Window{Since: c.day()}
	case 1:
		return kg.Window{Until: c.day()}
	case 2:
		a, b := c.day(), c.day()
		return kg.Window{Since: min(a, b), Until: max(a, b)}
	default:
		d := kg.MustDate(c.day())
		switch c.r.IntN(3) {
		case 0:
			d.Precision = kg.PrecisionYear
		case 1:
			d.Precision = kg.PrecisionMonth
		}
		return kg.Window{Since: d.First(), Until: d.Last()}
	}
}

// stepFilter is a valid filter: every direction, some types (MENTIONS
// among them now and then), valid and stated windows, statuses.
func (c *caller) stepFilter() kg.StepFilter {
	f := kg.StepFilter{Direction: pick(c, []kg.Direction{kg.Out, kg.In, kg.Both, kg.Both})}
	if c.pct(40) {
		for range 1 + c.r.IntN(3) {
			if t := pick(c, c.types); !slices.Contains(f.Types, t) {
				f.Types = append(f.Types, t)
			}
		}
	}
	if c.pct(25) {
		f.Valid = c.window()
		f.Dated = c.pct(50)
	}
	if c.pct(15) {
		f.Stated = c.window()
	}
	if c.pct(20) {
		for _, s := range statuses {
			if c.pct(60) {
				f.Statuses = append(f.Statuses, s)
			}
		}
	}
	return f
}

// looseFilter lets walks go far: mostly both ways, few conditions.
func (c *caller) looseFilter() kg.StepFilter {
	f := c.stepFilter()
	if c.pct(70) {
		f.Direction = kg.Both
	}
	if c.pct(50) {
		f.Types = nil
	}
	return f
}

// spoil makes a filter no store can answer.
func (c *caller) spoil(f *kg.StepFilter) {
	switch c.r.IntN(6) {
	case 0:
		f.Valid = kg.Window{Since: "2025-01"} // a month, not a day
	case 1:
		f.Direction = "SIDEWAYS"
	case 2:
		f.Types = append(f.Types, "NOT_A_TYPE")
	case 3:
		f.Statuses = append(f.Statuses, "rumoured")
	case 4:
		f.Valid = kg.Window{Since: "2025-01-02", Until: "2025-01-01"}
	default:
		f.Stated = kg.Window{Since: "2025-01-01", Until: "2024-12-31"}
	}
}

// first is a page size, now and then 0 or the largest.
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

// resolved returns the ids refs stand for, as the Reference resolves
// them, or nil when one of them is refused.
func (c *caller) resolved(refs ...string) []string {
	ids, err := kg.ResolveRefs(context.Background(), c.ref, refs)
	if err != nil {
		return nil
	}
	return ids
}

func (c *caller) ping() Call {
	return Call{Slack: 1, Do: func(ctx context.Context, s kg.Store) (any, error) { return nil, s.Ping(ctx) }}
}

// nodes reads entities, relations and ids that name nothing.
func (c *caller) nodes() Call {
	ids := make([]string, c.r.IntN(8))
	for i := range ids {
		switch p := c.r.IntN(10); {
		case p < 4:
			ids[i] = c.entity()
		case p < 8:
			ids[i] = pick(c, c.rels)
		case p < 9:
			ids[i] = "no>such>relation"
		default:
			ids[i] = "malformed"
		}
	}
	es, rs := c.entitySel(0), c.relationSel(0)
	switch p := c.r.IntN(100); {
	case p < 4:
		es = c.badEntitySel()
	case p < 8:
		rs = c.badRelationSel()
	}
	slack := 0
	if len(ids) == 0 {
		slack = 1
	}
	return Call{Args: []any{ids, es, rs}, Slack: slack, Do: func(ctx context.Context, s kg.Store) (any, error) { return s.Nodes(ctx, ids, es, rs) }}
}

// nodesByName is entity(id:) with a reference: an id or a name.
func (c *caller) nodesByName() Call {
	ref := c.refOf(c.known())
	if c.pct(30) {
		ref = c.refOf(c.known()) // a name, mostly
		if kg.IsEntityID(ref) {
			ref = pick(c, c.names[ref])
		}
	}
	es := c.entitySel(0)
	return Call{Args: []any{ref, es}, Do: func(ctx context.Context, s kg.Store) (any, error) {
		ids, err := resolveRefs(ctx, s, []string{ref})
		if err != nil {
			return nil, err
		}
		return s.Nodes(ctx, ids, es, nil)
	}}
}

// resolveNames asks for names, aliases, their variants, and nonsense.
func (c *caller) resolveNames() Call {
	names := make([]string, 1+c.r.IntN(5))
	for i := range names {
		name := pick(c, c.names[c.anyEntity()])
		switch c.r.IntN(6) {
		case 0:
			name = strings.ToLower(name)
		case 1:
			name = " " + strings.ReplaceAll(name, " ", "-") + "!"
		case 2:
			name = c.typo(name)
		case 3:
			name = "zzqxv"
		}
		names[i] = name
	}
	return Call{Args: names, Do: func(ctx context.Context, s kg.Store) (any, error) { return s.ResolveNames(ctx, names) }}
}

// findEntities is a page of entities, or a page and the next after its
// last cursor.
func (c *caller) findEntities(next bool) Call {
	f := kg.EntityFilter{OrderBy: pick(c, []kg.EntityOrder{kg.OrderByName, kg.OrderByID}), Page: kg.Page{First: c.first()}}
	if c.pct(40) {
		f.Kinds = c.kinds()
	}
	if c.pct(40) {
		name := []rune(pick(c, c.names[c.anyEntity()]))
		i := c.r.IntN(len(name))
		f.NameContains = string(name[i:min(len(name), i+1+c.r.IntN(5))])
		if c.pct(40) {
			f.NameContains = strings.ToUpper(f.NameContains)
		}
	}
	if !next && c.pct(30) {
		e := c.ref.entity[c.anyEntity()]
		f.After = kg.EntityCursor(f.OrderBy, e)
	}
	if c.pct(30) { // a page backwards, before an entity or from the end
		f.Last, f.First = f.First, 0
		if c.pct(60) {
			f.Before = kg.EntityCursor(f.OrderBy, c.ref.entity[c.anyEntity()])
		}
	}
	count, sel := c.pct(50), c.entitySel(0)
	switch p := c.r.IntN(100); { // bad pages backwards
	case p < 2:
		f.First, f.Last = 1+c.r.IntN(kg.MaxFirst), 1+c.r.IntN(kg.MaxFirst)
	case p < 4:
		f.Before = "!!not a cursor"
	case p < 5:
		f.Last = kg.MaxFirst + 1
	}
	switch p := c.r.IntN(100); {
	case p < 2:
		f.Kinds = append(f.Kinds, "Planet")
	case p < 4:
		f.OrderBy = ""
	case p < 6:
		f.After = "!!not a cursor"
	case p < 8:
		f.After = kg.EncodeCursor("a", "b", "c")
	case p < 10:
		f.First = []int{-1, kg.MaxFirst + 1}[c.r.IntN(2)]
	case p < 11:
		f.NameContains = strings.Repeat("a", kg.MaxSearchText+1)
	case p < 13:
		sel = c.badEntitySel()
	}
	return Call{Args: []any{f, count, sel}, Do: func(ctx context.Context, s kg.Store) (any, error) {
		p, err := s.FindEntities(ctx, f, count, sel)
		if err != nil || !next || len(p.Edges) == 0 {
			return p, err
		}
		g := f
		if g.Last > 0 { // the page before this one
			g.Before = p.Edges[0].Cursor
		} else {
			g.After = p.Edges[len(p.Edges)-1].Cursor
		}
		p2, err := s.FindEntities(ctx, g, count, sel)
		return []any{p, p2}, err
	}}
}

// findRelations is a page of relations anchored on an end, the two ends,
// a document or nothing; the ends are references.
func (c *caller) findRelations(next bool) Call {
	f := kg.RelationFilter{StepFilter: c.stepFilter(), Page: kg.Page{First: c.first()}}
	var fromRef, toRef string
	between := false // the two refs are Between's, in either order
	anchor := c.entity()
	switch c.r.IntN(7) {
	case 5:
		between, fromRef, toRef = true, c.refOf(c.near(anchor)), c.refOf(anchor)
		if c.pct(30) && len(c.docs) > 0 {
			f.Document = pick(c, c.docs)
		}
	case 0:
		fromRef = c.refOf(anchor)
	case 1:
		fromRef, toRef = c.refOf(anchor), c.refOf(c.near(anchor))
	case 2:
		toRef = c.refOf(anchor)
	case 3, 4:
		if len(c.docs) > 0 {
			f.Document = pick(c, c.docs)
		}
	}
	if !next && c.pct(30) {
		f.After = kg.EncodeCursor(pick(c, c.rels))
	}
	if c.pct(30) { // a page backwards, before a relation or from the end
		f.Last, f.First = f.First, 0
		if c.pct(60) {
			f.Before = kg.EncodeCursor(pick(c, c.rels))
		}
	}
	count, rel, node := c.pct(50), c.relationSel(0), c.entitySel(0)
	switch p := c.r.IntN(100); { // bad pages backwards
	case p < 2:
		f.First, f.Last = 1+c.r.IntN(kg.MaxFirst), 1+c.r.IntN(kg.MaxFirst)
	case p < 4:
		f.Before = kg.EncodeCursor("a", "b")
	case p < 5:
		f.Last = kg.MaxFirst + 1
	}
	switch p := c.r.IntN(100); {
	case p < 4:
		c.spoil(&f.StepFilter)
	case p < 6:
		f.After = kg.EncodeCursor("a", "b")
	case p < 8:
		f.First = []int{-1, kg.MaxFirst + 1}[c.r.IntN(2)]
	case p < 10:
		rel = c.badRelationSel()
	case p < 11:
		node = c.badEntitySel()
	}
	refs := []string{fromRef, toRef}
	return Call{Args: []any{refs, between, f, count, rel, node}, Do: func(ctx context.Context, s kg.Store) (any, error) {
		g, ends := f, refs
		if between {
			ids, err := resolveRefs(ctx, s, refs)
			if err != nil {
				return nil, err
			}
			g.Between, ends = ids, nil
		}
		for i, ref := range ends {
			if ref == "" {
				continue
			}
			ids, err := resolveRefs(ctx, s, []string{ref})
			if err != nil {
				return nil, err
			}
			if i == 0 {
				g.From = ids[0]
			} else {
				g.To = ids[0]
			}
		}
		p, err := s.FindRelations(ctx, g, count, rel, node)
		if err != nil || !next || len(p.Edges) == 0 {
			return p, err
		}
		if g.Last > 0 { // the page before this one
			g.Before = p.Edges[0].Cursor
		} else {
			g.After = p.Edges[len(p.Edges)-1].Cursor
		}
		p2, err := s.FindRelations(ctx, g, count, rel, node)
		return []any{p, p2}, err
	}}
}

// childNextPage reads an entity with one nested page, then with the page
// after that page's last cursor.
func (c *caller) childNextPage() Call {
	id := c.known()
	child := c.childSel(1)
	child.Kinds = nil
	child.Filter.After = ""
	child.Filter.First = 1 + c.r.IntN(4)
	sel := &kg.EntitySel{Fields: c.entityFields(), Kids: []*kg.ChildSel{child}}
	if c.pct(12) {
		sel = c.badEntitySel()
	}
	return Call{Args: []any{id, sel}, Do: func(ctx context.Context, s kg.Store) (any, error) {
		first, err := s.Nodes(ctx, []string{id}, sel, nil)
		if err != nil {
			return nil, err
		}
		var cursor string
		switch p := first[0].Entity.Kids[0].(type) {
		case *kg.RelationPage:
			if len(p.Edges) > 0 {
				cursor = p.Edges[len(p.Edges)-1].Cursor
			}
		case *kg.EntityPage:
			if len(p.Edges) > 0 {
				cursor = p.Edges[len(p.Edges)-1].Cursor
			}
		}
		if cursor == "" {
			return first, nil
		}
		nextChild := *child
		nextChild.Filter.After = cursor
		nextSel := *sel
		nextSel.Kids = []*kg.ChildSel{&nextChild}
		second, err := s.Nodes(ctx, []string{id}, &nextSel, nil)
		return []any{first, second}, err
	}}
}

// typo changes a word of a text by one or two edits: a letter replaced,
// dropped, doubled, or two swapped.
func (c *caller) typo(text string) string {
	r := []rune(text)
	if len(r) < 2 {
		return text + "x"
	}
	for range 1 + c.r.IntN(2) {
		if len(r) < 2 { // the first edit dropped a letter of two
			break
		}
		i := c.r.IntN(len(r) - 1)
		switch c.r.IntN(4) {
		case 0:
			r[i] = rune('a' + c.r.IntN(26))
		case 1:
			r = slices.Delete(r, i, i+1)
		case 2:
			r = slices.Insert(r, i, r[i])
		default:
			r[i], r[i+1] = r[i+1], r[i]
		}
	}
	return string(r)
}

// searchText is a name or alias, whole or a term of it, a prefix, a word
// of a description, an excerpt or a note, with typos, in another case,
// among nonsense.
func (c *caller) searchText() string {
	name := pick(c, c.names[c.anyEntity()])
	terms := kg.SearchTerms(name)
	if len(terms) == 0 {
		terms = []string{"zzqxv"}
	}
	term := pick(c, terms)
	switch p := c.r.IntN(20); {
	case p < 3:
		return name
	case p < 6:
		return term
	case p < 8 && len([]rune(term)) > 2:
		r := []rune(term)
		return string(r[:2+c.r.IntN(len(r)-2)])
	case p < 11:
		return c.typo(term)
	case p < 14:
		return pick(c, c.words)
	case p < 16:
		return pick(c, c.words) + " " + pick(c, c.words)
	case p < 17:
		return strings.ToUpper(name)
	case p < 18:
		return "zzqxv qqwv"
	default:
		return "zzqxv " + term
	}
}

// search is a search whose candidates the stores cannot choose among
// (see SearchCandidateCounts), or one they must refuse.
func (c *caller) search() Call {
	var q kg.SearchQuery
	for tries := 0; ; tries++ {
		q = kg.SearchQuery{Text: c.searchText(), Relations: c.pct(50), First: 1 + c.r.IntN(kg.MaxSearch)}
		if c.pct(20) {
			q.Kinds = c.kinds()
		}
		ents, rels := c.ref.SearchCandidateCounts(q)
		if ents <= kg.SearchCandidates && rels <= kg.SearchCandidates || tries > 100 {
			break
		}
	}
	q.Entity, q.Relation = c.entitySel(1), c.relationSel(1)
	switch p := c.r.IntN(100); {
	case p < 2:
		q.Text = "--- !"
	case p < 3:
		q.Text = strings.Repeat("a", kg.MaxSearchText+1)
	case p < 5:
		q.First = []int{0, kg.MaxSearch + 1}[c.r.IntN(2)]
	case p < 6:
		q.Kinds = []kg.Kind{"Planet"}
	case p < 7:
		q.Entity = c.badEntitySel()
	case p < 8:
		q.Relation = c.badRelationSel()
	}
	slack := 0
	if searchSelectsKids(q) {
		slack = 1
	}
	return Call{Args: q, Slack: slack, Do: func(ctx context.Context, s kg.Store) (any, error) { return s.Search(ctx, q) }}
}

// paths asks for routes between an entity and one near it, mostly.
func (c *caller) paths() Call {
	from := c.known()
	to := c.near(from)
	if c.pct(30) {
		to = c.known()
	}
	q := kg.PathQuery{MaxHops: 1 + c.r.IntN(c.maxHops), Filter: c.looseFilter(), Limit: 1 + c.r.IntN(kg.MaxPaths)}
	if c.pct(25) {
		q.Limit = 1 // the shortest path
	}
	if c.pct(30) {
		q.Nodes = c.entitySel(1)
	}
	if c.pct(30) {
		q.Steps = c.relationSel(1)
	}
	switch p := c.r.IntN(100); {
	case p < 10:
		from, to = pick(c, []string{from, nobody()}), pick(c, []string{to, nobody()})
		if from != nobody() && to != nobody() {
			to = nobody()
		}
	case p < 12:
		to = from
	case p < 14:
		q.MaxHops = []int{0, kg.MaxHops + 1}[c.r.IntN(2)]
	case p < 16:
		q.Limit = []int{0, kg.MaxPaths + 1}[c.r.IntN(2)]
	case p < 18:
		c.spoil(&q.Filter)
	case p < 19:
		q.Nodes = c.badEntitySel()
	}
	refs := []string{c.refOf(from), c.refOf(to)}
	call := Call{Args: []any{refs, q}, Do: func(ctx context.Context, s kg.Store) (any, error) {
		ids, err := resolveRefs(ctx, s, refs)
		if err != nil {
			return nil, err
		}
		q := q
		q.From, q.To = ids[0], ids[1]
		return s.Paths(ctx, q)
	}}
	if ids := c.resolved(refs...); ids != nil {
		p := q
		p.From, p.To = ids[0], ids[1]
		call.Path = &p
	}
	return call
}

func (c *caller) neighborhood() Call {
	var refs []string
	for _, id := range c.entities(3) {
		refs = append(refs, c.refOf(id))
	}
	q := kg.NeighborhoodQuery{Hops: c.r.IntN(3), Filter: c.looseFilter(), Limit: 1 + c.r.IntN(200), Nodes: c.entitySel(1), Edges: c.relationSel(1)}
	if c.pct(20) {
		q.Limit = 1 + c.r.IntN(5)
	}
	switch p := c.r.IntN(100); {
	case p < 5:
		refs = append(refs, nobody())
	case p < 7:
		refs = nil
	case p < 8:
		refs = slices.Repeat([]string{c.known()}, kg.MaxIDs+1)
	case p < 10:
		q.Hops = []int{-1, kg.MaxHops + 1}[c.r.IntN(2)]
	case p < 12:
		q.Limit = []int{0, kg.MaxSubgraphNodes + 1}[c.r.IntN(2)]
	case p < 14:
		c.spoil(&q.Filter)
	case p < 15:
		q.Edges = c.badRelationSel()
	}
	return Call{Args: []any{refs, q}, Do: func(ctx context.Context, s kg.Store) (any, error) {
		ids, err := resolveRefs(ctx, s, refs)
		if err != nil {
			return nil, err
		}
		q := q
		q.IDs = ids
		return s.Neighborhood(ctx, q)
	}}
}

// expand expands entities of a drawing that holds some of their
// neighbours, other entities and ids of nothing.
func (c *caller) expand() Call {
	// Distinct ids: whether an id given twice is expanded twice is not
	// the contract's to say.
	q := kg.ExpandQuery{IDs: sortedSet(c.entities(3)), Filter: c.looseFilter(), Limit: 1 + c.r.IntN(100), Nodes: c.entitySel(1), Edges: c.relationSel(1)}
	for _, id := range q.IDs {
		for _, n := range c.neighbors[id] {
			if c.pct(40) {
				q.Known = append(q.Known, n)
			}
		}
	}
	for range c.r.IntN(4) {
		q.Known = append(q.Known, c.entity())
	}
	if c.pct(20) {
		q.Limit = 1 + c.r.IntN(3)
	}
	switch p := c.r.IntN(100); {
	case p < 5:
		q.IDs = append(q.IDs, nobody())
	case p < 7:
		q.IDs = nil
	case p < 8:
		q.IDs = slices.Repeat([]string{c.known()}, kg.MaxIDs+1)
	case p < 9:
		q.Known = slices.Repeat([]string{c.known()}, kg.MaxKnownIDs+1)
	case p < 11:
		q.Limit = []int{0, kg.MaxSubgraphNodes + 1}[c.r.IntN(2)]
	case p < 13:
		c.spoil(&q.Filter)
	case p < 14:
		q.Nodes = c.badEntitySel()
	}
	return Call{Args: q, Do: func(ctx context.Context, s kg.Store) (any, error) { return s.Expand(ctx, q) }}
}

func (c *caller) commonNeighbors() Call {
	a := c.entity()
	b := c.near(c.near(a))
	if c.pct(20) {
		b = c.entity()
	}
	q := kg.CommonNeighborsQuery{Filter: c.looseFilter(), First: 1 + c.r.IntN(30), Nodes: c.entitySel(1)}
	if c.pct(20) {
		q.First = 1 + c.r.IntN(2)
	}
	switch p := c.r.IntN(100); {
	case p < 5:
		if c.pct(50) {
			a = nobody()
		} else {
			b = nobody()
		}
	case p < 9:
		q.First = []int{0, kg.MaxFirst + 1}[c.r.IntN(2)]
	case p < 12:
		c.spoil(&q.Filter)
	case p < 13:
		q.Nodes = c.badEntitySel()
	}
	refs := []string{c.refOf(a), c.refOf(b)}
	if c.pct(40) {
		q.Joins = c.relationSel(1)
	}
	return Call{Args: []any{refs, q}, Do: func(ctx context.Context, s kg.Store) (any, error) {
		ids, err := resolveRefs(ctx, s, refs)
		if err != nil {
			return nil, err
		}
		q := q
		q.A, q.B = ids[0], ids[1]
		return s.CommonNeighbors(ctx, q)
	}}
}

func (c *caller) stats() Call {
	q := kg.StatsQuery{Filter: c.stepFilter(), Top: c.r.IntN(30), Nodes: c.entitySel(1)}
	switch p := c.r.IntN(100); {
	case p < 5:
		q.Top = []int{-1, kg.MaxFirst + 1}[c.r.IntN(2)]
	case p < 10:
		c.spoil(&q.Filter)
	case p < 12:
		q.Nodes = c.badEntitySel()
	}
	return Call{Args: q, Do: func(ctx context.Context, s kg.Store) (any, error) { return s.Stats(ctx, q) }}
}
