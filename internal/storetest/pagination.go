package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// page is what walk needs of one page: its items' ids and cursors.
type page struct {
	ids, cursors []string
	next         bool
	total        int
}

// walk follows a connection from its first page to its last and returns
// every id in order, failing t on a duplicate, an empty page that says
// there is more, or a total that changes or disagrees with the items.
func walk(t *testing.T, what string, fetch func(after string) (page, error)) []string {
	t.Helper()
	var all []string
	seen := map[string]bool{}
	after, total := "", -1
	for pages := 0; ; pages++ {
		p, err := fetch(after)
		if err != nil {
			t.Fatalf("%s: page %d: %v", what, pages, err)
		}
		if total >= 0 && p.total != total {
			t.Fatalf("%s: page %d: totalCount %d, earlier %d", what, pages, p.total, total)
		}
		total = p.total
		for _, id := range p.ids {
			if seen[id] {
				t.Fatalf("%s: page %d repeats %s", what, pages, id)
			}
			seen[id] = true
		}
		all = append(all, p.ids...)
		if !p.next {
			break
		}
		if len(p.ids) == 0 || pages > 10000 {
			t.Fatalf("%s: page %d is empty but says there is more", what, pages)
		}
		after = p.cursors[len(p.cursors)-1]
	}
	if len(all) != total {
		t.Fatalf("%s: %d items in all pages, totalCount %d", what, len(all), total)
	}
	return all
}

func entityPages(ctx context.Context, s kg.Store, f kg.EntityFilter) func(string) (page, error) {
	return func(after string) (page, error) {
		f.After = after
		p, err := s.FindEntities(ctx, f)
		if err != nil {
			return page{}, err
		}
		out := page{next: p.HasNextPage, total: p.TotalCount}
		for _, e := range p.Edges {
			out.ids, out.cursors = append(out.ids, e.Entity.ID), append(out.cursors, e.Cursor)
		}
		return out, nil
	}
}

func relationPage(p *kg.RelationPage) page {
	out := page{next: p.HasNextPage, total: p.TotalCount}
	for _, e := range p.Edges {
		out.ids, out.cursors = append(out.ids, e.Relation.ID), append(out.cursors, e.Cursor)
	}
	return out
}

func relationsOfPages(ctx context.Context, s kg.Store, id string, f kg.RelationFilter) func(string) (page, error) {
	return func(after string) (page, error) {
		f.After = after
		p, err := s.RelationsOf(ctx, []string{id}, f)
		if err != nil {
			return page{}, err
		}
		return relationPage(p[0]), nil
	}
}

func findRelationsPages(ctx context.Context, s kg.Store, f kg.RelationFilter) func(string) (page, error) {
	return func(after string) (page, error) {
		f.After = after
		p, err := s.FindRelations(ctx, f)
		if err != nil {
			return page{}, err
		}
		return relationPage(p), nil
	}
}

// checkWalks walks each connection of a store page by page and compares
// the items with one page of the Reference holding them all.
func checkWalks(t *testing.T, s kg.Store, g *kg.Graph, entities []kg.EntityFilter, relationsOf map[string]kg.RelationFilter, relations []kg.RelationFilter) {
	t.Helper()
	ctx, ref := context.Background(), NewReference(g)
	everything := len(g.Entities) + len(g.Relations)
	for _, f := range entities {
		got := walk(t, View(f), entityPages(ctx, s, f))
		all := f
		all.First = everything
		want := walk(t, "reference", entityPages(ctx, ref, all))
		if !slices.Equal(got, want) {
			t.Errorf("FindEntities %s: pages give %d entities, want %d: %s", View(f), len(got), len(want), firstDifference(View(got), View(want)))
		}
	}
	for id, f := range relationsOf {
		got := walk(t, id+" "+View(f), relationsOfPages(ctx, s, id, f))
		all := f
		all.First = everything
		want := walk(t, "reference", relationsOfPages(ctx, ref, id, all))
		if !slices.Equal(got, want) {
			t.Errorf("RelationsOf %s %s: pages give %d relations, want %d: %s", id, View(f), len(got), len(want), firstDifference(View(got), View(want)))
		}
	}
	for _, f := range relations {
		got := walk(t, View(f), findRelationsPages(ctx, s, f))
		all := f
		all.First = everything
		want := walk(t, "reference", findRelationsPages(ctx, ref, all))
		if !slices.Equal(got, want) {
			t.Errorf("FindRelations %s: pages give %d relations, want %d: %s", View(f), len(got), len(want), firstDifference(View(got), View(want)))
		}
	}
}

// runPagination walks the generated graph's connections: every entity by
// name and by id, filtered ones, a hub's relations, relations by type.
func runPagination(t *testing.T, s kg.Store, g *kg.Graph) {
	hub := NewReference(g)
	st, _ := hub.Stats(context.Background(), 1)
	top := st.MostConnected[0].EntityID
	checkWalks(t, s, g,
		[]kg.EntityFilter{
			{OrderBy: kg.OrderByName, First: kg.MaxFirst},
			{OrderBy: kg.OrderByID, First: 77},
			{OrderBy: kg.OrderByName, First: 9, Kinds: []kg.Kind{kg.KindCountry, kg.KindRegion}},
			{OrderBy: kg.OrderByName, First: 13, NameContains: "KA", Kinds: []kg.Kind{kg.KindPerson}},
		},
		map[string]kg.RelationFilter{
			top:              {StepFilter: kg.StepFilter{Direction: kg.Both}, First: 50},
			g.Entities[0].ID: {StepFilter: kg.StepFilter{Direction: kg.Out}, First: 2},
		},
		[]kg.RelationFilter{
			{StepFilter: kg.StepFilter{Types: []kg.RelationType{kg.Exports, kg.RankedIn}}, First: 23},
			{From: top, First: 31},
		})
}
