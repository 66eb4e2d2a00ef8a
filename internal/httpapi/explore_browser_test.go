package httpapi_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/export"
)

// TestExplorerInBrowser drives the explorer page, /explore, in Debian's
// chromium on both stores (tests/browser/explore.mjs): the page loads
// with every request to another origin blocked and none attempted, and
// no console error; searching "Rehman" and expanding him draws PTA; the
// path from Huawei to Hafeez Ur Rehman is drawn; clicking a relation
// highlights its excerpt; the valid-time slider shows what kgql admits;
// an export of each format downloads. The test then checks every file the
// page downloaded: it is byte for byte what /export makes of the drawn
// entities and relations, and its reader holds exactly them.
// Screenshots of each step go to tests/browser/out/explore/STORE/
// (git-ignored; `make explore-screenshot` copies the last to docs/).
func TestExplorerInBrowser(t *testing.T) {
	script := browserScript(t, "explore.mjs")
	tools := formatTools(t)
	forEachStore(t, func(t *testing.T, a *api) {
		out, _ := filepath.Abs(filepath.Join("../../tests/browser/out/explore", filepath.Base(t.Name())))
		if err := os.RemoveAll(out); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("node", script, a.srv.URL, out)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		stdout, err := cmd.Output()
		if err != nil {
			t.Fatalf("%v\n%s%s", err, stdout, stderr.String())
		}
		t.Logf("%s", stderr.String())
		var drawn struct {
			Entities, Relations, Path []string
			Files                     map[string]string
		}
		if err := json.Unmarshal(stdout, &drawn); err != nil {
			t.Fatalf("the script's report: %v\n%s", err, stdout)
		}
		if !slices.Contains(drawn.Entities, "org/pta") || !slices.Contains(drawn.Entities, "org/huawei") {
			t.Fatalf("drawn: %v", drawn.Entities)
		}
		ids := append(slices.Clone(drawn.Entities), drawn.Relations...)
		if len(ids) > 100 {
			t.Fatalf("%d ids drawn: more than one nodes(ids) holds", len(ids))
		}
		idList, _ := json.Marshal(ids)
		query := `{ nodes(ids: ` + string(idList) + `) { id } }`
		for _, format := range export.FormatNames() {
			t.Run(format, func(t *testing.T) {
				got, err := os.ReadFile(drawn.Files[format])
				if err != nil {
					t.Fatal(err)
				}
				if want := download(t, a, format, query, "kgql-nodes"); !bytes.Equal(got, want) {
					t.Errorf("the page's %s file is not what /export makes of the drawing", format)
				}
				held := read(t, tools, format, got)
				if !sameIDs(slices.Collect(maps.Keys(held.Nodes)), drawn.Entities) || !sameIDs(slices.Collect(maps.Keys(held.Edges)), drawn.Relations) {
					t.Errorf("the %s file holds %v and %v; drawn: %v and %v", format,
						slices.Sorted(maps.Keys(held.Nodes)), slices.Sorted(maps.Keys(held.Edges)), drawn.Entities, drawn.Relations)
				}
			})
		}
	})
}

func sameIDs(a, b []string) bool {
	a, b = slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b))
	return strings.Join(a, "\n") == strings.Join(b, "\n")
}
