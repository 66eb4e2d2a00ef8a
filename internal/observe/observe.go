// Package observe measures and traces kgql's requests: Prometheus metrics
// in its own registry (served at /metrics) and OpenTelemetry spans. Both
// come from three places: an HTTP middleware around each request, a
// gqlgen extension that learns the request's operation, and a kg.Store
// decorator around each store call, so a store call's duration and its
// span are measured once.
package observe

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
)

// Store systems: the db.system.name of store spans.
const (
	SystemNeo4j    = "neo4j"
	SystemEmbedded = "embedded"
)

// Options configure an Observer.
type Options struct {
	// StoreSystem names the store served (SystemNeo4j or SystemEmbedded)
	// in its spans' names and db.system.name.
	StoreSystem string
	// TracerProvider makes the spans; nil makes none (TracingFromEnv
	// gives the one the OTEL_* variables configure).
	TracerProvider trace.TracerProvider
	// MaxOperationNames bounds the operation_name label; 0 means
	// DefaultMaxOperationNames.
	MaxOperationNames int
}

// Observer holds one server's metrics and tracer.
type Observer struct {
	registry   *prometheus.Registry
	metrics    *metrics
	names      *nameSet
	tracer     trace.Tracer
	propagator propagation.TextMapPropagator
	system     string
}

// New returns an Observer with a fresh registry holding kgql's metrics
// and the Go runtime and process collectors.
func New(opts Options) *Observer {
	tp := opts.TracerProvider
	if tp == nil {
		tp = noop.NewTracerProvider()
	}
	max := opts.MaxOperationNames
	if max == 0 {
		max = DefaultMaxOperationNames
	}
	reg := prometheus.NewRegistry()
	return &Observer{
		registry:   reg,
		metrics:    newMetrics(reg),
		names:      &nameSet{max: max, seen: map[string]struct{}{}},
		tracer:     tp.Tracer("github.com/kgql/kgql"),
		propagator: propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}),
		system:     opts.StoreSystem,
	}
}

// request is what the layers of one GraphQL request note for its
// metrics and span.
type request struct {
	o              *Observer
	opType, opName string // labels; opNone until an operation runs
	cost           int    // the sum of its operations' costs (an export may run several)
	priced         bool
}

type requestKey struct{}

func requestOf(ctx context.Context) *request {
	r, _ := ctx.Value(requestKey{}).(*request)
	return r
}

// NoteCost records the cost the limiter priced a request's operation at.
func NoteCost(ctx context.Context, cost int) {
	if r := requestOf(ctx); r != nil {
		r.cost += cost
		r.priced = true
	}
}

// CountError counts one GraphQL error of a request, by its
// extensions.code (the server's own codes: README, Errors).
func CountError(ctx context.Context, code string) {
	if r := requestOf(ctx); r != nil {
		if code == "" {
			code = opNone
		}
		r.o.metrics.errors.WithLabelValues(code).Inc()
	}
}
