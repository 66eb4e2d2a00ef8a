package httpapi

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/kgql/kgql/internal/kg"
)

// codeRateLimited is the extensions.code of a request over its
// principal's budget (429, with Retry-After).
const codeRateLimited = "RATE_LIMITED"

// maxIdleBudgets is how many principals' budgets are kept before the
// full (idle) ones are dropped: anonymous callers are as many as their
// addresses.
const maxIdleBudgets = 50000

// budgetClock is the budgets' clock; tests stop it.
var budgetClock = time.Now

// budgets is the admission of each principal (an API key, a JWT subject,
// or the client's address when anonymous): a rate of requests and a rate
// of cost, each a token bucket, so that no client starves the others;
// and, across all clients, a cap on the cost of the operations in flight,
// so that what the store is asked at once stays within what it can do.
type budgets struct {
	cfg          Config
	mu           sync.Mutex
	byPrincipal  map[string]*principalBudget
	costInFlight int
}

type principalBudget struct{ requests, cost bucket }

// bucket is a token bucket: it holds up to burst tokens and gains rate
// a second.
type bucket struct {
	tokens float64
	last   time.Time
}

// take takes n tokens at now, or answers how long until it could.
func (b *bucket) take(n, rate, burst float64, now time.Time) (time.Duration, bool) {
	if b.last.IsZero() {
		b.tokens = burst
	} else {
		b.tokens = math.Min(burst, b.tokens+now.Sub(b.last).Seconds()*rate)
	}
	b.last = now
	if b.tokens >= n {
		b.tokens -= n
		return 0, true
	}
	return time.Duration((n - b.tokens) / rate * float64(time.Second)), false
}

func (b *bucket) full(rate, burst float64, now time.Time) bool {
	return b.tokens+now.Sub(b.last).Seconds()*rate >= burst
}

func newBudgets(cfg Config) *budgets {
	return &budgets{cfg: cfg, byPrincipal: map[string]*principalBudget{}}
}

// of returns the budget of principal id, under b.mu.
func (b *budgets) of(id string, now time.Time) *principalBudget {
	pb := b.byPrincipal[id]
	if pb == nil {
		if len(b.byPrincipal) >= maxIdleBudgets {
			b.dropIdle(now)
		}
		pb = &principalBudget{}
		b.byPrincipal[id] = pb
	}
	return pb
}

func (b *budgets) dropIdle(now time.Time) {
	c := b.cfg
	for id, pb := range b.byPrincipal {
		if pb.requests.full(float64(c.RequestsPerSecond), float64(c.RequestBurst), now) && pb.cost.full(float64(c.CostPerSecond), float64(c.CostBurst), now) {
			delete(b.byPrincipal, id)
		}
	}
}

// admitRequest takes one request of the principal's rate, or answers
// how long it must wait.
func (b *budgets) admitRequest(p kg.Principal) (time.Duration, bool) {
	if b.cfg.RequestsPerSecond == 0 {
		return 0, true
	}
	now := budgetClock()
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.of(p.ID, now).requests.take(1, float64(b.cfg.RequestsPerSecond), float64(b.cfg.RequestBurst), now)
}

// admitCost takes an operation's cost from the principal's cost rate and
// from the cost in flight; release gives the latter back when the
// operation is answered. limit says which budget refused it.
func (b *budgets) admitCost(p kg.Principal, cost int) (release func(), wait time.Duration, limit string) {
	now := budgetClock()
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cfg.MaxCostInFlight > 0 && b.costInFlight+cost > b.cfg.MaxCostInFlight {
		return nil, time.Second, "cost-in-flight"
	}
	if b.cfg.CostPerSecond > 0 {
		if wait, ok := b.of(p.ID, now).cost.take(float64(cost), float64(b.cfg.CostPerSecond), float64(b.cfg.CostBurst), now); !ok {
			return nil, wait, "cost-rate"
		}
	}
	b.costInFlight += cost
	var once sync.Once
	return func() {
		once.Do(func() {
			b.mu.Lock()
			b.costInFlight -= cost
			b.mu.Unlock()
		})
	}, 0, ""
}

// admitRate refuses, with 429 RATE_LIMITED and Retry-After, a request
// over its principal's rate of requests; after authenticate, before
// guard takes a slot.
func admitRate(b *budgets, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if wait, ok := b.admitRequest(kg.PrincipalFrom(r.Context())); !ok {
			refuseBudget(r.Context(), w, mediaJSON, "rate", b.cfg.RequestsPerSecond, wait)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// refuseBudget answers a request its budget refused: 429 RATE_LIMITED
// for a principal's own budget, 503 OVERLOADED for the cost in flight
// across all, with Retry-After (whole seconds, at least 1).
func refuseBudget(ctx context.Context, w http.ResponseWriter, media, limit string, max int, wait time.Duration) {
	code, status, msg := codeRateLimited, http.StatusTooManyRequests, "You are over your budget ("+limit+"); retry after the time Retry-After gives."
	if limit == "cost-in-flight" {
		code, status, msg = codeOverloaded, http.StatusServiceUnavailable, "The server is answering as much as it can at once; retry after a second."
	}
	if info := infoOf(ctx); info != nil {
		info.refused = true
	}
	w.Header().Set("Retry-After", strconv.Itoa(max1(int(math.Ceil(wait.Seconds())))))
	writeRefusal(ctx, w, media, status, &graphql.Response{Errors: gqlerror.List{{
		Message: msg, Extensions: map[string]any{"code": code, "limit": limit, "max": max},
	}}})
}

func max1(n int) int { return max(n, 1) }

// max is the figure of the budget limit names, for extensions.max.
func (b *budgets) max(limit string) int {
	switch limit {
	case "cost-in-flight":
		return b.cfg.MaxCostInFlight
	case "cost-rate":
		return b.cfg.CostPerSecond
	}
	return b.cfg.RequestsPerSecond
}
