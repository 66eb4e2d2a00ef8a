package httpapi

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/kgql/kgql/internal/kg"
)

// DrainingReason is what /readyz says while the server shuts down.
const DrainingReason = "shutting down"

// Drain is the server's side of a clean shutdown: once started, /readyz
// answers 503 (a load balancer stops sending new requests) while the
// requests in flight finish; and it counts the handlers running, so that
// the stores close only once the last has returned, even when the
// shutdown's grace period expired and their connections were cut.
type Drain struct {
	draining atomic.Bool
	mu       sync.Mutex
	running  int
	idle     chan struct{} // closed when running drops to 0; nil while it is 0
}

// Start turns /readyz to 503 with DrainingReason.
func (d *Drain) Start() { d.draining.Store(true) }

// Handler wraps the API: counts its handlers, and answers /readyz itself
// once the drain started.
func (d *Drain) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d.enter()
		defer d.leave()
		if d.draining.Load() && r.URL.Path == "/readyz" {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "code": kg.EUNAVAILABLE, "reason": DrainingReason})
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (d *Drain) enter() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.running == 0 {
		d.idle = make(chan struct{})
	}
	d.running++
}

func (d *Drain) leave() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.running--
	if d.running == 0 {
		close(d.idle)
		d.idle = nil
	}
}

// Wait returns when no handler runs, or with ctx's error and how many
// still run when ctx ends first.
func (d *Drain) Wait(ctx context.Context) (int, error) {
	d.mu.Lock()
	idle, running := d.idle, d.running
	d.mu.Unlock()
	if idle == nil {
		return 0, nil
	}
	select {
	case <-idle:
		return 0, nil
	case <-ctx.Done():
		return running, ctx.Err()
	}
}
