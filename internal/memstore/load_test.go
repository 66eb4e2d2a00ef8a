package memstore_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/storetest"
)

func TestLoadTwiceChangesNothing(t *testing.T) {
	g, ctx := storetest.SeedGraph(t), context.Background()
	s, _ := memstore.Open("")
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
	g, ctx := storetest.SeedGraph(t), context.Background()
	s, _ := memstore.Open("")
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
	fresh, _ := memstore.Open("")
	if _, err := fresh.Load(ctx, changed, nil); err != nil {
		t.Fatal(err)
	}
	storetest.Compare(t, s, fresh, storetest.Calls(changed, 5, 30), true)
	hits, err := kg.Search(ctx, s, "Rehmanov", nil, 3)
	if err != nil || len(hits) == 0 || hits[0].Entity.ID != "person/hafeez-ur-rehman" {
		t.Errorf("search for the new name: %s, %v", storetest.View(hits), err)
	}
	if hits, _ := kg.Search(ctx, s, "Hafeez", nil, 3); len(hits) > 0 && hits[0].Entity.ID == "person/hafeez-ur-rehman" && hits[0].Matched == "Hafeez Ur Rehman" {
		t.Errorf("the old name is still indexed: %s", storetest.View(hits))
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
		s, _ := memstore.Open("")
		report, err := s.Load(ctx, g, nil)
		if kg.ErrorCode(err) != kg.EINVALID || report.Changed() {
			t.Errorf("%s: %+v, %v; want EINVALID and no change", name, report, err)
		}
		if st, _ := s.Stats(ctx, 0); st.Entities+st.Relations != 0 {
			t.Errorf("%s: %d entities and %d relations written", name, st.Entities, st.Relations)
		}
	}
}

// TestSearchCandidatesAreExact checks the term index against kg.Score
// itself: the candidates of a text are exactly the entities Score
// accepts, on texts made of names, prefixes and typos.
func TestSearchCandidatesAreExact(t *testing.T) {
	g, ctx := storetest.SeedGraph(t), context.Background()
	for i, g := range []*kg.Graph{g, storetest.EdgeGraph(), syntheticGraph()} {
		every := []int{1, 1, 150}[i] // names sampled
		s := open(t, g)
		ref := storetest.NewReference(g)
		texts := map[string]bool{"a": true, "zz": true, "42": true}
		for i, e := range g.Entities {
			if i%every != 0 {
				continue
			}
			for _, term := range kg.SearchTerms(e.Name) {
				r := []rune(term)
				texts[term] = true
				texts[string(r[:(len(r)+1)/2])] = true           // a prefix
				texts[string(r[1:])] = true                      // one deletion
				texts[string(r[:len(r)-1])+"q"] = true           // one substitution
				texts[strings.ToUpper(term)+" "+e.ID[:3]] = true // two terms
				if len(r) > 3 {
					texts[string(r[0])+string(r[2:])+"x"] = true // two edits
				}
			}
		}
		for text := range texts {
			got, err := s.SearchCandidates(ctx, text, nil, len(g.Entities))
			if err != nil {
				t.Fatal(err)
			}
			want, _ := ref.SearchCandidates(ctx, text, nil, len(g.Entities))
			if storetest.View(got) != storetest.View(want) {
				t.Fatalf("candidates of %q: %d, want %d", text, len(got), len(want))
			}
		}
	}
}
