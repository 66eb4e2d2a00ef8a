package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// page is what a walk needs of one page: its items' ids and cursors.
type page struct {
	ids, cursors []string
	next, prev   bool
	total        int
}

// walk follows a connection from its first page to its last, counting,
// and returns every id in order. It fails t on an item seen twice, an
// empty page that says there is more, a total that changes or is not
// the number of items of all pages.
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

// walkBack follows a connection from its last page to its first, by
// last/before, and returns every id in the connection's order; it fails t
// as walk does.
func walkBack(t *testing.T, what string, fetch func(before string) (page, error)) []string {
	t.Helper()
	var all []string
	seen := map[string]bool{}
	before, total := "", -1
	for pages := 0; ; pages++ {
		p, err := fetch(before)
		if err != nil {
			t.Fatalf("%s backwards: page %d: %v", what, pages, err)
		}
		if total >= 0 && p.total != total {
			t.Fatalf("%s backwards: page %d: totalCount %d, earlier %d", what, pages, p.total, total)
		}
		total = p.total
		for _, id := range p.ids {
			if seen[id] {
				t.Fatalf("%s backwards: page %d repeats %s", what, pages, id)
			}
			seen[id] = true
		}
		if p.next != (before != "") {
			t.Fatalf("%s backwards: page %d: hasNextPage %v, read before %q", what, pages, p.next, before)
		}
		all = append(slices.Clone(p.ids), all...)
		if !p.prev {
			break
		}
		if len(p.ids) == 0 || pages > 10000 {
			t.Fatalf("%s backwards: page %d is empty but says there is more before it", what, pages)
		}
		before = p.cursors[0]
	}
	if len(all) != total {
		t.Fatalf("%s backwards: %d items in all pages, totalCount %d", what, len(all), total)
	}
	return all
}

func entityPage(p *kg.EntityPage) page {
	out := page{next: p.HasNextPage, prev: p.HasPrevious, total: p.TotalCount}
	for _, e := range p.Edges {
		out.ids, out.cursors = append(out.ids, e.Node.ID), append(out.cursors, e.Cursor)
	}
	return out
}

func relationPage(p *kg.RelationPage) page {
	out := page{next: p.HasNextPage, prev: p.HasPrevious, total: p.TotalCount}
	for _, e := range p.Edges {
		out.ids, out.cursors = append(out.ids, e.Relation.ID), append(out.cursors, e.Cursor)
	}
	return out
}

// A connection is a paged capability with its arguments but the page.
type connection struct {
	name  string
	fetch func(ctx context.Context, s kg.Store, pg kg.Page) (page, error)
}

func entitiesConnection(f kg.EntityFilter) connection {
	return connection{fmt.Sprintf("FindEntities %+v", f), func(ctx context.Context, s kg.Store, pg kg.Page) (page, error) {
		f := f
		f.Page = pg
		p, err := s.FindEntities(ctx, f, true, nil)
		if err != nil {
			return page{}, err
		}
		return entityPage(p), nil
	}}
}

func relationsConnection(f kg.RelationFilter) connection {
	return connection{fmt.Sprintf("FindRelations %+v", f), func(ctx context.Context, s kg.Store, pg kg.Page) (page, error) {
		f := f
		f.Page = pg
		p, err := s.FindRelations(ctx, f, true, nil, nil)
		if err != nil {
			return page{}, err
		}
		return relationPage(p), nil
	}}
}

// childConnection is a nested page of entity id: its relations or its
// neighbours.
func childConnection(id string, kind kg.ChildKind, f kg.StepFilter) connection {
	return connection{fmt.Sprintf("%s child %d %+v", id, kind, f), func(ctx context.Context, s kg.Store, pg kg.Page) (page, error) {
		sel := &kg.EntitySel{Kids: []*kg.ChildSel{{Kind: kind, Count: true, Filter: kg.RelationFilter{StepFilter: f, Page: pg}}}}
		nodes, err := s.Nodes(ctx, []string{id}, sel, nil)
		if err != nil {
			return page{}, err
		}
		if nodes[0].Entity == nil {
			return page{}, fmt.Errorf("no entity %s", id)
		}
		switch p := nodes[0].Entity.Kids[0].(type) {
		case *kg.RelationPage:
			return relationPage(p), nil
		case *kg.EntityPage:
			return entityPage(p), nil
		}
		return page{}, fmt.Errorf("child of %s: %T", id, nodes[0].Entity.Kids[0])
	}}
}

