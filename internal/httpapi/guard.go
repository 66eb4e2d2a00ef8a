package httpapi

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// codeOverloaded is the extensions.code of a request refused because
// MaxInFlight requests are being served (503, with Retry-After).
const codeOverloaded = "OVERLOADED"

// retryAfterSeconds is what a refused client is told to wait.
const retryAfterSeconds = 1

// guard serves at most cfg.MaxInFlight GraphQL requests at once, refusing
// the others at once (so that a flood degrades into refusals, not into
// every client waiting), and gives each a deadline of cfg.RequestTimeout:
// the store work of a request past it is cancelled (TIMEOUT), as is that
// of a request whose client went away.
func guard(cfg Config, next http.Handler) http.Handler {
	slots := make(chan struct{}, cfg.MaxInFlight)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
		default:
			if info := infoOf(r.Context()); info != nil {
				info.refused = true
			}
			w.Header().Set("Retry-After", strconv.Itoa(retryAfterSeconds))
			writeRefusal(r.Context(), w, mediaJSON, http.StatusServiceUnavailable, &graphql.Response{Errors: gqlerror.List{{
				Message:    "The server is serving as many requests as it can; retry after a second.",
				Extensions: map[string]any{"code": codeOverloaded, "limit": "in-flight", "max": cfg.MaxInFlight},
			}}})
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), cfg.RequestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
		if info := infoOf(r.Context()); info != nil {
			info.timedOut = errors.Is(ctx.Err(), context.DeadlineExceeded) && r.Context().Err() == nil
		}
	})
}
