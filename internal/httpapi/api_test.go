package httpapi_test

import (
	"slices"
	"strings"
	"testing"
)

// TestAPI asserts concrete facts of the seed through every capability of
// the API, over HTTP against the real handler.
func TestAPI(t *testing.T) {
	forEachStore(t, func(t *testing.T, a *api) {
		t.Run("who chairs PTA", func(t *testing.T) { whoChairsPTA(t, a) })
		t.Run("what Pakistan and Kazakhstan export to each other", func(t *testing.T) { exports(t, a) })
		t.Run("search", func(t *testing.T) { search(t, a) })
		t.Run("shortest path between two people", func(t *testing.T) { shortestPath(t, a) })
		t.Run("k shortest paths", func(t *testing.T) { kPaths(t, a) })
		t.Run("neighbourhood of Pakistan", func(t *testing.T) { neighborhood(t, a) })
		t.Run("common neighbours", func(t *testing.T) { commonNeighbors(t, a) })
		t.Run("node and nodes", func(t *testing.T) { nodes(t, a) })
		t.Run("typed fields and documents", func(t *testing.T) { typedFields(t, a) })
		t.Run("stats", func(t *testing.T) { stats(t, a) })
		t.Run("pagination", func(t *testing.T) { pagination(t, a) })
		t.Run("relations by time and document", func(t *testing.T) { relationFilters(t, a) })
		t.Run("bad arguments", func(t *testing.T) { badArguments(t, a) })
		t.Run("round trips bounded by depth", func(t *testing.T) { roundTrips(t, a) })
	})
}

func whoChairsPTA(t *testing.T, a *api) {
	r := a.ok(t, `{ entity(id: "org/pta") { name relations(types: [HOLDS_POSITION]) { totalCount edges {
		direction relation { role evidence { excerpt date { value precision } document { id } } }
		node { id name ... on Person { title } } } } } }`, nil)
	edge := at(t, r.Data, "entity.relations.edges.0")
	if got := at(t, r.Data, "entity.relations.totalCount"); got != 1.0 {
		t.Fatalf("PTA has %v HOLDS_POSITION relations, want 1", got)
	}
	if at(t, edge, "node.id") != "person/hafeez-ur-rehman" || at(t, edge, "relation.role") != "Chairman" || at(t, edge, "direction") != "IN" {
		t.Errorf("chair of PTA: %v", edge)
	}
	if at(t, edge, "node.title") != "Major General (R)" {
		t.Errorf("title = %v", at(t, edge, "node.title"))
	}
	ev := at(t, edge, "relation.evidence.0")
	if !strings.Contains(at(t, ev, "excerpt").(string), "Chairman") || at(t, ev, "document.id") != "doc/2024-12-17-oic-cybersecurity-centre-of-excellence" ||
		at(t, ev, "date.value") != "2024-12-17" || at(t, ev, "date.precision") != "DAY" {
		t.Errorf("evidence = %v", ev)
	}
}

func exports(t *testing.T, a *api) {
	q := `query($from: ID!) { relations(filter: {types: [EXPORTS], from: $from}) { totalCount edges {
		node { name } relation { counterpart { id } evidence { document { id } } } } } }`
	for _, c := range []struct {
		from, to string
		want     []string
	}{
		{"country/pakistan", "country/kazakhstan", []string{"Citrus fruits", "Garments", "Pharmaceutical products", "Soap", "Sports equipment and gear"}},
		{"country/kazakhstan", "country/pakistan", []string{"Buckwheat and other cereal grains", "Dried leguminous vegetables", "Oats", "Onions and garlic", "Seeds and fruits of other oil-bearing crops"}},
	} {
		r := a.ok(t, q, map[string]any{"from": c.from})
		got := strs(t, r.Data, "relations.edges", "node.name")
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s exports %v, want %v", c.from, got, c.want)
		}
		for _, e := range list(t, r.Data, "relations.edges") {
			if at(t, e, "relation.counterpart.id") != c.to {
				t.Errorf("export %v does not go to %s", e, c.to)
			}
		}
	}
	// The trade figure is dated by pointInTime; no source says the trade
	// ended, so its validity is open.
	r := a.ok(t, `{ relations(filter: {types: [TRADES_WITH], from: "country/pakistan", to: "country/kazakhstan"}) { edges { relation {
		amount { value currency } pointInTime { value precision } validFrom { value } validTo { value } evidence { saidBy { id } } } } } }`, nil)
	rel := at(t, r.Data, "relations.edges.0.relation")
	if at(t, rel, "amount.value") != 53.7e6 || at(t, rel, "amount.currency") != "USD" || at(t, rel, "pointInTime.value") != "2024" ||
		at(t, rel, "pointInTime.precision") != "YEAR" || at(t, rel, "validFrom") != nil || at(t, rel, "validTo") != nil {
		t.Errorf("trade = %v", rel)
	}
	if at(t, rel, "evidence.0.saidBy.id") != "country/kazakhstan" {
		t.Errorf("the trade figure is the government of Kazakhstan's: %v", rel)
	}
}

