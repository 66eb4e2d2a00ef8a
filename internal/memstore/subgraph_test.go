package memstore

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// Brute-force answers of engine.md's definitions, by scans of every
// relation through kg.StepFilter, for the walks other than routes.

type brute struct {
	ents []string // ids, sorted
	rels []*kg.Relation
}

func newBrute(g *graph) *brute {
	b := &brute{ents: slices.Sorted(maps.Keys(g.entIdx))}
	for i := range g.rels {
		b.rels = append(b.rels, g.relation(int32(i)))
	}
	slices.SortFunc(b.rels, func(x, y *kg.Relation) int { return cmp.Compare(x.ID, y.ID) })
	return b
}

// others are the distinct other ends of id's relations that f admits, by
// id.
func (b *brute) others(id string, f kg.StepFilter) []string {
	var out []string
	for _, r := range b.rels {
		if (r.From == id || r.To == id) && f.Admits(r, id) {
			out = append(out, cmp.Or(map[bool]string{true: r.To}[r.From == id], r.From))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// among are the ids of the relations f admits as facts with both ends
// in a, by id.
func (b *brute) among(f kg.StepFilter, ends func(r *kg.Relation) bool) []string {
	var out []string
	for _, r := range b.rels {
		if ends(r) && f.AdmitsFact(r) {
			out = append(out, r.ID)
		}
	}
	return out
}

func (b *brute) neighborhood(q kg.NeighborhoodQuery) (nodes, edges []string, truncated bool) {
	centres := slices.Compact(slices.Sorted(slices.Values(q.IDs)))
	nodes = centres[:min(len(centres), q.Limit)]
	truncated = len(centres) > q.Limit
	hop := nodes
	for range q.Hops {
		if truncated || len(hop) == 0 {
			break
		}
		var next []string
		for _, id := range hop {
			for _, o := range b.others(id, q.Filter) {
				if !slices.Contains(nodes, o) {
					next = append(next, o)
				}
			}
		}
		next = slices.Compact(slices.Sorted(slices.Values(next)))
		if room := q.Limit - len(nodes); len(next) > room {
			next, truncated = next[:room], true
		}
		nodes, hop = append(nodes, next...), next
	}
	edges = b.among(q.Filter, func(r *kg.Relation) bool { return slices.Contains(nodes, r.From) && slices.Contains(nodes, r.To) })
	if len(edges) > kg.MaxSubgraphEdges {
		edges, truncated = edges[:kg.MaxSubgraphEdges], true
	}
	return nodes, edges, truncated
}

func (b *brute) expand(q kg.ExpandQuery) (nodes, edges []string, degrees map[string][2]int, truncated bool) {
	drawn := slices.Concat(q.Known, q.IDs)
	for _, id := range q.IDs {
		for _, o := range b.others(id, q.Filter) {
			if !slices.Contains(drawn, o) && !slices.Contains(nodes, o) {
				nodes = append(nodes, o)
			}
		}
	}
	slices.Sort(nodes)
	truncated = len(nodes) > q.Limit
	nodes = nodes[:min(len(nodes), q.Limit)]
	drawn = append(drawn, nodes...)
	edges = b.among(q.Filter, func(r *kg.Relation) bool {
		return slices.Contains(nodes, r.From) && slices.Contains(drawn, r.To) || slices.Contains(nodes, r.To) && slices.Contains(drawn, r.From)
	})
	if len(edges) > kg.MaxSubgraphEdges {
		edges, truncated = edges[:kg.MaxSubgraphEdges], true
	}
	degrees = map[string][2]int{}
	for _, id := range slices.Concat(nodes, q.IDs) {
		var d [2]int
		for _, r := range b.rels {
			if (r.From == id || r.To == id) && q.Filter.AdmitsFact(r) {
				d[0]++
				if other := cmp.Or(map[bool]string{true: r.To}[r.From == id], r.From); !slices.Contains(drawn, other) {
					d[1]++
				}
			}
		}
		degrees[id] = d
	}
	return nodes, edges, degrees, truncated
}

func (b *brute) stats(q kg.StatsQuery) (byType map[kg.RelationType]int, relations int, top []string) {
	byType = map[kg.RelationType]int{}
	any := q.Filter
	any.Types = kg.RelationTypes
	degree := map[string]int{}
	for _, r := range b.rels {
		if !any.AdmitsFact(r) {
			continue
		}
		byType[r.Type]++
		if slices.Contains(q.Filter.EffectiveTypes(), r.Type) {
			relations++
			if r.Type != kg.Mentions {
				degree[r.From]++
				degree[r.To]++
			}
		}
	}
	ids := slices.Collect(maps.Keys(degree))
	slices.SortFunc(ids, func(x, y string) int { return cmp.Or(cmp.Compare(degree[y], degree[x]), cmp.Compare(x, y)) })
	for _, id := range ids[:min(len(ids), q.Top)] {
		top = append(top, fmt.Sprintf("%s:%d", id, degree[id]))
	}
	return byType, relations, top
}

func viewIDs(vs []*kg.EntityView) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.ID)
	}
	return out
}

