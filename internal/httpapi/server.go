// Package httpapi serves kgql over HTTP: GraphQL at /graphql, exports at
// /export, the GraphiQL playground at /, the explorer at /explore,
// liveness at /healthz and readiness at /readyz; the operator's routes
// (metrics, readiness with its reason, profiles) apart, in Admin;
// and guards it (Config):
// limits on each query before any store call, on each request's body,
// time and number in flight, and on connections.
package httpapi

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kgql/kgql/graph"
	"github.com/kgql/kgql/graph/generated"
	"github.com/kgql/kgql/internal/explore"
	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/observe"
)

// cachedQueryBytes is the longest query text the query caches keep (parsed
// documents by text; automatic persisted queries by hash), so that 1,000
// entries each hold little memory; longer queries are parsed each time.
const cachedQueryBytes = 64 << 10

// New returns the HTTP handler of the API over the store, guarded by cfg
// (which must Validate), measured and traced by obs (its metrics on the
// operator's handler, Admin, or here behind the admin role when
// cfg.AdminOnPublic). Every request gets an id (X-Request-Id), which log lines
// of log made during it carry.
func New(store kg.Store, log *slog.Logger, cfg Config, obs *observe.Observer) http.Handler {
	log = slog.New(withRequestID{log.Handler()})
	// The mutations write through the store itself when it implements
	// kg.Writer (the embedded store); on any other they answer UNAVAILABLE.
	// The writer is observed as the store is: taken from the store before
	// obs.Store wraps it (the wrapper is a kg.Store only), it was not, and
	// no write showed in the metrics or traces.
	writer, _ := store.(kg.Writer)
	schema := generated.NewExecutableSchema(generated.Config{Resolvers: &graph.Resolver{Store: obs.Store(store), Writer: obs.Writer(writer)}})
	srv := handler.New(schema)
	budget := newBudgets(cfg)
	srv.AddTransport(httpTransport{maxBody: cfg.MaxBodyBytes, budget: budget})
	srv.SetQueryCache(smallQueries[*ast.QueryDocument]{lru.New[*ast.QueryDocument](1000), func(query string, _ *ast.QueryDocument) int { return len(query) }})
	// The limiter counts tokens before the persisted-query cache stores a
	// query, so that it stores only queries within the limits.
	srv.Use(&limiter{cfg: cfg})
	srv.Use(obs.Extension())
	srv.Use(extension.AutomaticPersistedQuery{Cache: smallQueries[string]{lru.New[string](1000), func(_, query string) int { return len(query) }}})
	if cfg.Introspection {
		srv.Use(extension.Introspection{})
	}
	srv.SetErrorPresenter(presentError(log))
	srv.SetRecoverFunc(recoverPanic(log))
	srv.AroundResponses(reportCost)

	mux := http.NewServeMux()
	// A request's body is read, its principal known and its rate checked
	// before it takes an in-flight slot; its cost is budgeted once priced
	// (httpTransport).
	admitted := func(h http.Handler) http.Handler {
		return obs.GraphQL(readBody(cfg, authenticate(cfg.Auth, cfg.Reads, admitRate(budget, guard(cfg, h)))))
	}
	mux.Handle("/graphql", admitted(srv))
	mux.Handle("/export", admitted(http.MaxBytesHandler(exporter{gql: srv, schema: schema.Schema(), log: log, maxTokens: cfg.MaxTokens}, cfg.MaxBodyBytes)))
	mux.Handle("GET /{$}", playgroundPage())
	mux.Handle("GET /playground/", playgroundAssets())
	mux.Handle("GET /explore", explore.Handler())
	mux.Handle("GET /explore/", explore.Handler())
	mux.HandleFunc("GET /healthz", healthz)
	mux.Handle("GET /readyz", authenticate(cfg.Auth, ReadsOpen, readyz(store, log, cfg, isAdmin)))
	if cfg.AdminOnPublic {
		mountAdminOnPublic(mux, cfg, obs)
	}
	if cfg.Introspection {
		mux.Handle("GET /schema.graphql", schemaSDL(schema.Schema()))
	}
	return logRequests(log, obs.HTTP(mux))
}

// smallQueries is a cache that keeps only entries of short queries.
type smallQueries[T any] struct {
	graphql.Cache[T]
	size func(key string, v T) int
}

func (c smallQueries[T]) Add(ctx context.Context, key string, v T) {
	if c.size(key, v) <= cachedQueryBytes {
		c.Cache.Add(ctx, key, v)
	}
}

// reportCost reports the operation's cost and the store round trips it
// took in the response's extensions, where tests and clients can read
// them.
func reportCost(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp == nil {
		return nil
	}
	if resp.Extensions == nil {
		resp.Extensions = map[string]any{}
	}
	if info := infoOf(ctx); info != nil {
		resp.Extensions["roundTrips"] = info.roundTrips.Load()
	}
	if cost, ok := costOfOperation(ctx); ok {
		resp.Extensions["cost"] = cost
		observe.NoteCost(ctx, cost)
	}
	return resp
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