func search(t *testing.T, a *api) {
	for text, want := range map[string]string{
		"rehman":    "person/hafeez-ur-rehman",
		"Hafeez":    "person/hafeez-ur-rehman",
		"PTA":       "org/pta",
		"comstech":  "org/comstech",
		"kazakstan": "country/kazakhstan",
		"Tokaev":    "person/kassym-jomart-tokayev",
	} {
		r := a.ok(t, `query($text: String!) { search(text: $text, first: 5) { score matched entity { id } } }`, map[string]any{"text": text})
		hits := list(t, r.Data, "search")
		if len(hits) == 0 || at(t, hits[0], "entity.id") != want {
			t.Errorf("search %q: first hit %v, want %s", text, hits, want)
			continue
		}
		if s := at(t, hits[0], "score").(float64); s <= 0 || s > 1 {
			t.Errorf("search %q: score %v", text, s)
		}
		for i := 1; i < len(hits); i++ {
			if at(t, hits[i], "score").(float64) > at(t, hits[i-1], "score").(float64) {
				t.Errorf("search %q: hits not ranked: %v", text, hits)
			}
		}
	}
	r := a.ok(t, `{ search(text: "pakistan", kinds: [COUNTRY]) { entity { id kind } } }`, nil)
	if hits := list(t, r.Data, "search"); len(hits) != 1 || at(t, hits[0], "entity.kind") != "COUNTRY" {
		t.Errorf("search with kinds: %v", hits)
	}
}

// checkPath asserts that a path is a walk: relation i joins nodes i and i+1.
func checkPath(t *testing.T, path any, from, to string) {
	t.Helper()
	nodes, rels := strs(t, path, "nodes", "id"), list(t, path, "relations")
	if len(nodes) != len(rels)+1 || nodes[0] != from || nodes[len(nodes)-1] != to || int(at(t, path, "length").(float64)) != len(rels) {
		t.Fatalf("path %v", path)
	}
	for i, r := range rels {
		ends := []string{at(t, r, "source").(string), at(t, r, "target").(string)}
		if !slices.Contains(ends, nodes[i]) || !slices.Contains(ends, nodes[i+1]) {
			t.Errorf("relation %d %v does not join %s and %s", i, ends, nodes[i], nodes[i+1])
		}
	}
}

func shortestPath(t *testing.T, a *api) {
	r := a.ok(t, `{ shortestPath(from: "person/sun-xiaofei", to: "person/hafeez-ur-rehman") { truncated path {
		length nodes { id } relations { type source target } } } }`, nil)
	path := at(t, r.Data, "shortestPath.path")
	checkPath(t, path, "person/sun-xiaofei", "person/hafeez-ur-rehman")
	if nodes := strs(t, path, "nodes", "id"); !slices.Equal(nodes, []string{"person/sun-xiaofei", "event/oic-cybersecurity-workshop-2024", "person/hafeez-ur-rehman"}) {
		t.Errorf("Sun Xiaofei and Rehman meet at the workshop: %v", nodes)
	}
	// How is Huawei linked to Hafeez Ur Rehman? By facts, not by the
	// article that names both: MENTIONS is followed only when asked.
	r = a.ok(t, `{ shortestPath(from: "org/huawei", to: "person/hafeez-ur-rehman") { path { length nodes { id } relations { type source target } } } }`, nil)
	path = at(t, r.Data, "shortestPath.path")
	checkPath(t, path, "org/huawei", "person/hafeez-ur-rehman")
	for _, rel := range list(t, path, "relations") {
		if at(t, rel, "type") == "MENTIONS" {
			t.Errorf("the path follows MENTIONS: %v", path)
		}
	}
	// Only MENTIONS: through the article.
	r = a.ok(t, `{ shortestPath(from: "org/huawei", to: "person/hafeez-ur-rehman", types: [MENTIONS]) { path { length nodes { id } } } }`, nil)
	if at(t, r.Data, "shortestPath.path.nodes.1.id") != "doc/2024-12-17-oic-cybersecurity-centre-of-excellence" {
		t.Errorf("through MENTIONS: %v", r.Data)
	}
	// Nothing links them within one hop, nor before the workshop.
	r = a.ok(t, `{ shortestPath(from: "org/huawei", to: "person/hafeez-ur-rehman", maxHops: 1) { path { length } truncated } }`, nil)
	if at(t, r.Data, "shortestPath.path") != nil {
		t.Errorf("a path of one hop: %v", r.Data)
	}
	// Before the workshop its relations did not hold: no way through it.
	r = a.ok(t, `{ shortestPath(from: "org/huawei", to: "person/hafeez-ur-rehman", until: "2023") { path { length nodes { id } } } }`, nil)
	if p := at(t, r.Data, "shortestPath.path"); p != nil && slices.Contains(strs(t, p, "nodes", "id"), "event/oic-cybersecurity-workshop-2024") {
		t.Errorf("a path through the workshop before it took place: %v", r.Data)
	}
}

