package observe

import (
	"context"

	"github.com/kgql/kgql/internal/kg"
)

// writerCalls is the call label's values of the writes: one per
// kg.Writer method (a test holds it to the interface).
var writerCalls = []string{
	"IngestDocument", "CreateEntity", "UpdateEntity", "AssertRelation", "RetractRelation",
	"DeleteDocument", "MergeEntities", "RevertChange", "History", "Changes",
}

// Writer returns the writer timed and traced as Store times and traces
// the reads, so that a mutation's store call shows in
// kgql_store_call_duration_seconds and in a trace like a query's; nil
// for nil (a store that does not write).
func (o *Observer) Writer(next kg.Writer) kg.Writer {
	if next == nil {
		return nil
	}
	return observedWriter{next: next, s: observedStore{o: o}}
}

type observedWriter struct {
	next kg.Writer
	s    observedStore // its start only
}

// observe runs one write call observed.
func observe[T any](ctx context.Context, s observedStore, call string, do func(context.Context) (T, error)) (T, error) {
	ctx, end := s.start(ctx, call)
	v, err := do(ctx)
	end(err)
	return v, err
}

func (w observedWriter) IngestDocument(ctx context.Context, in kg.IngestDocumentInput) (*kg.IngestResult, error) {
	return observe(ctx, w.s, "IngestDocument", func(ctx context.Context) (*kg.IngestResult, error) { return w.next.IngestDocument(ctx, in) })
}

func (w observedWriter) CreateEntity(ctx context.Context, in kg.CreateEntityInput) (*kg.EntityResult, error) {
	return observe(ctx, w.s, "CreateEntity", func(ctx context.Context) (*kg.EntityResult, error) { return w.next.CreateEntity(ctx, in) })
}

func (w observedWriter) UpdateEntity(ctx context.Context, in kg.UpdateEntityInput) (*kg.EntityResult, error) {
	return observe(ctx, w.s, "UpdateEntity", func(ctx context.Context) (*kg.EntityResult, error) { return w.next.UpdateEntity(ctx, in) })
}

func (w observedWriter) AssertRelation(ctx context.Context, in kg.AssertRelationInput) (*kg.RelationResult, error) {
	return observe(ctx, w.s, "AssertRelation", func(ctx context.Context) (*kg.RelationResult, error) { return w.next.AssertRelation(ctx, in) })
}

func (w observedWriter) RetractRelation(ctx context.Context, in kg.RetractRelationInput) (*kg.RelationResult, error) {
	return observe(ctx, w.s, "RetractRelation", func(ctx context.Context) (*kg.RelationResult, error) { return w.next.RetractRelation(ctx, in) })
}

func (w observedWriter) DeleteDocument(ctx context.Context, in kg.DeleteDocumentInput) (*kg.DeleteDocumentResult, error) {
	return observe(ctx, w.s, "DeleteDocument", func(ctx context.Context) (*kg.DeleteDocumentResult, error) { return w.next.DeleteDocument(ctx, in) })
}

func (w observedWriter) MergeEntities(ctx context.Context, in kg.MergeEntitiesInput) (*kg.MergeResult, error) {
	return observe(ctx, w.s, "MergeEntities", func(ctx context.Context) (*kg.MergeResult, error) { return w.next.MergeEntities(ctx, in) })
}

func (w observedWriter) RevertChange(ctx context.Context, in kg.RevertChangeInput) (*kg.RevertResult, error) {
	return observe(ctx, w.s, "RevertChange", func(ctx context.Context) (*kg.RevertResult, error) { return w.next.RevertChange(ctx, in) })
}

func (w observedWriter) History(ctx context.Context, id string, first int, after string) (*kg.ChangePage, error) {
	return observe(ctx, w.s, "History", func(ctx context.Context) (*kg.ChangePage, error) { return w.next.History(ctx, id, first, after) })
}

func (w observedWriter) Changes(ctx context.Context, after string, first int, f kg.ChangeFilter) (*kg.ChangePage, error) {
	return observe(ctx, w.s, "Changes", func(ctx context.Context) (*kg.ChangePage, error) { return w.next.Changes(ctx, after, first, f) })
}
