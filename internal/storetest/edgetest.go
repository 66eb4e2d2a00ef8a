package storetest

import (
	"context"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// runEdge checks the edge graph's orders, case folding and values
// against the Reference, page by page.
func runEdge(t *testing.T, s kg.Store, g *kg.Graph) {
	ctx, ref := context.Background(), NewReference(g)
	t.Run("EveryItemReadsBack", func(t *testing.T) {
		var ids []string
		for _, e := range g.Entities {
			ids = append(ids, e.ID)
		}
		got, _ := s.EntitiesByID(ctx, ids)
		want, _ := ref.EntitiesByID(ctx, ids)
		if View(got) != View(want) {
			t.Errorf("entities: %s", firstDifference(View(got), View(want)))
		}
		ids = nil
		for _, r := range g.Relations {
			ids = append(ids, r.ID)
		}
		rels, _ := s.RelationsByID(ctx, ids)
		wantRels, _ := ref.RelationsByID(ctx, ids)
		if View(rels) != View(wantRels) {
			t.Errorf("relations: %s", firstDifference(View(rels), View(wantRels)))
		}
	})
	t.Run("Orders", func(t *testing.T) {
		var filters []kg.EntityFilter
		for _, q := range []string{"", "zoë", "ZOE", "ö", "Ü", "🌍", "ｕｌｌ", "o b", "athena", "ΑΘΗΝΑ", "αθηνα"} {
			filters = append(filters,
				kg.EntityFilter{OrderBy: kg.OrderByName, First: 2, NameContains: q},
				kg.EntityFilter{OrderBy: kg.OrderByID, First: 3, NameContains: q})
		}
		checkWalks(t, s, g, filters, nil, []kg.RelationFilter{{First: 4}})
	})
	t.Run("Search", func(t *testing.T) {
		for _, text := range []string{"zoe", "Zoë", "angstrom", "ångström", "ÜO", "zed", "world fund", "ΑΘΗΝΑ", "luc", "gi 2024"} {
			got, err := kg.Search(ctx, s, text, nil, 10)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := kg.Search(ctx, ref, text, nil, 10)
			if View(got) != View(want) {
				t.Errorf("search %q: %s", text, firstDifference(View(got), View(want)))
			}
		}
	})
}
