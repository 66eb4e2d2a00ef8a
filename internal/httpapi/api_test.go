package httpapi_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestAPI asserts concrete facts of the seed through every capability of
// the API, over HTTP against the real handler, on both stores.
func TestAPI(t *testing.T) {
	forEachStore(t, func(t *testing.T, a *api) {
		t.Run("who chairs PTA", func(t *testing.T) { whoChairsPTA(t, a) })
		t.Run("evidence as the source wrote it", func(t *testing.T) { evidenceOffsets(t, a) })
		t.Run("what Pakistan and Kazakhstan sell each other", func(t *testing.T) { exports(t, a) })
		t.Run("search over names and what was said", func(t *testing.T) { search(t, a) })
		t.Run("names as entry points", func(t *testing.T) { names(t, a) })
		t.Run("shortest path", func(t *testing.T) { shortestPath(t, a) })
		t.Run("distinct routes", func(t *testing.T) { routes(t, a) })
		t.Run("status of facts", func(t *testing.T) { status(t, a) })
		t.Run("neighbourhood is the induced subgraph", func(t *testing.T) { neighborhood(t, a) })
		t.Run("valid time", func(t *testing.T) { validTime(t, a) })
		t.Run("stated time", func(t *testing.T) { statedTime(t, a) })
		t.Run("MENTIONS left out alike everywhere", func(t *testing.T) { mentions(t, a) })
		t.Run("common neighbours", func(t *testing.T) { commonNeighbors(t, a) })
		t.Run("node and nodes", func(t *testing.T) { nodes(t, a) })
		t.Run("typed fields and documents", func(t *testing.T) { typedFields(t, a) })
		t.Run("stats", func(t *testing.T) { stats(t, a) })
		t.Run("pagination", func(t *testing.T) { pagination(t, a) })
		t.Run("relations by document", func(t *testing.T) { byDocument(t, a) })
		t.Run("bad arguments", func(t *testing.T) { badArguments(t, a) })
		t.Run("one round trip per root field", func(t *testing.T) { roundTrips(t, a) })
	})
}

