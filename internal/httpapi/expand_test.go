package httpapi_test

import (
	"maps"
	"slices"
	"testing"
)

// TestExpand grows a drawing the way a frontend does, clicking one entity
// after another, over HTTP on both stores: each expansion gives only what
// the drawing lacks, with degrees that say what is still hidden.
func TestExpand(t *testing.T) {
	forEachStore(t, func(t *testing.T, a *api) {
		t.Run("expanding Rehman draws PTA and the workshop", func(t *testing.T) { expandRehman(t, a) })
		t.Run("expanding again gives only what is new", func(t *testing.T) { expandAgain(t, a) })
		t.Run("a drawing grown until nothing is hidden", func(t *testing.T) { expandAll(t, a) })
		t.Run("a small limit truncates", func(t *testing.T) { expandTruncated(t, a) })
		t.Run("filters and errors", func(t *testing.T) { expandFiltersAndErrors(t, a) })
	})
}

const expandFields = `truncated
	nodes { entity { id kind name degree } degree hiddenDegree }
	edges { id type source target }
	expanded { entity { id degree } degree hiddenDegree }`

// expansion is the answer to one expand query.
type expansion struct {
	nodes, expanded map[string]drawnEntity
	edges           map[string][2]string // id: source, target
	truncated       bool
}

type drawnEntity struct{ degree, hidden, entityDegree int }

func expand(t *testing.T, a *api, vars map[string]any) expansion {
	t.Helper()
	r := a.ok(t, `query($ids: [ID!]!, $known: [ID!]! = [], $limit: Int! = 50, $filter: Filter) {
		expand(ids: $ids, known: $known, limit: $limit, filter: $filter) { `+expandFields+` } }`, vars)
	x := expansion{nodes: map[string]drawnEntity{}, expanded: map[string]drawnEntity{}, edges: map[string][2]string{},
		truncated: at(t, r.Data, "expand.truncated").(bool)}
	for field, into := range map[string]map[string]drawnEntity{"nodes": x.nodes, "expanded": x.expanded} {
		var ids []string
		for _, n := range list(t, r.Data, "expand."+field) {
			id := at(t, n, "entity.id").(string)
			ids = append(ids, id)
			into[id] = drawnEntity{degree: int(at(t, n, "degree").(float64)), hidden: int(at(t, n, "hiddenDegree").(float64)),
				entityDegree: int(at(t, n, "entity.degree").(float64))}
		}
		if !slices.IsSorted(ids) {
			t.Errorf("%s not in id order: %v", field, ids)
		}
	}
	var ids []string
	for _, e := range list(t, r.Data, "expand.edges") {
		id := at(t, e, "id").(string)
		ids = append(ids, id)
		x.edges[id] = [2]string{at(t, e, "source").(string), at(t, e, "target").(string)}
	}
	if !slices.IsSorted(ids) {
		t.Errorf("edges not in id order: %v", ids)
	}
	// An entity's degree is its degree field under the same filter (none here).
	if vars["filter"] == nil {
		for id, n := range mergeDrawn(x.nodes, x.expanded) {
			if n.degree != n.entityDegree {
				t.Errorf("%s: degree %d in the expansion, %d on the entity", id, n.degree, n.entityDegree)
			}
		}
	}
	return x
}

func mergeDrawn(ms ...map[string]drawnEntity) map[string]drawnEntity {
	out := map[string]drawnEntity{}
	for _, m := range ms {
		maps.Copy(out, m)
	}
	return out
}

// drawing is what a client holds: entities and relations by id.
type drawing struct {
	nodes map[string]bool
	edges map[string][2]string
}

func newDrawing() *drawing { return &drawing{nodes: map[string]bool{}, edges: map[string][2]string{}} }

func (d *drawing) known() []string { return slices.Sorted(maps.Keys(d.nodes)) }

// add checks that x brings only what d lacks, then adds it.
func (d *drawing) add(t *testing.T, x expansion) {
	t.Helper()
	for id := range x.nodes {
		if d.nodes[id] {
			t.Errorf("expansion repeats the drawn entity %s", id)
		}
	}
	for id, ends := range x.edges {
		if _, ok := d.edges[id]; ok {
			t.Errorf("expansion repeats the drawn relation %s", id)
		}
		_, newSource := x.nodes[ends[0]]
		_, newTarget := x.nodes[ends[1]]
		if !newSource && !newTarget {
			t.Errorf("relation %s joins no new entity", id)
		}
		if !(newSource || d.nodes[ends[0]]) || !(newTarget || d.nodes[ends[1]]) {
			t.Errorf("relation %s leads outside the drawing", id)
		}
	}
	for id := range x.nodes {
		d.nodes[id] = true
	}
	maps.Copy(d.edges, x.edges)
}

