package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// serveAdmin serves the operator's handler (httpapi.Admin: metrics,
// readiness with its reason, Go's profiles) on its own address, apart
// from the API, until ctx ends. An address that cannot be listened on
// stops kgql: an operator who set it expects it served.
func serveAdmin(ctx context.Context, log *slog.Logger, addr string, h http.Handler) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("admin listener on %s: %w (set --admin-addr or KGQL_ADMIN_ADDR to another address, or off)", addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	base := "http://" + displayAddr(ln.Addr())
	log.Info("admin", "metrics", base+"/metrics", "readyz", base+"/readyz", "pprof", base+"/debug/pprof/")
	return nil
}
