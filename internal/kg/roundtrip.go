package kg

import (
	"context"
	"sync/atomic"
)

// A request's round trips to its store are counted through its context,
// so that the API can log them and tests can bound them (no N+1).

type roundTripsKey struct{}

// WithRoundTrips returns a context that counts the store round trips made
// with it, and the counter.
func WithRoundTrips(ctx context.Context) (context.Context, *atomic.Int64) {
	n := new(atomic.Int64)
	return context.WithValue(ctx, roundTripsKey{}, n), n
}

// CountRoundTrip records one round trip, when the context counts them.
func CountRoundTrip(ctx context.Context) {
	if n, ok := ctx.Value(roundTripsKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}
}

// RoundTrips returns the round trips counted so far with ctx (zero when
// it does not count them).
func RoundTrips(ctx context.Context) int64 {
	if n, ok := ctx.Value(roundTripsKey{}).(*atomic.Int64); ok {
		return n.Load()
	}
	return 0
}
