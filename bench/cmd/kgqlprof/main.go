// Command kgqlprof is kgql's HTTP handler (internal/httpapi, as `kgql
// serve` wires it) with net/http/pprof added at /debug/pprof/, so that the
// benchmark can take CPU profiles of kgql under load (bench --profile).
// The store is Neo4j when NEO4J_URI is set, else the embedded store in
// --data.
package main

import (
	"context"
	"flag"
	"log"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/kgql/kgql/internal/httpapi"
	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/neo4jstore"
	"github.com/kgql/kgql/internal/observe"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18095", "listen address")
	data := flag.String("data", "", "the embedded store's directory, when NEO4J_URI is not set")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	var store kg.Store
	system := observe.SystemEmbedded
	if uri := os.Getenv("NEO4J_URI"); uri != "" {
		user := os.Getenv("NEO4J_USER")
		if user == "" {
			user = "neo4j"
		}
		s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: uri, User: user, Password: os.Getenv("NEO4J_PASSWORD")})
		if err != nil {
			log.Fatal(err)
		}
		defer s.Close(context.Background())
		store, system = s, observe.SystemNeo4j
	} else {
		s, err := memstore.Open(*data)
		if err != nil {
			log.Fatal(err)
		}
		defer s.Close()
		store = s
	}
	mux := http.NewServeMux()
	mux.Handle("/", httpapi.New(store, logger, httpapi.Defaults(), observe.New(observe.Options{StoreSystem: system})))
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	logger.Info("kgqlprof serving", "addr", *addr)
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		log.Fatal(err)
	}
}
