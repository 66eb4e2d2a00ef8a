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
	"os"
	"time"

	"github.com/kgql/kgql/internal/httpapi"
	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/neo4jstore"
	"github.com/kgql/kgql/internal/observe"
	"github.com/kgql/kgql/internal/seedfile"
	"github.com/kgql/kgql/seed"
)

// serve runs the API until ctx ends, then drains in-flight requests.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", envOr("KGQL_ADDR", ":8080"), "listen address (KGQL_ADDR)")
	data := flags.String("data", os.Getenv("KGQL_DATA"), "embedded store: keep the graph in this directory (KGQL_DATA); in memory when empty")
	cors := flags.String("cors-origins", os.Getenv("KGQL_CORS_ORIGINS"), "comma-separated origins whose pages may call the API from a browser, e.g. http://localhost:5173, or * (KGQL_CORS_ORIGINS); none: same origin only")
	debugAddr := flags.String("debug-addr", os.Getenv("KGQL_DEBUG_ADDR"), "serve /debug/pprof/ on this address, for the operator (KGQL_DEBUG_ADDR); off when empty")
	var cfg httpapi.Config
	if err := registerLimits(flags, &cfg); err != nil {
		fmt.Fprintln(stderr, "kgql:", err)
		return exitError(2)
	}
	flags.Usage = func() {
		fmt.Fprintln(stderr, "Usage: kgql [serve] [--addr :8080] [--data DIR] [--cors-origins ORIGINS] [limits]\n\nServes GraphQL at /graphql, the playground at /, the explorer at /explore,\nexports at /export, /healthz and /readyz, from Neo4j when NEO4J_URI is set,\nelse from the embedded store with the seed.\nEvery flag can be set by the environment variable it names.")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return exitError(2)
	}
	if err := cfg.Validate(); err != nil {
		fmt.Fprintln(stderr, "kgql:", err)
		return exitError(2)
	}
	origins, err := httpapi.ParseOrigins(*cors)
	if err != nil {
		fmt.Fprintln(stderr, "kgql:", err)
		return exitError(2)
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	tracing, flushTraces, err := observe.TracingFromEnv(ctx)
	if err != nil {
		log.Warn("traces", "err", err)
	}
	defer flushSpans(log, flushTraces)
	store, system, closeStore, err := openStore(ctx, log, *data)
	if err != nil {
		return err
	}
	defer closeStore()
	obs := observe.New(observe.Options{StoreSystem: system, TracerProvider: tracing})

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv, limited := httpapi.Server(httpapi.WithCORS(origins, httpapi.New(store, log, cfg, obs)), ln, cfg)
	if *debugAddr != "" {
		if err := serveDebug(ctx, log, *debugAddr); err != nil {
			ln.Close()
			return err
		}
	}
	log.Info("serving", "graphql", "http://"+displayAddr(ln.Addr())+"/graphql", "playground", "http://"+displayAddr(ln.Addr())+"/", "corsOrigins", origins)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(limited) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	// In-flight requests end by their write timeout at the latest.
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.WriteTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// openStore opens Neo4j when NEO4J_URI is set, and otherwise the embedded
// store, with the seed built into the binary loaded into it. Its first log
// line says which store serves and how to use the other. A store that is
// not available yet (Neo4j not up, or refusing the password; the embedded
// store's file held by another process) does not stop kgql: it serves,
// /readyz says why it is not ready, queries answer UNAVAILABLE, and the
// store serves as soon as it can.
func openStore(ctx context.Context, log *slog.Logger, dataDir string) (kg.Store, string, func(), error) {
	cfg := neo4jConfigFromEnv()
	if cfg.URI != "" {
		cfg.Log = log
		store, err := neo4jstore.New(cfg)
		if err != nil {
			return nil, "", nil, err
		}
		log.Info("store: Neo4j (NEO4J_URI); unset NEO4J_URI to serve the seed from the embedded store", "uri", neo4jstore.RedactURI(cfg.URI), "database", cfg.Database)
		if err := store.Ready(ctx); err != nil {
			log.Warn("Neo4j is not ready: serving, and waiting for it", "reason", err.Error())
		}
		return store, observe.SystemNeo4j, func() { store.Close(context.Background()) }, nil
	}
	where := "in memory"
	if dataDir != "" {
		where = "in " + dataDir
	}
	log.Info("store: embedded, " + where + "; to serve from Neo4j instead: eval \"$(make -s neo4j-up)\" && go run ./cmd/kgql load && go run ./cmd/kgql")
	store, err := memstore.Open(dataDir)
	var locked *memstore.LockedError
	if errors.As(err, &locked) {
		w := waitForStore(ctx, log, dataDir, err)
		return w, observe.SystemEmbedded, w.Close, nil
	}
	if err != nil {
		return nil, "", nil, err
	}
	if err := loadSeedIfEmpty(ctx, log, store); err != nil {
		store.Close()
		return nil, "", nil, err
	}
	return store, observe.SystemEmbedded, func() { store.Close() }, nil
}

// flushSpans exports the spans not exported yet, when kgql stops.
func flushSpans(log *slog.Logger, flush func(context.Context) error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := flush(ctx); err != nil {
		log.Warn("traces: flushing the last spans", "err", err)
	}
}

// loadSeedIfEmpty loads the built-in seed into a store that holds nothing:
// a new or in-memory store. A store kept in a directory keeps what it has.
func loadSeedIfEmpty(ctx context.Context, log *slog.Logger, store *memstore.Store) error {
	st, err := store.Stats(ctx, kg.StatsQuery{})
	if err != nil {
		return err
	}
	if st.Entities > 0 {
		log.Info("embedded store holds a graph", "entities", st.Entities, "relations", st.Relations)
		return nil
	}
	g, err := seedfile.Read(seed.FS)
	if err != nil {
		return fmt.Errorf("the built-in seed: %w", err)
	}
	if _, err := store.Load(ctx, g, nil); err != nil {
		return err
	}
	log.Info("loaded the built-in seed", "entities", len(g.Entities), "relations", len(g.Relations))
	return nil
}

// displayAddr turns ":8080" into "localhost:8080" for the log.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil || host == "" || host == "::" || host == "0.0.0.0" {
		return "localhost:" + port
	}
	return net.JoinHostPort(host, port)
}
