// Package httpapi serves kgql over HTTP: GraphQL at /graphql, exports at
// /export, the GraphiQL playground at /, liveness at /healthz and
// readiness at /readyz.
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
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kgql/kgql/graph"
	"github.com/kgql/kgql/graph/generated"
	"github.com/kgql/kgql/internal/kg"
)

// Limits on a query's size, so that one request cannot ask for the whole
// graph by nesting: a parser token limit and a complexity limit in which
// every field costs 1 and a list costs its page size times its children.
const (
	MaxComplexity = 50000
	MaxTokens     = 5000
	MaxBodyBytes  = 1 << 20
)

// New returns the HTTP handler of the API over the store.
func New(store kg.Store, log *slog.Logger) http.Handler {
	schema := generated.NewExecutableSchema(generated.Config{
		Resolvers:  &graph.Resolver{Store: store},
		Complexity: complexity(),
	})
	srv := handler.New(schema)
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(MaxTokens)
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(extension.FixedComplexityLimit(MaxComplexity))
	srv.SetErrorPresenter(presentError(log))
	srv.SetRecoverFunc(recoverPanic(log))
	srv.AroundResponses(countRoundTrips)

	mux := http.NewServeMux()
	mux.Handle("/graphql", http.MaxBytesHandler(srv, MaxBodyBytes))
	mux.Handle("/export", http.MaxBytesHandler(exporter{gql: srv, schema: schema.Schema(), log: log}, MaxBodyBytes))
	mux.Handle("GET /{$}", playgroundPage())
	mux.Handle("GET /playground/", playgroundAssets())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.Handle("GET /readyz", readyz(store, log))
	return logRequests(log, mux)
}

// countRoundTrips reports the store round trips of the request in the
// response's extensions, where tests and clients can read them.
func countRoundTrips(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp != nil {
		if n := roundTripsOf(ctx); n != nil {
			if resp.Extensions == nil {
				resp.Extensions = map[string]any{}
			}
			resp.Extensions["roundTrips"] = n.Load()
		}
	}
	return resp
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
