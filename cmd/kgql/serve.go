package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
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

// defaultAddr is where kgql listens unless told otherwise: this machine
// only (the compose file and the image listen on every interface).
const defaultAddr = "127.0.0.1:8080"

// defaultAdminAddr is the operator's listener (httpapi.Admin): loopback,
// so that only the machine's own users and agents reach it.
const defaultAdminAddr = "127.0.0.1:8081"

// serveEnv are the variables serve reads besides its flags' KGQL_*.
var serveEnv = append(append([]envVar{}, neo4jEnv...), authEnv...)

// serve runs the API until ctx ends, then shuts down cleanly (shutdown).
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := flags.String("addr", envOr("KGQL_ADDR", defaultAddr), "listen address; 0.0.0.0:8080 for every interface (KGQL_ADDR)")
	data := flags.String("data", os.Getenv("KGQL_DATA"), "embedded store: keep the graph in this directory (KGQL_DATA); in memory when empty")
	cors := flags.String("cors-origins", os.Getenv("KGQL_CORS_ORIGINS"), "comma-separated origins whose pages may call the API from a browser, e.g. http://localhost:5173, or * (KGQL_CORS_ORIGINS); none: same origin only")
	adminAddr := flags.String("admin-addr", envOr("KGQL_ADMIN_ADDR", defaultAdminAddr), "the operator's listener: /metrics, /readyz with its reason, /debug/pprof/, without credentials (KGQL_ADMIN_ADDR); off: none, those routes on the API's listener behind the admin role")
	maxStoreCalls := flags.Int("max-store-calls", neo4jstore.DefaultMaxCalls, "Neo4j calls in flight; more wait for one to end, within their deadline (KGQL_MAX_STORE_CALLS)")
	drainDelay := flags.Duration("drain-delay", 0, "at shutdown, time /readyz answers 503 before the listener closes, for a load balancer to stop sending; a second signal ends it (KGQL_DRAIN_DELAY)")
	acceptPartial := flags.Bool("accept-partial-load", false, "serve, and answer ready, from a store whose last streamed load did not finish (KGQL_ACCEPT_PARTIAL_LOAD); without it /readyz answers 503 with the command that completes the load")
	grace := flags.Duration("shutdown-grace", 0, "at shutdown, time requests in flight have to finish once the listener is closed, after which they are cut; 0: the write timeout (KGQL_SHUTDOWN_GRACE)")
	var cfg httpapi.Config
	err := registerLimits(flags, &cfg)
	var authf authFlags
	if err == nil {
		authf, err = registerAuth(flags)
	}
	if err == nil {
		err = setFromEnv(flags, map[string]string{"drain-delay": "KGQL_DRAIN_DELAY", "shutdown-grace": "KGQL_SHUTDOWN_GRACE", "max-store-calls": "KGQL_MAX_STORE_CALLS", "accept-partial-load": "KGQL_ACCEPT_PARTIAL_LOAD"})
	}
	if err != nil {
		fmt.Fprintln(stderr, "kgql:", err)
		return exitError(2)
	}
	flags.Usage = func() {
		w := flags.Output()
		fmt.Fprintln(w, "Usage: kgql [serve] [--addr "+defaultAddr+"] [--data DIR] [--cors-origins ORIGINS] [--reads open|reader] [auth] [limits]\n\n"+
			"Serves GraphQL at /graphql, the playground at /, the explorer at /explore,\n"+
			"exports at /export, /healthz and /readyz, from Neo4j\n"+
			"when NEO4J_URI is set, else from the embedded store with the seed. Takes no\n"+
			"arguments. Traces go to an OTLP collector when the OTEL_* variables say so\n"+
			"(README: Traces). Callers send Authorization: Bearer <API key or JWT>\n"+
			"(README: Keys and tokens; kgql keys creates keys). The operator's routes\n"+
			"(/metrics, /readyz with its reason, /debug/pprof/) are on --admin-addr.\n"+
			"On SIGTERM or SIGINT it stops cleanly: /readyz answers 503, the listener closes\n"+
			"after --drain-delay, requests in flight finish within --shutdown-grace.\n\n"+
			"Flags (each can be set by the KGQL_ variable it names; a flag wins):")
		printFlags(flags)
		printEnv(w, serveEnv)
	}
	rest, err := parseFlags(flags, args, stdout, stderr)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "kgql: serve takes no arguments, not %q (kgql help lists the commands)\n", rest[0])
		return exitError(2)
	}
	cfg.Reads = *authf.reads
	cfg.AdminOnPublic = *adminAddr == "off"
	if err := cfg.Validate(); err != nil {
		fmt.Fprintln(stderr, "kgql:", err)
		return exitError(2)
	}
	if *maxStoreCalls < 1 {
		fmt.Fprintln(stderr, "kgql: max-store-calls must be positive")
		return exitError(2)
	}
	if *drainDelay < 0 || *grace < 0 {
		fmt.Fprintln(stderr, "kgql: drain-delay and shutdown-grace must not be negative")
		return exitError(2)
	}
	if *grace == 0 {
		*grace = cfg.WriteTimeout // the longest a request in flight can still be answered
	}
	origins, err := httpapi.ParseOrigins(*cors)
	if err != nil {
		fmt.Fprintln(stderr, "kgql:", err)
		return exitError(2)
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	log.Info("kgql", observe.Build().LogAttrs()...) // first: which build runs
	tracing, flushTraces, err := observe.TracingFromEnv(ctx)
	if err != nil {
		log.Warn("traces", "err", err)
	}
	defer flushSpans(log, flushTraces)
	store, system, closeStore, err := openStore(ctx, log, *data, *maxStoreCalls)
	if err != nil {
		return err
	}
	defer func() {
		closeStore()
		log.Info("closed the store") // last, once no request runs (shutdown)
	}()
	cfg.Auth, err = authf.authenticator(ctx, store, *data == "" && neo4jURI.get() == "")
	if err != nil {
		fmt.Fprintln(stderr, "kgql:", err)
		return exitError(2)
	}
	cfg.NotReady = cutLoad(ctx, log, store, *acceptPartial)
	store = wrapStore(store)
	obs := observe.New(observe.Options{StoreSystem: system, TracerProvider: tracing})

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	drain := new(httpapi.Drain)
	withCORS := httpapi.WithCORS
	if cfg.Auth.Enabled() { // some credentials can be accepted
		withCORS = httpapi.WithCORSAuth
	}
	srv, limited := httpapi.Server(drain.Handler(withCORS(origins, httpapi.New(store, log, cfg, obs))), ln, cfg)
	if !cfg.AdminOnPublic {
		if err := serveAdmin(ctx, log, *adminAddr, httpapi.Admin(store, log, cfg, obs)); err != nil {
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
	return shutdown(ctx, log, srv, drain, shutdownConfig{drainDelay: *drainDelay, grace: *grace, cutWait: cfg.RequestTimeout})
}

// wrapStore lets the tests' kgql process (TestMain) wrap the store it
// serves; the identity otherwise.
var wrapStore = func(s kg.Store) kg.Store { return s }

// openStore opens Neo4j when NEO4J_URI is set, and otherwise the embedded
// store, with the seed built into the binary loaded into it. Its first log
// line says which store serves and how to use the other. A store that is
// not available yet (Neo4j not up, or refusing the password; the embedded
// store's file held by another process) does not stop kgql: it serves,
// /readyz says why it is not ready, queries answer UNAVAILABLE, and the
// store serves as soon as it can.
func openStore(ctx context.Context, log *slog.Logger, dataDir string, maxStoreCalls int) (kg.Store, string, func(), error) {
	cfg := neo4jConfigFromEnv()
	if cfg.URI != "" {
		cfg.Log, cfg.MaxCalls = log, maxStoreCalls
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
	// Writes to a store in memory die with the process: say so where a
	// curator looks first, with the way to keep them.
	where := "in memory (mutations are lost at exit; --data DIR keeps them)"
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
