package httpapi_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRelayDocuments compiles the Relay documents of tests/relay with
// relay-compiler against schema.graphqls (relay-compiler refuses a
// @connection whose PageInfo lacks a field of the Relay specification),
// then runs the operation text it persisted against the handler on each
// store: a node(id:) refetch of a country's relations under a filter,
// pages forwards and (a fragment on last/before) backwards; and
// checks every page against the same page
// asked without Relay. KGQL_REQUIRE_RELAY=1 makes a missing
// relay-compiler fail the test (npm ci in tests/relay).
func TestRelayDocuments(t *testing.T) {
	compiler, _ := filepath.Abs("../../tests/relay/node_modules/relay-compiler/cli.js")
	_, nodeErr := exec.LookPath("node")
	_, modulesErr := os.Stat(compiler)
	if nodeErr != nil || modulesErr != nil {
		if os.Getenv("KGQL_REQUIRE_RELAY") != "" {
			t.Fatalf("needs node and tests/relay/node_modules (npm ci in tests/relay): %v %v", nodeErr, modulesErr)
		}
		t.Skip("no relay-compiler: npm ci in tests/relay")
	}
	persisted := compileRelay(t, compiler)
	query := persisted["peoplePaginationQuery"]
	if query == "" {
		t.Fatalf("no peoplePaginationQuery among the persisted operations: %v", persisted)
	}
	backward := persisted["peopleBackwardPaginationQuery"]
	if backward == "" {
		t.Fatalf("no peopleBackwardPaginationQuery among the persisted operations: %v", persisted)
	}
	refetch := persisted["countryRefetchQuery"]
	if refetch == "" {
		t.Fatalf("no countryRefetchQuery among the persisted operations: %v", persisted)
	}
	forEachStore(t, func(t *testing.T, a *api) {
		// The node(id:) refetch of a country's relations under a filter.
		got := at(t, a.ok(t, refetch, map[string]any{"id": "country/pakistan", "types": []string{"EXPORTS"}}).Data, "node")
		want := at(t, a.ok(t, `{ entity(id: "country/pakistan") { relations(filter: {types: [EXPORTS], direction: OUT}, first: 5) { totalCount edges { relation { id } } } } }`, nil).Data, "entity")
		ids := strs(t, got, "relations.edges", "relation.id")
		if len(ids) == 0 || !slices.Equal(ids, strs(t, want, "relations.edges", "relation.id")) || at(t, got, "relations.totalCount") != at(t, want, "relations.totalCount") {
			t.Errorf("Relay's refetch %v, the API's %v", got, want)
		}
		seen := relayWalk(t, a, query, `query($count: Int!, $cursor: String) { entities(kinds: [PERSON], first: $count, after: $cursor) {
			pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`, "hasNextPage", "endCursor")
		if len(seen) < 4 || len(slices.Compact(slices.Sorted(slices.Values(seen)))) != len(seen) {
			t.Errorf("people over the pages: %v", seen)
		}
		// Backwards (usePaginationFragment's loadPrevious): from the end,
		// each page before the last one's startCursor, the same people.
		back := relayWalk(t, a, backward, `query($count: Int!, $cursor: String) { entities(kinds: [PERSON], last: $count, before: $cursor) {
			pageInfo { hasPreviousPage startCursor } edges { cursor node { id } } } }`, "hasPreviousPage", "startCursor")
		if !slices.Equal(back, seen) {
			t.Errorf("people backwards %v, forwards %v", back, seen)
		}
	})
}

// relayWalk pages through the people with Relay's operation relay (its
// variables count and cursor) and with the API's own query, which must
// give the same pages, following pageInfo's more and cursor fields
// (hasNextPage and endCursor forwards, hasPreviousPage and startCursor
// backwards); it returns the people in order.
func relayWalk(t *testing.T, a *api, relay, own, more, cursorField string) []string {
	t.Helper()
	backward := more == "hasPreviousPage"
	var cursor any
	var seen []string
	for pages := 0; ; pages++ {
		if pages > 20 {
			t.Fatalf("the pages (%s) do not end", more)
		}
		vars := map[string]any{"count": 3, "cursor": cursor}
		got := at(t, a.ok(t, relay, vars).Data, "entities")
		want := at(t, a.ok(t, own, vars).Data, "entities")
		ids := strs(t, got, "edges", "node.id")
		if !slices.Equal(ids, strs(t, want, "edges", "node.id")) || at(t, got, "pageInfo."+more) != at(t, want, "pageInfo."+more) ||
			at(t, got, "pageInfo."+cursorField) != at(t, want, "pageInfo."+cursorField) {
			t.Fatalf("Relay's page (%s) %v, the API's %v", more, got, want)
		}
		if backward {
			seen = append(ids, seen...)
		} else {
			seen = append(seen, ids...)
		}
		if at(t, got, "pageInfo."+more) != true {
			return seen
		}
		cursor = at(t, got, "pageInfo."+cursorField)
	}
}

// compileRelay runs relay-compiler on a copy of tests/relay holding
// schema.graphqls (relay-compiler reads only .graphql schemas) and returns
// the operation texts it persisted, by operation name.
func compileRelay(t *testing.T, compiler string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"relay.config.json", "src/people.js", "src/peopleBackward.js", "src/country.js"} {
		copyFile(t, filepath.Join("../../tests/relay", f), filepath.Join(dir, f))
	}
	copyFile(t, "../../schema.graphqls", filepath.Join(dir, "schema.graphql"))
	if err := os.MkdirAll(filepath.Join(dir, "src/__generated__"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "persisted.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", compiler)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("relay-compiler: %v\n%s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "persisted.json"))
	if err != nil {
		t.Fatal(err)
	}
	var byHash map[string]string
	if err := json.Unmarshal(b, &byHash); err != nil {
		t.Fatal(err)
	}
	byName := map[string]string{}
	for _, text := range byHash {
		if name, ok := strings.CutPrefix(text, "query "); ok {
			name, _, _ = strings.Cut(name, "(")
			name, _, _ = strings.Cut(name, " ")
			byName[strings.TrimSpace(name)] = text
		}
	}
	return byName
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
