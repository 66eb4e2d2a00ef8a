package httpapi

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/auth"
	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/observe"
)

// stopBudgetClock stops the budgets' clock for the test: no bucket
// refills, so that a verdict does not depend on how fast it runs.
func stopBudgetClock(t *testing.T) {
	stopped := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	budgetClock = func() time.Time { return stopped }
	t.Cleanup(func() { budgetClock = time.Now })
}

func TestBucket(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var b bucket
	for i, c := range []struct {
		at   time.Duration
		n    float64
		ok   bool
		wait time.Duration
	}{
		{0, 2, true, 0}, {0, 1, true, 0}, {0, 1, false, 500 * time.Millisecond}, // a burst of 3 at 2 a second
		{500 * time.Millisecond, 1, true, 0}, {time.Hour, 3, true, 0}, {time.Hour, 1, false, 500 * time.Millisecond},
	} {
		wait, ok := b.take(c.n, 2, 3, start.Add(c.at))
		if ok != c.ok || wait != c.wait {
			t.Errorf("take %d: %v after %v, want %v after %v", i, ok, wait, c.ok, c.wait)
		}
	}
}

func TestCostInFlight(t *testing.T) {
	cfg := Defaults()
	cfg.CostPerSecond, cfg.MaxCostInFlight = 0, 1000
	b := newBudgets(cfg)
	p := kg.Principal{ID: "anon:x"}
	release, _, _ := b.admitCost(p, 600)
	if release == nil {
		t.Fatal("the first 600 of 1000 refused")
	}
	if again, _, limit := b.admitCost(kg.Principal{ID: "anon:y"}, 600); again != nil || limit != "cost-in-flight" {
		t.Fatalf("1200 in flight of 1000 admitted (%q)", limit)
	}
	release()
	release() // twice gives back once
	if again, _, _ := b.admitCost(p, 1000); again == nil {
		t.Fatal("1000 of 1000, once the first was answered, refused")
	}
}

type budgetAnswer struct {
	status     int
	retryAfter string
	code       string
	limit      string
	cost       int
}

func budgetPost(t *testing.T, url, query, bearer string) budgetAnswer {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url+"/graphql", strings.NewReader(`{"query": "`+query+`"}`))
	req.Header.Set("Content-Type", "application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct {
		Errors []struct {
			Extensions map[string]any
		}
		Extensions map[string]any
	}
	b, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(b, &body); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	a := budgetAnswer{status: res.StatusCode, retryAfter: res.Header.Get("Retry-After")}
	if len(body.Errors) > 0 {
		a.code, _ = body.Errors[0].Extensions["code"].(string)
		a.limit, _ = body.Errors[0].Extensions["limit"].(string)
	}
	if c, ok := body.Extensions["cost"].(float64); ok {
		a.cost = int(c)
	}
	return a
}

// TestBudgetsPerPrincipal: a principal over its rate of requests, or of
// cost, is refused with 429 RATE_LIMITED, Retry-After and the limit,
// while another principal is served.
func TestBudgetsPerPrincipal(t *testing.T) {
	stopBudgetClock(t)
	store, err := memstore.Open("")
	if err != nil {
		t.Fatal(err)
	}
	const admin = "kgql_bootstrapadmin_0123456789abcdef0123456789abcdef"
	a, err := auth.New(context.Background(), auth.Config{BootstrapKey: admin}, store)
	if err != nil {
		t.Fatal(err)
	}
	serve := func(cfg Config) string {
		cfg.Auth = a
		if err := cfg.Validate(); err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(New(store, slog.New(slog.NewTextHandler(io.Discard, nil)), cfg, observe.New(observe.Options{})))
		t.Cleanup(srv.Close)
		return srv.URL
	}

	rate := Defaults()
	rate.RequestsPerSecond, rate.RequestBurst, rate.CostPerSecond, rate.MaxCostInFlight = 1, 2, 0, 0
	url := serve(rate)
	for i := range 2 {
		if got := budgetPost(t, url, "{ __typename }", ""); got.status != http.StatusOK || got.code != "" {
			t.Fatalf("request %d of a burst of 2: %+v", i+1, got)
		}
	}
	if got := budgetPost(t, url, "{ __typename }", ""); got.status != http.StatusTooManyRequests || got.code != codeRateLimited || got.limit != "rate" || got.retryAfter != "1" {
		t.Fatalf("a third request: %+v, want 429 RATE_LIMITED, limit rate, Retry-After 1", got)
	}
	if got := budgetPost(t, url, "{ __typename }", admin); got.status != http.StatusOK || got.code != "" {
		t.Fatalf("another principal beside it: %+v, want it served", got)
	}

	cost := Defaults()
	cost.RequestsPerSecond, cost.MaxCost, cost.CostPerSecond, cost.CostBurst, cost.MaxCostInFlight = 0, 1000, 1, 1000, 0
	url = serve(cost)
	const query = "{ entities(first: 100) { edges { node { name } } } }"
	first := budgetPost(t, url, query, "")
	if first.status != http.StatusOK || first.cost <= 0 || first.cost > 1000 {
		t.Fatalf("a first query: %+v", first)
	}
	for i := 1; i < 1000/first.cost; i++ {
		if got := budgetPost(t, url, query, ""); got.status != http.StatusOK {
			t.Fatalf("query %d, %d of 1000 spent: %+v", i+1, i*first.cost, got)
		}
	}
	got := budgetPost(t, url, query, "")
	if got.status != http.StatusTooManyRequests || got.code != codeRateLimited || got.limit != "cost-rate" || got.retryAfter == "" || got.retryAfter == "0" {
		t.Fatalf("a query over the cost budget: %+v, want 429 RATE_LIMITED, limit cost-rate, Retry-After", got)
	}
	if got := budgetPost(t, url, query, admin); got.status != http.StatusOK {
		t.Fatalf("another principal's query: %+v, want it served", got)
	}
}
