package observe

import (
	"context"
	"fmt"
	"os"
	"strings"

	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracegrpc"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
)

// serviceName is the service.name of kgql's spans unless OTEL_SERVICE_NAME
// or OTEL_RESOURCE_ATTRIBUTES says otherwise.
const serviceName = "kgql"

// TracingFromEnv returns the tracer provider the standard OTEL_*
// environment variables configure, and its shutdown, which flushes the
// spans not yet exported. Traces are off (a provider that makes no
// spans) unless an OTLP endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT or
// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) or OTEL_TRACES_EXPORTER is otlp;
// OTEL_TRACES_EXPORTER=none and OTEL_SDK_DISABLED=true turn them off.
// The exporter speaks OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL: http/protobuf
// (the default) or grpc. The exporter reads the other OTLP variables
// (headers, timeout, certificates), the SDK the sampler's
// (OTEL_TRACES_SAMPLER) and the batch processor's (OTEL_BSP_*), the
// resource OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES. A setting kgql
// cannot honour is an error, returned with traces off.
func TracingFromEnv(ctx context.Context) (trace.TracerProvider, func(context.Context) error, error) {
	off := func(err error) (trace.TracerProvider, func(context.Context) error, error) {
		return noop.NewTracerProvider(), func(context.Context) error { return nil }, err
	}
	if strings.EqualFold(strings.TrimSpace(os.Getenv("OTEL_SDK_DISABLED")), "true") {
		return off(nil)
	}
	on, err := tracesEnabled()
	if err != nil || !on {
		return off(err)
	}
	exp, err := newExporter(ctx)
	if err != nil {
		return off(err)
	}
	res, err := resource.New(ctx,
		resource.WithAttributes(semconv.ServiceName(serviceName)),
		resource.WithTelemetrySDK(),
		resource.WithFromEnv(), // after the default name: OTEL_SERVICE_NAME overrides it
	)
	if err != nil {
		return off(fmt.Errorf("OTEL_RESOURCE_ATTRIBUTES: %w", err))
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res))
	return tp, tp.Shutdown, nil
}

// tracesEnabled applies OTEL_TRACES_EXPORTER, and when it is unset, turns
// traces on when an OTLP endpoint is configured.
func tracesEnabled() (bool, error) {
	switch exporters := strings.TrimSpace(os.Getenv("OTEL_TRACES_EXPORTER")); exporters {
	case "":
		return os.Getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != "" || os.Getenv("OTEL_EXPORTER_OTLP_ENDPOINT") != "", nil
	case "none":
		return false, nil
	case "otlp":
		return true, nil
	default:
		return false, fmt.Errorf("OTEL_TRACES_EXPORTER=%s: kgql exports traces with otlp only (or none); traces are off", exporters)
	}
}

// newExporter is the OTLP exporter of the configured protocol; it reads
// its endpoint and the rest from the environment itself.
func newExporter(ctx context.Context) (sdktrace.SpanExporter, error) {
	protocol := os.Getenv("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL")
	if protocol == "" {
		protocol = os.Getenv("OTEL_EXPORTER_OTLP_PROTOCOL")
	}
	switch protocol {
	case "", "http/protobuf":
		return otlptracehttp.New(ctx)
	case "grpc":
		return otlptracegrpc.New(ctx)
	default:
		return nil, fmt.Errorf("OTEL_EXPORTER_OTLP_PROTOCOL=%s: kgql exports traces over http/protobuf or grpc; traces are off", protocol)
	}
}
