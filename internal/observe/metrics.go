package observe

import (
	"net/http"
	"slices"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are kgql's own families (README: Metrics).
type metrics struct {
	duration   *prometheus.HistogramVec // GraphQL requests by operation type and name
	errors     *prometheus.CounterVec   // errors answered, by extensions.code
	roundTrips prometheus.Histogram     // store round trips per GraphQL request
	cost       prometheus.Histogram     // the cost model's price per priced request
	inFlight   prometheus.Gauge         // GraphQL requests being served
	storeCalls *prometheus.HistogramVec // store calls by kg.Store method
	http       *prometheus.CounterVec   // HTTP requests by route and status
}

func newMetrics(reg *prometheus.Registry) *metrics {
	m := &metrics{
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "kgql_graphql_request_duration_seconds",
			Help:    "Time to answer a GraphQL request (/graphql, /export), by operation type (query, mutation, subscription; none when refused or invalid) and operation name (bounded: anonymous, other).",
			Buckets: prometheus.DefBuckets,
		}, []string{"operation_type", "operation_name"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kgql_graphql_errors_total",
			Help: "GraphQL errors answered, by extensions.code.",
		}, []string{"code"}),
		roundTrips: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "kgql_graphql_request_round_trips",
			Help:    "Store round trips per GraphQL request.",
			Buckets: []float64{0, 1, 2, 3, 4, 6, 8, 12, 16, 32},
		}),
		cost: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "kgql_graphql_request_cost",
			Help:    "The cost model's price of a GraphQL request's operation (extensions.cost), for requests priced.",
			Buckets: []float64{1, 10, 30, 100, 300, 1000, 3000, 10000, 30000, 100000},
		}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "kgql_graphql_requests_in_flight",
			Help: "GraphQL requests being served.",
		}),
		storeCalls: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "kgql_store_call_duration_seconds",
			Help:    "Time of a store call, by kg.Store method.",
			Buckets: prometheus.DefBuckets,
		}, []string{"call"}),
		http: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kgql_http_requests_total",
			Help: "HTTP requests answered, by route (the pattern served; unmatched for none) and status.",
		}, []string{"route", "status"}),
	}
	reg.MustRegister(m.duration, m.errors, m.roundTrips, m.cost, m.inFlight, m.storeCalls, m.http, buildGauge(Build()),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, call := range append(slices.Clone(storeCalls), writerCalls...) {
		m.storeCalls.WithLabelValues(call) // every call listed, at zero, from the start
	}
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (o *Observer) Handler() http.Handler {
	return promhttp.HandlerFor(o.registry, promhttp.HandlerOpts{Registry: o.registry})
}
