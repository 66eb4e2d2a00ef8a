// Package loader batches a request's reads: every entity, relation and
// relation page a GraphQL request asks for at one depth of its selection
// goes to the store in one round trip. Loaders live for one request, as in
// gqlgen's dataloader example; the batching is Batcher's (batcher.go),
// which waits for keys to stop arriving rather than for a fixed time.
package loader

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/kgql/kgql/internal/kg"
)

// A loader calls the store once no key has arrived for Idle (gqlgen
// resolves sibling fields concurrently, so a level's keys arrive close
// together), or after MaxWait, or at MaxBatch keys.
const (
	Idle     = time.Millisecond
	MaxWait  = 25 * time.Millisecond
	MaxBatch = 1000
)

// Loaders are one request's batching loaders, and the store behind them.
type Loaders struct {
	Store       kg.Store
	Entities    *Batcher[string, *kg.Entity]
	Relations   *Batcher[string, *kg.Relation]
	RelationsOf *Batcher[PageKey, *kg.RelationPage]
}

// PageKey asks for one page of one entity's relations. It is comparable
// so that equal requests share one load.
type PageKey struct {
	EntityID  string
	Direction kg.Direction
	Types     string // comma-joined, in the order given
	Window    kg.Window
	First     int
	After     string
}

// Filter is the relation filter the key stands for.
func (k PageKey) Filter() kg.RelationFilter {
	f := kg.RelationFilter{First: k.First, After: k.After}
	f.Direction, f.Window = k.Direction, k.Window
	if k.Types != "" {
		for _, t := range strings.Split(k.Types, ",") {
			f.Types = append(f.Types, kg.RelationType(t))
		}
	}
	return f
}

// New returns fresh loaders over the store.
func New(store kg.Store) *Loaders {
	return &Loaders{
		Store: store,
		Entities: NewBatcher(func(ctx context.Context, ids []string) ([]*kg.Entity, []error) {
			found, err := store.EntitiesByID(ctx, ids)
			return found, spread(err, len(ids))
		}, Idle, MaxWait, MaxBatch),
		Relations: NewBatcher(func(ctx context.Context, ids []string) ([]*kg.Relation, []error) {
			found, err := store.RelationsByID(ctx, ids)
			return found, spread(err, len(ids))
		}, Idle, MaxWait, MaxBatch),
		RelationsOf: NewBatcher(relationPages(store), Idle, MaxWait, MaxBatch),
	}
}

// relationPages groups the keys by filter: one store call per distinct
// filter, for all the entities that ask with it.
func relationPages(store kg.Store) func(context.Context, []PageKey) ([]*kg.RelationPage, []error) {
	return func(ctx context.Context, keys []PageKey) ([]*kg.RelationPage, []error) {
		type group struct {
			ids []string
			at  []int
		}
		groups := map[PageKey]*group{}
		var order []PageKey
		for i, k := range keys {
			f := k
			f.EntityID = ""
			g, ok := groups[f]
			if !ok {
				g = &group{}
				groups[f] = g
				order = append(order, f)
			}
			g.ids, g.at = append(g.ids, k.EntityID), append(g.at, i)
		}
		pages, errs := make([]*kg.RelationPage, len(keys)), make([]error, len(keys))
		for _, f := range order {
			g := groups[f]
			got, err := store.RelationsOf(ctx, g.ids, f.Filter())
			for j, i := range g.at {
				if err != nil {
					errs[i] = err
				} else {
					pages[i] = got[j]
				}
			}
		}
		return pages, errs
	}
}

func spread(err error, n int) []error {
	if err == nil {
		return nil
	}
	errs := make([]error, n)
	for i := range errs {
		errs[i] = err
	}
	return errs
}

type ctxKey struct{}

// Middleware gives each request its own loaders.
func Middleware(store kg.Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(With(r.Context(), New(store))))
	})
}

// With returns ctx carrying the loaders.
func With(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// For returns the request's loaders.
func For(ctx context.Context) *Loaders {
	return ctx.Value(ctxKey{}).(*Loaders)
}
