package memstore

import (
	"cmp"
	"context"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// Nodes implements kg.Store.
func (s *Store) Nodes(ctx context.Context, ids []string, es *kg.EntitySel, rs *kg.RelationSel) ([]kg.NodeView, error) {
	if err := kg.CheckIDs(ids); err != nil {
		return nil, err
	}
	if err := es.Validate(); err != nil {
		return nil, err
	}
	if err := rs.Validate(); err != nil {
		return nil, err
	}
	out := make([]kg.NodeView, len(ids))
	err := s.read(ctx, func(rd *reader) error {
		g := rd.g
		for i, id := range ids {
			var err error
			if n, ok := g.entityNum(id); ok {
				out[i].Entity, err = rd.entityView(n, es)
			} else if ri, ok := g.findRelation(id); ok {
				out[i].Relation, err = rd.relationView(ri, rs)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ResolveNames implements kg.Store through the index of name keys.
func (s *Store) ResolveNames(ctx context.Context, names []string) ([][]kg.NameMatch, error) {
	out := make([][]kg.NameMatch, len(names))
	err := s.read(ctx, func(rd *reader) error {
		g := rd.g
		for i, name := range names {
			key := kg.NameKey(name)
			if key == "" {
				continue
			}
			found := g.names.find(key, g.ents)
			slices.SortFunc(found, g.compareRanks)
			for _, n := range found[:min(len(found), kg.MaxNameCandidates+1)] {
				e := g.ents[n]
				out[i] = append(out[i], kg.NameMatch{ID: e.ID, Kind: e.Kind, Name: e.Name})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// compareRanks orders entity numbers by id.
func (g *graph) compareRanks(a, b int32) int { return cmp.Compare(g.rank[a], g.rank[b]) }

// entities returns the numbers of the entities with the ids, or ENOTFOUND
// for the first id that names none.
func (g *graph) entities(ids ...string) ([]int32, error) {
	out := make([]int32, len(ids))
	for i, id := range ids {
		n, ok := g.entityNum(id)
		if !ok {
			return nil, kg.Errorf(kg.ENOTFOUND, "no entity has id %q", id)
		}
		out[i] = n
	}
	return out, nil
}

// byRank sorts entity numbers by id and drops repeats, in place: as
// ranks, which sort as plain integers.
func (g *graph) byRank(ns []int32) []int32 {
	for i, n := range ns {
		ns[i] = g.rank[n]
	}
	slices.Sort(ns)
	ns = slices.Compact(ns)
	for i, r := range ns {
		ns[i] = g.byID[r]
	}
	return ns
}