// checkPages walks each connection of s page by page, size by size, and
// requires the items of all pages to be those of the Reference's walk,
// in its order: no gap, no repeat, totals that agree.
func checkPages(t *testing.T, s kg.Store, g *kg.Graph, sizes []int, conns ...connection) {
	t.Helper()
	ctx, ref := context.Background(), NewReference(g)
	for _, c := range conns {
		want := walk(t, "reference "+c.name, func(after string) (page, error) {
			return c.fetch(ctx, ref, kg.Page{First: kg.MaxFirst, After: after})
		})
		for _, size := range sizes {
			got := walk(t, c.name, func(after string) (page, error) {
				return c.fetch(ctx, s, kg.Page{First: size, After: after})
			})
			if !slices.Equal(got, want) {
				t.Errorf("%s in pages of %d: %d items, want %d: %s", c.name, size, len(got), len(want), firstDifference(View(got), View(want)))
			}
			back := walkBack(t, c.name, func(before string) (page, error) {
				return c.fetch(ctx, s, kg.Page{Last: size, Before: before})
			})
			if !slices.Equal(back, want) {
				t.Errorf("%s backwards in pages of %d: %d items, want %d: %s", c.name, size, len(back), len(want), firstDifference(View(back), View(want)))
			}
			checkWindows(t, ctx, s, c, size)
		}
	}
}

// checkWindows reads, from the store's own pages of the connection, the
// after+before windows between pairs of its cursors, forwards and
// backwards, and requires the items between them: the first size of them
// forwards, the last size backwards, with hasNextPage and hasPreviousPage
// saying whether the window holds more.
func checkWindows(t *testing.T, ctx context.Context, s kg.Store, c connection, size int) {
	t.Helper()
	all, err := c.fetch(ctx, s, kg.Page{First: kg.MaxFirst})
	if err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	n := len(all.ids)
	for _, w := range [][2]int{{0, n - 1}, {1, n - 2}, {0, 2}, {n / 3, n / 2}, {2, 2 + size + 1}} {
		lo, hi := w[0], w[1]
		if lo < 0 || hi >= n || lo >= hi {
			continue
		}
		between := all.ids[lo+1 : hi]
		fwd, err := c.fetch(ctx, s, kg.Page{First: size, After: all.cursors[lo], Before: all.cursors[hi]})
		if err != nil {
			t.Fatalf("%s window (%d, %d) forwards: %v", c.name, lo, hi, err)
		}
		wantF := between[:min(size, len(between))]
		if !slices.Equal(fwd.ids, wantF) || fwd.next != (len(between) > size) || !fwd.prev {
			t.Errorf("%s window (%d, %d) first %d: %v next %v prev %v, want %v next %v prev true", c.name, lo, hi, size, fwd.ids, fwd.next, fwd.prev, wantF, len(between) > size)
		}
		bwd, err := c.fetch(ctx, s, kg.Page{Last: size, After: all.cursors[lo], Before: all.cursors[hi]})
		if err != nil {
			t.Fatalf("%s window (%d, %d) backwards: %v", c.name, lo, hi, err)
		}
		wantB := between[max(0, len(between)-size):]
		if !slices.Equal(bwd.ids, wantB) || bwd.prev != (len(between) > size) || !bwd.next {
			t.Errorf("%s window (%d, %d) last %d: %v prev %v next %v, want %v prev %v next true", c.name, lo, hi, size, bwd.ids, bwd.prev, bwd.next, wantB, len(between) > size)
		}
	}
}

// pagedConnections are the connections of a graph worth walking: every
// entity by name and by id, filtered ones, all relations and those of
// an end, a document, a type; the relations and neighbours of a hub and
// of another entity, in each direction.
func pagedConnections(g *kg.Graph, hub, other string) []connection {
	conns := []connection{
		entitiesConnection(kg.EntityFilter{OrderBy: kg.OrderByName}),
		entitiesConnection(kg.EntityFilter{OrderBy: kg.OrderByID}),
		entitiesConnection(kg.EntityFilter{OrderBy: kg.OrderByName, Kinds: []kg.Kind{kg.KindPerson, kg.KindCountry}}),
		entitiesConnection(kg.EntityFilter{OrderBy: kg.OrderByName, NameContains: "A"}),
		relationsConnection(kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both}}),
		relationsConnection(kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both, Types: []kg.RelationType{kg.Mentions}}}),
		relationsConnection(kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Out}, From: hub}),
		relationsConnection(kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both}, To: hub}),
	}
	for _, e := range g.Entities {
		if e.Kind == kg.KindDocument {
			conns = append(conns, relationsConnection(kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both}, Document: e.ID}))
			break
		}
	}
	for _, id := range []string{hub, other} {
		for _, d := range []kg.Direction{kg.Both, kg.Out, kg.In} {
			f := kg.StepFilter{Direction: d}
			conns = append(conns, childConnection(id, kg.ChildRelations, f), childConnection(id, kg.ChildNeighbors, f))
		}
		all := kg.StepFilter{Direction: kg.Both, Types: kg.RelationTypes}
		conns = append(conns, childConnection(id, kg.ChildRelations, all), childConnection(id, kg.ChildNeighbors, all))
	}
	return conns
}
