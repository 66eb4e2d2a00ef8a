package storetest

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// errorCase is one call and the code it must end with.
type errorCase struct {
	name string
	code string
	do   func(ctx context.Context, s kg.Store) error
}

// errorCases are bad arguments of every capability and ids that name
// nothing, around entities a and b of the graph.
func errorCases(a, b string) []errorCase {
	both := kg.StepFilter{Direction: kg.Both}
	badTypes := kg.StepFilter{Direction: kg.Both, Types: []kg.RelationType{kg.HoldsPosition, "NOT_A_TYPE"}}
	backwards := kg.StepFilter{Direction: kg.Both, Valid: kg.Window{Since: "2026-01-01", Until: "2025-01-01"}}
	badChild := &kg.EntitySel{Kids: []*kg.ChildSel{{Kind: kg.ChildRelations, Filter: kg.RelationFilter{StepFilter: kg.StepFilter{Direction: "UP"}, Page: kg.Page{First: 1}}}}}
	path := func(q kg.PathQuery) func(context.Context, kg.Store) error {
		return func(ctx context.Context, s kg.Store) error { _, err := s.Paths(ctx, q); return err }
	}
	hood := func(q kg.NeighborhoodQuery) func(context.Context, kg.Store) error {
		return func(ctx context.Context, s kg.Store) error { _, err := s.Neighborhood(ctx, q); return err }
	}
	expand := func(q kg.ExpandQuery) func(context.Context, kg.Store) error {
		return func(ctx context.Context, s kg.Store) error { _, err := s.Expand(ctx, q); return err }
	}
	common := func(q kg.CommonNeighborsQuery) func(context.Context, kg.Store) error {
		return func(ctx context.Context, s kg.Store) error { _, err := s.CommonNeighbors(ctx, q); return err }
	}
	entities := func(f kg.EntityFilter) func(context.Context, kg.Store) error {
		return func(ctx context.Context, s kg.Store) error { _, err := s.FindEntities(ctx, f, true, nil); return err }
	}
	relations := func(f kg.RelationFilter) func(context.Context, kg.Store) error {
		return func(ctx context.Context, s kg.Store) error {
			_, err := s.FindRelations(ctx, f, true, nil, nil)
			return err
		}
	}
	search := func(q kg.SearchQuery) func(context.Context, kg.Store) error {
		return func(ctx context.Context, s kg.Store) error { _, err := s.Search(ctx, q); return err }
	}
	stats := func(q kg.StatsQuery) func(context.Context, kg.Store) error {
		return func(ctx context.Context, s kg.Store) error { _, err := s.Stats(ctx, q); return err }
	}
	return []errorCase{
		{"Nodes bad child", kg.EINVALID, func(ctx context.Context, s kg.Store) error {
			_, err := s.Nodes(ctx, []string{a}, badChild, nil)
			return err
		}},
		{"Nodes bad relation selection", kg.EINVALID, func(ctx context.Context, s kg.Store) error {
			_, err := s.Nodes(ctx, []string{a}, nil, &kg.RelationSel{To: badChild})
			return err
		}},
		{"Nodes past the cap", kg.EINVALID, func(ctx context.Context, s kg.Store) error {
			_, err := s.Nodes(ctx, make([]string, kg.MaxIDs+1), nil, nil)
			return err
		}},
		{"FindRelations a window of months", kg.EINVALID, relations(kg.RelationFilter{StepFilter: kg.StepFilter{Valid: kg.Window{Since: "2020-03"}}, Page: kg.Page{First: 5}})},
		{"FindEntities malformed cursor", kg.EINVALID, entities(kg.EntityFilter{OrderBy: kg.OrderByName, Page: kg.Page{First: 5, After: "!!not base64"}})},
		{"FindEntities name cursor by id", kg.EINVALID, entities(kg.EntityFilter{OrderBy: kg.OrderByID, Page: kg.Page{First: 5, After: kg.EncodeCursor("Name", a)}})},
		{"FindEntities id cursor by name", kg.EINVALID, entities(kg.EntityFilter{OrderBy: kg.OrderByName, Page: kg.Page{First: 5, After: kg.EncodeCursor(a)}})},
		{"FindEntities unknown kind", kg.EINVALID, entities(kg.EntityFilter{OrderBy: kg.OrderByName, Kinds: []kg.Kind{"Planet"}, Page: kg.Page{First: 5}})},
		{"FindEntities no order", kg.EINVALID, entities(kg.EntityFilter{Page: kg.Page{First: 5}})},
		{"FindEntities negative first", kg.EINVALID, entities(kg.EntityFilter{OrderBy: kg.OrderByID, Page: kg.Page{First: -1}})},
		{"FindEntities first past the cap", kg.EINVALID, entities(kg.EntityFilter{OrderBy: kg.OrderByID, Page: kg.Page{First: kg.MaxFirst + 1}})},
		{"FindEntities nameContains too long", kg.EINVALID, entities(kg.EntityFilter{OrderBy: kg.OrderByID, NameContains: strings.Repeat("é", kg.MaxSearchText+1), Page: kg.Page{First: 1}})},
		{"FindRelations malformed cursor", kg.EINVALID, relations(kg.RelationFilter{StepFilter: both, Page: kg.Page{First: 5, After: "e30"}})},
		{"FindRelations cursor of two keys", kg.EINVALID, relations(kg.RelationFilter{StepFilter: both, Page: kg.Page{First: 5, After: kg.EncodeCursor("a", "b")}})},
		{"FindRelations unknown type", kg.EINVALID, relations(kg.RelationFilter{StepFilter: badTypes, From: a, Page: kg.Page{First: 5}})},
		{"FindRelations unknown status", kg.EINVALID, relations(kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both, Statuses: []kg.Status{"rumoured"}}, Page: kg.Page{First: 5}})},
		{"FindRelations stated until before since", kg.EINVALID, relations(kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both, Stated: kg.Window{Since: "2025-02-01", Until: "2025-01-31"}}, Page: kg.Page{First: 5}})},
		{"FindRelations first past the cap", kg.EINVALID, relations(kg.RelationFilter{StepFilter: both, Page: kg.Page{First: kg.MaxFirst + 1}})},
		{"Search first past the cap", kg.EINVALID, search(kg.SearchQuery{Text: "pakistan", First: kg.MaxSearch + 1})},
		{"Search first 0", kg.EINVALID, search(kg.SearchQuery{Text: "pakistan"})},
		{"Search text too long", kg.EINVALID, search(kg.SearchQuery{Text: strings.Repeat("a", kg.MaxSearchText+1), First: 5})},
		{"Search no letter", kg.EINVALID, search(kg.SearchQuery{Text: "--- !", First: 5})},
		{"Search unknown kind", kg.EINVALID, search(kg.SearchQuery{Text: "pakistan", First: 5, Kinds: []kg.Kind{kg.KindCountry, "Planet"}})},
		{"Search bad selection", kg.EINVALID, search(kg.SearchQuery{Text: "pakistan", First: 5, Entity: badChild})},
		{"Paths unknown from", kg.ENOTFOUND, path(kg.PathQuery{From: "person/nobody", To: b, MaxHops: 3, Limit: 1, Filter: both})},
		{"Paths unknown to", kg.ENOTFOUND, path(kg.PathQuery{From: a, To: "org/nothing", MaxHops: 3, Limit: 3, Filter: both})},
		{"Paths maxHops 0", kg.EINVALID, path(kg.PathQuery{From: a, To: b, MaxHops: 0, Limit: 1, Filter: both})},
		{"Paths maxHops past the cap", kg.EINVALID, path(kg.PathQuery{From: a, To: b, MaxHops: kg.MaxHops + 1, Limit: 1, Filter: both})},
		{"Paths limit 0", kg.EINVALID, path(kg.PathQuery{From: a, To: b, MaxHops: 2, Filter: both})},
		{"Paths limit past the cap", kg.EINVALID, path(kg.PathQuery{From: a, To: b, MaxHops: 3, Limit: kg.MaxPaths + 1, Filter: both})},
		{"Paths no direction", kg.EINVALID, path(kg.PathQuery{From: a, To: b, MaxHops: 2, Limit: 1, Filter: kg.StepFilter{Direction: "SIDEWAYS"}})},
		{"Paths until before since", kg.EINVALID, path(kg.PathQuery{From: a, To: b, MaxHops: 2, Limit: 1, Filter: backwards})},
		{"Paths invalid and unknown: invalid first", kg.EINVALID, path(kg.PathQuery{From: "person/nobody", To: b, MaxHops: 2, Limit: 1, Filter: backwards})},
		{"Neighborhood unknown id", kg.ENOTFOUND, hood(kg.NeighborhoodQuery{IDs: []string{a, "city/atlantis"}, Hops: 1, Limit: 10, Filter: both})},
		{"Neighborhood hops past the cap", kg.EINVALID, hood(kg.NeighborhoodQuery{IDs: []string{a}, Hops: kg.MaxHops + 1, Limit: 10, Filter: both})},
		{"Neighborhood limit past the cap", kg.EINVALID, hood(kg.NeighborhoodQuery{IDs: []string{a}, Hops: 1, Limit: kg.MaxSubgraphNodes + 1, Filter: both})},
		{"Neighborhood no ids", kg.EINVALID, hood(kg.NeighborhoodQuery{Hops: 1, Limit: 10, Filter: both})},
		{"Neighborhood too many ids", kg.EINVALID, hood(kg.NeighborhoodQuery{IDs: make([]string, kg.MaxIDs+1), Hops: 1, Limit: 10, Filter: both})},
		{"Neighborhood unknown type", kg.EINVALID, hood(kg.NeighborhoodQuery{IDs: []string{a}, Hops: 1, Limit: 10, Filter: badTypes})},
		{"Expand unknown id", kg.ENOTFOUND, expand(kg.ExpandQuery{IDs: []string{"org/nothing"}, Limit: 10, Filter: both})},
		{"Expand unknown known id is ignored", "", expand(kg.ExpandQuery{IDs: []string{a}, Known: []string{"org/nothing"}, Limit: 10, Filter: both})},
		{"Expand no ids", kg.EINVALID, expand(kg.ExpandQuery{Limit: 10, Filter: both})},
		{"Expand too many known", kg.EINVALID, expand(kg.ExpandQuery{IDs: []string{a}, Known: make([]string, kg.MaxKnownIDs+1), Limit: 10, Filter: both})},
		{"Expand limit 0", kg.EINVALID, expand(kg.ExpandQuery{IDs: []string{a}, Filter: both})},
		{"Expand bad selection", kg.EINVALID, expand(kg.ExpandQuery{IDs: []string{a}, Limit: 10, Filter: both, Nodes: badChild})},
		{"CommonNeighbors unknown a", kg.ENOTFOUND, common(kg.CommonNeighborsQuery{A: "org/nothing", B: b, First: 10, Filter: both})},
		{"CommonNeighbors unknown b", kg.ENOTFOUND, common(kg.CommonNeighborsQuery{A: a, B: "org/nothing", First: 10, Filter: both})},
		{"CommonNeighbors first past the cap", kg.EINVALID, common(kg.CommonNeighborsQuery{A: a, B: b, First: kg.MaxFirst + 1, Filter: both})},
		{"CommonNeighbors unknown status", kg.EINVALID, common(kg.CommonNeighborsQuery{A: a, B: b, First: 5, Filter: kg.StepFilter{Direction: kg.Both, Statuses: []kg.Status{"rumoured"}}})},
		{"Stats negative top", kg.EINVALID, stats(kg.StatsQuery{Top: -1, Filter: both})},
		{"Stats top past the cap", kg.EINVALID, stats(kg.StatsQuery{Top: kg.MaxFirst + 1, Filter: both})},
		{"Stats bad selection", kg.EINVALID, stats(kg.StatsQuery{Top: 1, Filter: both, Nodes: badChild})},
	}
}

