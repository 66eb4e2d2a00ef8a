package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/httpapi"
	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/observe"
)

// response is a GraphQL response as a client sees it.
type response struct {
	Data       map[string]any `json:"data"`
	Errors     []gqlError     `json:"errors"`
	Extensions map[string]any `json:"extensions"`
}

type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// api is the real handler over a store, served over HTTP.
type api struct {
	t   *testing.T
	srv *httptest.Server
}

// testDefaults is httpapi.Defaults with the budgets off: a test is one
// client sending many requests at once, which is what the budgets refuse
// (budget_test.go tests them).
func testDefaults() httpapi.Config {
	cfg := httpapi.Defaults()
	cfg.RequestsPerSecond, cfg.CostPerSecond, cfg.MaxCostInFlight = 0, 0, 0
	return cfg
}

func newAPI(t *testing.T, store kg.Store) *api {
	return newAPIWith(t, store, unhurried(testDefaults()), io.Discard)
}

// unhurried is cfg with a request deadline no machine's load reaches (and
// the write timeout above it), for tests of answers rather than of the
// deadline (hostile_test.go tests that, with deadlines of its own): a
// loaded machine, or the race detector, may take longer than the default
// 10 s over a request, and that is not a wrong answer.
func unhurried(cfg httpapi.Config) httpapi.Config {
	cfg.RequestTimeout, cfg.WriteTimeout = 5*time.Minute, 6*time.Minute
	return cfg
}

// newAPIWith is the real handler with the limits of cfg, logging to log.
func newAPIWith(t *testing.T, store kg.Store, cfg httpapi.Config, log io.Writer) *api {
	t.Helper()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(httpapi.New(store, slog.New(slog.NewTextHandler(log, nil)), cfg, observe.New(observe.Options{})))
	t.Cleanup(srv.Close)
	return &api{t: t, srv: srv}
}

// exchange is a raw HTTP request and what came back, decoded when it is
// JSON.
type exchange struct {
	status int
	header http.Header
	body   []byte
	r      response
}

// send posts body as it is (no JSON encoding), with the headers given.
func (a *api) send(t *testing.T, method, body string, header map[string]string) *exchange {
	t.Helper()
	return sendRaw(t, a.srv.URL, method, body, header)
}

// testClient fails a request the server never answers, rather than
// waiting for it as long as the test may run.
var testClient = &http.Client{Timeout: 20 * time.Second}

// sendRaw sends body as it is to url's /graphql.
func sendRaw(t *testing.T, url, method, body string, header map[string]string) *exchange {
	t.Helper()
	req, err := http.NewRequest(method, url+"/graphql", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := testClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	x := &exchange{status: res.StatusCode, header: res.Header}
	x.body, _ = io.ReadAll(res.Body)
	json.Unmarshal(x.body, &x.r)
	return x
}

// cost is the operation's price the server reported.
func (r *response) cost() int {
	n, _ := r.Extensions["cost"].(float64)
	return int(n)
}

// query posts a query with variables and decodes the response.
func (a *api) query(t *testing.T, query string, vars map[string]any) *response {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	res, err := http.Post(a.srv.URL+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var r response
	if err := json.NewDecoder(res.Body).Decode(&r); err != nil {
		t.Fatalf("decode response (status %d): %v", res.StatusCode, err)
	}
	return &r
}

// ok is query that fails the test on any error.
func (a *api) ok(t *testing.T, query string, vars map[string]any) *response {
	t.Helper()
	r := a.query(t, query, vars)
	if len(r.Errors) > 0 {
		t.Fatalf("errors: %+v", r.Errors)
	}
	return r
}

// code is the extensions.code of the response's first error.
func (r *response) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c
}

// roundTrips is the number of store round trips the server reported.
func (r *response) roundTrips() int {
	n, _ := r.Extensions["roundTrips"].(float64)
	return int(n)
}

// at walks a decoded JSON value by a dotted path: "entity.relations.edges.0.node".
func at(t *testing.T, v any, path string) any {
	t.Helper()
	for _, seg := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[seg]
		case []any:
			i, err := strconv.Atoi(seg)
			if err != nil || i >= len(x) {
				t.Fatalf("%s: no element %s in a list of %d", path, seg, len(x))
			}
			v = x[i]
		default:
			t.Fatalf("%s: cannot take %q of %v", path, seg, v)
		}
	}
	return v
}

func list(t *testing.T, v any, path string) []any {
	t.Helper()
	l, ok := at(t, v, path).([]any)
	if !ok {
		t.Fatalf("%s is not a list", path)
	}
	return l
}

// strs collects a string field of each element of a list.
func strs(t *testing.T, v any, path, field string) []string {
	t.Helper()
	var out []string
	for _, e := range list(t, v, path) {
		s, _ := at(t, e, field).(string)
		out = append(out, s)
	}
	return out
}
