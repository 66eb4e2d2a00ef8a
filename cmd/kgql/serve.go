package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/kgql/kgql/internal/httpapi"
	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jstore"
)

// serve runs the API until ctx ends, then drains in-flight requests.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", envOr("KGQL_ADDR", ":8080"), "listen address (KGQL_ADDR)")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "Usage: kgql [serve] [--addr :8080]\n\nServes GraphQL at /graphql, the playground at /, /healthz and /readyz.")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return exitError(2)
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	store, closeStore, err := openStore(ctx, log)
	if err != nil {
		return err
	}
	defer closeStore()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := &http.Server{Handler: httpapi.New(store, log), ReadHeaderTimeout: 10 * time.Second}
	log.Info("serving", "graphql", "http://"+displayAddr(ln.Addr())+"/graphql", "playground", "http://"+displayAddr(ln.Addr())+"/")
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// openStore opens Neo4j when NEO4J_URI is set.
func openStore(ctx context.Context, log *slog.Logger) (kg.Store, func(), error) {
	cfg := neo4jConfigFromEnv()
	if cfg.URI == "" {
		return nil, nil, kg.Errorf(kg.EINVALID, "NEO4J_URI is not set: start Neo4j with 'eval \"$(make -s neo4j-up)\"' and load the seed with 'go run ./cmd/kgql load'")
	}
	store, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	log.Info("store: Neo4j", "uri", cfg.URI, "database", cfg.Database)
	return store, func() { store.Close(context.Background()) }, nil
}

// displayAddr turns ":8080" into "localhost:8080" for the log.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil || host == "" || host == "::" || host == "0.0.0.0" {
		return "localhost:" + port
	}
	return net.JoinHostPort(host, port)
}
