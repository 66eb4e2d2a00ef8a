package memstore

import (
	"cmp"
	"context"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// Stats implements kg.Store. Without a time or status filter the counts
// are kept ones; with one, every relation is read once.
func (s *Store) Stats(ctx context.Context, q kg.StatsQuery) (*kg.Stats, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	var st *kg.Stats
	err := s.read(ctx, func(rd *reader) error {
		g := rd.g
		st = &kg.Stats{ByKind: map[kg.Kind]int{}, ByType: map[kg.RelationType]int{}}
		for _, k := range kg.Kinds {
			st.ByKind[k] = g.kinds[k]
			st.Entities += g.kinds[k]
		}
		m := g.matcher(q.Filter).both()
		counted := m.typed() // only types select: the counts by type are kept
		connecting := m.types &^ (1 << typeIndex[kg.Mentions])
		var degrees []int32
		if !counted || q.Top > 0 && connecting != factTypes {
			degrees = make([]int32, len(g.ents))
		}
		timed := m // every type, under the filter's times and statuses
		timed.types = allTypes
		var byType [len(g.types)]int
		if counted {
			copy(byType[:], g.types[:])
		}
		if degrees != nil {
			for i := range g.rels {
				if i%checkEvery == checkEvery-1 {
					if err := ctxErr(ctx); err != nil {
						return err
					}
				}
				r := &g.rels[i]
				if r.gone || !counted && !timed.fact(r) {
					continue
				}
				if !counted {
					byType[r.typ]++
				}
				if connecting&(1<<r.typ) != 0 {
					degrees[r.from]++
					degrees[r.to]++
				}
			}
		}
		for i, t := range kg.RelationTypes {
			st.ByType[t] = byType[i]
			if m.types&(1<<i) != 0 {
				st.Relations += byType[i]
			}
		}
		if q.Top == 0 {
			return nil
		}
		degree := func(n int) int32 {
			if degrees == nil {
				return g.nFacts[n]
			}
			return degrees[n]
		}
		top, err := g.mostConnected(ctx, degree, q.Top)
		if err != nil {
			return err
		}
		for _, n := range top {
			v, err := rd.entityView(n, q.Nodes)
			if err != nil {
				return err
			}
			st.MostConnected = append(st.MostConnected, kg.EntityDegree{Node: v, Degree: int(degree(int(n)))})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}

// mostConnected returns the top entities of greatest degree (above 0),
// by degree, then id.
func (g *graph) mostConnected(ctx context.Context, degree func(n int) int32, top int) ([]int32, error) {
	better := func(a, b int32) int {
		return cmp.Or(cmp.Compare(degree(int(b)), degree(int(a))), g.compareRanks(a, b))
	}
	var best []int32 // sorted, at most top
	for n := range g.ents {
		if n%checkEvery == checkEvery-1 {
			if err := ctxErr(ctx); err != nil {
				return nil, err
			}
		}
		if degree(n) == 0 || len(best) == top && better(int32(n), best[top-1]) > 0 {
			continue
		}
		i, _ := slices.BinarySearchFunc(best, int32(n), better)
		best = slices.Insert(best, i, int32(n))
		if len(best) > top {
			best = best[:top]
		}
	}
	return best, nil
}