func kPaths(t *testing.T, a *api) {
	r := a.ok(t, `{ paths(from: "org/huawei", to: "person/hafeez-ur-rehman", maxHops: 4, limit: 5) { truncated paths {
		length nodes { id } relations { id source target } } } }`, nil)
	paths := list(t, r.Data, "paths.paths")
	if len(paths) != 5 {
		t.Fatalf("%d paths, want 5", len(paths))
	}
	seen := map[string]bool{}
	for i, p := range paths {
		checkPath(t, p, "org/huawei", "person/hafeez-ur-rehman")
		if i > 0 && at(t, p, "length").(float64) < at(t, paths[i-1], "length").(float64) {
			t.Errorf("paths not shortest first")
		}
		key := strings.Join(strs(t, p, "relations", "id"), " ")
		if seen[key] {
			t.Errorf("path %d repeats %s", i, key)
		}
		seen[key] = true
		if nodes := strs(t, p, "nodes", "id"); len(slices.Compact(slices.Sorted(slices.Values(nodes)))) != len(nodes) {
			t.Errorf("path %d is not simple: %v", i, nodes)
		}
	}
}

func neighborhood(t *testing.T, a *api) {
	q := `query($since: String) { neighborhood(ids: ["country/pakistan"], hops: 1, since: $since) { truncated
		nodes { id } edges { id source target } } }`
	all := a.ok(t, q, nil)
	nodes := strs(t, all.Data, "neighborhood.nodes", "id")
	for _, want := range []string{"country/pakistan", "country/kazakhstan", "city/islamabad", "org/pta", "index/global-cybersecurity-index-2024", "commodity/soap"} {
		if !slices.Contains(nodes, want) {
			t.Errorf("Pakistan's neighbourhood lacks %s: %v", want, nodes)
		}
	}
	if nodes[0] != "country/pakistan" {
		t.Errorf("the subgraph starts with its centre: %v", nodes[0])
	}
	checkSubgraph(t, all, "country/pakistan")

	recent := a.ok(t, q, map[string]any{"since": "2026"})
	rnodes := strs(t, recent.Data, "neighborhood.nodes", "id")
	// Facts no source says ended hold in 2026, whenever they were stated;
	// the visit of September 2025 does not.
	for _, want := range []string{"country/kazakhstan", "person/shehbaz-sharif", "commodity/soap", "org/pta", "index/global-cybersecurity-index-2024"} {
		if !slices.Contains(rnodes, want) {
			t.Errorf("since 2026, Pakistan's neighbourhood lacks %s: %v", want, rnodes)
		}
	}
	for _, gone := range []string{"person/murat-nurtleu", "event/nurtleu-visit-to-pakistan-2025"} {
		if slices.Contains(rnodes, gone) {
			t.Errorf("since 2026, Pakistan's neighbourhood still has %s (September 2025)", gone)
		}
	}
	checkSubgraph(t, recent, "country/pakistan")

	capped := a.ok(t, `{ neighborhood(ids: ["country/pakistan"], hops: 2, limit: 5) { truncated nodes { id } edges { id source target } } }`, nil)
	if at(t, capped.Data, "neighborhood.truncated") != true || len(list(t, capped.Data, "neighborhood.nodes")) != 5 {
		t.Errorf("a capped neighbourhood must say truncated: %v", capped.Data)
	}
	checkSubgraph(t, capped, "country/pakistan")
}

