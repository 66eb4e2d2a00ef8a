package httpapi_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/memstore"
)

var jsBlock = regexp.MustCompile("(?s)```js\n(.*?)```")

// TestREADMECytoscapeExample runs the README's Cytoscape.js example in
// Node (cytoscape headless, tools/formats) against the API, then expands
// PTA as a click would: the drawing holds Rehman's neighbours, then
// PTA's, and cytoscape refuses any element added twice.
func TestREADMECytoscapeExample(t *testing.T) {
	tools := formatTools(t)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := jsBlock.FindAllStringSubmatch(string(readme), -1)
	if len(blocks) != 1 {
		t.Fatalf("the README has %d js blocks, want the one Cytoscape.js example", len(blocks))
	}
	code := blocks[0][1]
	if lines := strings.Count(code, "\n"); lines > 25 {
		t.Errorf("the 20-line example has %d lines", lines)
	}
	store, err := memstore.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := store.Load(context.Background(), seedGraph(t), nil); err != nil {
		t.Fatal(err)
	}
	a := newAPI(t, store)
	const url = "http://localhost:8080/graphql"
	if !strings.Contains(code, url) {
		t.Fatalf("the example does not call %s", url)
	}
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(tools, "node_modules"), filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	script := "globalThis.document = { getElementById: () => undefined }; // no page: cytoscape runs headless\n" +
		strings.Replace(code, url, a.srv.URL+"/graphql", 1) + `
const drawn = () => ({ nodes: cy.nodes().map((n) => n.id()).sort(), edges: cy.edges().map((e) => e.id()).sort() });
const first = drawn();
await expand('org/pta');
console.log(JSON.stringify({ first, then: drawn() }));
`
	if err := os.WriteFile(filepath.Join(dir, "example.mjs"), []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("node", filepath.Join(dir, "example.mjs")).CombinedOutput()
	if err != nil {
		t.Fatalf("the README's example fails: %v\n%s", err, out)
	}
	var got struct {
		First, Then struct{ Nodes, Edges []string }
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, id := range []string{"person/hafeez-ur-rehman", "org/pta", "event/oic-cybersecurity-workshop-2024"} {
		if !slices.Contains(got.First.Nodes, id) {
			t.Errorf("expanding Rehman does not draw %s: %v", id, got.First.Nodes)
		}
	}
	if !slices.Contains(got.First.Edges, "person/hafeez-ur-rehman>HOLDS_POSITION>org/pta") {
		t.Errorf("edges: %v", got.First.Edges)
	}
	t.Logf("drawn: %d entities and %d relations, then %d and %d after expanding PTA", len(got.First.Nodes), len(got.First.Edges), len(got.Then.Nodes), len(got.Then.Edges))
	if len(got.Then.Nodes) <= len(got.First.Nodes) || len(got.Then.Edges) <= len(got.First.Edges) {
		t.Errorf("expanding PTA adds nothing: %v then %v", got.First, got.Then)
	}
}
