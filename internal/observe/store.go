package observe

import (
	"context"
	"errors"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	semconv "go.opentelemetry.io/otel/semconv/v1.43.0"
	"go.opentelemetry.io/otel/trace"

	"github.com/kgql/kgql/internal/kg"
)

// storeCalls is the call label's closed list: one value per kg.Store
// method (a test holds it to the interface).
var storeCalls = []string{
	"Ping", "Nodes", "ResolveNames", "FindEntities", "FindRelations", "Search",
	"Paths", "Neighborhood", "Expand", "CommonNeighbors", "Stats",
}

// Store returns the store timed and traced: each call is observed in
// kgql_store_call_duration_seconds and is a client span named
// "{system} {method}" (the method is the Cypher statement's name on
// Neo4j: one statement per method), with db.system.name and
// db.operation.name and, on failure, the error's code; never the call's
// arguments.
func (o *Observer) Store(next kg.Store) kg.Store { return observedStore{next: next, o: o} }

type observedStore struct {
	next kg.Store
	o    *Observer
}

// start begins observing one call; end(err) finishes it.
func (s observedStore) start(ctx context.Context, call string) (context.Context, func(error)) {
	begin := time.Now()
	ctx, span := s.o.tracer.Start(ctx, s.o.system+" "+call, trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(semconv.DBSystemNameKey.String(s.o.system), semconv.DBOperationName(call)))
	return ctx, func(err error) {
		s.o.metrics.storeCalls.WithLabelValues(call).Observe(time.Since(begin).Seconds())
		if err != nil {
			code := errorType(err)
			span.SetAttributes(attribute.String("error.type", code))
			span.SetStatus(codes.Error, code)
		}
		span.End()
	}
}

// errorType is a failed call's error.type: its kg code, TIMEOUT past its
// deadline, CANCELLED when its client went away.
func errorType(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return kg.ETIMEOUT
	case errors.Is(err, context.Canceled):
		return "CANCELLED"
	}
	return kg.ErrorCode(err)
}

func (s observedStore) Ping(ctx context.Context) error {
	ctx, end := s.start(ctx, "Ping")
	err := s.next.Ping(ctx)
	end(err)
	return err
}

func (s observedStore) Nodes(ctx context.Context, ids []string, es *kg.EntitySel, rs *kg.RelationSel) ([]kg.NodeView, error) {
	ctx, end := s.start(ctx, "Nodes")
	v, err := s.next.Nodes(ctx, ids, es, rs)
	end(err)
	return v, err
}

func (s observedStore) ResolveNames(ctx context.Context, names []string) ([][]kg.NameMatch, error) {
	ctx, end := s.start(ctx, "ResolveNames")
	v, err := s.next.ResolveNames(ctx, names)
	end(err)
	return v, err
}

func (s observedStore) FindEntities(ctx context.Context, f kg.EntityFilter, count bool, sel *kg.EntitySel) (*kg.EntityPage, error) {
	ctx, end := s.start(ctx, "FindEntities")
	v, err := s.next.FindEntities(ctx, f, count, sel)
	end(err)
	return v, err
}

func (s observedStore) FindRelations(ctx context.Context, f kg.RelationFilter, count bool, rel *kg.RelationSel, node *kg.EntitySel) (*kg.RelationPage, error) {
	ctx, end := s.start(ctx, "FindRelations")
	v, err := s.next.FindRelations(ctx, f, count, rel, node)
	end(err)
	return v, err
}

func (s observedStore) Search(ctx context.Context, q kg.SearchQuery) ([]kg.SearchHit, error) {
	ctx, end := s.start(ctx, "Search")
	v, err := s.next.Search(ctx, q)
	end(err)
	return v, err
}

func (s observedStore) Paths(ctx context.Context, q kg.PathQuery) (*kg.PathList, error) {
	ctx, end := s.start(ctx, "Paths")
	v, err := s.next.Paths(ctx, q)
	end(err)
	return v, err
}

func (s observedStore) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	ctx, end := s.start(ctx, "Neighborhood")
	v, err := s.next.Neighborhood(ctx, q)
	end(err)
	return v, err
}

func (s observedStore) Expand(ctx context.Context, q kg.ExpandQuery) (*kg.Expansion, error) {
	ctx, end := s.start(ctx, "Expand")
	v, err := s.next.Expand(ctx, q)
	end(err)
	return v, err
}

func (s observedStore) CommonNeighbors(ctx context.Context, q kg.CommonNeighborsQuery) (*kg.CommonNeighbors, error) {
	ctx, end := s.start(ctx, "CommonNeighbors")
	v, err := s.next.CommonNeighbors(ctx, q)
	end(err)
	return v, err
}

func (s observedStore) Stats(ctx context.Context, q kg.StatsQuery) (*kg.Stats, error) {
	ctx, end := s.start(ctx, "Stats")
	v, err := s.next.Stats(ctx, q)
	end(err)
	return v, err
}