func edgeIDs(vs []*kg.RelationView) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.ID)
	}
	return out
}

// TestWalksAsDefined compares neighbourhoods, expansions, common
// neighbours and stats with the brute force, under random filters.
func TestWalksAsDefined(t *testing.T) {
	ctx := context.Background()
	for name, s := range loaded(t) {
		g, b := s.g, newBrute(s.g)
		r := rand.New(rand.NewPCG(11, 12))
		some := func(n int) []string {
			var out []string
			for range n {
				e := r.IntN(len(b.ents))
				if r.IntN(3) == 0 {
					e = r.IntN(min(30, len(b.ents))) // hubs, in the generated graph
				}
				out = append(out, g.ids[e])
			}
			return out
		}
		for i := range 60 {
			f := randomFilter(r)
			if i%2 == 0 {
				f = kg.StepFilter{Direction: kg.Both} // the common case, with its fast paths
			}
			nq := kg.NeighborhoodQuery{IDs: some(1 + r.IntN(3)), Hops: r.IntN(4), Filter: f, Limit: 1 + r.IntN(60)}
			sub, err := s.Neighborhood(ctx, nq)
			if err != nil {
				t.Fatal(err)
			}
			nodes, edges, truncated := b.neighborhood(nq)
			if got := viewIDs(sub.Nodes); !slices.Equal(got, nodes) || !slices.Equal(edgeIDs(sub.Edges), edges) || sub.Truncated != truncated {
				t.Fatalf("%s: neighborhood %+v:\n got %v %v %v\nwant %v %v %v", name, nq, got, edgeIDs(sub.Edges), sub.Truncated, nodes, edges, truncated)
			}

			eq := kg.ExpandQuery{IDs: some(1 + r.IntN(2)), Known: append(some(r.IntN(5)), "country/unknown"), Filter: f, Limit: 1 + r.IntN(30)}
			exp, err := s.Expand(ctx, eq)
			if err != nil {
				t.Fatal(err)
			}
			nodes, edges, degrees, truncated := b.expand(eq)
			gotDegrees := map[string][2]int{}
			for _, d := range slices.Concat(exp.Nodes, exp.Expanded) {
				gotDegrees[d.Node.ID] = [2]int{d.Degree, d.HiddenDegree}
			}
			var expanded []string
			for _, d := range exp.Expanded {
				expanded = append(expanded, d.Node.ID)
			}
			var got []string
			for _, d := range exp.Nodes {
				got = append(got, d.Node.ID)
			}
			wantExpanded := slices.Compact(slices.Sorted(slices.Values(eq.IDs)))
			if !slices.Equal(got, nodes) || !slices.Equal(edgeIDs(exp.Edges), edges) || exp.Truncated != truncated ||
				!maps.Equal(gotDegrees, degrees) || !slices.Equal(expanded, wantExpanded) {
				t.Fatalf("%s: expand %+v:\n got %v %v %v %v %v\nwant %v %v %v %v %v", name, eq,
					got, edgeIDs(exp.Edges), gotDegrees, expanded, exp.Truncated, nodes, edges, degrees, wantExpanded, truncated)
			}

			pair := some(2)
			cq := kg.CommonNeighborsQuery{A: pair[0], B: pair[1], Filter: f, First: 1 + r.IntN(10)}
			common, err := s.CommonNeighbors(ctx, cq)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, o := range b.others(cq.A, f) {
				if slices.Contains(b.others(cq.B, f), o) && o != cq.A && o != cq.B {
					want = append(want, o)
				}
			}
			if got := viewIDs(common.Nodes); !slices.Equal(got, want[:min(len(want), cq.First)]) || common.Truncated != (len(want) > cq.First) {
				t.Fatalf("%s: common neighbours %+v: %v %v, want %v", name, cq, got, common.Truncated, want)
			}

			if i%6 == 0 {
				sq := kg.StatsQuery{Filter: f, Top: r.IntN(8)}
				st, err := s.Stats(ctx, sq)
				if err != nil {
					t.Fatal(err)
				}
				byType, relations, top := b.stats(sq)
				var gotTop []string
				for _, d := range st.MostConnected {
					gotTop = append(gotTop, fmt.Sprintf("%s:%d", d.Node.ID, d.Degree))
				}
				for _, typ := range kg.RelationTypes {
					if st.ByType[typ] != byType[typ] {
						t.Fatalf("%s: stats %+v: %d %s, want %d", name, sq, st.ByType[typ], typ, byType[typ])
					}
				}
				if st.Relations != relations || !slices.Equal(gotTop, top) || st.Entities != len(b.ents) {
					t.Fatalf("%s: stats %+v: %d relations, top %v; want %d, %v", name, sq, st.Relations, gotTop, relations, top)
				}
			}
		}
	}
}
