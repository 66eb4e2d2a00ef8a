package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/kgql/kgql/internal/kg"
)

// Readiness is what /readyz asks a store that has it, rather than Ping:
// nil when the store can serve, else an error whose text tells the
// operator why not (it is shown on /readyz: it must hold no credentials).
// neo4jstore.Store has it, and so does cmd/kgql's store that waits for its
// file.
type Readiness interface {
	Ready(ctx context.Context) error
}

// readyTimeout bounds /readyz's Ping of a store without Readiness.
const readyTimeout = time.Second

// readyz answers 200 when the store can serve, else 503 with the error's
// code, and why when detailed says the request may know it (the admin
// listener, an admin principal): {"status": "unavailable", "code":
// "UNAVAILABLE", "reason": "Neo4j at bolt://host:7687 is unreachable:
// …"}. The public API says no more than ready or not: the reason names
// hosts, ports and user names.
func readyz(store kg.Store, log *slog.Logger, cfg Config, detailed func(*http.Request) bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var err error
		reason := ""
		if cfg.NotReady != nil {
			if err = cfg.NotReady(r.Context()); err != nil {
				reason = err.Error()
			}
		}
		if err == nil {
			reason, err = storeReady(r.Context(), store)
		}
		if err != nil {
			log.Debug("not ready", "reason", reason) // the store logs when it becomes unavailable
			answer := map[string]string{"status": "unavailable", "code": kg.ErrorCode(err)}
			if detailed(r) {
				answer["reason"] = reason
			}
			writeJSON(w, http.StatusServiceUnavailable, answer)
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
}

// storeReady asks the store whether it can serve: its Ready when it has
// one, else Ping; the reason is for the operator.
func storeReady(ctx context.Context, store kg.Store) (reason string, err error) {
	if rd, ok := store.(Readiness); ok {
		if err := rd.Ready(ctx); err != nil {
			return err.Error(), err
		}
		return "", nil
	}
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	if err := store.Ping(ctx); err != nil {
		return kg.ErrorMessage(err), err
	}
	return "", nil
}
