package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/kgql/kgql/internal/auth"
	"github.com/kgql/kgql/internal/httpapi"
	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/observe"
)

// observedAPI is the public API and, at admin, the operator's handler
// over one store and observer.
type observedAPI struct {
	*httptest.Server
	admin string
}

// observed is the real handler over store with obs, logging into log.
func observed(t *testing.T, store kg.Store, obs *observe.Observer, log io.Writer) *observedAPI {
	t.Helper()
	return observedWith(t, store, testDefaults(), obs, log)
}

func observedWith(t *testing.T, store kg.Store, cfg httpapi.Config, obs *observe.Observer, log io.Writer) *observedAPI {
	t.Helper()
	logger := slog.New(slog.NewTextHandler(log, nil))
	srv := httptest.NewServer(httpapi.New(store, logger, cfg, obs))
	admin := httptest.NewServer(httpapi.Admin(store, logger, cfg, obs))
	t.Cleanup(srv.Close)
	t.Cleanup(admin.Close)
	return &observedAPI{Server: srv, admin: admin.URL}
}

// observedWithKey is observed with API keys: it answers the text of a
// reader key whose requests are authenticated (open reads let the rest
// in anonymously).
func observedWithKey(t *testing.T, obs *observe.Observer) (*observedAPI, string) {
	t.Helper()
	store := seeded(t)
	a, err := auth.New(context.Background(), auth.Config{}, store)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := newKey(t, store, kg.RoleReader)
	cfg := testDefaults()
	cfg.Auth, cfg.Reads = a, httpapi.ReadsOpen
	return observedWith(t, store, cfg, obs, io.Discard), key
}

func observedPost(t *testing.T, url, query string, header map[string]string) *exchange {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	if header == nil {
		header = map[string]string{}
	}
	header["Content-Type"] = "application/json"
	return sendRaw(t, url, http.MethodPost, string(body), header)
}

// scrape returns /metrics' text.
func scrape(t *testing.T, url string) string {
	t.Helper()
	res, err := testClient.Get(url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("/metrics: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	return string(b)
}

// TestMetrics sends a good query, a refused one and one that errors, and
// reads each family's series from /metrics.
func TestMetrics(t *testing.T) {
	srv, key := observedWithKey(t, observe.New(observe.Options{StoreSystem: observe.SystemEmbedded}))
	authed := map[string]string{"Authorization": "Bearer " + key}
	if x := observedPost(t, srv.URL, `query WhoChairs { entity(id: "PTA") { name } }`, authed); len(x.r.Errors) > 0 {
		t.Fatalf("good query: %s", x.body)
	}
	if x := observedPost(t, srv.URL, `{ a: stats { entities } b: stats { entities } c: stats { entities } d: stats { entities } e: stats { entities } f: stats { entities } g: stats { entities } h: stats { entities } i: stats { entities } j: stats { entities } k: stats { entities } l: stats { entities } m: stats { entities } n: stats { entities } o: stats { entities } p: stats { entities } }`, nil); x.r.code() != "QUERY_TOO_COMPLEX" {
		t.Fatalf("refused query: %s", x.body)
	}
	if x := observedPost(t, srv.URL, `query TooMany { entities(first: 1000) { totalCount } }`, map[string]string{"Authorization": "Bearer " + key}); x.r.code() != kg.EINVALID {
		t.Fatalf("erroring query: %s", x.body)
	}
	// An anonymous client's operation name is not the operator's label.
	if x := observedPost(t, srv.URL, `query SECRETOP777 { __typename }`, nil); len(x.r.Errors) > 0 {
		t.Fatalf("anonymous named query: %s", x.body)
	}
	text := scrape(t, srv.admin)
	build := observe.Build()
	for _, line := range []string{
		`kgql_graphql_request_duration_seconds_count{operation_name="WhoChairs",operation_type="query"} 1`,
		`kgql_graphql_request_duration_seconds_count{operation_name="TooMany",operation_type="query"} 1`,
		`kgql_graphql_request_duration_seconds_count{operation_name="none",operation_type="none"} 1`,
		`kgql_graphql_request_duration_seconds_count{operation_name="other",operation_type="query"} 1`,
		`kgql_graphql_errors_total{code="QUERY_TOO_COMPLEX"} 1`,
		`kgql_graphql_errors_total{code="BAD_USER_INPUT"} 1`,
		`kgql_graphql_request_round_trips_count 4`,
		`kgql_graphql_request_round_trips_sum 2`, // the name, then the entity; the others none
		`kgql_graphql_request_cost_count 3`,      // the refused one is not counted
		`kgql_graphql_requests_in_flight 0`,
		`kgql_store_call_duration_seconds_count{call="ResolveNames"} 1`,
		`kgql_store_call_duration_seconds_count{call="Nodes"} 1`,
		`kgql_store_call_duration_seconds_count{call="FindEntities"} 0`, // refused before the store (kg.NewPage): BAD_USER_INPUT
		`kgql_store_call_duration_seconds_count{call="Paths"} 0`,
		`kgql_http_requests_total{route="/graphql",status="200"} 4`,
		fmt.Sprintf(`kgql_build_info{modified="%t",revision=%q,vcs_time=%q,version=%q} 1`, build.Modified, build.Revision, build.Time, build.Version),
		`# TYPE go_goroutines gauge`,
		`# TYPE process_cpu_seconds_total counter`,
	} {
		if !strings.Contains(text, line+"\n") {
			t.Errorf("/metrics lacks %s", line)
		}
	}
	if strings.Contains(text, "SECRETOP777") {
		t.Error("/metrics names an anonymous client's operation")
	}
	if t.Failed() {
		t.Log(text)
	}
	if !strings.Contains(scrape(t, srv.admin), `kgql_http_requests_total{route="/metrics",status="200"} 1`+"\n") {
		t.Error("the first scrape is not counted")
	}
}

// TestOperationNamesBounded sends 10,000 distinct operation names: the
// first names keep their label, all later ones share "other".
func TestOperationNamesBounded(t *testing.T) {
	const names, bound = 10000, 50
	srv, key := observedWithKey(t, observe.New(observe.Options{StoreSystem: observe.SystemEmbedded, MaxOperationNames: bound}))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < names; i += 4 {
				body := fmt.Sprintf(`{"query": "query Op%d { __typename }"}`, i)
				req, _ := http.NewRequest(http.MethodPost, srv.URL+"/graphql", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+key)
				res, err := testClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
			}
		})
	}
	wg.Wait()
	observedPost(t, srv.URL, `{ __typename }`, nil)
	text := scrape(t, srv.admin)
	series := regexp.MustCompile(`(?m)^kgql_graphql_request_duration_seconds_count\{operation_name="([^"]*)",operation_type="query"\} (\d+)$`).FindAllStringSubmatch(text, -1)
	count := map[string]string{}
	for _, s := range series {
		count[s[1]] = s[2]
	}
	if len(count) != bound+2 {
		t.Errorf("%d operation names in the metrics, want %d and other and anonymous", len(count), bound)
	}
	if count["other"] != fmt.Sprint(names-bound) || count["anonymous"] != "1" {
		t.Errorf("other: %s, anonymous: %s", count["other"], count["anonymous"])
	}
	if n := strings.Count(text, "\nkgql_graphql_request_duration_seconds_bucket{"); n > (bound+2)*12 {
		t.Errorf("%d buckets", n)
	}
}

