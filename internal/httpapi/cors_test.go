package httpapi_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/httpapi"
	"github.com/kgql/kgql/internal/observe"
)

// corsAPI serves the API on the embedded store with the seed, allowing
// the given origins.
func corsAPI(t *testing.T, origins string) *httptest.Server {
	t.Helper()
	store := seeded(t)
	allowed, err := httpapi.ParseOrigins(origins)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(httpapi.WithCORS(allowed, httpapi.New(store, slog.New(slog.NewTextHandler(io.Discard, nil)), testDefaults(), observe.New(observe.Options{}))))
	t.Cleanup(srv.Close)
	return srv
}

func send(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func preflight(t *testing.T, url, origin string) *http.Response {
	req, _ := http.NewRequest("OPTIONS", url, nil)
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", "POST")
	req.Header.Set("Access-Control-Request-Headers", "content-type")
	res, _ := send(t, req)
	return res
}

func post(t *testing.T, url, origin string) (*http.Response, string) {
	req, _ := http.NewRequest("POST", url, strings.NewReader(`{"query": "{ entity(id: \"org/pta\") { name } }"}`))
	req.Header.Set("Content-Type", "application/json")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	return send(t, req)
}

var corsResponseHeaders = []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
	"Access-Control-Max-Age", "Access-Control-Allow-Credentials", "Access-Control-Expose-Headers"}

// noCORS fails when a response carries any CORS header.
func noCORS(t *testing.T, what string, res *http.Response) {
	t.Helper()
	for _, h := range corsResponseHeaders {
		if v := res.Header.Get(h); v != "" {
			t.Errorf("%s: %s: %q, want none", what, h, v)
		}
	}
}

// TestCORS: over HTTP, a preflight and a request from an allowed origin
// get the CORS headers, and from any other origin none, so that a
// browser refuses that page the answer.
func TestCORS(t *testing.T) {
	const frontend = "http://localhost:5173"
	srv := corsAPI(t, frontend+", https://app.example")
	url := srv.URL + "/graphql"

	res := preflight(t, url, frontend)
	if res.StatusCode != http.StatusNoContent || res.Header.Get("Access-Control-Allow-Origin") != frontend {
		t.Fatalf("preflight from %s: %d %v", frontend, res.StatusCode, res.Header)
	}
	for h, want := range map[string]string{"Access-Control-Allow-Methods": "POST", "Access-Control-Allow-Headers": "Content-Type", "Access-Control-Max-Age": "600"} {
		if !strings.Contains(res.Header.Get(h), want) {
			t.Errorf("preflight: %s = %q, want it to hold %q", h, res.Header.Get(h), want)
		}
	}
	if res.Header.Get("Access-Control-Allow-Credentials") != "" {
		t.Errorf("credentials allowed")
	}

	res, body := post(t, url, frontend)
	if res.Header.Get("Access-Control-Allow-Origin") != frontend || !strings.Contains(body, "Pakistan Telecommunication Authority") {
		t.Errorf("request from %s: %v\n%s", frontend, res.Header, body)
	}
	if !strings.Contains(res.Header.Get("Vary"), "Origin") || res.Header.Get("Access-Control-Expose-Headers") != "Content-Disposition" {
		t.Errorf("request from %s: Vary %q, Expose-Headers %q", frontend, res.Header.Get("Vary"), res.Header.Get("Access-Control-Expose-Headers"))
	}

	for _, refused := range []string{"http://localhost:3000", "http://evil.example", "https://localhost:5173", "null"} {
		noCORS(t, "preflight from "+refused, preflight(t, url, refused))
		res, _ := post(t, url, refused)
		noCORS(t, "request from "+refused, res)
		if !strings.Contains(res.Header.Get("Vary"), "Origin") {
			t.Errorf("request from %s: no Vary: Origin", refused)
		}
	}
	// Same origin (no Origin header) is answered as always.
	res, body = post(t, url, "")
	noCORS(t, "same-origin request", res)
	if !strings.Contains(body, "Pakistan Telecommunication Authority") {
		t.Errorf("same-origin request: %s", body)
	}

	// By default, no origin is allowed.
	def := corsAPI(t, "")
	noCORS(t, "preflight with no origins allowed", preflight(t, def.URL+"/graphql", frontend))
	res, _ = post(t, def.URL+"/graphql", frontend)
	noCORS(t, "request with no origins allowed", res)

	// * allows any origin, still without credentials.
	anyOrigin := corsAPI(t, "*")
	if res := preflight(t, anyOrigin.URL+"/graphql", "http://anywhere.example"); res.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("* : %v", res.Header)
	}
}

func TestParseOrigins(t *testing.T) {
	got, err := httpapi.ParseOrigins(" http://localhost:5173, HTTPS://App.Example/ ,,")
	if err != nil || strings.Join(got, " ") != "http://localhost:5173 https://app.example" {
		t.Errorf("got %v, %v", got, err)
	}
	if got, err := httpapi.ParseOrigins(""); err != nil || len(got) != 0 {
		t.Errorf("empty: %v, %v", got, err)
	}
	for _, bad := range []string{"localhost:5173", "ftp://host", "http://host/path", "http://user@host", "http://", "http://host?x=1"} {
		if _, err := httpapi.ParseOrigins(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
