package httpapi

import (
	"log/slog"
	"net/http"
	"net/http/pprof"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/observe"
)

// Admin returns the operator's handler: /metrics, /readyz with the
// reason when the store cannot serve, /healthz, and Go's profiles at
// /debug/pprof/. cmd/kgql serves it on a listener of its own
// (--admin-addr, on loopback by default), apart from the public API and
// without authentication: whoever reaches that address is the operator.
func Admin(store kg.Store, log *slog.Logger, cfg Config, obs *observe.Observer) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", obs.Handler())
	mux.Handle("GET /readyz", readyz(store, log, cfg, func(*http.Request) bool { return true }))
	mux.HandleFunc("GET /healthz", healthz)
	mountProfiles(mux, func(h http.Handler) http.Handler { return h })
	return logRequests(log, obs.HTTP(mux))
}

// mountAdminOnPublic serves the operator's routes on the public API, for
// a kgql with no admin listener: each behind the admin role.
func mountAdminOnPublic(mux *http.ServeMux, cfg Config, obs *observe.Observer) {
	admin := func(h http.Handler) http.Handler { return authenticate(cfg.Auth, ReadsOpen, requireAdmin(h)) }
	mux.Handle("GET /metrics", admin(obs.Handler()))
	mountProfiles(mux, admin)
}

func mountProfiles(mux *http.ServeMux, wrap func(http.Handler) http.Handler) {
	mux.Handle("GET /debug/pprof/", wrap(http.HandlerFunc(pprof.Index)))
	mux.Handle("GET /debug/pprof/profile", wrap(http.HandlerFunc(pprof.Profile)))
}

// isAdmin reports whether the request's principal (authenticate) has the
// admin role.
func isAdmin(r *http.Request) bool { return kg.Require(r.Context(), kg.RoleAdmin) == nil }

// requireAdmin refuses a principal without the admin role: 401 when
// anonymous, 403 otherwise.
func requireAdmin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := kg.Require(r.Context(), kg.RoleAdmin)
		if err == nil {
			next.ServeHTTP(w, r)
			return
		}
		status := http.StatusForbidden
		if kg.ErrorCode(err) == kg.EUNAUTHENTICATED {
			status = http.StatusUnauthorized
			w.Header().Set("WWW-Authenticate", `Bearer realm="kgql"`)
		}
		writeRefusal(r.Context(), w, mediaJSON, status, &graphql.Response{Errors: gqlerror.List{{
			Message:    "This is the operator's: it needs the admin role here (kgql serves it without credentials on --admin-addr).",
			Extensions: map[string]any{"code": kg.ErrorCode(err)},
		}}})
	})
}

func healthz(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