// checkSubgraph asserts what a drawing library needs: unique node ids,
// unique edge ids, and every edge between two of the nodes.
func checkSubgraph(t *testing.T, r *response, centre string) {
	t.Helper()
	nodes := strs(t, r.Data, "neighborhood.nodes", "id")
	in := map[string]bool{}
	for _, n := range nodes {
		if in[n] {
			t.Errorf("node %s twice", n)
		}
		in[n] = true
	}
	edges := map[string]bool{}
	for _, e := range list(t, r.Data, "neighborhood.edges") {
		id := at(t, e, "id").(string)
		if edges[id] {
			t.Errorf("edge %s twice", id)
		}
		edges[id] = true
		if !in[at(t, e, "source").(string)] || !in[at(t, e, "target").(string)] {
			t.Errorf("edge %s leaves the subgraph", id)
		}
	}
	if len(nodes) > 1 && len(edges) == 0 {
		t.Errorf("no edges around %s", centre)
	}
}

func commonNeighbors(t *testing.T, a *api) {
	r := a.ok(t, `{ commonNeighbors(a: "country/pakistan", b: "country/kazakhstan") { truncated nodes { id } } }`, nil)
	got := strs(t, r.Data, "commonNeighbors.nodes", "id")
	for _, want := range []string{"org/pakistan-kazakhstan-joint-business-council", "event/sco-meetings", "person/murat-nurtleu"} {
		if !slices.Contains(got, want) {
			t.Errorf("common neighbours of Pakistan and Kazakhstan lack %s: %v", want, got)
		}
	}
	if !slices.IsSorted(got) {
		t.Errorf("not in id order: %v", got)
	}
}

func nodes(t *testing.T, a *api) {
	r := a.ok(t, `{ nodes(ids: ["org/pta", "org/nope", "person/hafeez-ur-rehman>HOLDS_POSITION>org/pta"]) {
		id ... on Organization { name } ... on Relation { type role } } }`, nil)
	got := list(t, r.Data, "nodes")
	if at(t, got[0], "name") != "Pakistan Telecommunication Authority" || got[1] != nil || at(t, got[2], "role") != "Chairman" {
		t.Errorf("nodes = %v", got)
	}
	r = a.ok(t, `{ entity(id: "org/nope") { id } node(id: "person/hafeez-ur-rehman") { id ... on Person { name } } }`, nil)
	if at(t, r.Data, "entity") != nil || at(t, r.Data, "node.name") != "Hafeez Ur Rehman" {
		t.Errorf("entity/node = %v", r.Data)
	}
}

func typedFields(t *testing.T, a *api) {
	r := a.ok(t, `{ entity(id: "event/oic-cybersecurity-workshop-2024") { kind documents { id title publishedAt { value } }
		... on Event { startDate { value precision } endDate { value } status participants { value qualifier text } place { id } } } }`, nil)
	e := at(t, r.Data, "entity")
	if at(t, e, "kind") != "EVENT" || at(t, e, "startDate.value") != "2024-12-17" || at(t, e, "endDate.value") != "2024-12-18" ||
		at(t, e, "participants.value") != 300.0 || at(t, e, "participants.qualifier") != "over" || at(t, e, "participants.text") != "over 300" {
		t.Errorf("workshop = %v", e)
	}
	if places := strs(t, e, "place", "id"); !slices.Contains(places, "city/islamabad") {
		t.Errorf("the workshop is in Islamabad: %v", places)
	}
	if docs := strs(t, e, "documents", "id"); !slices.Equal(docs, []string{"doc/2024-12-17-oic-cybersecurity-centre-of-excellence"}) {
		t.Errorf("documents = %v", docs)
	}
	r = a.ok(t, `{ entity(id: "event/nurtleu-visit-to-pakistan-2025") { ... on Event { startDate { value precision first last } } } }`, nil)
	if d := at(t, r.Data, "entity.startDate"); at(t, d, "value") != "2025-09" || at(t, d, "precision") != "MONTH" || at(t, d, "last") != "2025-09-30" {
		t.Errorf("September 2025 is a month: %v", d)
	}
	r = a.ok(t, `{ relations(filter: {types: [RANKED_IN], from: "country/pakistan"}) { edges { relation { rank previousRank to { id name } } } } }`, nil)
	rel := at(t, r.Data, "relations.edges.0.relation")
	if at(t, rel, "rank") != 40.0 || at(t, rel, "previousRank") != 79.0 || at(t, rel, "to.id") != "index/global-cybersecurity-index-2024" {
		t.Errorf("ranking = %v", rel)
	}
	r = a.ok(t, `{ documents { totalCount edges { node { id ... on Document { title updatedAt { value } } } } } }`, nil)
	if at(t, r.Data, "documents.totalCount") != 2.0 || at(t, r.Data, "documents.edges.1.node.updatedAt.value") != "2026-02-02" {
		t.Errorf("documents = %v", r.Data)
	}
	r = a.ok(t, `{ entity(id: "person/hafeez-ur-rehman") { degree ... on Person { positions { role to { id } } } } }`, nil)
	if at(t, r.Data, "entity.positions.0.to.id") != "org/pta" || at(t, r.Data, "entity.degree").(float64) < 3 {
		t.Errorf("Rehman = %v", r.Data)
	}
}

