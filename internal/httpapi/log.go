package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/kgql/kgql/internal/kg"
)

// requestInfo is what the layers of one request note for its log line.
type requestInfo struct {
	id         string // requestID
	roundTrips *atomic.Int64
	timedOut   bool // its deadline passed (guard)
	refused    bool // too many requests in flight (guard)
	// unavailable: the store could not answer a field (presentError,
	// from the fields' goroutines).
	unavailable atomic.Bool
}

type requestInfoKey struct{}

func infoOf(ctx context.Context) *requestInfo {
	info, _ := ctx.Value(requestInfoKey{}).(*requestInfo)
	return info
}

// statusWriter remembers the status code for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

// Unwrap lets http.ResponseController reach the connection (the body's
// read deadline, readBody).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// logRequests gives each request its id (X-Request-Id, in the response
// too), counts its store round trips and logs one line per request, at
// INFO, with its id, duration and round trips, and whether
// it was cancelled (the client went away), timed out or refused: work
// cut short is this one line, not one per field. The line holds no
// query, variable or body.
func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ctx, n := kg.WithRoundTrips(r.Context())
		info := &requestInfo{id: requestID(r), roundTrips: n}
		ctx = context.WithValue(ctx, requestInfoKey{}, info)
		w.Header().Set(requestIDHeader, info.id)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r.WithContext(ctx))
		attrs := []any{"method", r.Method, "path", r.URL.Path, "status", sw.status, "duration", time.Since(start), "roundTrips", n.Load()}
		switch {
		case r.Context().Err() != nil:
			attrs = append(attrs, "cancelled", true)
		case info.timedOut:
			attrs = append(attrs, "timedOut", true)
		case info.refused:
			attrs = append(attrs, "refused", true)
		case info.unavailable.Load():
			attrs = append(attrs, "unavailable", true)
		}
		log.InfoContext(ctx, "request", attrs...)
	})
}
