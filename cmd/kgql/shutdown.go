package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/kgql/kgql/internal/httpapi"
)

// againKey holds, in the context notifyShutdown returns, the channel that
// reports the signals after the first.
type againKey struct{}

// notifyShutdown returns a context that ends at the first SIGTERM or
// SIGINT; each later one is reported on the channel signalledAgain finds
// in it (it ends the drain delay: Ctrl-C twice).
func notifyShutdown() context.Context {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithCancel(context.Background())
	again := make(chan struct{}, 1)
	go func() {
		<-ch
		cancel()
		for range ch {
			select {
			case again <- struct{}{}:
			default:
			}
		}
	}()
	return context.WithValue(ctx, againKey{}, (<-chan struct{})(again))
}

// signalledAgain is the channel of later signals of ctx; nil (never
// ready) when ctx is not notifyShutdown's (tests that cancel it).
func signalledAgain(ctx context.Context) <-chan struct{} {
	ch, _ := ctx.Value(againKey{}).(<-chan struct{})
	return ch
}

// shutdownConfig is how serve stops.
type shutdownConfig struct {
	drainDelay time.Duration // /readyz 503 before the listener closes
	grace      time.Duration // in-flight requests' time to finish once it is closed
	cutWait    time.Duration // cut requests' time to return (their deadline)
}

// shutdown stops srv once ctx has ended: /readyz turns 503 at once; after
// the drain delay (or a second signal) the listener closes, so new
// connections are refused, and idle ones close; requests in flight have
// the grace period to finish, after which their connections are cut
// (their store work cancelled with them). It returns when no handler
// runs any more, so that the caller may close the stores.
func shutdown(ctx context.Context, log *slog.Logger, srv *http.Server, drain *httpapi.Drain, cfg shutdownConfig) error {
	drain.Start()
	log.Info("shutting down: /readyz answers 503", "drainDelay", cfg.drainDelay, "grace", cfg.grace)
	if cfg.drainDelay > 0 {
		select {
		case <-time.After(cfg.drainDelay):
		case <-signalledAgain(ctx):
			log.Info("signalled again: ending the drain delay")
		}
	}
	graceCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.grace)
	defer cancel()
	err := srv.Shutdown(graceCtx) // closes the listener first
	if err == nil {
		log.Info("stopped: every request in flight finished")
		return nil
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	srv.Close() // cuts the connections, which cancels their requests' contexts
	cutCtx, cancelCut := context.WithTimeout(context.WithoutCancel(ctx), cfg.cutWait)
	defer cancelCut()
	if running, err := drain.Wait(cutCtx); err != nil {
		log.Error("stopped: requests still running after their connections were cut", "running", running)
		return nil
	}
	log.Warn("stopped: the grace period expired; the requests still in flight were cut", "grace", cfg.grace)
	return nil
}
