package memstore_test

import (
	"context"
	"slices"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

func TestLoadTwiceChangesNothing(t *testing.T) {
	g, ctx := seedGraph(t), context.Background()
	s := empty(t)
	var ticks [][2]int
	first, err := s.Load(ctx, g, func(done, total int) { ticks = append(ticks, [2]int{done, total}) })
	if err != nil {
		t.Fatal(err)
	}
	want := kg.LoadReport{Entities: kg.Changes{Created: len(g.Entities)}, Relations: kg.Changes{Created: len(g.Relations)}}
	if first != want {
		t.Errorf("first load = %+v, want %+v", first, want)
	}
	if last := ticks[len(ticks)-1]; last[0] != last[1] || last[1] != len(g.Entities)+len(g.Relations) {
		t.Errorf("progress ended at %v", last)
	}
	second, err := s.Load(ctx, g, nil)
	if err != nil {
		t.Fatal(err)
	}
	want = kg.LoadReport{Entities: kg.Changes{Unchanged: len(g.Entities)}, Relations: kg.Changes{Unchanged: len(g.Relations)}}
	if second != want || second.Changed() {
		t.Errorf("second load = %+v, want %+v", second, want)
	}
}

// TestLoadUpdatesWhatChanged changes an entity (its name, so the name and
// search indexes must follow) and a relation, and adds one of each.
func TestLoadUpdatesWhatChanged(t *testing.T) {
	g, ctx := seedGraph(t), context.Background()
	s := empty(t)
	if _, err := s.Load(ctx, g, nil); err != nil {
		t.Fatal(err)
	}
	changed := modified(g)
	report, err := s.Load(ctx, changed, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := kg.LoadReport{
		Entities:  kg.Changes{Created: 1, Updated: 1, Unchanged: len(g.Entities) - 1},
		Relations: kg.Changes{Created: 1, Updated: 1, Unchanged: len(g.Relations) - 1},
	}
	if report != want {
		t.Errorf("report = %+v, want %+v", report, want)
	}
	// The store now answers as one loaded with the changed graph alone.
	fresh := empty(t)
	if _, err := fresh.Load(ctx, changed, nil); err != nil {
		t.Fatal(err)
	}
	sameAnswers(t, s, fresh, changed, 5, 30)
	hits, err := s.Search(ctx, kg.SearchQuery{Text: "Rehmanov", First: 3})
	if err != nil || len(hits) == 0 || hits[0].Entity == nil || hits[0].Entity.ID != "person/hafeez-ur-rehman" {
		t.Errorf("search for the new name: %s, %v", render(hits), err)
	}
	hits, err = s.Search(ctx, kg.SearchQuery{Text: "Hafeez", First: 3})
	if err != nil {
		t.Fatalf("search for the old name: %v", err)
	}
	if len(hits) > 0 && hits[0].Matched == "Hafeez Ur Rehman" {
		t.Errorf("the old name is still indexed: %s", render(hits))
	}
	found, err := s.ResolveNames(ctx, []string{"Hafeez Ur Rehman", "hafeez rehmanov"})
	if err != nil {
		t.Fatalf("names after the rename: %v", err)
	}
	if len(found[0]) != 0 || len(found[1]) != 1 {
		t.Errorf("names after the rename: %s", render(found))
	}
}

// modified returns a copy of g with one entity renamed, one relation's
// note changed, and one new entity with a relation to it.
func modified(g *kg.Graph) *kg.Graph {
	out := &kg.Graph{Entities: slices.Clone(g.Entities), Relations: slices.Clone(g.Relations)}
	for i, e := range out.Entities {
		if e.ID == "person/hafeez-ur-rehman" {
			c := *e
			c.Name = "Hafeez Rehmanov"
			out.Entities[i] = &c
		}
	}
	for i, r := range out.Relations {
		if r.ID == "person/hafeez-ur-rehman>HOLDS_POSITION>org/pta" {
			c := *r
			c.Note = "changed by a test"
			out.Relations[i] = &c
		}
	}
	out.Entities = append(out.Entities, &kg.Entity{ID: "city/karachi", Kind: kg.KindCity, Name: "Karachi"})
	out.Relations = append(out.Relations, &kg.Relation{
		ID: "city/karachi>LOCATED_IN>country/pakistan", Type: kg.LocatedIn, From: "city/karachi", To: "country/pakistan",
		Evidence: out.Relations[0].Evidence,
	})
	return out
}

// TestLoadRefuses checks that a graph the store cannot hold is refused
// whole: nothing of it is written.
func TestLoadRefuses(t *testing.T) {
	ctx := context.Background()
	ev := []kg.Evidence{{DocumentID: "doc/d", Excerpt: "x", Date: kg.MustDate("2024")}}
	ents := []*kg.Entity{
		{ID: "doc/d", Kind: kg.KindDocument, Name: "d"},
		{ID: "country/a", Kind: kg.KindCountry, Name: "A"},
	}
	for name, g := range map[string]*kg.Graph{
		"unknown kind": {Entities: append(slices.Clone(ents), &kg.Entity{ID: "planet/x", Kind: "Planet", Name: "X"})},
		"unknown type": {Entities: ents, Relations: []*kg.Relation{{ID: "country/a>ORBITS>doc/d", Type: "ORBITS", From: "country/a", To: "doc/d", Evidence: ev}}},
		"dangling end": {Entities: ents, Relations: []*kg.Relation{{ID: "country/a>TRADES_WITH>country/b", Type: kg.TradesWith, From: "country/a", To: "country/b", Evidence: ev}}},
		"self loop":    {Entities: ents, Relations: []*kg.Relation{{ID: "country/a>TRADES_WITH>country/a", Type: kg.TradesWith, From: "country/a", To: "country/a", Evidence: ev}}},
		"foreign id":   {Entities: ents, Relations: []*kg.Relation{{ID: "trade-1", Type: kg.TradesWith, From: "country/a", To: "doc/d", Evidence: ev}}},
		"wrong ends":   {Entities: ents, Relations: []*kg.Relation{{ID: "doc/d>ISSUED>country/a", Type: kg.Issued, From: "country/a", To: "doc/d", Evidence: ev}}},
		"id with >":    {Entities: []*kg.Entity{{ID: "country/a>b", Kind: kg.KindCountry, Name: "A"}}},
	} {
		s := empty(t)
		report, err := s.Load(ctx, g, nil)
		if kg.ErrorCode(err) != kg.EINVALID || report.Changed() {
			t.Errorf("%s: %+v, %v; want EINVALID and no change", name, report, err)
		}
		st, err := s.Stats(ctx, kg.StatsQuery{Filter: kg.StepFilter{Direction: kg.Both, Types: kg.RelationTypes}})
		if err != nil {
			t.Fatalf("%s: stats after the refusal: %v", name, err)
		}
		if st.Entities+st.Relations != 0 {
			t.Errorf("%s: %d entities and %d relations written", name, st.Entities, st.Relations)
		}
	}
}
