package main

import (
	"context"
	"log/slog"

	"github.com/kgql/kgql/internal/kg"
)

// cutLoad says in the log whether the store holds a streamed load that
// did not finish (kg.LoadMark), and returns what /readyz asks first
// (httpapi.Config.NotReady): the mark and the command that completes the
// load, for as long as the store holds one (a load into Neo4j may be
// completed while kgql serves). With accept the operator took the
// partial store: logged, and ready. A store that cannot say (not
// reachable yet) is taken as it is.
func cutLoad(ctx context.Context, log *slog.Logger, store kg.Store, accept bool) func(context.Context) error {
	m, ok := store.(kg.LoadMarker)
	if !ok {
		return nil
	}
	if mark, err := m.UnfinishedLoad(ctx); err == nil && mark != nil {
		if accept {
			log.Warn("the store holds part of a load, served as it is (--accept-partial-load)", "load", mark.String())
			return nil
		}
		log.Warn("the store holds part of a load: /readyz answers 503 until it is completed, or kgql is started with --accept-partial-load", "load", mark.String())
	}
	if accept {
		return nil
	}
	return func(ctx context.Context) error {
		mark, err := m.UnfinishedLoad(ctx)
		if err != nil || mark == nil {
			return nil // a store that cannot answer says so itself
		}
		return kg.Errorf(kg.EUNAVAILABLE, "%s; or start kgql with --accept-partial-load", mark.String())
	}
}
