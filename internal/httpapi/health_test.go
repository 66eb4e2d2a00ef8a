package httpapi_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/httpapi"
	"github.com/kgql/kgql/internal/neo4jstore"
	"github.com/kgql/kgql/internal/observe"
)

func get(t *testing.T, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultTransport.RoundTrip(req) // no transparent gunzip
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

// TestStoreDown: a store that cannot be reached gives UNAVAILABLE, with
// no driver message or address, and /readyz says not ready.
func TestStoreDown(t *testing.T) {
	store, err := neo4jstore.New(neo4jstore.Config{URI: "bolt://kgql:secret@127.0.0.1:1", User: "neo4j", Password: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	a := newAPI(t, store)
	r := a.query(t, `{ entity(id: "org/pta") { name } }`, nil)
	if r.code() != "UNAVAILABLE" {
		t.Fatalf("errors = %+v, want UNAVAILABLE", r.Errors)
	}
	if msg := r.Errors[0].Message; strings.Contains(msg, "127.0.0.1") || strings.Contains(msg, "bolt") || strings.Contains(msg, "dial") {
		t.Errorf("the message leaks internals: %q", msg)
	}
	// The public /readyz says not ready and no more: no host, port or user.
	if res, body := get(t, a.srv.URL+"/readyz", nil); res.StatusCode != http.StatusServiceUnavailable ||
		body != `{"code":"UNAVAILABLE","status":"unavailable"}`+"\n" {
		t.Errorf("public /readyz = %d %s, want 503 with the code only", res.StatusCode, body)
	}
	// The operator's says why, naming the URI without its credentials.
	admin := httptest.NewServer(httpapi.Admin(store, slog.New(slog.NewTextHandler(io.Discard, nil)), testDefaults(), observe.New(observe.Options{})))
	defer admin.Close()
	if res, body := get(t, admin.URL+"/readyz", nil); res.StatusCode != http.StatusServiceUnavailable ||
		!strings.Contains(body, `"reason":"Neo4j at bolt://127.0.0.1:1 is unreachable`) || strings.Contains(body, "secret") {
		t.Errorf("admin /readyz = %d %s, want 503 saying that Neo4j is unreachable, at its URI without credentials", res.StatusCode, body)
	}
	if res, _ := get(t, a.srv.URL+"/healthz", nil); res.StatusCode != http.StatusOK {
		t.Errorf("/healthz = %d, want 200: the process is up", res.StatusCode)
	}
}

// TestPlaygroundIsServedFromTheBinary: the page and its scripts come from
// kgql itself, so the playground works offline.
func TestPlaygroundIsServedFromTheBinary(t *testing.T) {
	store, err := neo4jstore.New(neo4jstore.Config{URI: "bolt://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	a := newAPI(t, store)
	res, page := get(t, a.srv.URL+"/", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(page, "/playground/graphiql.min.js") || regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//`).MatchString(page) {
		// (an example's text may hold a URL, such as the Curating ingest's url: only what the page loads counts)
		t.Fatalf("playground page: %d\n%s", res.StatusCode, page)
	}
	for _, asset := range []string{"graphiql.min.js", "graphiql.min.css", "react.production.min.js", "react-dom.production.min.js"} {
		res, body := get(t, a.srv.URL+"/playground/"+asset, map[string]string{"Accept-Encoding": "gzip"})
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != "gzip" || len(body) < 1000 {
			t.Errorf("%s: %d, %q, %d bytes", asset, res.StatusCode, res.Header.Get("Content-Encoding"), len(body))
		}
		res, body = get(t, a.srv.URL+"/playground/"+asset, nil)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != "" || !strings.ContainsAny(body[:100], "{(/*") {
			t.Errorf("%s without gzip: %d, %q", asset, res.StatusCode, body[:50])
		}
	}
	if res, _ := get(t, a.srv.URL+"/playground/nope.js", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown asset: %d", res.StatusCode)
	}
}
