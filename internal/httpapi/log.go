package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/kgql/kgql/internal/kg"
)

type roundTripsKey struct{}

func roundTripsOf(ctx context.Context) *atomic.Int64 {
	n, _ := ctx.Value(roundTripsKey{}).(*atomic.Int64)
	return n
}

// statusWriter remembers the status code for the request log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// logRequests counts each request's store round trips and logs one line
// per request with its duration and round trips.
func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ctx, n := kg.WithRoundTrips(r.Context())
		ctx = context.WithValue(ctx, roundTripsKey{}, n)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r.WithContext(ctx))
		log.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.status,
			"duration", time.Since(start), "roundTrips", n.Load())
	})
}
