package neo4jstore_test

import (
	"cmp"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// scan answers the capabilities by scanning the whole graph, as kg's doc
// comments and docs read: the expected values of read_test.go.
type scan struct {
	g   *kg.Graph
	ent map[string]*kg.Entity
	rel map[string]*kg.Relation
}

func newScan(g *kg.Graph) *scan {
	s := &scan{g: g, ent: map[string]*kg.Entity{}, rel: map[string]*kg.Relation{}}
	for _, e := range g.Entities {
		s.ent[e.ID] = e
	}
	for _, r := range g.Relations {
		s.rel[r.ID] = r
	}
	return s
}

// relations are the ids of the relations keep keeps, in id order.
func (s *scan) relations(keep func(*kg.Relation) bool) []string {
	var out []string
	for _, r := range s.g.Relations {
		if keep(r) {
			out = append(out, r.ID)
		}
	}
	slices.Sort(out)
	return out
}

// touching are the relations f admits seen from entity id, by id.
func (s *scan) touching(id string, f kg.StepFilter) []string {
	return s.relations(func(r *kg.Relation) bool { return (r.From == id || r.To == id) && f.Admits(r, id) })
}

func other(r *kg.Relation, id string) string {
	if r.From == id {
		return r.To
	}
	return r.From
}

// others are the distinct other ends of those relations, by id.
func (s *scan) others(id string, f kg.StepFilter) []string {
	var out []string
	for _, rid := range s.touching(id, f) {
		out = append(out, other(s.rel[rid], id))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// routes enumerates every route of at most maxHops steps, ordered by
// length then ids.
func (s *scan) routes(from, to string, maxHops int, f kg.StepFilter) [][]string {
	var out [][]string
	var walk func(path []string)
	walk = func(path []string) {
		last := path[len(path)-1]
		if last == to {
			out = append(out, slices.Clone(path))
			return
		}
		if len(path) > maxHops {
			return
		}
		for _, next := range s.others(last, f) {
			if !slices.Contains(path, next) {
				walk(append(path, next))
			}
		}
	}
	walk([]string{from})
	slices.SortFunc(out, func(a, b []string) int { return cmp.Or(cmp.Compare(len(a), len(b)), slices.Compare(a, b)) })
	return out
}

// checkRoutes checks a path list against the routes it should hold: their
// entities, and on each step the relations q's filter admits.
func (s *scan) checkRoutes(t *testing.T, list *kg.PathList, want [][]string, q kg.PathQuery) {
	t.Helper()
	var got [][]string
	for _, p := range list.Paths {
		got = append(got, entityIDs(p.Nodes))
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("routes %v\nwant %v", got, want)
	}
	for _, p := range list.Paths {
		for i, n := range p.Nodes {
			if q.Nodes != nil && q.Nodes.Fields&kg.EName != 0 && n.Name != s.ent[n.ID].Name {
				t.Errorf("%s named %q", n.ID, n.Name)
			}
			if i == 0 {
				continue
			}
			from := p.Nodes[i-1].ID
			wantRels := s.relations(func(r *kg.Relation) bool {
				return (r.From == from || r.To == from) && other(r, from) == n.ID && q.Filter.Admits(r, from)
			})
			if got := viewIDs(p.Steps[i-1].Relations); !slices.Equal(got, wantRels) {
				t.Errorf("step %s to %s: %v, want %v", from, n.ID, got, wantRels)
			}
			for _, r := range p.Steps[i-1].Relations {
				if q.Steps != nil && q.Steps.Fields&kg.RStatus != 0 && r.Status != s.rel[r.ID].Status {
					t.Errorf("%s: status %q", r.ID, r.Status)
				}
			}
		}
	}
}

// neighborhood is the answer to q: breadth first, each hop's new entities
// by id until the limit, and the relations among them.
func (s *scan) neighborhood(q kg.NeighborhoodQuery) (nodes, edges []string, truncated bool) {
	centres := slices.Compact(slices.Sorted(slices.Values(q.IDs)))
	if len(centres) > q.Limit {
		centres, truncated = centres[:q.Limit], true
	}
	nodes = slices.Clone(centres)
	frontier := centres
	for range q.Hops {
		if truncated {
			break
		}
		var next []string
		for _, id := range frontier {
			for _, o := range s.others(id, q.Filter) {
				if !slices.Contains(nodes, o) && !slices.Contains(next, o) {
					next = append(next, o)
				}
			}
		}
		slices.Sort(next)
		if room := q.Limit - len(nodes); len(next) > room {
			next, truncated = next[:room], true
		}
		nodes, frontier = append(nodes, next...), next
	}
	edges = s.relations(func(r *kg.Relation) bool {
		return slices.Contains(nodes, r.From) && slices.Contains(nodes, r.To) && q.Filter.AdmitsFact(r)
	})
	if len(edges) > kg.MaxSubgraphEdges {
		edges, truncated = edges[:kg.MaxSubgraphEdges], true
	}
	return nodes, edges, truncated
}

// named are the entities with a name or alias of the name's key, by id.
func (s *scan) named(name string) []string {
	key := kg.NameKey(name)
	var out []string
	for _, e := range s.g.Entities {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if key != "" && kg.NameKey(n) == key {
				out = append(out, e.ID)
				break
			}
		}
	}
	slices.Sort(out)
	return out
}

// entities are the ids of the entities f selects, in its order.
func (s *scan) entities(f kg.EntityFilter) []string {
	var list []*kg.Entity
	q := strings.ToLower(f.NameContains)
	for _, e := range s.g.Entities {
		if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, e.Kind) {
			continue
		}
		if q != "" && !slices.ContainsFunc(append([]string{e.Name}, e.Aliases...), func(n string) bool { return strings.Contains(strings.ToLower(n), q) }) {
			continue
		}
		list = append(list, e)
	}
	slices.SortFunc(list, func(a, b *kg.Entity) int {
		if f.OrderBy == kg.OrderByID {
			return cmp.Compare(a.ID, b.ID)
		}
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = e.ID
	}
	return out
}

// search ranks every entity of the kinds and every fact as a candidate.
func (s *scan) search(q kg.SearchQuery) []kg.SearchHit {
	var cands []kg.SearchCandidate
	for _, e := range s.g.Entities {
		if len(q.Kinds) == 0 || slices.Contains(q.Kinds, e.Kind) {
			cands = append(cands, kg.SearchCandidate{EntityID: e.ID, Name: e.Name, Aliases: e.Aliases, Description: e.Description})
		}
	}
	for _, r := range s.g.Relations {
		if q.Relations && r.Type != kg.Mentions {
			c := kg.SearchCandidate{RelationID: r.ID, Note: r.Note}
			for _, ev := range r.Evidence {
				c.Excerpts = append(c.Excerpts, ev.Excerpt)
			}
			cands = append(cands, c)
		}
	}
	var hits []kg.SearchHit
	for _, h := range kg.RankSearch(q.Text, cands, q.First) {
		c := cands[h.Candidate]
		hit := kg.SearchHit{Score: h.Score, Field: h.Field, Matched: h.Matched}
		if c.EntityID != "" {
			hit.Entity = kg.IDView(c.EntityID)
		} else {
			hit.Relation = &kg.RelationView{Relation: &kg.Relation{ID: c.RelationID}}
		}
		hits = append(hits, hit)
	}
	return hits
}

// common are the common neighbours of q's A and B, by id.
func (s *scan) common(q kg.CommonNeighborsQuery) []string {
	b := s.others(q.B, q.Filter)
	var out []string
	for _, o := range s.others(q.A, q.Filter) {
		if slices.Contains(b, o) && o != q.A && o != q.B {
			out = append(out, o)
		}
	}
	return out
}

// expand is the answer to q.
func (s *scan) expand(q kg.ExpandQuery) *kg.Expansion {
	ids := slices.Compact(slices.Sorted(slices.Values(q.IDs)))
	drawn := append(slices.Clone(q.Known), ids...)
	var fresh []string
	for _, id := range ids {
		for _, o := range s.others(id, q.Filter) {
			if !slices.Contains(drawn, o) && !slices.Contains(fresh, o) {
				fresh = append(fresh, o)
			}
		}
	}
	slices.Sort(fresh)
	x := &kg.Expansion{}
	if len(fresh) > q.Limit {
		fresh, x.Truncated = fresh[:q.Limit], true
	}
	after := append(drawn, fresh...)
	facts := q.Filter
	facts.Direction = kg.Both
	degree := func(id string) kg.DrawnNode {
		n := kg.DrawnNode{Node: kg.IDView(id)}
		for _, rid := range s.touching(id, facts) {
			n.Degree++
			if !slices.Contains(after, other(s.rel[rid], id)) {
				n.HiddenDegree++
			}
		}
		return n
	}
	for _, id := range fresh {
		x.Nodes = append(x.Nodes, degree(id))
	}
	for _, id := range ids {
		x.Expanded = append(x.Expanded, degree(id))
	}
	edges := s.relations(func(r *kg.Relation) bool {
		return q.Filter.AdmitsFact(r) && (slices.Contains(fresh, r.From) && slices.Contains(after, r.To) || slices.Contains(fresh, r.To) && slices.Contains(after, r.From))
	})
	if len(edges) > kg.MaxSubgraphEdges {
		edges, x.Truncated = edges[:kg.MaxSubgraphEdges], true
	}
	for _, id := range edges {
		x.Edges = append(x.Edges, &kg.RelationView{Relation: s.rel[id]})
	}
	return x
}

// stats is the answer to q.
func (s *scan) stats(q kg.StatsQuery) *kg.Stats {
	st := &kg.Stats{ByKind: map[kg.Kind]int{}, ByType: map[kg.RelationType]int{}}
	for _, k := range kg.Kinds {
		st.ByKind[k] = 0
	}
	for _, e := range s.g.Entities {
		st.ByKind[e.Kind]++
		st.Entities++
	}
	for _, t := range kg.RelationTypes {
		f := q.Filter
		f.Types = []kg.RelationType{t}
		st.ByType[t] = len(s.relations(f.AdmitsFact))
	}
	for _, t := range q.Filter.EffectiveTypes() {
		st.Relations += st.ByType[t]
	}
	f := q.Filter
	f.Direction = kg.Both
	f.Types = slices.DeleteFunc(slices.Clone(f.EffectiveTypes()), func(t kg.RelationType) bool { return t == kg.Mentions })
	for _, e := range s.g.Entities {
		if d := len(s.touching(e.ID, f)); d > 0 && len(f.Types) > 0 {
			st.MostConnected = append(st.MostConnected, kg.EntityDegree{Node: kg.IDView(e.ID), Degree: d})
		}
	}
	slices.SortFunc(st.MostConnected, func(a, b kg.EntityDegree) int {
		return cmp.Or(cmp.Compare(b.Degree, a.Degree), cmp.Compare(a.Node.ID, b.Node.ID))
	})
	st.MostConnected = st.MostConnected[:min(len(st.MostConnected), q.Top)]
	return st
}

func relationIDs(edges []kg.RelationEdge) []string {
	var out []string
	for _, e := range edges {
		out = append(out, e.Relation.ID)
	}
	return out
}

func entityIDs(views []*kg.EntityView) []string {
	var out []string
	for _, v := range views {
		out = append(out, v.ID)
	}
	return out
}

func viewIDs(views []*kg.RelationView) []string {
	var out []string
	for _, v := range views {
		out = append(out, v.ID)
	}
	return out
}

func hitIDs(hits []kg.SearchHit) []string {
	var out []string
	for _, h := range hits {
		if h.Entity != nil {
			out = append(out, h.Entity.ID)
		} else {
			out = append(out, h.Relation.ID)
		}
	}
	return out
}

func sameDrawn(a, b kg.DrawnNode) bool {
	return a.Node.ID == b.Node.ID && a.Degree == b.Degree && a.HiddenDegree == b.HiddenDegree
}

func drawing(x *kg.Expansion) string {
	var b strings.Builder
	for _, list := range [][]kg.DrawnNode{x.Nodes, x.Expanded} {
		for _, n := range list {
			fmt.Fprintf(&b, "%s(%d/%d) ", n.Node.ID, n.Degree, n.HiddenDegree)
		}
		b.WriteString("| ")
	}
	fmt.Fprintf(&b, "%v truncated=%v", viewIDs(x.Edges), x.Truncated)
	return b.String()
}

func mapsEqual[K comparable](a, b map[K]int) bool { return maps.Equal(a, b) }

func degrees(list []kg.EntityDegree) []string {
	var out []string
	for _, d := range list {
		out = append(out, fmt.Sprintf("%s:%d", d.Node.ID, d.Degree))
	}
	return out
}

func sameEntity(a, b *kg.Entity) bool     { return reflect.DeepEqual(a, b) }
func sameRelation(a, b *kg.Relation) bool { return reflect.DeepEqual(a, b) }
