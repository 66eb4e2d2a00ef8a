package main

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
)

// waitingStore is the embedded store of a directory whose file another
// process holds (a kgql that serves it, a load into it): kgql serves
// meanwhile, every call answers EUNAVAILABLE and /readyz says why, and a
// goroutine opens the file as soon as it is free, loads the seed into it
// when it is empty, and then the store serves.
type waitingStore struct {
	store  atomic.Pointer[memstore.Store]
	why    atomic.Pointer[error] // why there is no store yet
	cancel context.CancelFunc
	done   chan struct{}
}

// Retries of a locked file: each try waits up to memstore's lock timeout
// (2 s) itself, then this.
const (
	firstLockRetry = 100 * time.Millisecond
	maxLockRetry   = 5 * time.Second
)

// waitForStore returns a waitingStore that opens the store of dataDir
// once it is free; why is the error its first try met.
func waitForStore(ctx context.Context, log *slog.Logger, dataDir string, why error) *waitingStore {
	ctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	w := &waitingStore{cancel: cancel, done: make(chan struct{})}
	w.why.Store(&why)
	log.Warn("the embedded store is not available: serving, queries answer UNAVAILABLE until it is", "reason", why.Error())
	go w.open(ctx, log, dataDir)
	return w
}

func (w *waitingStore) open(ctx context.Context, log *slog.Logger, dataDir string) {
	defer close(w.done)
	delay, last := firstLockRetry, *w.why.Load()
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
		}
		s, err := memstore.Open(dataDir)
		if err == nil {
			if err = loadSeedIfEmpty(ctx, log, s); err == nil {
				w.store.Store(s)
				log.Info("the embedded store is available: serving", "dir", dataDir)
				return
			}
			s.Close()
		}
		w.why.Store(&err)
		if err.Error() != last.Error() {
			log.Warn("the embedded store is not available", "reason", err.Error())
			last = err
		}
		delay = min(2*delay, maxLockRetry)
	}
}

// Close stops waiting and closes the store.
func (w *waitingStore) Close() {
	w.cancel()
	<-w.done
	if s := w.store.Load(); s != nil {
		s.Close()
	}
}

// get returns the store, or EUNAVAILABLE while there is none.
func (w *waitingStore) get() (*memstore.Store, error) {
	if s := w.store.Load(); s != nil {
		return s, nil
	}
	err := *w.why.Load()
	if kg.ErrorCode(err) != kg.EUNAVAILABLE {
		err = errors.Join(kg.Errorf(kg.EUNAVAILABLE, "The graph store is unavailable."), err)
	}
	return nil, err
}

// Ready implements httpapi.Readiness: why there is no store yet.
func (w *waitingStore) Ready(ctx context.Context) error {
	s, err := w.get()
	if err != nil {
		return err
	}
	return s.Ping(ctx)
}

var _ kg.Store = (*waitingStore)(nil)

func (w *waitingStore) Ping(ctx context.Context) error {
	s, err := w.get()
	if err != nil {
		return err
	}
	return s.Ping(ctx)
}

func (w *waitingStore) Nodes(ctx context.Context, ids []string, es *kg.EntitySel, rs *kg.RelationSel) ([]kg.NodeView, error) {
	s, err := w.get()
	if err != nil {
		return nil, err
	}
	return s.Nodes(ctx, ids, es, rs)
}

func (w *waitingStore) ResolveNames(ctx context.Context, names []string) ([][]kg.NameMatch, error) {
	s, err := w.get()
	if err != nil {
		return nil, err
	}
	return s.ResolveNames(ctx, names)
}

func (w *waitingStore) FindEntities(ctx context.Context, f kg.EntityFilter, count bool, sel *kg.EntitySel) (*kg.EntityPage, error) {
	s, err := w.get()
	if err != nil {
		return nil, err
	}
	return s.FindEntities(ctx, f, count, sel)
}

func (w *waitingStore) FindRelations(ctx context.Context, f kg.RelationFilter, count bool, rel *kg.RelationSel, node *kg.EntitySel) (*kg.RelationPage, error) {
	s, err := w.get()
	if err != nil {
		return nil, err
	}
	return s.FindRelations(ctx, f, count, rel, node)
}

func (w *waitingStore) Search(ctx context.Context, q kg.SearchQuery) ([]kg.SearchHit, error) {
	s, err := w.get()
	if err != nil {
		return nil, err
	}
	return s.Search(ctx, q)
}

func (w *waitingStore) Paths(ctx context.Context, q kg.PathQuery) (*kg.PathList, error) {
	s, err := w.get()
	if err != nil {
		return nil, err
	}
	return s.Paths(ctx, q)
}

func (w *waitingStore) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	s, err := w.get()
	if err != nil {
		return nil, err
	}
	return s.Neighborhood(ctx, q)
}

func (w *waitingStore) Expand(ctx context.Context, q kg.ExpandQuery) (*kg.Expansion, error) {
	s, err := w.get()
	if err != nil {
		return nil, err
	}
	return s.Expand(ctx, q)
}

func (w *waitingStore) CommonNeighbors(ctx context.Context, q kg.CommonNeighborsQuery) (*kg.CommonNeighbors, error) {
	s, err := w.get()
	if err != nil {
		return nil, err
	}
	return s.CommonNeighbors(ctx, q)
}

func (w *waitingStore) Stats(ctx context.Context, q kg.StatsQuery) (*kg.Stats, error) {
	s, err := w.get()
	if err != nil {
		return nil, err
	}
	return s.Stats(ctx, q)
}

// CreateKey implements kg.KeyStore, once the store is open.
func (w *waitingStore) CreateKey(ctx context.Context, k kg.APIKey) error {
	s, err := w.get()
	if err != nil {
		return err
	}
	return s.CreateKey(ctx, k)
}

// KeyByID implements kg.KeyStore, once the store is open.
func (w *waitingStore) KeyByID(ctx context.Context, id string) (kg.APIKey, error) {
	s, err := w.get()
	if err != nil {
		return kg.APIKey{}, err
	}
	return s.KeyByID(ctx, id)
}

// ListKeys implements kg.KeyStore, once the store is open.
func (w *waitingStore) ListKeys(ctx context.Context) ([]kg.APIKey, error) {
	s, err := w.get()
	if err != nil {
		return nil, err
	}
	return s.ListKeys(ctx)
}

// RevokeKey implements kg.KeyStore, once the store is open.
func (w *waitingStore) RevokeKey(ctx context.Context, id string, at time.Time) error {
	s, err := w.get()
	if err != nil {
		return err
	}
	return s.RevokeKey(ctx, id, at)
}

var _ kg.KeyStore = (*waitingStore)(nil)
