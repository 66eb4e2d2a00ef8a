package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgql/kgql/internal/kg"
)

// Reason is why Neo4j cannot be used.
type Reason int

const (
	Other       Reason = iota // a failure of Neo4j's that says to try again later
	Unreachable               // no connection can be opened to it
	AuthRefused               // it refused the user and password
	NoDatabase                // the database is missing or not available
	Broken                    // a connection broke (Neo4j restarted or went away)
	Slow                      // it did not answer in time
)

// Unavailable is a kg.EUNAVAILABLE error that says why, for the operator:
// its Error names Neo4j's URI without credentials and the cause. Users see
// only kg's message ("The graph store is unavailable.").
type Unavailable struct {
	Reason Reason
	What   string // "Neo4j at bolt://host:7687 is unreachable"
	Cause  error
}

func (u *Unavailable) Error() string {
	if u.Cause == nil {
		return u.What
	}
	return u.What + ": " + u.Cause.Error()
}

func (u *Unavailable) Unwrap() []error {
	return []error{kg.Errorf(kg.EUNAVAILABLE, "The graph store is unavailable."), u.Cause}
}

// classify says whether err means that Neo4j cannot be used, and why; ok
// is false for any other error (a bad statement, a caller's deadline, a
// pool exhausted by load).
func classify(err error) (r Reason, ok bool) {
	var limit *neo4j.TransactionExecutionLimit
	var conn *neo4j.ConnectivityError
	var neoErr *neo4j.Neo4jError
	var authErr *neo4j.InvalidAuthenticationError
	var opErr *net.OpError
	var netErr net.Error
	switch {
	case errors.As(err, &limit) && len(limit.Errors) > 0:
		return classify(limit.Errors[len(limit.Errors)-1])
	case errors.As(err, &authErr):
		return AuthRefused, true
	case errors.As(err, &neoErr):
		switch neoErr.Code {
		case "Neo.ClientError.Security.Unauthorized", "Neo.ClientError.Security.AuthenticationRateLimit":
			return AuthRefused, true
		case "Neo.TransientError.General.DatabaseUnavailable", "Neo.ClientError.Database.DatabaseNotFound":
			return NoDatabase, true
		}
		return Other, false
	case errors.As(err, &conn):
		switch {
		case errors.As(conn.Inner, &opErr) && opErr.Op == "dial":
			return Unreachable, true
		case errors.Is(conn.Inner, io.EOF), errors.Is(conn.Inner, io.ErrUnexpectedEOF), errors.As(conn.Inner, &netErr),
			commitLost(err), driverError(conn.Inner, errReadTimeout, errWriteTimeout):
			return Broken, true
		case driverError(conn.Inner, errRoutingTable, errTLS):
			return Unreachable, true
		}
		return Other, false
	case errors.As(err, &opErr) && opErr.Op == "dial":
		return Unreachable, true
	}
	return Other, false
}

// commitLost reports whether err says that the connection died while a
// commit was under way, so that the transaction may or may not have
// committed ("Connection lost during commit: EOF").
func commitLost(err error) bool {
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		return commitLost(limit.Errors[len(limit.Errors)-1])
	}
	var conn *neo4j.ConnectivityError
	if errors.As(err, &conn) {
		err = conn.Inner
	}
	return driverError(err, errCommitDead)
}

// The driver's errors that driverError knows by their type's name.
const (
	errCommitDead   = "CommitFailedDeadError"  // the connection died during a commit
	errReadTimeout  = "ConnectionReadTimeout"  // Neo4j stopped answering
	errWriteTimeout = "ConnectionWriteTimeout" // Neo4j stopped reading
	errRoutingTable = "ReadRoutingTableError"  // no server gave a routing table
	errTLS          = "TlsError"               // the TLS handshake failed
)

var driverErrorNames = []string{errCommitDead, errReadTimeout, errWriteTimeout, errRoutingTable, errTLS}

// driverError reports whether err is one of the driver's errors of the
// named types. They live in its internal errorutil package, which no
// caller can import, and have no Unwrap: their type's name is all there
// is to know them by (TestDriverErrorNames pins the names).
func driverError(err error, names ...string) bool {
	if err == nil {
		return false
	}
	t := fmt.Sprintf("%T", err)
	for _, n := range names {
		if t == "*errorutil."+n {
			return true
		}
	}
	return false
}

// unavailableFor returns the *Unavailable of an error classify recognised.
func (s *Store) unavailableFor(r Reason, err error) *Unavailable {
	at := "Neo4j at " + RedactURI(s.cfg.URI)
	what := map[Reason]string{
		Unreachable: at + " is unreachable",
		AuthRefused: fmt.Sprintf("%s refused authentication for user %q (check NEO4J_USER and NEO4J_PASSWORD)", at, s.cfg.User),
		NoDatabase:  fmt.Sprintf("%s has no available database %q", at, s.database),
		Broken:      "the connection to " + at + " broke",
		Slow:        at + " did not answer in time",
	}[r]
	if what == "" {
		what = at + " is unavailable"
	}
	return &Unavailable{Reason: r, What: what, Cause: rootCause(err)}
}

// rootCause is the error under the driver's wrappers: the last error of
// its one attempt, the network's error under a connectivity error.
func rootCause(err error) error {
	var limit *neo4j.TransactionExecutionLimit
	var conn *neo4j.ConnectivityError
	switch {
	case errors.As(err, &limit) && len(limit.Errors) > 0:
		return rootCause(limit.Errors[len(limit.Errors)-1])
	case errors.As(err, &conn) && conn.Inner != nil:
		return conn.Inner
	}
	return err
}

// wrap turns driver errors into domain errors: what says Neo4j cannot be
// used becomes an *Unavailable (kg.EUNAVAILABLE), as do its transient
// errors and a deadline.
func wrap(err error) error {
	if err == nil {
		return nil
	}
	var ke *kg.Error
	if errors.As(err, &ke) {
		return err
	}
	var limit *neo4j.TransactionExecutionLimit
	var neoErr *neo4j.Neo4jError
	var usageErr *neo4j.UsageError
	switch r, ok := classify(err); {
	case errors.As(err, &neoErr) && strings.HasPrefix(neoErr.Code, "Neo.ClientError.Transaction.TransactionTimedOut"):
		return kg.Timeout(err) // the timeout a request's deadline gave the transaction
	case ok:
		return &Unavailable{Reason: r, What: "the graph store is unavailable", Cause: err}
	case errors.As(err, &limit), errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &neoErr) && neoErr.Classification() == "TransientError":
		return &Unavailable{Reason: Other, What: "the graph store is unavailable", Cause: err}
	case errors.As(err, &usageErr):
		return fmt.Errorf("neo4j usage: %w", err)
	}
	return fmt.Errorf("neo4j: %w", err)
}
