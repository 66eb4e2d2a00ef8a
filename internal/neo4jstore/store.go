// Package neo4jstore is kgql's store of record: the graph in Neo4j, read and
// written over Bolt with parameterized Cypher.
package neo4jstore

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgql/kgql/internal/kg"
)

// Config says where Neo4j is. The environment names of each field are
// those of cmd/kgql.
type Config struct {
	URI      string // NEO4J_URI: bolt://host:7687, or neo4j://host for a cluster
	User     string // NEO4J_USER
	Password string // NEO4J_PASSWORD
	Database string // NEO4J_DATABASE; "neo4j" when empty

	// Log is told when Neo4j becomes unavailable (and why) and when it
	// answers again; nothing is logged when it is nil.
	Log *slog.Logger

	// MaxCalls caps the store calls in flight (KGQL_MAX_STORE_CALLS,
	// --max-store-calls); DefaultMaxCalls when 0. The driver's pool holds
	// poolHeadroom connections more, for the probe and the writes' retries:
	// sixteen heavy requests filled a pool of 64 before.
	MaxCalls int
}

// DefaultMaxCalls is the store calls in flight unless Config says.
const DefaultMaxCalls = 48

// poolHeadroom is how many more connections the pool has than calls.
const poolHeadroom = 16

// Store is a connection pool to one Neo4j database, behind a circuit
// (conn.go): when Neo4j cannot be reached, every call fails at once with
// EUNAVAILABLE until a probe in the background finds it again.
type Store struct {
	cfg      Config
	database string
	log      *slog.Logger

	mu       sync.Mutex
	pool     *pool        // the driver that serves
	down     *Unavailable // why Neo4j cannot be used; nil while it can
	watching bool         // a probe runs in the background
	outage   outage       // the current outage's counts, for the log
	reconnMu sync.Mutex   // one replacement of the pool at a time

	calls    chan struct{} // a slot per store call in flight (Config.MaxCalls)
	done     chan struct{} // closed by Close: stops the probe
	closeOne sync.Once
}

// Open connects and checks that Neo4j answers. Returns kg.EUNAVAILABLE
// (an *Unavailable saying why) when it does not.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	s, err := New(cfg)
	if err != nil {
		return nil, err
	}
	if err := s.Ping(ctx); err != nil {
		s.Close(ctx)
		return nil, err
	}
	return s, nil
}

// New returns a store without checking that Neo4j answers: the driver
// connects on first use, and a Neo4j that is down gives EUNAVAILABLE then.
func New(cfg Config) (*Store, error) {
	if cfg.Database == "" {
		cfg.Database = "neo4j"
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.MaxCalls <= 0 {
		cfg.MaxCalls = DefaultMaxCalls
	}
	s := &Store{cfg: cfg, database: cfg.Database, log: log, done: make(chan struct{}), calls: make(chan struct{}, cfg.MaxCalls)}
	p, err := s.newPool()
	if err != nil {
		return nil, err
	}
	s.pool = p
	return s, nil
}

// Close stops the probe and releases the connections.
func (s *Store) Close(ctx context.Context) error {
	s.closeOne.Do(func() { close(s.done) })
	s.mu.Lock()
	p := s.pool
	s.mu.Unlock()
	return p.driver.Close(ctx)
}

// Ping checks that the database answers a query. Returns kg.EUNAVAILABLE
// when it does not.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.query(ctx, "RETURN 1", nil, true)
	return err
}

// readyTimeout bounds the query Ready asks: a Neo4j that takes longer to
// answer RETURN 1 is not ready.
const readyTimeout = time.Second

// Ready reports whether the store can serve (httpapi's /readyz asks it):
// nil when Neo4j answers, else an *Unavailable that says why not for the
// operator (unreachable at the URI, without its credentials;
// authentication refused; the database unavailable). While the circuit
// is open it answers at once, without asking Neo4j.
func (s *Store) Ready(ctx context.Context) error {
	if u := s.unavailable(); u != nil {
		return u
	}
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	err := s.Ping(ctx)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &Unavailable{Reason: Slow, What: "Neo4j at " + RedactURI(s.cfg.URI) + " did not answer within " + readyTimeout.String(), Cause: err}
	}
	return err
}

// query runs one statement in a managed transaction on the named database,
// routed to readers when readers is set, through the circuit. A statement
// not routed to readers is taken for a write (use): one whose commit is
// lost is not run again.
func (s *Store) query(ctx context.Context, cypher string, params map[string]any, readers bool) (*neo4j.EagerResult, error) {
	opts := []neo4j.ExecuteQueryConfigurationOption{neo4j.ExecuteQueryWithDatabase(s.database)}
	if readers {
		opts = append(opts, neo4j.ExecuteQueryWithReadersRouting())
	}
	if deadline, ok := ctx.Deadline(); ok {
		opts = append(opts, neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(txTimeout(time.Until(deadline)))))
	}
	var res *neo4j.EagerResult
	err := s.use(ctx, !readers, func(d neo4j.DriverWithContext) error {
		var err error
		res, err = neo4j.ExecuteQuery(ctx, d, cypher, params, neo4j.EagerResultTransformer, opts...)
		return err
	})
	return res, wrap(err)
}

var _ kg.Store = (*Store)(nil)