// hiddenDegrees computes, for each entity, how many of its relations
// lead outside the drawing, from the entities' own relation pages.
func hiddenDegrees(t *testing.T, a *api, d *drawing, ids []string) map[string]int {
	t.Helper()
	r := a.ok(t, `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Entity { id relations(first: 100) { totalCount edges { node { id } } } } } }`,
		map[string]any{"ids": ids})
	out := map[string]int{}
	for _, n := range list(t, r.Data, "nodes") {
		edges := list(t, n, "relations.edges")
		if int(at(t, n, "relations.totalCount").(float64)) != len(edges) {
			t.Fatalf("%v has more relations than a page", at(t, n, "id"))
		}
		hidden := 0
		for _, e := range edges {
			if !d.nodes[at(t, e, "node.id").(string)] {
				hidden++
			}
		}
		out[at(t, n, "id").(string)] = hidden
	}
	return out
}

// checkHidden compares the expansion's hidden degrees with the drawing's.
func checkHidden(t *testing.T, a *api, d *drawing, x expansion) {
	t.Helper()
	all := mergeDrawn(x.nodes, x.expanded)
	want := hiddenDegrees(t, a, d, slices.Sorted(maps.Keys(all)))
	for id, n := range all {
		if n.hidden != want[id] {
			t.Errorf("%s: hiddenDegree %d, but %d of its relations lead outside the drawing", id, n.hidden, want[id])
		}
	}
}

func expandRehman(t *testing.T, a *api) {
	x := expand(t, a, map[string]any{"ids": []string{"Hafeez Ur Rehman"}})
	for _, id := range []string{"org/pta", "event/oic-cybersecurity-workshop-2024"} {
		if _, ok := x.nodes[id]; !ok {
			t.Errorf("expanding Rehman does not draw %s: %v", id, x.nodes)
		}
	}
	for _, id := range []string{"person/hafeez-ur-rehman>HOLDS_POSITION>org/pta", "person/hafeez-ur-rehman>PARTICIPATED_IN>event/oic-cybersecurity-workshop-2024"} {
		if _, ok := x.edges[id]; !ok {
			t.Errorf("expanding Rehman does not draw %s: %v", id, x.edges)
		}
	}
	rehman, ok := x.expanded["person/hafeez-ur-rehman"]
	if !ok || len(x.expanded) != 1 || x.truncated {
		t.Fatalf("expanded %v, truncated %v", x.expanded, x.truncated)
	}
	if rehman.hidden != 0 || rehman.degree != len(x.nodes) {
		t.Errorf("Rehman, expanded: degree %d, hiddenDegree %d; %d neighbours drawn", rehman.degree, rehman.hidden, len(x.nodes))
	}
	d := newDrawing()
	d.nodes["person/hafeez-ur-rehman"] = true
	d.add(t, x)
	checkHidden(t, a, d, x)
}

func expandAgain(t *testing.T, a *api) {
	d := newDrawing()
	d.nodes["person/hafeez-ur-rehman"] = true
	d.add(t, expand(t, a, map[string]any{"ids": []string{"person/hafeez-ur-rehman"}}))
	before := len(d.nodes)
	r := a.ok(t, `query($known: [ID!]!) { expand(ids: ["org/pta"], known: $known) { nodes { entity { id } } } }`, map[string]any{"known": d.known()})
	if r.roundTrips() != 1 {
		t.Errorf("expand by ids took %d round trips, want 1", r.roundTrips())
	}
	x := expand(t, a, map[string]any{"ids": []string{"org/pta"}, "known": d.known()})
	if len(x.nodes) == 0 {
		t.Fatalf("PTA has nothing new: the test proves nothing")
	}
	d.add(t, x)
	checkHidden(t, a, d, x)
	if len(d.nodes) != before+len(x.nodes) {
		t.Errorf("the drawing grew from %d to %d with %d new entities", before, len(d.nodes), len(x.nodes))
	}
	// Expanding PTA again with everything known brings nothing.
	again := expand(t, a, map[string]any{"ids": []string{"org/pta"}, "known": d.known()})
	if len(again.nodes) != 0 || len(again.edges) != 0 || again.expanded["org/pta"].hidden != 0 {
		t.Errorf("expanding PTA twice: %+v", again)
	}
}

