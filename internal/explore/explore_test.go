package explore

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildIsFresh rebuilds the page from src/ with the tools of the
// lockfile and requires the committed dist/ to be that build, byte for
// byte, so that what kgql embeds is what the sources say. `make explore`
// (or `go generate ./internal/explore`) rebuilds dist/.
func TestBuildIsFresh(t *testing.T) {
	_, nodeErr := exec.LookPath("node")
	_, modulesErr := os.Stat("node_modules/esbuild")
	if nodeErr != nil || modulesErr != nil {
		if os.Getenv("KGQL_REQUIRE_BROWSER") != "" {
			t.Fatalf("the build check needs node and internal/explore/node_modules (scripts/browser-deps.sh): %v %v", nodeErr, modulesErr)
		}
		t.Skip("no build tools: run scripts/browser-deps.sh, or make test")
	}
	fresh := t.TempDir()
	if out, err := exec.Command("node", "build.mjs", fresh).CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	names := func(dir string) []string {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	committed, built := names("dist"), names(fresh)
	if strings.Join(committed, " ") != strings.Join(built, " ") {
		t.Fatalf("dist/ holds %v, a build makes %v: run make explore", committed, built)
	}
	for _, name := range built {
		want, err := os.ReadFile(filepath.Join(fresh, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("dist", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("dist/%s is not the build of src/: run make explore", name)
		}
	}
}

// TestHandler serves the page and its assets from the binary, gzipped to
// clients that accept it, revalidated by ETag.
func TestHandler(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	get := func(path string, header ...string) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := http.DefaultTransport.RoundTrip(req) // no transparent gunzip
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return res, body
	}
	for path, ctype := range map[string]string{
		"/explore":             "text/html; charset=utf-8",
		"/explore/":            "text/html; charset=utf-8",
		"/explore/explore.js":  "text/javascript; charset=utf-8",
		"/explore/explore.css": "text/css; charset=utf-8",
	} {
		res, body := get(path)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != ctype || len(body) == 0 {
			t.Errorf("%s: %d %q, %d bytes", path, res.StatusCode, res.Header.Get("Content-Type"), len(body))
		}
		res, zipped := get(path, "Accept-Encoding", "gzip")
		zr, err := gzip.NewReader(bytes.NewReader(zipped))
		if err != nil || res.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("%s gzipped: %v %v", path, err, res.Header)
		}
		if unzipped, err := io.ReadAll(zr); err != nil || !bytes.Equal(unzipped, body) {
			t.Errorf("%s: the gzipped body is not the body (%v)", path, err)
		}
		if res, _ := get(path, "If-None-Match", res.Header.Get("ETag")); res.StatusCode != http.StatusNotModified {
			t.Errorf("%s with its ETag: %d, want 304", path, res.StatusCode)
		}
	}
	if res, _ := get("/explore/nothing.js"); res.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown asset: %d", res.StatusCode)
	}
	_, page := get("/explore")
	for _, ref := range []string{`src="/explore/explore.js"`, `href="/explore/explore.css"`, `href="/"`} {
		if !bytes.Contains(page, []byte(ref)) {
			t.Errorf("the page lacks %s", ref)
		}
	}
}
