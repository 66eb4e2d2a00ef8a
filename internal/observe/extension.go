package observe

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/kgql/kgql/internal/kg"
)

// Extension returns the gqlgen extension that names a request's metrics
// and span by the operation it runs.
func (o *Observer) Extension() graphql.HandlerExtension { return extension{o} }

type extension struct{ o *Observer }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationInterceptor
} = extension{}

func (extension) ExtensionName() string                   { return "Observe" }
func (extension) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptOperation runs for an operation that is executed (parsed,
// valid, within the limits). Its span is named as the OpenTelemetry
// GraphQL conventions say: "{type} {name}", or "{type}" for an
// anonymous operation; the document is not recorded.
func (e extension) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if req := requestOf(ctx); req != nil {
		op := graphql.GetOperationContext(ctx).Operation
		typ, name := string(op.Operation), op.Name
		req.opType, req.opName = typ, e.o.names.label(name, !kg.PrincipalFrom(ctx).Anonymous())
		span := trace.SpanFromContext(ctx)
		span.SetAttributes(semconv.GraphQLOperationTypeKey.String(typ))
		if name != "" {
			span.SetAttributes(semconv.GraphQLOperationName(name))
			span.SetName(typ + " " + name)
		} else {
			span.SetName(typ)
		}
	}
	return next(ctx)
}
