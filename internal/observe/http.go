package observe

import (
	"context"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/kgql/kgql/internal/kg"
)

// spanUnknownOperation names the span of a GraphQL request that runs no
// operation (the GraphQL semantic conventions' name for it).
const spanUnknownOperation = "GraphQL Operation"

// HTTP counts every request by the route that served it and its status.
// It wraps the ServeMux, which names the route (r.Pattern).
func (o *Observer) HTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		o.metrics.http.WithLabelValues(route(r.Pattern), strconv.Itoa(sw.status)).Inc()
	})
}

// route is the label of a ServeMux pattern: its path, without a method
// or the exact-match marker; "unmatched" when no pattern matched.
func route(pattern string) string {
	if pattern == "" {
		return "unmatched"
	}
	if _, path, ok := strings.Cut(pattern, " "); ok {
		pattern = path
	}
	return strings.TrimSuffix(pattern, "{$}")
}

// GraphQL wraps a GraphQL endpoint (/graphql, /export): a server span per
// request, continuing the trace of the request's traceparent header, with
// HTTP server attributes (the extension names it by its operation); and
// the request's duration by operation, round trips, cost and the
// requests in flight.
func (o *Observer) GraphQL(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ctx := o.propagator.Extract(r.Context(), propagation.HeaderCarrier(r.Header))
		ctx, span := o.tracer.Start(ctx, spanUnknownOperation, trace.WithSpanKind(trace.SpanKindServer), trace.WithAttributes(httpAttributes(r)...))
		req := &request{o: o, opType: opNone, opName: opNone}
		ctx = context.WithValue(ctx, requestKey{}, req)
		o.metrics.inFlight.Inc()
		defer o.metrics.inFlight.Dec()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r.WithContext(ctx))

		o.metrics.duration.WithLabelValues(req.opType, req.opName).Observe(time.Since(start).Seconds())
		o.metrics.roundTrips.Observe(float64(kg.RoundTrips(ctx)))
		if req.priced {
			o.metrics.cost.Observe(float64(req.cost))
		}
		span.SetAttributes(semconv.HTTPResponseStatusCode(sw.status))
		if sw.status >= 500 {
			span.SetStatus(codes.Error, http.StatusText(sw.status))
		}
		span.End()
	})
}

// httpAttributes are a server span's HTTP attributes (OpenTelemetry HTTP
// semantic conventions): no query string, no header but the user agent.
func httpAttributes(r *http.Request) []attribute.KeyValue {
	attrs := []attribute.KeyValue{
		semconv.HTTPRequestMethodKey.String(r.Method),
		semconv.URLPath(r.URL.Path),
		semconv.HTTPRoute(r.URL.Path),
		semconv.URLScheme(scheme(r)),
		semconv.NetworkProtocolVersion(strings.TrimPrefix(r.Proto, "HTTP/")),
	}
	if host, port, err := net.SplitHostPort(r.Host); err == nil {
		attrs = append(attrs, semconv.ServerAddress(host))
		if p, err := strconv.Atoi(port); err == nil {
			attrs = append(attrs, semconv.ServerPort(p))
		}
	} else if r.Host != "" {
		attrs = append(attrs, semconv.ServerAddress(r.Host))
	}
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		attrs = append(attrs, semconv.ClientAddress(host))
	}
	if ua := r.UserAgent(); ua != "" {
		attrs = append(attrs, semconv.UserAgentOriginal(ua))
	}
	return attrs
}

func scheme(r *http.Request) string {
	if r.TLS != nil {
		return "https"
	}
	return "http"
}

// statusWriter remembers the status code written.
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
