// Command floor serves the benchmark's shapes as hand-written Cypher
// through neo4j-go-driver, one query per request, over HTTP+JSON: the
// floor kgql is measured against, reached the same way (HTTP, the same
// load generator) so that only what lies between differs.
//
//	floor --addr 127.0.0.1:18091     (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD)
//
// POST /<shape> with a workload.FloorRequest; answers a
// workload.FloorResponse. GET /healthz.
package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"log"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/kgql/kgql/bench/internal/workload"
	"github.com/kgql/kgql/internal/kg"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18091", "listen address")
	flag.Parse()
	user := os.Getenv("NEO4J_USER")
	if user == "" {
		user = "neo4j"
	}
	// The pool settings of kgql's store (neo4jstore.New).
	driver, err := neo4j.NewDriverWithContext(os.Getenv("NEO4J_URI"), neo4j.BasicAuth(user, os.Getenv("NEO4J_PASSWORD"), ""),
		func(c *config.Config) {
			c.MaxConnectionPoolSize = 64
			c.ConnectionAcquisitionTimeout = 10 * time.Second
			c.MaxTransactionRetryTime = 5 * time.Second
		})
	if err != nil {
		log.Fatal(err)
	}
	f := &floor{driver: driver}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	for _, s := range workload.Shapes {
		mux.HandleFunc("POST /"+string(s), f.handler(s))
	}
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	log.Printf("floor serving on %s", *addr)
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		log.Fatal(err)
	}
	driver.Close(context.Background())
}

type floor struct{ driver neo4j.DriverWithContext }

func (f *floor) read(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := neo4j.ExecuteQuery(ctx, f.driver, query, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase("neo4j"), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	return res.Records, nil
}

func (f *floor) handler(s workload.Shape) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req workload.FloorRequest
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil {
			reply(w, http.StatusBadRequest, workload.FloorResponse{Error: err.Error()})
			return
		}
		data, err := f.answer(r.Context(), s, req)
		if err != nil {
			reply(w, http.StatusInternalServerError, workload.FloorResponse{Error: err.Error()})
			return
		}
		reply(w, http.StatusOK, workload.FloorResponse{Data: data})
	}
}

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // relation ids hold '>'
	enc.Encode(v)
}

// first returns the first column of the first record, or nil.
func first(recs []*neo4j.Record) any {
	if len(recs) == 0 {
		return nil
	}
	return recs[0].Values[0]
}

func (f *floor) answer(ctx context.Context, s workload.Shape, req workload.FloorRequest) (any, error) {
	switch s {
	case workload.OneHop:
		recs, err := f.read(ctx, workload.CypherOneHop, map[string]any{"id": req.ID})
		return first(recs), err
	case workload.Nested:
		recs, err := f.read(ctx, workload.CypherNested, map[string]any{"id": req.ID})
		return first(recs), err
	case workload.Neighborhood:
		recs, err := f.read(ctx, workload.CypherNeighborhood, map[string]any{"id": req.ID, "limit": 200})
		return first(recs), err
	case workload.Path:
		recs, err := f.read(ctx, workload.CypherPath, map[string]any{"from": req.From, "to": req.To})
		return first(recs), err
	case workload.Search:
		recs, err := f.read(ctx, workload.CypherSearch, map[string]any{"q": req.Q})
		if err != nil {
			return nil, err
		}
		hits := make([]any, len(recs))
		for i, rec := range recs {
			hits[i] = rec.Values[0]
		}
		return hits, nil
	default: // List
		return f.list(ctx, req)
	}
}

// list answers a page of one kind by name then id; the cursor is the
// last entity's [name, id], base64 JSON (as kgql's).
func (f *floor) list(ctx context.Context, req workload.FloorRequest) (any, error) {
	k, ok := kg.ParseKind(req.Kind)
	if !ok {
		return nil, kg.Errorf(kg.EINVALID, "unknown kind %q", req.Kind)
	}
	params := map[string]any{}
	if req.After != "" {
		b, err := base64.RawURLEncoding.DecodeString(req.After)
		var key []string
		if err == nil {
			err = json.Unmarshal(b, &key)
		}
		if err != nil || len(key) != 2 {
			return nil, kg.Errorf(kg.EINVALID, "malformed cursor")
		}
		params["afterName"], params["afterID"] = key[0], key[1]
	}
	recs, err := f.read(ctx, workload.CypherList(k, req.After != ""), params)
	if err != nil {
		return nil, err
	}
	page, _ := first(recs).([]any)
	out := struct {
		Edges       []any  `json:"edges"`
		HasNextPage bool   `json:"hasNextPage"`
		EndCursor   string `json:"endCursor,omitempty"`
	}{Edges: page, HasNextPage: len(page) > 20}
	if out.HasNextPage {
		out.Edges = page[:20]
	}
	if n := len(out.Edges); n > 0 {
		last := out.Edges[n-1].(map[string]any)
		b, _ := json.Marshal([]any{last["name"], last["id"]})
		out.EndCursor = base64.RawURLEncoding.EncodeToString(b)
	}
	return out, nil
}
