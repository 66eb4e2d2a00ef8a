package memstore

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/seedfile"
	"github.com/kgql/kgql/internal/synth"
	"github.com/kgql/kgql/seed"
)

// Tests of the store's inner parts against kg's own definitions, on the
// seed and a generated graph.

func loaded(t *testing.T) map[string]*Store {
	t.Helper()
	seedG, err := seedfile.Read(seed.FS)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*Store{}
	for name, g := range map[string]*kg.Graph{"seed": seedG, "synth": synth.Generate(synth.Options{Entities: 3000, Seed: 7})} {
		s, err := Open("")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		if _, err := s.Load(context.Background(), g, nil); err != nil {
			t.Fatal(err)
		}
		out[name] = s
	}
	return out
}

// randomFilter is a filter of every kind of condition, each present at
// random, with days drawn around the graph's dates.
func randomFilter(r *rand.Rand) kg.StepFilter {
	f := kg.StepFilter{Direction: []kg.Direction{kg.Out, kg.In, kg.Both}[r.IntN(3)]}
	day := func() string { return fmt.Sprintf("%d-%02d-%02d", 2012+r.IntN(16), 1+r.IntN(12), 1+r.IntN(28)) }
	window := func() kg.Window {
		w := kg.Window{}
		if r.IntN(2) == 0 {
			w.Since = day()
		}
		if r.IntN(2) == 0 {
			w.Until = day()
		}
		if w.Since != "" && w.Until != "" && w.Until < w.Since {
			w.Since, w.Until = w.Until, w.Since
		}
		return w
	}
	if r.IntN(3) == 0 {
		for range 1 + r.IntN(3) {
			f.Types = append(f.Types, kg.RelationTypes[r.IntN(len(kg.RelationTypes))])
		}
	}
	if r.IntN(3) == 0 {
		f.Valid = window()
	}
	if r.IntN(3) == 0 {
		f.Stated = window()
	}
	if r.IntN(3) == 0 {
		for range 1 + r.IntN(3) {
			f.Statuses = append(f.Statuses, []kg.Status{kg.StatusActual, kg.StatusPlanned, kg.StatusProposed, kg.StatusExpected}[r.IntN(4)])
		}
	}
	return f
}

// TestTouchingAsFiltered checks the reader's steps, pages and counts
// against kg.StepFilter.Admits over every relation.
func TestTouchingAsFiltered(t *testing.T) {
	for name, s := range loaded(t) {
		g := s.g
		r := rand.New(rand.NewPCG(3, 4))
		rels := make([]*kg.Relation, len(g.rels))
		for i := range g.rels {
			rels[i] = g.relation(int32(i))
		}
		for range 400 {
			e := int32(r.IntN(len(g.ents)))
			if r.IntN(4) == 0 { // hubs
				e = int32(r.IntN(min(50, len(g.ents))))
			}
			id, f := g.ids[e], randomFilter(r)
			var want []kg.Step
			for _, ri := range g.adj[e] {
				if rel := rels[ri]; f.Admits(rel, id) {
					want = append(want, g.step(ri, e))
				}
			}
			after, limit := "", -1
			if len(want) > 0 && r.IntN(2) == 0 {
				after = want[r.IntN(len(want))].Relation
			}
			if r.IntN(2) == 0 {
				limit = r.IntN(5)
			}
			page := slices.DeleteFunc(slices.Clone(want), func(st kg.Step) bool { return st.Relation <= after && after != "" })
			if limit >= 0 {
				page = page[:min(limit, len(page))]
			}
			got, total := newReader(g).Touching(id, f, after, limit, true)
			if !slices.Equal(got, page) || total != len(want) {
				t.Fatalf("%s: Touching(%s, %+v, %q, %d): %d steps of %d, want %d of %d", name, id, f, after, limit, len(got), total, len(page), len(want))
			}
			if _, total := newReader(g).Touching(id, f, after, limit, false); total != 0 {
				t.Fatalf("%s: a total of %d when not counting", name, total)
			}
		}
	}
}

