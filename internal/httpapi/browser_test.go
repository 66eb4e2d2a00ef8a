package httpapi_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/kgql/kgql"
)

// operationName is the name of a README example's operation, which titles
// its tab in the playground.
var operationName = regexp.MustCompile(`(?m)^(?:query|mutation) (\w+)`)

// TestPlaygroundInBrowser opens the playground in a real browser (Debian's
// chromium, driven by playwright-core: tests/browser/playground.mjs) with
// other origins blocked: its tabs must be the README's examples, each
// titled by its operation's name, and the first must answer; it links to
// the explorer and back. `make test` installs the browser
// (scripts/browser-deps.sh) and sets KGQL_REQUIRE_BROWSER=1, under which a
// missing browser fails the test instead of skipping it.
func TestPlaygroundInBrowser(t *testing.T) {
	script := browserScript(t, "playground.mjs")
	var titles []string
	for _, ex := range kgql.Examples() {
		m := operationName.FindStringSubmatch(ex)
		if m == nil {
			t.Fatalf("a README example names no operation, so its playground tab has no title:\n%s", ex)
		}
		titles = append(titles, m[1])
	}
	if len(titles) < 10 {
		t.Fatalf("%d examples in the README", len(titles))
	}
	titlesJSON, _ := json.Marshal(titles)
	forEachStore(t, func(t *testing.T, a *api) {
		shot := filepath.Join(t.TempDir(), "playground.png")
		out, err := exec.Command("node", script, a.srv.URL+"/", shot, string(titlesJSON)).CombinedOutput()
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		if st, err := os.Stat(shot); err != nil || st.Size() < 10000 {
			t.Errorf("no screenshot of the playground: %v", err)
		}
	})
}

// browserScript returns the path of a script of tests/browser, skipping
// the test when the browser or node is missing, or failing it under
// KGQL_REQUIRE_BROWSER.
func browserScript(t *testing.T, name string) string {
	t.Helper()
	script, _ := filepath.Abs("../../tests/browser/" + name)
	_, nodeErr := exec.LookPath("node")
	_, chromiumErr := os.Stat("/usr/bin/chromium")
	_, modulesErr := os.Stat("../../tests/browser/node_modules/playwright-core")
	if nodeErr != nil || chromiumErr != nil || modulesErr != nil {
		if os.Getenv("KGQL_REQUIRE_BROWSER") != "" {
			t.Fatalf("the browser test needs node, /usr/bin/chromium and tests/browser/node_modules (scripts/browser-deps.sh): %v %v %v", nodeErr, chromiumErr, modulesErr)
		}
		t.Skip("no browser: run scripts/browser-deps.sh, or make test")
	}
	return script
}