// TestRequestID: a request's id comes back in X-Request-Id, in every
// error's extensions.requestId, and in its log lines, the store error's
// included; a client's id is kept when it is short and plain.
func TestRequestID(t *testing.T) {
	var log bytes.Buffer
	var mu sync.Mutex
	store := seeded(t)
	srv := observed(t, store, observe.New(observe.Options{}), lockedWriter{&mu, &log})
	generated := regexp.MustCompile(`^[0-9a-f]{32}$`)

	x := observedPost(t, srv.URL, `{ entities(first: 1000) { totalCount } }`, map[string]string{"X-Request-Id": "client-42.a:b_c"})
	if got := x.header.Get("X-Request-Id"); got != "client-42.a:b_c" {
		t.Errorf("X-Request-Id = %q", got)
	}
	if len(x.r.Errors) != 1 || x.r.Errors[0].Extensions["requestId"] != "client-42.a:b_c" {
		t.Errorf("errors: %s", x.body)
	}
	for _, bad := range []string{strings.Repeat("a", 65), "two words", "semi;colon", "<b>", "é"} {
		x := observedPost(t, srv.URL, `{ nope }`, map[string]string{"X-Request-Id": bad})
		id := x.header.Get("X-Request-Id")
		if !generated.MatchString(id) || len(x.r.Errors) != 1 || x.r.Errors[0].Extensions["requestId"] != id {
			t.Errorf("for %q: id %q, %s", bad, id, x.body)
		}
	}
	// Refused before GraphQL: not JSON.
	x = sendRaw(t, srv.URL, http.MethodPost, `{`, map[string]string{"Content-Type": "application/json"})
	if id := x.header.Get("X-Request-Id"); x.r.code() != "BAD_REQUEST" || x.r.Errors[0].Extensions["requestId"] != id || !generated.MatchString(id) {
		t.Errorf("bad request: %q %s", id, x.body)
	}

	// A store that cannot answer is on the request's line, with its id:
	// no line of its own at ERROR (the store logs its outage).
	store.Close()
	x = observedPost(t, srv.URL, `{ stats { entities } }`, map[string]string{"X-Request-Id": "after-close"})
	if x.r.code() != kg.EUNAVAILABLE || x.r.Errors[0].Extensions["requestId"] != "after-close" {
		t.Errorf("closed store: %s", x.body)
	}
	mu.Lock()
	defer mu.Unlock()
	var storeErr, request bool
	for line := range strings.SplitSeq(log.String(), "\n") {
		if strings.Contains(line, "level=ERROR") {
			storeErr = true
		}
		if strings.Contains(line, "requestId=after-close") {
			request = request || strings.Contains(line, "msg=request") && strings.Contains(line, "unavailable=true")
		}
		if strings.Contains(line, "msg=request") && !strings.Contains(line, "requestId=") {
			t.Errorf("a request line without its id: %s", line)
		}
	}
	if storeErr || !request {
		t.Errorf("a line at ERROR: %v; the request's line with unavailable=true: %v\n%s", storeErr, request, log.String())
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}
