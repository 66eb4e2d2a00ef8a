package neo4jstore_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/ndjson"
	"github.com/kgql/kgql/internal/neo4jtest"
)

// TestBothStoresRefuseTheSame holds both stores' loaders and the NDJSON
// reader to kg's one validator: each graph below breaks one rule of the
// seed's graph, and each refuses it (EINVALID) with the same problem,
// writing nothing; the seed itself all three take.
func TestBothStoresRefuseTheSame(t *testing.T) {
	ctx := context.Background()
	neo := neo4jtest.Open(t)
	clone := func(r *kg.Relation) *kg.Relation {
		c := *r
		c.Evidence = slices.Clone(r.Evidence)
		return &c
	}
	// fact is a relation of the seed of type t; rel appends a copy of it
	// changed by change, its id made anew unless change sets one.
	fact := func(g *kg.Graph, t kg.RelationType) *kg.Relation {
		for _, r := range g.Relations {
			if r.Type == t {
				return r
			}
		}
		panic("no " + t)
	}
	rel := func(g *kg.Graph, t kg.RelationType, change func(*kg.Relation)) {
		r := clone(fact(g, t))
		r.ID = ""
		change(r)
		if r.ID == "" {
			r.ID = kg.RelationID(r.From, r.Type, r.To, "another")
		}
		g.Relations = append(g.Relations, r)
	}
	ent := func(g *kg.Graph, e *kg.Entity) { g.Entities = append(g.Entities, e) }
	someEvidence := func(g *kg.Graph) []kg.Evidence { return slices.Clone(fact(g, kg.MetWith).Evidence[:1]) }
	date := func(s string) *kg.Date { d := kg.MustDate(s); return &d }
	for _, tc := range []struct {
		name    string
		breakIt func(g *kg.Graph)
		want    string
	}{
		{"unknown kind", func(g *kg.Graph) { ent(g, &kg.Entity{ID: "person/x", Kind: "Wizard", Name: "X"}) }, `unknown kind "Wizard"`},
		{"malformed id", func(g *kg.Graph) { ent(g, &kg.Entity{ID: "person/X y", Kind: kg.KindPerson, Name: "X"}) }, "malformed id"},
		{"id of another kind", func(g *kg.Graph) { ent(g, &kg.Entity{ID: "org/x", Kind: kg.KindPerson, Name: "X"}) }, `a Person id starts with "person/"`},
		{"no name", func(g *kg.Graph) { ent(g, &kg.Entity{ID: "person/x", Kind: kg.KindPerson, Name: " "}) }, "an entity needs a name"},
		{"attribute of another kind", func(g *kg.Graph) {
			ent(g, &kg.Entity{ID: "person/x", Kind: kg.KindPerson, Name: "X", Founded: date("2001"), Evidence: someEvidence(g)})
		}, "a Person has no attribute founded"},
		{"attributes without evidence", func(g *kg.Graph) {
			ent(g, &kg.Entity{ID: "org/x", Kind: kg.KindOrganization, Name: "X", Founded: date("2001")})
		}, "an entity with attributes needs evidence"},
		{"end before start", func(g *kg.Graph) {
			ent(g, &kg.Entity{ID: "event/x", Kind: kg.KindEvent, Name: "X", StartDate: date("2025"), EndDate: date("2024-06"), Evidence: someEvidence(g)})
		}, "endDate 2024-06 is before startDate 2025"},
		{"unknown status", func(g *kg.Graph) { rel(g, kg.MetWith, func(r *kg.Relation) { r.Status = "rumoured" }) }, `unknown status "rumoured"`},
		{"duplicate entity", func(g *kg.Graph) { c := *g.Entities[0]; ent(g, &c) }, "duplicate entity id"},
		{"name over the limit", func(g *kg.Graph) {
			ent(g, &kg.Entity{ID: "person/x", Kind: kg.KindPerson, Name: strings.Repeat("x", kg.MaxNameChars+1)})
		}, "name: 1001 characters, at most 1000"},
		{"unknown type", func(g *kg.Graph) { rel(g, kg.MetWith, func(r *kg.Relation) { r.Type = "OWNS" }) }, `unknown relation type "OWNS"`},
		{"ends of the wrong kinds", func(g *kg.Graph) { rel(g, kg.DiplomaticRelation, func(r *kg.Relation) { r.Type = kg.HoldsPosition }) },
			"a HOLDS_POSITION relation runs from a Person, not from a Country"},
		{"dangling end", func(g *kg.Graph) { rel(g, kg.MetWith, func(r *kg.Relation) { r.To = "country/atlantis" }) },
			`to "country/atlantis" names no entity (dangling reference)`},
		{"an entity joined to itself", func(g *kg.Graph) { rel(g, kg.MetWith, func(r *kg.Relation) { r.To = r.From }) }, "a relation joins two different entities"},
		{"id not made from the ends", func(g *kg.Graph) { rel(g, kg.MetWith, func(r *kg.Relation) { r.ID = "person/x>MET_WITH>person/y" }) }, "id is not"},
		{"validity backwards", func(g *kg.Graph) {
			rel(g, kg.MetWith, func(r *kg.Relation) { r.ValidFrom, r.ValidTo = date("2025"), date("2024") })
		}, "validTo 2024 is before validFrom 2025"},
		{"pointInTime without a value", func(g *kg.Graph) {
			rel(g, kg.MetWith, func(r *kg.Relation) {
				r.PointInTime, r.Amount, r.Rank, r.PreviousRank, r.Count = date("2024"), nil, nil, nil, nil
			})
		}, "pointInTime dates a measured value"},
		{"rank below 1", func(g *kg.Graph) { rel(g, kg.RankedIn, func(r *kg.Relation) { zero := 0; r.Rank = &zero }) }, `rank: malformed rank "0"`},
		{"no evidence", func(g *kg.Graph) { rel(g, kg.MetWith, func(r *kg.Relation) { r.Evidence = nil }) }, "a relation needs evidence"},
		{"evidence of no document", func(g *kg.Graph) {
			rel(g, kg.MetWith, func(r *kg.Relation) { r.Evidence[0].DocumentID = "doc/nowhere" })
		},
			`evidence doc "doc/nowhere" names no document (dangling reference)`},
		{"evidence that is part of a sentence", func(g *kg.Graph) {
			rel(g, kg.MetWith, func(r *kg.Relation) {
				ev := &r.Evidence[0]
				ev.Excerpt = string([]rune(ev.Excerpt)[:len([]rune(ev.Excerpt))-1])
				ev.End--
			})
		}, "the excerpt is not a sentence of its document's text"},
		{"evidence away from its offsets", func(g *kg.Graph) {
			rel(g, kg.MetWith, func(r *kg.Relation) { r.Evidence[0].Start++; r.Evidence[0].End++ })
		},
			"are not where the excerpt stands"},
		{"evidence without a date", func(g *kg.Graph) { rel(g, kg.MetWith, func(r *kg.Relation) { r.Evidence[0].Date = kg.Date{} }) },
			"evidence needs a date"},
		{"speaker that is no entity", func(g *kg.Graph) { rel(g, kg.MetWith, func(r *kg.Relation) { r.Evidence[0].SaidBy = "person/nobody" }) },
			`saidBy "person/nobody" names no entity (dangling reference)`},
		{"duplicate relation", func(g *kg.Graph) { g.Relations = append(g.Relations, clone(fact(g, kg.MetWith))) }, "duplicate relation id"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := readSeed(t)
			tc.breakIt(g)
			mem, err := memstore.Open("")
			if err != nil {
				t.Fatal(err)
			}
			defer mem.Close()
			neo4jtest.Wipe(t)
			for name, load := range map[string]func() error{
				"memstore":   func() error { _, err := mem.Load(ctx, g, nil); return err },
				"neo4jstore": func() error { _, err := neo.Load(ctx, g, nil); return err },
				"ndjson": func() error {
					var buf bytes.Buffer
					if err := ndjson.WriteGraph(&buf, &ndjson.Header{}, g); err != nil {
						t.Fatal(err)
					}
					_, _, err := ndjson.ReadGraph(&buf, 0)
					return err
				},
			} {
				err := load()
				if name != "ndjson" && kg.ErrorCode(err) != kg.EINVALID {
					t.Errorf("%s: code %s (%v), want %s", name, kg.ErrorCode(err), err, kg.EINVALID)
				}
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("%s: err = %v, want one naming %q", name, err, tc.want)
				}
			}
			if nodes, rels := neo4jtest.Counts(t); nodes+rels != 0 {
				t.Errorf("neo4jstore wrote %d nodes and %d relationships of a refused graph", nodes, rels)
			}
			seed := readSeed(t)
			if rep, err := mem.Load(ctx, seed, nil); err != nil || rep.Entities.Created != len(seed.Entities) {
				t.Errorf("memstore after a refused graph: the seed's load = %+v, %v; want all %d entities created", rep, err, len(seed.Entities))
			}
		})
	}
	t.Run("the seed", func(t *testing.T) {
		g := readSeed(t)
		neo4jtest.Wipe(t)
		if _, err := neo.Load(ctx, g, nil); err != nil {
			t.Errorf("neo4jstore: %v", err)
		}
		mem, err := memstore.Open("")
		if err != nil {
			t.Fatal(err)
		}
		defer mem.Close()
		if _, err := mem.Load(ctx, g, nil); err != nil {
			t.Errorf("memstore: %v", err)
		}
		var buf bytes.Buffer
		if err := ndjson.WriteGraph(&buf, &ndjson.Header{}, g); err != nil {
			t.Fatal(err)
		}
		if _, _, err := ndjson.ReadGraph(&buf, 0); err != nil {
			t.Errorf("ndjson: %v", err)
		}
	})
}
