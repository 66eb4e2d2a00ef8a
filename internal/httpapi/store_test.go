package httpapi_test

import (
	"context"
	"sync/atomic"

	"github.com/kgql/kgql/internal/kg"
)

// watchedStore wraps a real store: it counts the calls that reach it,
// and, when gate is set, holds each call until the gate is closed or the
// call's context ends, telling entered when a call is held. Tests use it
// to prove that a request was refused before any store call, and to keep
// requests in flight for as long as they need.
type watchedStore struct {
	kg.Store
	calls   atomic.Int64
	gate    chan struct{} // nil: calls go through
	entered chan struct{} // receives once per held call
	ended   chan error    // receives the context's error of a call that stopped holding
}

func watch(s kg.Store) *watchedStore { return &watchedStore{Store: s} }

// gated makes every call wait for release (or its context).
func (w *watchedStore) gated() *watchedStore {
	w.gate = make(chan struct{})
	w.entered = make(chan struct{}, 1000)
	w.ended = make(chan error, 1000)
	return w
}

func (w *watchedStore) release() { close(w.gate) }

func (w *watchedStore) call(ctx context.Context) error {
	w.calls.Add(1)
	if w.gate == nil {
		return nil
	}
	w.entered <- struct{}{}
	select {
	case <-w.gate:
		w.ended <- nil
		return nil
	case <-ctx.Done():
		w.ended <- ctx.Err()
		return kg.ContextError(ctx)
	}
}

func (w *watchedStore) Nodes(ctx context.Context, ids []string, es *kg.EntitySel, rs *kg.RelationSel) ([]kg.NodeView, error) {
	if err := w.call(ctx); err != nil {
		return nil, err
	}
	return w.Store.Nodes(ctx, ids, es, rs)
}

func (w *watchedStore) ResolveNames(ctx context.Context, names []string) ([][]kg.NameMatch, error) {
	if err := w.call(ctx); err != nil {
		return nil, err
	}
	return w.Store.ResolveNames(ctx, names)
}

func (w *watchedStore) FindEntities(ctx context.Context, f kg.EntityFilter, count bool, sel *kg.EntitySel) (*kg.EntityPage, error) {
	if err := w.call(ctx); err != nil {
		return nil, err
	}
	return w.Store.FindEntities(ctx, f, count, sel)
}

func (w *watchedStore) FindRelations(ctx context.Context, f kg.RelationFilter, count bool, rel *kg.RelationSel, node *kg.EntitySel) (*kg.RelationPage, error) {
	if err := w.call(ctx); err != nil {
		return nil, err
	}
	return w.Store.FindRelations(ctx, f, count, rel, node)
}

func (w *watchedStore) Search(ctx context.Context, q kg.SearchQuery) ([]kg.SearchHit, error) {
	if err := w.call(ctx); err != nil {
		return nil, err
	}
	return w.Store.Search(ctx, q)
}

func (w *watchedStore) Paths(ctx context.Context, q kg.PathQuery) (*kg.PathList, error) {
	if err := w.call(ctx); err != nil {
		return nil, err
	}
	return w.Store.Paths(ctx, q)
}

func (w *watchedStore) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	if err := w.call(ctx); err != nil {
		return nil, err
	}
	return w.Store.Neighborhood(ctx, q)
}

func (w *watchedStore) Expand(ctx context.Context, q kg.ExpandQuery) (*kg.Expansion, error) {
	if err := w.call(ctx); err != nil {
		return nil, err
	}
	return w.Store.Expand(ctx, q)
}

func (w *watchedStore) CommonNeighbors(ctx context.Context, q kg.CommonNeighborsQuery) (*kg.CommonNeighbors, error) {
	if err := w.call(ctx); err != nil {
		return nil, err
	}
	return w.Store.CommonNeighbors(ctx, q)
}

func (w *watchedStore) Stats(ctx context.Context, q kg.StatsQuery) (*kg.Stats, error) {
	if err := w.call(ctx); err != nil {
		return nil, err
	}
	return w.Store.Stats(ctx, q)
}
