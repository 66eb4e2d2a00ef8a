package httpapi_test

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestSchemaSDL: GET /schema.graphql is the schema that introspection
// gives, as a client tool sees both: graphql-js builds a schema from the
// SDL and one from the introspection answer and prints both with one
// printer (tools/audit/schema.mjs). graphql-js comes from tools/audit's
// lockfile; missing, the test skips, or fails under KGQL_REQUIRE_AUDIT
// (make test). With introspection off, the SDL is not served either.
func TestSchemaSDL(t *testing.T) {
	dir, _ := filepath.Abs("../../tools/audit")
	_, nodeErr := exec.LookPath("node")
	_, modulesErr := os.Stat(filepath.Join(dir, "node_modules", "graphql"))
	if nodeErr != nil || modulesErr != nil {
		if os.Getenv("KGQL_REQUIRE_AUDIT") != "" {
			t.Fatalf("the SDL check needs node and tools/audit/node_modules (scripts/npm-ci.sh audit tools/audit): %v %v", nodeErr, modulesErr)
		}
		t.Skip("no graphql-js: scripts/npm-ci.sh audit tools/audit, or make test")
	}
	store := seeded(t)
	a := newAPI(t, store)
	out, err := exec.Command("node", filepath.Join(dir, "schema.mjs"), a.srv.URL).CombinedOutput()
	if err != nil {
		t.Fatalf("/schema.graphql against introspection: %v\n%s", err, out)
	}
	t.Logf("%s", out)

	closed := testDefaults()
	closed.Introspection = false
	res, err := http.Get(newAPIWith(t, store, closed, io.Discard).srv.URL + "/schema.graphql")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("/schema.graphql with introspection off: %d, want 404", res.StatusCode)
	}
}
