package memstore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/seedfile"
	"github.com/kgql/kgql/internal/synth"
	"github.com/kgql/kgql/seed"
)

// seedGraph reads the seed.
func seedGraph(t testing.TB) *kg.Graph {
	t.Helper()
	g, err := seedfile.Read(seed.FS)
	if err != nil {
		t.Fatalf("the seed is invalid: %v", err)
	}
	return g
}

// syntheticGraph is a generated graph of a few thousand entities.
var syntheticGraph = sync.OnceValue(func() *kg.Graph { return synth.Generate(synth.Options{Entities: 3000, Seed: 7}) })

// open returns an in-memory store holding g.
// empty opens an empty in-memory store, closed when the test ends.
func empty(t testing.TB) *memstore.Store {
	t.Helper()
	s, err := memstore.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func open(t testing.TB, g *kg.Graph) *memstore.Store {
	t.Helper()
	s := empty(t)
	if _, err := s.Load(context.Background(), g, nil); err != nil {
		t.Fatal(err)
	}
	return s
}

var both = kg.StepFilter{Direction: kg.Both}

// Selections that read everything, to two levels.
var (
	named     = &kg.EntitySel{Fields: kg.EName}
	statement = &kg.EvidenceSel{Document: named, SaidBy: named}
	wholeRel  = &kg.RelationSel{Fields: kg.RAllFields, Evidence: statement, From: named, To: named, Counterpart: named}
	wholeEnt  = &kg.EntitySel{Fields: kg.EAllFields, Evidence: statement, Kids: []*kg.ChildSel{
		{Kind: kg.ChildRelations, Filter: kg.RelationFilter{StepFilter: both, Page: kg.Page{First: 5}}, Count: true, Relation: wholeRel, Node: named},
		{Kind: kg.ChildNeighbors, Filter: kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Out}, Page: kg.Page{First: 5}}, Count: true, Node: named},
	}}
)

// render is an answer as text, for comparisons and messages.
func render(v any) string {
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return fmt.Sprintf("unrenderable: %v", err)
	}
	return string(b)
}

// probe asks s a fixed battery of questions about a sample of g (chosen
// by seed) through every method, and returns each question with its
// answer (or error) rendered: two stores that hold one graph give equal
// lists.
func probe(t *testing.T, s kg.Store, g *kg.Graph, seed uint64, n int) []string {
	t.Helper()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(seed, 7))
	ents := make([]*kg.Entity, n)
	rels := make([]*kg.Relation, n)
	for i := range n {
		ents[i] = g.Entities[r.IntN(len(g.Entities))]
		rels[i] = g.Relations[r.IntN(len(g.Relations))]
	}
	var out []string
	ask := func(name string, v any, err error) {
		if kg.ErrorCode(err) == kg.EINTERNAL {
			t.Errorf("%s: %v", name, err) // a bug, whatever the graph
		}
		out = append(out, name+": "+render(v)+" "+kg.ErrorCode(err))
	}
	window := kg.Window{Since: "2020-01-01", Until: "2025-06-30"}
	for i := range n {
		e, o, rel := ents[i], ents[(i+1)%n], rels[i]
		ids := []string{e.ID, rel.ID, "country/nowhere"}
		nodes, err := s.Nodes(ctx, ids, wholeEnt, wholeRel)
		ask("nodes "+e.ID, nodes, err)
		names, err := s.ResolveNames(ctx, append([]string{e.Name}, e.Aliases...))
		ask("names "+e.Name, names, err)
		for _, f := range []kg.EntityFilter{
			{OrderBy: kg.OrderByName, Kinds: []kg.Kind{e.Kind}, Page: kg.Page{First: 3}},
			{OrderBy: kg.OrderByID, NameContains: string([]rune(e.Name)[:min(3, len([]rune(e.Name)))]), Page: kg.Page{First: 4, After: kg.EntityCursor(kg.OrderByID, e)}},
			{OrderBy: kg.OrderByName, Page: kg.Page{First: 2, After: kg.EntityCursor(kg.OrderByName, e)}},
		} {
			page, err := s.FindEntities(ctx, f, true, named)
			ask(fmt.Sprintf("entities %+v", f), page, err)
		}
		for _, f := range []kg.RelationFilter{
			{StepFilter: both, From: e.ID, Page: kg.Page{First: 4}},
			{StepFilter: kg.StepFilter{Direction: kg.In, Valid: window}, To: rel.To, Page: kg.Page{First: 3}},
			{StepFilter: kg.StepFilter{Direction: kg.Out}, From: rel.From, To: rel.To, Page: kg.Page{First: 3}},
			{StepFilter: kg.StepFilter{Direction: kg.Both, Types: []kg.RelationType{rel.Type}}, Page: kg.Page{First: 3, After: kg.EncodeCursor(rel.ID)}},
			{StepFilter: kg.StepFilter{Direction: kg.Both, Stated: window}, Document: rel.Evidence[0].DocumentID, Page: kg.Page{First: 3}},
		} {
			page, err := s.FindRelations(ctx, f, true, wholeRel, named)
			ask(fmt.Sprintf("relations %+v", f), page, err)
		}
		for _, text := range []string{e.Name, rel.Evidence[0].Excerpt} {
			hits, err := s.Search(ctx, kg.SearchQuery{Text: text, Relations: true, First: 10, Entity: named, Relation: wholeRel})
			ask("search "+text, hits, err)
		}
		paths, err := s.Paths(ctx, kg.PathQuery{From: e.ID, To: o.ID, MaxHops: 4, Filter: both, Limit: 3, Nodes: named, Steps: wholeRel})
		ask("paths "+e.ID+" "+o.ID, paths, err)
		sub, err := s.Neighborhood(ctx, kg.NeighborhoodQuery{IDs: []string{e.ID, rel.From}, Hops: 2, Filter: both, Limit: 40, Nodes: named, Edges: wholeRel})
		ask("neighborhood "+e.ID, sub, err)
		exp, err := s.Expand(ctx, kg.ExpandQuery{IDs: []string{rel.From}, Known: []string{rel.To, o.ID}, Filter: both, Limit: 20, Nodes: named, Edges: wholeRel})
		ask("expand "+rel.From, exp, err)
		common, err := s.CommonNeighbors(ctx, kg.CommonNeighborsQuery{A: e.ID, B: rel.To, Filter: both, First: 10, Nodes: named})
		ask("common "+e.ID+" "+rel.To, common, err)
	}
	for _, f := range []kg.StepFilter{both, {Direction: kg.Both, Valid: window, Statuses: []kg.Status{kg.StatusActual}}} {
		st, err := s.Stats(ctx, kg.StatsQuery{Filter: f, Top: 5, Nodes: named})
		ask(fmt.Sprintf("stats %+v", f), st, err)
	}
	return out
}

// sameAnswers fails t unless two stores give the same answers.
func sameAnswers(t *testing.T, got, want kg.Store, g *kg.Graph, seed uint64, n int) {
	t.Helper()
	a, b := probe(t, got, g, seed, n), probe(t, want, g, seed, n)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("answers differ:\n got %s\nwant %s", a[i], b[i])
		}
	}
}

// ids returns the ids of views, for short messages and comparisons.
func ids(views []*kg.EntityView) []string {
	var out []string
	for _, v := range views {
		out = append(out, v.ID)
	}
	return out
}

// relationIDs returns the ids of relation views.
func relationIDs(views []*kg.RelationView) []string {
	var out []string
	for _, v := range views {
		out = append(out, v.ID)
	}
	return out
}