func stats(t *testing.T, a *api) {
	r := a.ok(t, `{ stats(top: 3) { entities relations byKind { kind count } byType { type count } mostConnected { degree entity { id } } } }`, nil)
	g := seedGraph(t)
	if at(t, r.Data, "stats.entities") != float64(len(g.Entities)) || at(t, r.Data, "stats.relations") != float64(len(g.Relations)) {
		t.Errorf("stats = %v, want %d entities and %d relations", r.Data, len(g.Entities), len(g.Relations))
	}
	if at(t, r.Data, "stats.mostConnected.0.entity.id") != "country/pakistan" || len(list(t, r.Data, "stats.mostConnected")) != 3 {
		t.Errorf("most connected = %v", at(t, r.Data, "stats.mostConnected"))
	}
	sum := 0.0
	for _, k := range list(t, r.Data, "stats.byKind") {
		sum += at(t, k, "count").(float64)
	}
	if sum != float64(len(g.Entities)) {
		t.Errorf("byKind sums to %v", sum)
	}
}

// pagination pages through entities (both orders) and through Pakistan's
// relations with small pages: every item exactly once, in order.
func pagination(t *testing.T, a *api) {
	for _, c := range []struct{ name, query, conn, key string }{
		{"entities by name", `query($after: String) { entities(first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } } }`, "entities", "node.id"},
		{"entities by id", `query($after: String) { entities(first: 6, orderBy: ID, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`, "entities", "node.id"},
		{"relations of Pakistan", `query($after: String) { entity(id: "country/pakistan") { relations(first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor relation { id } } } } }`, "entity.relations", "relation.id"},
		{"neighbours of Pakistan", `query($after: String) { entity(id: "country/pakistan") { neighbors(first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } } }`, "entity.neighbors", "node.id"},
		{"all relations", `query($after: String) { relations(first: 9, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor relation { id } } } }`, "relations", "relation.id"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			var after any
			total := -1.0
			for pages := 0; ; pages++ {
				if pages > 100 {
					t.Fatal("pagination does not end")
				}
				r := a.ok(t, c.query, map[string]any{"after": after})
				conn := at(t, r.Data, c.conn)
				total = at(t, conn, "totalCount").(float64)
				got = append(got, strs(t, conn, "edges", c.key)...)
				if at(t, conn, "pageInfo.hasNextPage") != true {
					break
				}
				after = at(t, conn, "pageInfo.endCursor")
			}
			if float64(len(got)) != total || total < 10 {
				t.Errorf("%d items over the pages, totalCount %v", len(got), total)
			}
			if len(slices.Compact(slices.Sorted(slices.Values(got)))) != len(got) {
				t.Errorf("an item came twice: %v", got)
			}
		})
	}
}

func relationFilters(t *testing.T, a *api) {
	r := a.ok(t, `{ relations(filter: {document: "doc/2026-02-02-kazakhstan-president-state-visit", types: [MET_WITH]}, first: 50) { totalCount edges { relation { id status } } } }`, nil)
	if at(t, r.Data, "relations.totalCount").(float64) < 2 {
		t.Errorf("meetings of the state visit: %v", r.Data)
	}
	for _, e := range list(t, r.Data, "relations.edges") {
		if strings.Contains(at(t, e, "relation.id").(string), "kassym-jomart-tokayev") && at(t, e, "relation.status") != "EXPECTED" {
			t.Errorf("Tokayev is expected to meet them: %v", e)
		}
	}
	r = a.ok(t, `{ relations(filter: {from: "country/pakistan", to: "country/kazakhstan", types: [DIPLOMATIC_RELATION], at: "1992-02-24"}) { edges { relation { role validFrom { value } } } } }`, nil)
	rels := list(t, r.Data, "relations.edges")
	if len(rels) == 0 {
		t.Fatalf("no diplomatic relation on 1992-02-24")
	}
	for _, e := range rels {
		if from := at(t, e, "relation.validFrom"); from != nil && at(t, from, "value").(string) > "1992-02-24" {
			t.Errorf("relation valid from %v selected at 1992-02-24", from)
		}
	}
}

