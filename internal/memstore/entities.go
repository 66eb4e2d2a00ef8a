package memstore

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// FindEntities implements kg.Store: the entities of the kinds whose name
// or an alias contains the text, in name-then-id or id order, after the
// cursor's key, from the sorted lists of entity numbers.
func (s *Store) FindEntities(ctx context.Context, f kg.EntityFilter, count bool, sel *kg.EntitySel) (*kg.EntityPage, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if err := sel.Validate(); err != nil {
		return nil, err
	}
	key, err := f.CursorKey()
	if err != nil {
		return nil, err
	}
	before, err := f.BeforeKey()
	if err != nil {
		return nil, err
	}
	limit := f.Page.ScanLimit()
	byID := f.OrderBy == kg.OrderByID
	q := strings.ToLower(f.NameContains)
	var page *kg.EntityPage
	err = s.read(ctx, func(rd *reader) error {
		g := rd.g
		match := func(n int32) bool {
			return (len(f.Kinds) == 0 || slices.Contains(f.Kinds, g.ents[n].Kind)) && (q == "" || containsName(g.lower[n], q))
		}
		order, start := g.byName, 0
		if byID {
			order = g.byID
		}
		if key != nil {
			start, _ = slices.BinarySearchFunc(order, key, func(n int32, key []string) int {
				e := g.ents[n]
				if byID {
					return cmp.Or(cmp.Compare(e.ID, key[0]), -1)
				}
				return cmp.Or(cmp.Compare(e.Name, key[0]), cmp.Compare(e.ID, key[1]), -1)
			})
		}
		var rows []int32
		for i, n := range order[start:] {
			if len(rows) >= limit {
				break
			}
			if i%checkEvery == checkEvery-1 {
				if err := ctxErr(ctx); err != nil {
					return err
				}
			}
			if match(n) {
				rows = append(rows, n)
			}
		}
		page = &kg.EntityPage{Counted: count}
		rows, page.HasPrevious, page.HasNextPage = kg.Cut(f.Page, rows, func(n int32) bool {
			e := g.ents[n]
			if byID {
				return e.ID >= before[0]
			}
			return cmp.Or(cmp.Compare(e.Name, before[0]), cmp.Compare(e.ID, before[1])) >= 0
		})
		if count {
			switch {
			case q != "":
				for n := range g.ents {
					if n%checkEvery == checkEvery-1 {
						if err := ctxErr(ctx); err != nil {
							return err
						}
					}
					if g.isLive(int32(n)) && match(int32(n)) {
						page.TotalCount++
					}
				}
			case len(f.Kinds) > 0:
				for _, k := range kg.Kinds {
					if slices.Contains(f.Kinds, k) {
						page.TotalCount += g.kinds[k]
					}
				}
			default:
				page.TotalCount = g.live()
			}
		}
		for _, n := range rows {
			v, err := rd.entityView(n, sel)
			if err != nil {
				return err
			}
			page.Edges = append(page.Edges, kg.EntityEdge{Node: v, Cursor: kg.EntityCursor(f.OrderBy, g.ents[n])})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return page, nil
}

// containsName reports whether the lower-case name or an alias (joined by
// "\x00" in lower) contains q.
func containsName(lower, q string) bool {
	if !strings.Contains(q, "\x00") {
		return strings.Contains(lower, q)
	}
	for _, name := range strings.Split(lower, "\x00") {
		if strings.Contains(name, q) {
			return true
		}
	}
	return false
}
