package storetest

import (
	"context"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// runErrors checks that bad arguments are refused with the right code:
// malformed cursors, unknown types and kinds, out-of-range caps
// (EINVALID), and traversals from ids that name nothing (ENOTFOUND).
func runErrors(t *testing.T, s kg.Store) {
	ctx := context.Background()
	both := kg.StepFilter{Direction: kg.Both}
	bad := []kg.RelationType{kg.HoldsPosition, "NOT_A_TYPE"}
	nameCursor := kg.EncodeCursor("Pakistan", pakistan)
	for name, c := range map[string]struct {
		code string
		do   func() error
	}{
		"FindEntities malformed cursor": {kg.EINVALID, func() error {
			_, err := s.FindEntities(ctx, kg.EntityFilter{First: 5, After: "!!not base64"})
			return err
		}},
		"FindEntities name cursor by id": {kg.EINVALID, func() error {
			_, err := s.FindEntities(ctx, kg.EntityFilter{First: 5, OrderBy: kg.OrderByID, After: nameCursor})
			return err
		}},
		"FindEntities id cursor by name": {kg.EINVALID, func() error {
			_, err := s.FindEntities(ctx, kg.EntityFilter{First: 5, After: kg.EncodeCursor(pakistan)})
			return err
		}},
		"FindEntities unknown kind": {kg.EINVALID, func() error {
			_, err := s.FindEntities(ctx, kg.EntityFilter{First: 5, Kinds: []kg.Kind{"Planet"}})
			return err
		}},
		"FindEntities negative first": {kg.EINVALID, func() error {
			_, err := s.FindEntities(ctx, kg.EntityFilter{First: -1})
			return err
		}},
		"SearchCandidates unknown kind": {kg.EINVALID, func() error {
			_, err := s.SearchCandidates(ctx, "pakistan", []kg.Kind{kg.KindCountry, "Planet"}, 10)
			return err
		}},
		"RelationsOf malformed cursor": {kg.EINVALID, func() error {
			_, err := s.RelationsOf(ctx, []string{pakistan}, kg.RelationFilter{StepFilter: both, First: 5, After: kg.EncodeCursor("a", "b")})
			return err
		}},
		"RelationsOf unknown type": {kg.EINVALID, func() error {
			_, err := s.RelationsOf(ctx, []string{pakistan}, kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both, Types: bad}, First: 5})
			return err
		}},
		"RelationsOf negative first": {kg.EINVALID, func() error {
			_, err := s.RelationsOf(ctx, []string{pakistan}, kg.RelationFilter{StepFilter: both, First: -5})
			return err
		}},
		"FindRelations malformed cursor": {kg.EINVALID, func() error {
			_, err := s.FindRelations(ctx, kg.RelationFilter{First: 5, After: "e30"}) // {}
			return err
		}},
		"FindRelations unknown type": {kg.EINVALID, func() error {
			_, err := s.FindRelations(ctx, kg.RelationFilter{From: pakistan, StepFilter: kg.StepFilter{Types: bad}, First: 5})
			return err
		}},
		"Expand unknown type": {kg.EINVALID, func() error {
			_, err := s.Expand(ctx, []string{pakistan}, kg.StepFilter{Direction: kg.Both, Types: bad})
			return err
		}},
		"Stats negative top": {kg.EINVALID, func() error {
			_, err := s.Stats(ctx, -1)
			return err
		}},
		"ShortestPath unknown from": {kg.ENOTFOUND, func() error {
			_, _, err := kg.ShortestPath(ctx, s, kg.PathQuery{From: "person/nobody", To: pakistan, MaxHops: 3, Filter: both})
			return err
		}},
		"ShortestPath unknown to": {kg.ENOTFOUND, func() error {
			_, _, err := kg.ShortestPath(ctx, s, kg.PathQuery{From: pakistan, To: "person/nobody", MaxHops: 3, Filter: both})
			return err
		}},
		"ShortestPath maxHops 0": {kg.EINVALID, func() error {
			_, _, err := kg.ShortestPath(ctx, s, kg.PathQuery{From: pakistan, To: rehman, MaxHops: 0, Filter: both})
			return err
		}},
		"ShortestPath maxHops past the cap": {kg.EINVALID, func() error {
			_, _, err := kg.ShortestPath(ctx, s, kg.PathQuery{From: pakistan, To: rehman, MaxHops: kg.MaxHops + 1, Filter: both})
			return err
		}},
		"ShortestPath no direction": {kg.EINVALID, func() error {
			_, _, err := kg.ShortestPath(ctx, s, kg.PathQuery{From: pakistan, To: rehman, MaxHops: 2, Filter: kg.StepFilter{Direction: "SIDEWAYS"}})
			return err
		}},
		"ShortestPath until before since": {kg.EINVALID, func() error {
			_, _, err := kg.ShortestPath(ctx, s, kg.PathQuery{From: pakistan, To: rehman, MaxHops: 2,
				Filter: kg.StepFilter{Direction: kg.Both, Window: kg.Window{Since: "2026-01-01", Until: "2025-01-01"}}})
			return err
		}},
		"Paths unknown to": {kg.ENOTFOUND, func() error {
			_, _, err := kg.Paths(ctx, s, kg.PathQuery{From: pakistan, To: "org/nothing", MaxHops: 3, Limit: 3, Filter: both})
			return err
		}},
		"Paths limit past the cap": {kg.EINVALID, func() error {
			_, _, err := kg.Paths(ctx, s, kg.PathQuery{From: pakistan, To: rehman, MaxHops: 3, Limit: kg.MaxPaths + 1, Filter: both})
			return err
		}},
		"Neighborhood unknown id": {kg.ENOTFOUND, func() error {
			_, err := kg.Neighborhood(ctx, s, kg.NeighborhoodQuery{IDs: []string{pakistan, "city/atlantis"}, Hops: 1, Limit: 10, Filter: both})
			return err
		}},
		"Neighborhood hops past the cap": {kg.EINVALID, func() error {
			_, err := kg.Neighborhood(ctx, s, kg.NeighborhoodQuery{IDs: []string{pakistan}, Hops: kg.MaxHops + 1, Limit: 10, Filter: both})
			return err
		}},
		"Neighborhood limit past the cap": {kg.EINVALID, func() error {
			_, err := kg.Neighborhood(ctx, s, kg.NeighborhoodQuery{IDs: []string{pakistan}, Hops: 1, Limit: kg.MaxSubgraphNodes + 1, Filter: both})
			return err
		}},
		"Neighborhood no ids": {kg.EINVALID, func() error {
			_, err := kg.Neighborhood(ctx, s, kg.NeighborhoodQuery{Hops: 1, Limit: 10, Filter: both})
			return err
		}},
		"CommonNeighbors unknown id": {kg.ENOTFOUND, func() error {
			_, _, err := kg.CommonNeighbors(ctx, s, pakistan, "org/nothing", both, 10)
			return err
		}},
		"CommonNeighbors limit past the cap": {kg.EINVALID, func() error {
			_, _, err := kg.CommonNeighbors(ctx, s, pakistan, kazakhstan, both, kg.MaxFirst+1)
			return err
		}},
		"Search first past the cap": {kg.EINVALID, func() error {
			_, err := kg.Search(ctx, s, "pakistan", nil, kg.MaxSearch+1)
			return err
		}},
		"Search text too long": {kg.EINVALID, func() error {
			_, err := kg.Search(ctx, s, strings.Repeat("a", kg.MaxSearchText+1), nil, 5)
			return err
		}},
		"Search no letter": {kg.EINVALID, func() error {
			_, err := kg.Search(ctx, s, "--- !", nil, 5)
			return err
		}},
	} {
		if err := c.do(); kg.ErrorCode(err) != c.code {
			t.Errorf("%s: %v, want code %s", name, err, c.code)
		}
	}
}