// expandAll expands every entity that hides something until nothing is
// hidden, then checks the drawing is Rehman's whole connected component
// with every relation inside it.
func expandAll(t *testing.T, a *api) {
	d := newDrawing()
	d.nodes["person/hafeez-ur-rehman"] = true
	frontier := []string{"person/hafeez-ur-rehman"}
	round := 0
	for ; len(frontier) > 0; round++ {
		if round > 50 {
			t.Fatalf("the drawing keeps growing: %d entities", len(d.nodes))
		}
		x := expand(t, a, map[string]any{"ids": frontier, "known": d.known(), "limit": 500})
		if x.truncated {
			t.Fatalf("truncated at 500 entities")
		}
		d.add(t, x)
		checkHidden(t, a, d, x)
		frontier = nil
		for id, n := range mergeDrawn(x.nodes, x.expanded) {
			if n.hidden > 0 {
				frontier = append(frontier, id)
			}
		}
		slices.Sort(frontier)
	}
	last := expand(t, a, map[string]any{"ids": d.known(), "known": d.known()})
	if len(last.nodes) != 0 || len(last.edges) != 0 {
		t.Errorf("a drawing with nothing hidden still lacks %v", last)
	}
	for id, n := range last.expanded {
		if n.hidden != 0 {
			t.Errorf("%s still hides %d relations", id, n.hidden)
		}
	}
	// The same component, read as one neighbourhood.
	r := a.ok(t, `{ neighborhood(ids: ["person/hafeez-ur-rehman"], hops: 6, limit: 500) { truncated nodes { id } edges { id } } }`, nil)
	nodes, edges := strs(t, r.Data, "neighborhood.nodes", "id"), strs(t, r.Data, "neighborhood.edges", "id")
	slices.Sort(nodes)
	slices.Sort(edges)
	if !slices.Equal(nodes, d.known()) || !slices.Equal(edges, slices.Sorted(maps.Keys(d.edges))) {
		t.Errorf("expanded until nothing is hidden: %d entities, %d relations; the neighbourhood within 6 hops: %d, %d",
			len(d.nodes), len(d.edges), len(nodes), len(edges))
	}
	if len(d.nodes) < 30 {
		t.Errorf("Rehman's component holds only %d entities", len(d.nodes))
	}
	t.Logf("Rehman's component: %d entities, %d relations, drawn in %d expansions", len(d.nodes), len(d.edges), round)
}

func expandTruncated(t *testing.T, a *api) {
	all := expand(t, a, map[string]any{"ids": []string{"person/hafeez-ur-rehman"}})
	x := expand(t, a, map[string]any{"ids": []string{"person/hafeez-ur-rehman"}, "limit": 1})
	first := slices.Sorted(maps.Keys(all.nodes))[0]
	if !x.truncated || len(x.nodes) != 1 || x.nodes[first] == (drawnEntity{}) {
		t.Fatalf("limit 1: truncated %v, nodes %v; want %s", x.truncated, x.nodes, first)
	}
	rehman := x.expanded["person/hafeez-ur-rehman"]
	if rehman.hidden != len(all.nodes)-1 || rehman.degree != all.expanded["person/hafeez-ur-rehman"].degree {
		t.Errorf("limit 1: Rehman hides %d of %d; want %d", rehman.hidden, rehman.degree, len(all.nodes)-1)
	}
	// The rest comes with the first known.
	rest := expand(t, a, map[string]any{"ids": []string{"person/hafeez-ur-rehman"}, "known": []string{first}})
	if rest.truncated || len(rest.nodes) != len(all.nodes)-1 || rest.expanded["person/hafeez-ur-rehman"].hidden != 0 {
		t.Errorf("the rest: %+v", rest)
	}
}

func expandFiltersAndErrors(t *testing.T, a *api) {
	x := expand(t, a, map[string]any{"ids": []string{"person/hafeez-ur-rehman"}, "filter": map[string]any{"types": []string{"HOLDS_POSITION"}}})
	if len(x.nodes) != 1 || x.nodes["org/pta"].degree != 1 || len(x.edges) != 1 {
		t.Errorf("HOLDS_POSITION only: %+v", x)
	}
	for _, c := range []struct {
		query, code string
	}{
		{`{ expand(ids: ["person/nobody"]) { truncated } }`, "BAD_USER_INPUT"},
		{`{ expand(ids: ["person/hafeez-ur-rehman"], limit: 0) { truncated } }`, "BAD_USER_INPUT"},
		{`{ expand(ids: ["person/hafeez-ur-rehman"], limit: 501) { truncated } }`, "BAD_USER_INPUT"},
		{`{ expand(ids: []) { truncated } }`, "BAD_USER_INPUT"},
		{`{ expand(ids: ["Nobody At All"]) { truncated } }`, "BAD_USER_INPUT"},
		{`{ expand(ids: ["person/hafeez-ur-rehman"], filter: {at: "2024-13"}) { truncated } }`, "BAD_USER_INPUT"},
	} {
		if r := a.query(t, c.query, nil); r.code() != c.code {
			t.Errorf("%s: %+v, want %s", c.query, r.Errors, c.code)
		}
	}
	// Unknown known ids are ignored.
	all := expand(t, a, map[string]any{"ids": []string{"person/hafeez-ur-rehman"}})
	y := expand(t, a, map[string]any{"ids": []string{"person/hafeez-ur-rehman"}, "known": []string{"person/nobody", "not an id"}})
	if !maps.Equal(y.nodes, all.nodes) || !maps.Equal(y.edges, all.edges) {
		t.Errorf("unknown known ids change the expansion: %v", y.nodes)
	}
}