// TestSearchRanksEveryCandidate checks that the hits are those of
// ranking every entity and every fact relation: the indexes find all
// that can score, and the cut at kg.SearchCandidates keeps the best.
func TestSearchRanksEveryCandidate(t *testing.T) {
	ctx := context.Background()
	for name, s := range loaded(t) {
		g := s.g
		var everything []kg.SearchCandidate
		for _, e := range g.ents {
			everything = append(everything, kg.SearchCandidate{EntityID: e.ID, Name: e.Name, Aliases: e.Aliases, Description: e.Description})
		}
		for i := range g.rels {
			rel := g.relation(int32(i))
			if rel.Type == kg.Mentions {
				continue
			}
			c := kg.SearchCandidate{RelationID: rel.ID, Note: rel.Note}
			for _, ev := range rel.Evidence {
				c.Excerpts = append(c.Excerpts, ev.Excerpt)
			}
			everything = append(everything, c)
		}
		r := rand.New(rand.NewPCG(5, 6))
		texts := []string{"cooperation", "the", "coop", "officials said", "a", "zz", "international union", "onions garlic", "regional links"}
		for range 8 {
			e := g.ents[r.IntN(len(g.ents))]
			terms := kg.SearchTerms(e.Name + " " + e.Description)
			term := []rune(terms[r.IntN(len(terms))])
			texts = append(texts, string(term), string(term[:(len(term)+1)/2]), string(term[1:]), strings.ToUpper(string(term))+"x")
			// Long queries, whose later terms reach what the first missed.
			long := kg.SearchTerms(e.Name + " zzz " + e.Description)
			texts = append(texts, strings.Join(long[:min(len(long), 6)], " "), strings.Join(terms[:min(len(terms), 5)], " ")+" of")
			if ri := r.IntN(len(g.rels)); len(g.statements(&g.rels[ri])) > 0 {
				words := kg.SearchTerms(g.strs.get(g.statements(&g.rels[ri])[0].excerpt))
				texts = append(texts, words[r.IntN(len(words))]+" "+words[r.IntN(len(words))])
				at := r.IntN(len(words))
				texts = append(texts, strings.Join(words[at:min(len(words), at+5)], " ")+" qqq")
			}
		}
		crowded := false // some text has more hits than a store ranks
		for _, text := range texts {
			if len(kg.SearchTerms(text)) == 0 {
				continue
			}
			all := kg.RankSearch(text, everything, len(everything))
			crowded = crowded || len(all) > kg.SearchCandidates
			hits, err := s.Search(ctx, kg.SearchQuery{Text: text, Relations: true, First: kg.MaxSearch})
			if err != nil {
				t.Fatal(err)
			}
			var got, want []string
			for _, h := range hits {
				id := ""
				if h.Entity != nil {
					id = h.Entity.ID
				} else {
					id = h.Relation.ID
				}
				got = append(got, fmt.Sprintf("%s %.4f %s", id, h.Score, h.Field))
			}
			for _, h := range all[:min(len(all), kg.MaxSearch)] {
				c := everything[h.Candidate]
				want = append(want, fmt.Sprintf("%s%s %.4f %s", c.EntityID, c.RelationID, h.Score, h.Field))
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: search %q:\n got %v\nwant %v", name, text, got, want)
			}
		}
		if name == "synth" && !crowded {
			t.Errorf("no search had more than %d hits: the cut is untested", kg.SearchCandidates)
		}
	}
}

// TestRouteViewIsProjectPath checks that the steps of routes, read off
// the shorter adjacency list, are kg.ProjectPath's.
func TestRouteViewIsProjectPath(t *testing.T) {
	ctx := context.Background()
	for name, s := range loaded(t) {
		g := s.g
		r := rand.New(rand.NewPCG(8, 9))
		for range 30 {
			q := kg.PathQuery{
				From: g.ids[r.IntN(len(g.ids))], To: g.ids[r.IntN(len(g.ids))], MaxHops: 4, Limit: 3, Filter: randomFilter(r),
				Nodes: &kg.EntitySel{Fields: kg.EName}, Steps: &kg.RelationSel{Fields: kg.RAllFields, Evidence: &kg.EvidenceSel{}},
			}
			p, err := s.Paths(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			for _, path := range p.Paths {
				var route []string
				for _, n := range path.Nodes {
					route = append(route, n.ID)
				}
				want, err := kg.ProjectPath(newReader(g), route, q)
				if err != nil {
					t.Fatal(err)
				}
				a, _ := json.Marshal(path)
				b, _ := json.Marshal(want)
				if string(a) != string(b) {
					t.Fatalf("%s: route %v:\n got %s\nwant %s", name, route, a, b)
				}
			}
		}
	}
}

// TestWalksStopAtTheBudget gives a search a small budget of entities: it
// stops, truncated, where the full budget finds the route.
func TestWalksStopAtTheBudget(t *testing.T) {
	s := loaded(t)["synth"]
	g := s.g
	from, to := int32(len(g.ents)/3), int32(len(g.ents)/2)
	w := g.newWalker(context.Background(), kg.StepFilter{Direction: kg.Both})
	defer w.close()
	routes, err := w.routes(from, to, kg.MaxHops, 3)
	if err != nil || len(routes) != 3 || w.truncated || w.budget > kg.MaxVisited-100 {
		t.Fatalf("with the full budget: %v, %v, truncated %v, %d visited", routes, err, w.truncated, kg.MaxVisited-w.budget)
	}
	visited := kg.MaxVisited - w.budget
	w.budget, w.truncated = visited/2, false
	routes, err = w.routes(from, to, kg.MaxHops, 3)
	if err != nil || len(routes) == 3 || !w.truncated {
		t.Errorf("with half the budget: %v, %v, truncated %v", routes, err, w.truncated)
	}
}