func whoChairsPTA(t *testing.T, a *api) {
	r := a.ok(t, `{ entity(id: "org/pta") { name relations(filter: {types: [HOLDS_POSITION]}) { totalCount edges {
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

// evidenceOffsets checks that every excerpt is a whole sentence that its
// offsets find in its document's text, for a frontend to highlight.
func evidenceOffsets(t *testing.T, a *api) {
	r := a.ok(t, `{ relations(first: 100) { edges { relation { id evidence { excerpt start end document { id text } } } } } }`, nil)
	n := 0
	for _, e := range list(t, r.Data, "relations.edges") {
		for _, ev := range list(t, e, "relation.evidence") {
			excerpt := at(t, ev, "excerpt").(string)
			text := []rune(at(t, ev, "document.text").(string))
			start, end := int(at(t, ev, "start").(float64)), int(at(t, ev, "end").(float64))
			if start < 0 || end > len(text) || start >= end {
				t.Fatalf("%s: offsets %d..%d outside a text of %d", at(t, e, "relation.id"), start, end, len(text))
			}
			if got := strings.Join(strings.Fields(string(text[start:end])), " "); got != excerpt {
				t.Errorf("%s: the text at %d..%d is %q, not the excerpt %q", at(t, e, "relation.id"), start, end, got, excerpt)
			}
			if strings.Contains(excerpt, "...") || strings.Contains(excerpt, "…") {
				t.Errorf("cut excerpt %q", excerpt)
			}
			n++
		}
	}
	if n < 70 {
		t.Errorf("checked %d excerpts", n)
	}
}

func exports(t *testing.T, a *api) {
	q := `query($from: ID!) { relations(filter: {types: [EXPORTS], from: $from}) { totalCount edges {
		node { name } relation { counterpart { id } evidence { excerpt } } } } }`
	for from, c := range map[string]struct {
		to   string
		want []string
	}{
		"Pakistan":   {"country/kazakhstan", []string{"Citrus fruits", "Garments", "Pharmaceutical products", "Soap", "Sports equipment and gear"}},
		"Kazakhstan": {"country/pakistan", []string{"Buckwheat and other cereal grains", "Dried leguminous vegetables", "Oats", "Onions and garlic", "Seeds and fruits of other oil-bearing crops"}},
	} {
		r := a.ok(t, q, map[string]any{"from": from})
		got := strs(t, r.Data, "relations.edges", "node.name")
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s exports %v, want %v", from, got, c.want)
		}
		for _, e := range list(t, r.Data, "relations.edges") {
			if at(t, e, "relation.counterpart.id") != c.to {
				t.Errorf("an export of %s does not go to %s: %v", from, c.to, e)
			}
		}
	}
	r := a.ok(t, `{ relations(filter: {types: [TRADES_WITH], from: "country/pakistan", to: "country/kazakhstan"}) { edges { relation {
		amount { value currency } pointInTime { value precision } validFrom { value } validTo { value } evidence { saidBy { id } } } } } }`, nil)
	rel := at(t, r.Data, "relations.edges.0.relation")
	if at(t, rel, "amount.value") != 53.7e6 || at(t, rel, "amount.currency") != "USD" || at(t, rel, "pointInTime.value") != "2024" || at(t, rel, "pointInTime.precision") != "YEAR" {
		t.Errorf("trade = %v", rel)
	}
	if at(t, rel, "validFrom") != nil || at(t, rel, "validTo") != nil {
		t.Errorf("no source says when the trade began or ended: %v", rel)
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
		r := a.ok(t, `query($text: String!) { search(text: $text, first: 5) { score field matched entity { id } } }`, map[string]any{"text": text})
		hits := list(t, r.Data, "search")
		if len(hits) == 0 || at(t, hits[0], "entity") == nil || at(t, hits[0], "entity.id") != want {
			t.Errorf("search %q: first hit %v, want %s", text, hits, want)
			continue
		}
		for i := 1; i < len(hits); i++ {
			if at(t, hits[i], "score").(float64) > at(t, hits[i-1], "score").(float64) {
				t.Errorf("search %q: hits not ranked: %v", text, hits)
			}
		}
	}
	// "onions" is said only in the sentence of Kazakhstan's exports: it
	// finds the commodity by name and the export relations by that
	// excerpt, and no entity a few typos away (the ITU's "union").
	r := a.ok(t, `{ search(text: "onions") { score field matched entity { id } relation { id type from { id } to { id } } } }`, nil)
	hits := list(t, r.Data, "search")
	if len(hits) == 0 || at(t, hits[0], "entity") == nil || at(t, hits[0], "entity.id") != "commodity/onions-and-garlic" {
		t.Fatalf("onions: %v", hits)
	}
	found := false
	for _, h := range hits {
		if at(t, h, "entity") != nil {
			if at(t, h, "entity.id") == "org/itu" {
				t.Errorf("onions finds the ITU: %v", hits)
			}
			continue
		}
		if at(t, h, "field") != "EXCERPT" || at(t, h, "relation.type") != "EXPORTS" || at(t, h, "relation.from.id") != "country/kazakhstan" ||
			!strings.Contains(at(t, h, "matched").(string), "onions and garlic") {
			t.Errorf("onions: relation hit %v", h)
		}
		found = found || at(t, h, "relation.to.id") == "commodity/onions-and-garlic"
	}
	if !found {
		t.Errorf("onions does not find Kazakhstan's export of onions: %v", hits)
	}
	r = a.ok(t, `{ search(text: "xqzvwkj") { score } }`, nil)
	if hits := list(t, r.Data, "search"); len(hits) != 0 {
		t.Errorf("nonsense finds %v", hits)
	}
	r = a.ok(t, `{ search(text: "pakistan", kinds: [COUNTRY], relations: false) { entity { id kind } } }`, nil)
	if hits := list(t, r.Data, "search"); len(hits) != 1 || at(t, hits[0], "entity.kind") != "COUNTRY" {
		t.Errorf("search with kinds: %v", hits)
	}
}

// names checks that an exact name or alias stands for an entity id
// wherever one is taken, and that a name naming none or several is
// refused with its candidates.
func names(t *testing.T, a *api) {
	r := a.ok(t, `{ entity(id: "PTA") { id } path: shortestPath(from: "Huawei", to: "Hafeez Ur Rehman") { path { nodes { id } } }
		common: commonNeighbors(a: "Pakistan", b: "Kazakhstan") { nodes { id } }
		hood: neighborhood(ids: ["Rehman"], hops: 1) { nodes { id } }
		rel: relations(filter: {from: "Pakistan", to: "Kazakhstan", types: [TRADES_WITH]}) { totalCount }
		doc: relations(filter: {document: "Pakistan proposes cybersecurity center of excellence to bolster digital security for OIC nations", types: [PROPOSED]}) { totalCount } }`, nil)
	if at(t, r.Data, "entity.id") != "org/pta" || at(t, r.Data, "path.path.nodes.0.id") != "org/huawei" ||
		at(t, r.Data, "hood.nodes.0.id") != "person/hafeez-ur-rehman" || at(t, r.Data, "rel.totalCount") != 1.0 ||
		len(list(t, r.Data, "common.nodes")) == 0 || at(t, r.Data, "doc.totalCount") == 0.0 {
		t.Errorf("names: %v", r.Data)
	}
	// Case and punctuation do not matter; the name must be whole.
	r = a.ok(t, `{ entity(id: "hafeez ur-rehman") { id } }`, nil)
	if at(t, r.Data, "entity.id") != "person/hafeez-ur-rehman" {
		t.Errorf("a name in other case: %v", r.Data)
	}
	for _, c := range []struct{ query, mention string }{
		{`{ entity(id: "Hafeez") { id } }`, "Hafeez Ur Rehman"},                           // not a whole name: the closest are listed
		{`{ shortestPath(from: "Nobody At All", to: "PTA") { truncated } }`, "no entity"}, // names nothing
		// A filter's unknown id or name is refused, not an empty answer.
		{`{ relations(filter: {from: "country/pakistann"}) { totalCount } }`, "Pakistan (country/pakistan)"},
		{`{ relations(filter: {document: "doc/no-such-document"}) { totalCount } }`, "no-such-document"},
		{`{ relations(filter: {between: ["Pakistan", "Kazakhstann"]}) { totalCount } }`, "Kazakhstan (country/kazakhstan)"},
		{`{ relations(filter: {between: ["Pakistan"]}) { totalCount } }`, "exactly two"},
		{`{ entity(id: "Pakistan") { relations(filter: {with: ["country/kazakstan"]}) { totalCount } } }`, "Kazakhstan (country/kazakhstan)"},
		{`{ neighborhood(ids: ["Pakistan"], filter: {with: ["Kazakhstan"]}) { nodes { id } } }`, "with applies only"},
		// An unknown id where a walk starts or ends, like an unknown name,
		// is refused with the closest names.
		{`{ shortestPath(from: "country/kazakstan", to: "PTA") { truncated } }`, "Kazakhstan (country/kazakhstan)"},
		{`{ paths(from: "PTA", to: "org/comstec") { truncated } }`, "(org/comstech)"},
		{`{ neighborhood(ids: ["Rehman", "country/pakistann"]) { truncated } }`, "Pakistan (country/pakistan)"},
		{`{ expand(ids: ["person/hafeez-ur-rehmann"]) { truncated } }`, "Hafeez Ur Rehman (person/hafeez-ur-rehman)"},
		{`{ commonNeighbors(a: "Pakistan", b: "country/kazakstan") { truncated } }`, "Kazakhstan (country/kazakhstan)"},
		// A document filter names a document.
		{`{ relations(filter: {document: "PTA"}) { totalCount } }`, "org/pta, not a document"},
		{`{ relations(filter: {document: "country/kazakhstan"}) { totalCount } }`, "(doc/2026-02-02-kazakhstan-president-state-visit)"},
	} {
		r := a.query(t, c.query, nil)
		if r.code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, c.mention) {
			t.Errorf("%s: %+v", c.query, r.Errors)
		}
	}
}

// checkPath asserts that a path is a route: distinct entities, each step
// joining its two entities by every relation it lists.
func checkPath(t *testing.T, path any, from, to string) {
	t.Helper()
	nodes, steps := strs(t, path, "nodes", "id"), list(t, path, "steps")
	if len(nodes) != len(steps)+1 || nodes[0] != from || nodes[len(nodes)-1] != to || int(at(t, path, "length").(float64)) != len(steps) {
		t.Fatalf("path %v", path)
	}
	if len(slices.Compact(slices.Sorted(slices.Values(nodes)))) != len(nodes) {
		t.Errorf("a route repeats an entity: %v", nodes)
	}
	for i, st := range steps {
		if at(t, st, "source") != nodes[i] || at(t, st, "target") != nodes[i+1] {
			t.Errorf("step %d %v does not join %s and %s", i, st, nodes[i], nodes[i+1])
		}
		rels := list(t, st, "relations")
		if len(rels) == 0 {
			t.Errorf("step %d has no relation", i)
		}
		for _, r := range rels {
			ends := []string{at(t, r, "source").(string), at(t, r, "target").(string)}
			if !slices.Contains(ends, nodes[i]) || !slices.Contains(ends, nodes[i+1]) {
				t.Errorf("relation %v of step %d does not join %s and %s", ends, i, nodes[i], nodes[i+1])
			}
		}
	}
}

const pathFields = `length nodes { id } steps { source target relations { id type source target } }`

func shortestPath(t *testing.T, a *api) {
	r := a.ok(t, `{ shortestPath(from: "person/sun-xiaofei", to: "person/hafeez-ur-rehman") { truncated path { `+pathFields+` } } }`, nil)
	path := at(t, r.Data, "shortestPath.path")
	checkPath(t, path, "person/sun-xiaofei", "person/hafeez-ur-rehman")
	if nodes := strs(t, path, "nodes", "id"); !slices.Equal(nodes, []string{"person/sun-xiaofei", "event/oic-cybersecurity-workshop-2024", "person/hafeez-ur-rehman"}) {
		t.Errorf("Sun Xiaofei and Rehman meet at the workshop: %v", nodes)
	}
	// How is Huawei linked to Hafeez Ur Rehman? By facts, not by the
	// article that names both: MENTIONS is followed only when asked.
	r = a.ok(t, `{ shortestPath(from: "org/huawei", to: "person/hafeez-ur-rehman") { path { `+pathFields+` } } }`, nil)
	path = at(t, r.Data, "shortestPath.path")
	checkPath(t, path, "org/huawei", "person/hafeez-ur-rehman")
	for _, st := range list(t, path, "steps") {
		for _, rel := range list(t, st, "relations") {
			if at(t, rel, "type") == "MENTIONS" {
				t.Errorf("the path follows MENTIONS: %v", path)
			}
		}
	}
	r = a.ok(t, `{ shortestPath(from: "org/huawei", to: "person/hafeez-ur-rehman", filter: {types: [MENTIONS]}) { path { nodes { id } } } }`, nil)
	if at(t, r.Data, "shortestPath.path.nodes.1.id") != "doc/2024-12-17-oic-cybersecurity-centre-of-excellence" {
		t.Errorf("through MENTIONS: %v", r.Data)
	}
	r = a.ok(t, `{ shortestPath(from: "org/huawei", to: "person/hafeez-ur-rehman", maxHops: 1) { path { length } truncated } }`, nil)
	if at(t, r.Data, "shortestPath.path") != nil {
		t.Errorf("a path of one hop: %v", r.Data)
	}
}

// routes checks that paths are distinct routes: the parallel relations
// between Pakistan and Kazakhstan are all on one step, not seven paths.
func routes(t *testing.T, a *api) {
	r := a.ok(t, `{ paths(from: "Kazakhstan", to: "OIC", maxHops: 5, limit: 10) { truncated paths { `+pathFields+` } } }`, nil)
	paths := list(t, r.Data, "paths.paths")
	if len(paths) != 10 {
		t.Fatalf("%d routes, want 10", len(paths))
	}
	seen := map[string]bool{}
	parallel := false
	for i, p := range paths {
		checkPath(t, p, "country/kazakhstan", "org/oic")
		key := strings.Join(strs(t, p, "nodes", "id"), " ")
		if seen[key] {
			t.Errorf("route %d repeats %s", i, key)
		}
		seen[key] = true
		if i > 0 {
			prev := paths[i-1]
			if l, pl := at(t, p, "length").(float64), at(t, prev, "length").(float64); l < pl || l == pl && key < strings.Join(strs(t, prev, "nodes", "id"), " ") {
				t.Errorf("routes %d and %d out of order", i-1, i)
			}
		}
		for _, st := range list(t, p, "steps") {
			if len(list(t, st, "relations")) > 1 {
				parallel = true
			}
		}
	}
	if !parallel {
		t.Errorf("no step carries the parallel Pakistan–Kazakhstan relations")
	}
}

// status checks that an analyst can ask for paths through stated facts
// only, leaving out what is merely proposed, planned or expected.
func status(t *testing.T, a *api) {
	q := `query($status: [Status!]) { paths(from: "Kazakhstan", to: "OIC", maxHops: 5, limit: 10, filter: {status: $status}) { paths {
		steps { relations { status } } } } }`
	all := a.ok(t, q, nil)
	proposed := false
	for _, p := range list(t, all.Data, "paths.paths") {
		for _, st := range list(t, p, "steps") {
			for _, rel := range list(t, st, "relations") {
				proposed = proposed || at(t, rel, "status") == "PROPOSED"
			}
		}
	}
	if !proposed {
		t.Fatalf("no route goes through a proposal: the test proves nothing")
	}
	facts := a.ok(t, q, map[string]any{"status": []string{"STATED"}})
	for _, p := range list(t, facts.Data, "paths.paths") {
		for _, st := range list(t, p, "steps") {
			for _, rel := range list(t, st, "relations") {
				if at(t, rel, "status") != "STATED" {
					t.Errorf("a route of facts goes through %v", rel)
				}
			}
		}
	}
	r := a.ok(t, `{ relations(filter: {status: [EXPECTED]}) { edges { relation { id } } } }`, nil)
	if len(list(t, r.Data, "relations.edges")) == 0 {
		t.Errorf("nothing is expected: %v", r.Data)
	}
}

func neighborhood(t *testing.T, a *api) {
	r := a.ok(t, `{ neighborhood(ids: ["country/pakistan"], hops: 1) { truncated nodes { id } edges { id source target } } }`, nil)
	nodes := strs(t, r.Data, "neighborhood.nodes", "id")
	for _, want := range []string{"country/pakistan", "country/kazakhstan", "city/islamabad", "org/pta", "person/murat-nurtleu"} {
		if !slices.Contains(nodes, want) {
			t.Errorf("Pakistan's neighbourhood lacks %s: %v", want, nodes)
		}
	}
	if nodes[0] != "country/pakistan" {
		t.Errorf("the subgraph starts with its centre: %v", nodes[0])
	}
	checkSubgraph(t, r, "neighborhood")
	// Not a star: relations between two neighbours are drawn too.
	edges := strs(t, r.Data, "neighborhood.edges", "id")
	if !slices.Contains(edges, "person/murat-nurtleu>HOLDS_POSITION>country/kazakhstan") {
		t.Errorf("the relation between two neighbours is missing: %v", edges)
	}
	capped := a.ok(t, `{ neighborhood(ids: ["country/pakistan"], hops: 2, limit: 5) { truncated nodes { id } edges { id source target } } }`, nil)
	if at(t, capped.Data, "neighborhood.truncated") != true || len(list(t, capped.Data, "neighborhood.nodes")) != 5 {
		t.Errorf("a capped neighbourhood must say truncated: %v", capped.Data)
	}
	checkSubgraph(t, capped, "neighborhood")
}

// checkSubgraph asserts what a drawing library needs: unique node ids,
// unique edge ids, and every edge between two of the nodes.
func checkSubgraph(t *testing.T, r *response, field string) {
	t.Helper()
	nodes := strs(t, r.Data, field+".nodes", "id")
	in := map[string]bool{}
	for _, n := range nodes {
		if in[n] {
			t.Errorf("node %s twice", n)
		}
		in[n] = true
	}
	edges := map[string]bool{}
	for _, e := range list(t, r.Data, field+".edges") {
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
		t.Errorf("no edges")
	}
}

// validTime checks that valid time is when a fact holds: a dated event's
// participation in its month, and a fact no source ends still valid.
func validTime(t *testing.T, a *api) {
	q := `query($at: String) { entity(id: "person/murat-nurtleu") { relations(filter: {types: [PARTICIPATED_IN], at: $at}) {
		edges { relation { validFrom { value } validTo { value } } node { id } } } } }`
	r := a.ok(t, q, map[string]any{"at": "2025-09"})
	if got := strs(t, r.Data, "entity.relations.edges", "node.id"); !slices.Equal(got, []string{"event/nurtleu-visit-to-pakistan-2025"}) {
		t.Errorf("in September 2025 Nurtleu visits Pakistan: %v", got)
	}
	r = a.ok(t, q, map[string]any{"at": "2026-02"})
	if got := list(t, r.Data, "entity.relations.edges"); len(got) != 0 {
		t.Errorf("the 2025 visit is not valid in February 2026: %v", got)
	}
	r = a.ok(t, `{ neighborhood(ids: ["country/pakistan"], filter: {at: "2026-02", types: [TRADES_WITH]}) { edges { id } } }`, nil)
	if len(list(t, r.Data, "neighborhood.edges")) != 1 {
		t.Errorf("no source says the trade ended: %v", r.Data)
	}
}

// statedTime checks that stated time is when the sources said it: a
// relation is selected when one of its statements is dated in the span.
func statedTime(t *testing.T, a *api) {
	q := `query($since: String, $until: String) { relations(filter: {statedSince: $since, statedUntil: $until}, first: 100) {
		totalCount edges { relation { id evidence { date { value } } } } } }`
	for _, c := range []struct {
		since, until any
		in           func(date string) bool
	}{
		{nil, "2025", func(d string) bool { return d <= "2025" }},
		{"2026", nil, func(d string) bool { return d >= "2026" }},
	} {
		r := a.ok(t, q, map[string]any{"since": c.since, "until": c.until})
		edges := list(t, r.Data, "relations.edges")
		if len(edges) == 0 {
			t.Fatalf("nothing stated in %v..%v", c.since, c.until)
		}
		for _, e := range edges {
			if !slices.ContainsFunc(list(t, e, "relation.evidence"), func(ev any) bool { return c.in(at(t, ev, "date.value").(string)) }) {
				t.Errorf("%v is not stated in %v..%v", at(t, e, "relation.id"), c.since, c.until)
			}
		}
	}
	// The workshop of 2024 was stated in 2024 only.
	r := a.ok(t, `{ entity(id: "event/oic-cybersecurity-workshop-2024") { all: degree late: degree(filter: {statedSince: "2025"}) } }`, nil)
	if at(t, r.Data, "entity.all").(float64) == 0 || at(t, r.Data, "entity.late") != 0.0 {
		t.Errorf("the workshop's relations by stated time: %v", r.Data)
	}
}

// mentions checks that MENTIONS is left out alike wherever no types are
// given, and that totalCount agrees with the edges.
func mentions(t *testing.T, a *api) {
	r := a.ok(t, `{ all: relations(first: 100) { totalCount edges { relation { type } } } empty: relations(filter: {}) { totalCount }
		stats { relations } withMentions: relations(filter: {types: [MENTIONS]}) { totalCount } }`, nil)
	total := at(t, r.Data, "all.totalCount").(float64)
	if at(t, r.Data, "empty.totalCount") != total || at(t, r.Data, "stats.relations") != total {
		t.Errorf("relations %v, with an empty filter %v, stats %v", total, at(t, r.Data, "empty.totalCount"), at(t, r.Data, "stats.relations"))
	}
	if float64(len(list(t, r.Data, "all.edges"))) != total {
		t.Errorf("%d edges, totalCount %v", len(list(t, r.Data, "all.edges")), total)
	}
	for _, e := range list(t, r.Data, "all.edges") {
		if at(t, e, "relation.type") == "MENTIONS" {
			t.Errorf("MENTIONS in a page of relations with no types")
		}
	}
	if at(t, r.Data, "withMentions.totalCount").(float64) == 0 {
		t.Errorf("MENTIONS are there when asked for")
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
	r := a.ok(t, `{ entity(id: "event/oic-cybersecurity-workshop-2024") { kind documents { totalCount edges { node { id ... on Document { title publishedAt { value } } } } }
		... on Event { startDate { value precision } endDate { value } status participants { value qualifier text } place { id } } } }`, nil)
	e := at(t, r.Data, "entity")
	if at(t, e, "kind") != "EVENT" || at(t, e, "startDate.value") != "2024-12-17" || at(t, e, "endDate.value") != "2024-12-18" ||
		at(t, e, "participants.value") != 300.0 || at(t, e, "participants.qualifier") != "over" || at(t, e, "participants.text") != "over 300" {
		t.Errorf("workshop = %v", e)
	}
	if places := strs(t, e, "place", "id"); !slices.Contains(places, "city/islamabad") {
		t.Errorf("the workshop is in Islamabad: %v", places)
	}
	if docs := strs(t, e, "documents.edges", "node.id"); !slices.Equal(docs, []string{"doc/2024-12-17-oic-cybersecurity-centre-of-excellence"}) {
		t.Errorf("documents = %v", docs)
	}
	// An initiative is placed where its source says: the forums in Central
	// Asia and Africa; the centre of excellence (at the OIC, an
	// organisation) nowhere. Event and Initiative each select place.
	r = a.ok(t, `{ entities(kinds: [EVENT, INITIATIVE], first: 20) { edges { node { id
		... on Event { place { id } } ... on Initiative { status place { id name } } } } } }`, nil)
	places := map[string][]string{}
	for _, edge := range list(t, r.Data, "entities.edges") {
		places[at(t, edge, "node.id").(string)] = strs(t, at(t, edge, "node"), "place", "id")
	}
	for id, want := range map[string][]string{
		"initiative/comstech-global-cybersecurity-forums":         {"region/africa", "region/central-asia"},
		"initiative/oic-cybersecurity-centre-of-excellence":       {},
		"event/oic-cybersecurity-workshop-2024":                   {"city/islamabad"},
		"event/tokayev-state-visit-to-pakistan-2026":              {"country/pakistan"},
		"initiative/pta-critical-data-infrastructure-regulations": {},
	} {
		if got, ok := places[id]; !ok || !slices.Equal(got, want) {
			t.Errorf("%s is placed in %v (read: %v), want %v", id, got, ok, want)
		}
	}
	r = a.ok(t, `{ entity(id: "event/nurtleu-visit-to-pakistan-2025") { ... on Event { startDate { value precision first last } } } }`, nil)
	if d := at(t, r.Data, "entity.startDate"); at(t, d, "value") != "2025-09" || at(t, d, "precision") != "MONTH" || at(t, d, "last") != "2025-09-30" {
		t.Errorf("September 2025 is a month: %v", d)
	}
	r = a.ok(t, `{ relations(filter: {types: [RANKED_IN], from: "country/pakistan"}) { edges { relation { rank previousRank pointInTime { value } to { id name } } } } }`, nil)
	rel := at(t, r.Data, "relations.edges.0.relation")
	if at(t, rel, "rank") != 40.0 || at(t, rel, "previousRank") != 79.0 || at(t, rel, "pointInTime.value") != "2024" || at(t, rel, "to.id") != "index/global-cybersecurity-index-2024" {
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
	r := a.ok(t, `{ stats(top: 3) { entities relations byKind { kind count } byType { type count } mostConnected { degree entity { id } } }
		relations { totalCount } }`, nil)
	g := seedGraph(t)
	if at(t, r.Data, "stats.entities") != float64(len(g.Entities)) || at(t, r.Data, "stats.relations") != at(t, r.Data, "relations.totalCount") {
		t.Errorf("stats = %v, want %d entities", r.Data, len(g.Entities))
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
	typed := 0.0
	for _, ty := range list(t, r.Data, "stats.byType") {
		if at(t, ty, "type") != "MENTIONS" {
			typed += at(t, ty, "count").(float64)
		}
	}
	if typed != at(t, r.Data, "stats.relations") {
		t.Errorf("byType sums to %v besides MENTIONS, relations %v", typed, at(t, r.Data, "stats.relations"))
	}
	// Valid in February 2026: the 2024 workshop's relations are not.
	r = a.ok(t, `{ all: stats { relations } feb: stats(filter: {at: "2026-02"}) { relations } }`, nil)
	if at(t, r.Data, "feb.relations").(float64) >= at(t, r.Data, "all.relations").(float64) {
		t.Errorf("stats at 2026-02: %v", r.Data)
	}
}

// pagination pages through entities (both orders), Pakistan's relations
// and neighbours, and all relations with small pages: every item exactly
// once, as many as totalCount says.
func pagination(t *testing.T, a *api) {
	for _, c := range []struct{ name, query, conn, key string }{
		{"entities by name", `query($after: String) { entities(first: 7, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id name } } } }`, "entities", "node.id"},
		{"entities by id", `query($after: String) { entities(first: 6, orderBy: ID, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`, "entities", "node.id"},
		{"relations of Pakistan", `query($after: String) { entity(id: "country/pakistan") { relations(first: 4, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor relation { id } } } } }`, "entity.relations", "relation.id"},
		{"neighbours of Pakistan", `query($after: String) { entity(id: "country/pakistan") { neighbors(first: 4, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } } }`, "entity.neighbors", "node.id"},
		{"all relations", `query($after: String) { relations(first: 9, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor relation { id } } } }`, "relations", "relation.id"},
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
				checkPageInfo(t, conn, after)
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
			// The same connection backwards, by last/before from its end,
			// gives the same items in the same order.
			back := regexp.MustCompile(`first: (\d+), `).ReplaceAllString(c.query, "last: $1, ")
			back = strings.NewReplacer("$after: String", "$before: String", "after: $after", "before: $before").Replace(back)
			var backward []string
			var before any
			for pages := 0; ; pages++ {
				if pages > 100 {
					t.Fatal("pagination backwards does not end")
				}
				r := a.ok(t, back, map[string]any{"before": before})
				conn := at(t, r.Data, c.conn)
				if n := at(t, conn, "totalCount").(float64); n != total {
					t.Errorf("backwards: totalCount %v, forwards %v", n, total)
				}
				backward = append(strs(t, conn, "edges", c.key), backward...)
				if got := at(t, conn, "pageInfo.hasNextPage"); got != (before != nil) {
					t.Errorf("backwards: hasNextPage %v before %v", got, before)
				}
				if at(t, conn, "pageInfo.hasPreviousPage") != true {
					break
				}
				before = at(t, conn, "pageInfo.startCursor")
			}
			if !slices.Equal(backward, got) {
				t.Errorf("backwards %v\nforwards %v", backward, got)
			}
		})
	}
	r := a.query(t, `{ entities(first: 2, last: 2) { totalCount } }`, nil)
	if r.code() != "BAD_USER_INPUT" {
		t.Errorf("first and last together: %+v", r)
	}
}

// checkPageInfo checks a forward page's PageInfo against its edges and
// the after cursor it was read with (nil: the first page).
func checkPageInfo(t *testing.T, conn any, after any) {
	t.Helper()
	cursors := strs(t, conn, "edges", "cursor")
	if len(cursors) == 0 {
		t.Fatalf("an empty page: %v", conn)
	}
	if got := at(t, conn, "pageInfo.startCursor"); got != cursors[0] {
		t.Errorf("startCursor %v, first edge's cursor %v", got, cursors[0])
	}
	if got := at(t, conn, "pageInfo.endCursor"); got != cursors[len(cursors)-1] {
		t.Errorf("endCursor %v, last edge's cursor %v", got, cursors[len(cursors)-1])
	}
	if got := at(t, conn, "pageInfo.hasPreviousPage"); got != (after != nil) {
		t.Errorf("hasPreviousPage %v after %v", got, after)
	}
}

func byDocument(t *testing.T, a *api) {
	r := a.ok(t, `{ relations(filter: {document: "doc/2026-02-02-kazakhstan-president-state-visit", types: [MET_WITH]}, first: 50) { totalCount edges { relation { id status } } } }`, nil)
	if at(t, r.Data, "relations.totalCount").(float64) < 2 {
		t.Errorf("meetings of the state visit: %v", r.Data)
	}
	for _, e := range list(t, r.Data, "relations.edges") {
		if strings.Contains(at(t, e, "relation.id").(string), "kassym-jomart-tokayev") && at(t, e, "relation.status") != "EXPECTED" {
			t.Errorf("Tokayev is expected to meet them: %v", e)
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
		{`{ shortestPath(from: "org/nope", to: "org/oic") { truncated } }`, "BAD_USER_INPUT"},
		{`{ paths(from: "org/pta", to: "org/nope") { truncated } }`, "BAD_USER_INPUT"},
		{`{ paths(from: "org/pta", to: "org/oic", limit: 11) { truncated } }`, "BAD_USER_INPUT"},
		{`{ neighborhood(ids: ["org/pta"], hops: 7) { truncated } }`, "BAD_USER_INPUT"},
		{`{ neighborhood(ids: ["org/pta"], limit: 501) { truncated } }`, "BAD_USER_INPUT"},
		{`{ neighborhood(ids: []) { truncated } }`, "BAD_USER_INPUT"},
		{`{ neighborhood(ids: ["org/nope"]) { truncated } }`, "BAD_USER_INPUT"},
		{`{ neighborhood(ids: ["org/pta"], filter: {at: "2024-13"}) { truncated } }`, "BAD_USER_INPUT"},
		{`{ neighborhood(ids: ["org/pta"], filter: {since: "2025", until: "2024"}) { truncated } }`, "BAD_USER_INPUT"},
		{`{ neighborhood(ids: ["org/pta"], filter: {at: "2024", since: "2023"}) { truncated } }`, "BAD_USER_INPUT"},
		{`{ neighborhood(ids: ["org/pta"], filter: {statedSince: "2026", statedUntil: "2024"}) { truncated } }`, "BAD_USER_INPUT"},
		{`{ commonNeighbors(a: "org/pta", b: "org/nope") { truncated } }`, "BAD_USER_INPUT"},
		{`{ search(text: "pta", first: 51) { score } }`, "BAD_USER_INPUT"},
		{`{ search(text: "  ") { score } }`, "BAD_USER_INPUT"},
		{`{ nodes(ids: [` + strings.Repeat(`"org/pta", `, 101) + `]) { id } }`, "BAD_USER_INPUT"},
		{`{ entity(id: "org/pta") { relations(filter: {types: [OWNS]}) { totalCount } } }`, "GRAPHQL_VALIDATION_FAILED"},
		{`{ entities(first: 100) { edges { node { relations(first: 100) { edges { node { relations(first: 100) { totalCount } } } } } } } }`, "QUERY_TOO_COMPLEX"},
		{`{ entity(id: "org/pta") { name `, "GRAPHQL_PARSE_FAILED"},
	} {
		r := a.query(t, c.query, nil)
		if r.code() != c.code {
			t.Errorf("%s\n  code %q, want %q (errors %+v)", c.query, r.code(), c.code, r.Errors)
		}
	}
}

// roundTrips checks that each root field is one store round trip, however
// deep its selection and however many entities it returns, and that
// every list-valued field is read with its parent.
func roundTrips(t *testing.T, a *api) {
	r := a.ok(t, `{ entities(first: 30) { edges { node { id relations(first: 20) { edges { relation { id evidence { document { id title } saidBy { name } } }
		node { id name relations(first: 5) { edges { relation { id } node { id name neighbors(first: 2) { edges { node { id } } } } } } } } } } } } }`, nil)
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
	if n := r.roundTrips(); n != 1 {
		t.Errorf("%d round trips for one root field returning %d entities", n, entities)
	}
	for _, c := range []struct {
		query string
		trips int
	}{
		{`{ nodes(ids: ["org/pta", "org/oic", "country/pakistan", "person/hafeez-ur-rehman>HOLDS_POSITION>org/pta"]) { id ... on Entity { neighbors { edges { node { id } } } documents { edges { node { id } } } degree } } }`, 1},
		{`{ entity(id: "person/hafeez-ur-rehman") { ... on Person { positions { to { name } evidence { document { title } } } } } }`, 1},
		{`{ entity(id: "event/oic-cybersecurity-workshop-2024") { ... on Event { place { name neighbors { totalCount } } } } }`, 1},
		{`{ entity(id: "initiative/comstech-global-cybersecurity-forums") { ... on Initiative { place { name neighbors { totalCount } } } } }`, 1},
		{`{ shortestPath(from: "org/huawei", to: "person/hafeez-ur-rehman") { path { nodes { name relations { totalCount } } relations { evidence { excerpt } } } } }`, 1},
		{`{ paths(from: "org/huawei", to: "person/hafeez-ur-rehman") { paths { nodes { name } steps { relations { role } } } } }`, 1},
		{`{ neighborhood(ids: ["country/pakistan"], hops: 2) { nodes { name degree } edges { type from { name } } } }`, 1},
		{`{ commonNeighbors(a: "country/pakistan", b: "country/kazakhstan") { nodes { name documents { totalCount } } } }`, 1},
		{`{ search(text: "pakistan") { entity { name } relation { from { name } } } }`, 1},
		{`{ stats { mostConnected { entity { name } } } }`, 1},
		{`{ relations(filter: {from: "country/pakistan"}) { edges { node { name } relation { counterpart { name } } } } }`, 1},
		{`{ a: entity(id: "org/pta") { name } b: entity(id: "org/oic") { name } }`, 2},
		{`{ shortestPath(from: "Huawei", to: "Hafeez Ur Rehman") { path { length } } }`, 2}, // the names, then the path
	} {
		r := a.ok(t, c.query, nil)
		if n := r.roundTrips(); n != c.trips {
			t.Errorf("%d round trips, want %d, for %s", n, c.trips, c.query)
		}
	}
}
