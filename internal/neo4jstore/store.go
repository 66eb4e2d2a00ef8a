// Package neo4jstore is kgql's store of record: the graph in Neo4j, read and
// written over Bolt with parameterized Cypher.
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/kgql/kgql/internal/kg"
)

// Config says where Neo4j is. The environment names of each field are
// those of cmd/kgql.
type Config struct {
	URI      string // NEO4J_URI: bolt://host:7687, or neo4j://host for a cluster
	User     string // NEO4J_USER
	Password string // NEO4J_PASSWORD
	Database string // NEO4J_DATABASE; "neo4j" when empty
}

// Store is a connection pool to one Neo4j database.
type Store struct {
	driver   neo4j.DriverWithContext
	database string
}

// Open connects and checks that Neo4j answers. Returns kg.EUNAVAILABLE when
// it does not, without the driver's address details.
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
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""),
		func(c *config.Config) {
			c.MaxConnectionPoolSize = 64
			c.ConnectionAcquisitionTimeout = 10 * time.Second
			c.SocketConnectTimeout = 5 * time.Second
			// A request should fail fast when Neo4j is down, not retry
			// for the driver's default of 30 s.
			c.MaxTransactionRetryTime = 5 * time.Second
		})
	if err != nil {
		// The driver's message may quote the URI: never its password.
		return nil, kg.Errorf(kg.EINVALID, "NEO4J_URI %q: %s", RedactURI(cfg.URI), strings.ReplaceAll(err.Error(), cfg.URI, RedactURI(cfg.URI)))
	}
	return &Store{driver: driver, database: cfg.Database}, nil
}

// Close releases the connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping checks that the database answers a query. Returns kg.EUNAVAILABLE
// when it does not.
func (s *Store) Ping(ctx context.Context) error {
	_, err := neo4j.ExecuteQuery(ctx, s.driver, "RETURN 1", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithReadersRouting())
	return wrap(err)
}

// wrap turns driver errors into domain errors: connectivity and auth
// become EUNAVAILABLE with a message that names no address.
func wrap(err error) error {
	if err == nil {
		return nil
	}
	var ke *kg.Error
	if errors.As(err, &ke) {
		return err
	}
	var connErr *neo4j.ConnectivityError
	var usageErr *neo4j.UsageError
	var neoErr *neo4j.Neo4jError
	var retriesErr *neo4j.TransactionExecutionLimit
	var authErr *neo4j.InvalidAuthenticationError
	switch {
	case errors.As(err, &neoErr) && strings.HasPrefix(neoErr.Code, "Neo.ClientError.Transaction.TransactionTimedOut"):
		return kg.Timeout(err) // the timeout a request's deadline gave the transaction
	case errors.As(err, &connErr), errors.As(err, &retriesErr), errors.As(err, &authErr), errors.Is(err, context.DeadlineExceeded):
		return &unavailable{cause: err}
	case errors.As(err, &neoErr) && (neoErr.Classification() == "TransientError" || neoErr.Code == "Neo.ClientError.Security.Unauthorized"):
		return &unavailable{cause: err}
	case errors.As(err, &usageErr):
		return fmt.Errorf("neo4j usage: %w", err)
	}
	return fmt.Errorf("neo4j: %w", err)
}

// unavailable is a kg.EUNAVAILABLE error that keeps the driver's error for
// the operator's log.
type unavailable struct{ cause error }

func (u *unavailable) Error() string { return "the graph store is unavailable: " + u.cause.Error() }
func (u *unavailable) Unwrap() []error {
	return []error{kg.Errorf(kg.EUNAVAILABLE, "The graph store is unavailable."), u.cause}
}
