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

	"github.com/kgql/kgql/internal/httpapi"
	"github.com/kgql/kgql/internal/kg"
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

func newAPI(t *testing.T, store kg.Store) *api {
	srv := httptest.NewServer(httpapi.New(store, slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(srv.Close)
	return &api{t: t, srv: srv}
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