// runErrors checks that each bad call is refused with its code, and that
// a request whose caller went away gets the context's error, whatever
// the capability.
func runErrors(t *testing.T, s kg.Store, a, b string) {
	for _, c := range errorCases(a, b) {
		if err := c.do(context.Background(), s); kg.ErrorCode(err) != c.code {
			t.Errorf("%s: %v, want code %q", c.name, err, c.code)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	both := kg.StepFilter{Direction: kg.Both}
	for name, do := range map[string]func() error{
		"Ping":         func() error { return s.Ping(ctx) },
		"Nodes":        func() error { _, err := s.Nodes(ctx, []string{a}, nil, nil); return err },
		"ResolveNames": func() error { _, err := s.ResolveNames(ctx, []string{"x"}); return err },
		"FindEntities": func() error {
			_, err := s.FindEntities(ctx, kg.EntityFilter{OrderBy: kg.OrderByID, Page: kg.Page{First: 1}}, false, nil)
			return err
		},
		"FindRelations": func() error {
			_, err := s.FindRelations(ctx, kg.RelationFilter{StepFilter: both, Page: kg.Page{First: 1}}, false, nil, nil)
			return err
		},
		"Search": func() error { _, err := s.Search(ctx, kg.SearchQuery{Text: "a", First: 1}); return err },
		"Paths": func() error {
			_, err := s.Paths(ctx, kg.PathQuery{From: a, To: b, MaxHops: 2, Limit: 1, Filter: both})
			return err
		},
		"Neighborhood": func() error {
			_, err := s.Neighborhood(ctx, kg.NeighborhoodQuery{IDs: []string{a}, Hops: 1, Limit: 5, Filter: both})
			return err
		},
		"Expand": func() error {
			_, err := s.Expand(ctx, kg.ExpandQuery{IDs: []string{a}, Limit: 5, Filter: both})
			return err
		},
		"CommonNeighbors": func() error {
			_, err := s.CommonNeighbors(ctx, kg.CommonNeighborsQuery{A: a, B: b, First: 5, Filter: both})
			return err
		},
		"Stats": func() error { _, err := s.Stats(ctx, kg.StatsQuery{Top: 1, Filter: both}); return err },
	} {
		if err := do(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s after the caller went away: %v, want context.Canceled", name, err)
		}
	}
}
