package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"time"

	"github.com/kgql/kgql/bench/internal/workload"
)

// calibration is one priced shape: its cost and the time it takes alone.
type calibration struct {
	shape    string
	cost     int
	medianMs float64
}

// usPerUnit is the shape's time per unit of cost.
func (c calibration) usPerUnit() float64 { return 1000 * c.medianMs / float64(max(c.cost, 1)) }

// calibrationRuns is how many times each shape runs (on other entities).
const calibrationRuns = 25

// calibrate times each shape of the cost model alone, on entities picked
// at random, so that the prices of scans and walks can be set against
// the pages' (internal/httpapi/cost.go).
func calibrate(ctx context.Context, base string, pop []workload.Entity) ([]calibration, error) {
	introspection, err := os.ReadFile("internal/httpapi/testdata/graphiql-introspection.graphql")
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(7, 7))
	id := func() string { return pop[r.IntN(len(pop))].ID }
	// A subgraph is priced as the most its limit allows; around a hub it
	// comes nearest that, so its shapes are timed around hubs too.
	hubs, err := mostConnected(ctx, base, 25)
	if err != nil {
		return nil, err
	}
	hub := func() string { return hubs[r.IntN(len(hubs))] }
	shapes := []struct {
		name, query string
		vars        func() map[string]any
	}{
		{"a page of 100 entities", `{ entities(first: 100) { edges { node { id name aliases description } } } }`, nil},
		{"an entity's 100 relations, with ends and evidence", `query($id: ID!) { entity(id: $id) { relations(first: 100) { edges { relation { id type evidence { excerpt date { value } } } node { id name } } } } }`,
			func() map[string]any { return map[string]any{"id": id()} }},
		{"30 entities, 20 relations each, 5 of their ends' (the API test's)", `{ entities(first: 30) { edges { node { id relations(first: 20) { edges { relation { id evidence { document { id title } saidBy { name } } }
			node { id name relations(first: 5) { edges { relation { id } node { id name neighbors(first: 2) { edges { node { id } } } } } } } } } } } } }`, nil},
		{"an entity's neighbourhood with each relation's evidence (issue 16; limit 100)", `query($id: ID!) { neighborhood(ids: [$id]) { nodes { id name kind }
			edges { id type source target evidence { excerpt date { value } document { id title } } } truncated } }`,
			func() map[string]any { return map[string]any{"id": id()} }},
		{"the same around one of the 25 most connected entities", `query($id: ID!) { neighborhood(ids: [$id]) { nodes { id name kind }
			edges { id type source target evidence { excerpt date { value } document { id title } } } truncated } }`,
			func() map[string]any { return map[string]any{"id": hub()} }},
		{"an expansion of an entity (limit 50)", `query($id: ID!) { expand(ids: [$id]) { nodes { entity { id name } degree hiddenDegree } edges { id type source target } expanded { degree } } }`,
			func() map[string]any { return map[string]any{"id": id()} }},
		{"an expansion of one of the 25 most connected entities (limit 50)", `query($id: ID!) { expand(ids: [$id]) { nodes { entity { id name } degree hiddenDegree } edges { id type source target } expanded { degree } } }`,
			func() map[string]any { return map[string]any{"id": hub()} }},
		{"a neighbourhood of 500 entities, two hops", `query($id: ID!) { neighborhood(ids: [$id], hops: 2, limit: 500) { nodes { id name } edges { id type source target } } }`,
			func() map[string]any { return map[string]any{"id": id()} }},
		{"10 routes of up to 6 hops", `query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxHops: 6, limit: 10) { paths { nodes { id name } steps { relations { id } } } } }`,
			func() map[string]any { return map[string]any{"a": id(), "b": id()} }},
		{"a search, 50 hits", `query($t: String!) { search(text: $t, first: 50) { score entity { id name } relation { id } } }`,
			func() map[string]any { return map[string]any{"t": pop[r.IntN(len(pop))].Name} }},
		{"stats, 10 most connected", `{ stats(top: 10) { entities relations mostConnected { degree entity { id } } } }`, nil},
		{"stats in a window, 10 most connected", `{ stats(top: 10, filter: {at: "2024"}) { relations mostConnected { degree } } }`, nil},
		{"a count of all relations in a window", `{ relations(first: 1, filter: {at: "2024"}) { totalCount } }`, nil},
		{"a count of entities by part of a name", `{ entities(first: 1, filter: {nameContains: "an"}) { totalCount } }`, nil},
		{"the playground's introspection", string(introspection), nil},
	}
	var out []calibration
	for _, s := range shapes {
		var times []float64
		cost := 0
		for range calibrationRuns {
			var vars map[string]any
			if s.vars != nil {
				vars = s.vars()
			}
			t0 := time.Now()
			a, err := query(ctx, base, s.query, vars)
			if err != nil {
				return nil, err
			}
			if len(a.Errors) > 0 && a.code() != "NOT_FOUND" {
				return nil, fmt.Errorf("%s: %s", s.name, a.Errors[0].Message)
			}
			times = append(times, float64(time.Since(t0).Microseconds())/1000)
			cost = a.Extensions.Cost
		}
		slices.Sort(times)
		out = append(out, calibration{shape: s.name, cost: cost, medianMs: times[len(times)/2]})
	}
	return out, nil
}

// mostConnected is the ids of the n entities with the most relations.
func mostConnected(ctx context.Context, base string, n int) ([]string, error) {
	a, err := query(ctx, base, `query($n: Int!) { stats(top: $n) { mostConnected { entity { id } } } }`, map[string]any{"n": n})
	if err != nil {
		return nil, err
	}
	if len(a.Errors) > 0 {
		return nil, fmt.Errorf("the most connected entities: %s", a.Errors[0].Message)
	}
	var d struct {
		Stats struct {
			MostConnected []struct{ Entity struct{ ID string } }
		}
	}
	if err := json.Unmarshal(a.Data, &d); err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range d.Stats.MostConnected {
		ids = append(ids, e.Entity.ID)
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("the graph has no relations")
	}
	return ids, nil
}