func badArguments(t *testing.T, a *api) {
	for _, c := range []struct{ query, code string }{
		{`{ entities(first: 101) { totalCount } }`, "BAD_USER_INPUT"},
		{`{ entities(first: -1) { totalCount } }`, "BAD_USER_INPUT"},
		{`{ entities(after: "not a cursor") { totalCount } }`, "BAD_USER_INPUT"},
		{`{ entity(id: "org/pta") { relations(first: 500) { totalCount } } }`, "BAD_USER_INPUT"},
		{`{ entity(id: "org/pta") { relations(after: "garbage") { totalCount } } }`, "BAD_USER_INPUT"},
		{`{ shortestPath(from: "org/pta", to: "org/oic", maxHops: 7) { truncated } }`, "BAD_USER_INPUT"},
		{`{ shortestPath(from: "org/pta", to: "org/oic", maxHops: 0) { truncated } }`, "BAD_USER_INPUT"},
		{`{ shortestPath(from: "org/nope", to: "org/oic") { truncated } }`, "NOT_FOUND"},
		{`{ paths(from: "org/pta", to: "org/nope") { truncated } }`, "NOT_FOUND"},
		{`{ paths(from: "org/pta", to: "org/oic", limit: 11) { truncated } }`, "BAD_USER_INPUT"},
		{`{ neighborhood(ids: ["org/pta"], hops: 7) { truncated } }`, "BAD_USER_INPUT"},
		{`{ neighborhood(ids: ["org/pta"], limit: 501) { truncated } }`, "BAD_USER_INPUT"},
		{`{ neighborhood(ids: []) { truncated } }`, "BAD_USER_INPUT"},
		{`{ neighborhood(ids: ["org/nope"]) { truncated } }`, "NOT_FOUND"},
		{`{ neighborhood(ids: ["org/pta"], at: "2024-13") { truncated } }`, "BAD_USER_INPUT"},
		{`{ neighborhood(ids: ["org/pta"], since: "2025", until: "2024") { truncated } }`, "BAD_USER_INPUT"},
		{`{ neighborhood(ids: ["org/pta"], at: "2024", since: "2023") { truncated } }`, "BAD_USER_INPUT"},
		{`{ commonNeighbors(a: "org/pta", b: "org/nope") { truncated } }`, "NOT_FOUND"},
		{`{ search(text: "pta", first: 51) { score } }`, "BAD_USER_INPUT"},
		{`{ search(text: "  ") { score } }`, "BAD_USER_INPUT"},
		{`{ entity(id: "org/pta") { relations(types: [OWNS]) { totalCount } } }`, "GRAPHQL_VALIDATION_FAILED"},
		{`{ entities(first: 100) { edges { node { relations(first: 100) { edges { node { relations(first: 100) { totalCount } } } } } } } }`, "COMPLEXITY_LIMIT_EXCEEDED"},
		{`{ entity(id: "org/pta") { name `, "GRAPHQL_PARSE_FAILED"},
	} {
		r := a.query(t, c.query, nil)
		if r.code() != c.code {
			t.Errorf("%s\n  code %q, want %q (errors %+v)", c.query, r.code(), c.code, r.Errors)
		}
	}
}

// roundTrips checks that a request's store round trips grow with the depth
// of its selection, not with the number of entities it returns.
func roundTrips(t *testing.T, a *api) {
	r := a.ok(t, `{ entities(first: 50) { edges { node { id relations(first: 20) { edges { relation { id evidence { document { id } } }
		node { id name relations(first: 5) { edges { relation { id } node { id name } } } } } } } } } }`, nil)
	entities := 0
	for _, e := range list(t, r.Data, "entities.edges") {
		entities++
		for _, rel := range list(t, e, "node.relations.edges") {
			entities += 1 + len(list(t, rel, "node.relations.edges"))
		}
	}
	if entities < 200 {
		t.Fatalf("the query returned %d entities: too few to tell", entities)
	}
	t.Logf("%d round trips for %d entities", r.roundTrips(), entities)
	// Loads at depth: entities, their relations, documents and other
	// ends, their relations, their other ends: 5 levels.
	if n := r.roundTrips(); n == 0 || n > 6 {
		t.Errorf("%d round trips for %d entities at 5 levels of loading", n, entities)
	}
}
