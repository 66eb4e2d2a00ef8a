package neo4jstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jstore"
	"github.com/kgql/kgql/internal/neo4jtest"
	"github.com/kgql/kgql/internal/testwait"
)

// slowStatement runs for minutes on any machine; marker finds it among
// Neo4j's transactions.
const (
	marker        = "kgql-deadline-test"
	slowStatement = "/* " + marker + " */ UNWIND range(1, 100000000000) AS x RETURN sum(x) AS s"
)

// running reports whether Neo4j still runs the slow statement.
func running(t *testing.T) bool {
	t.Helper()
	rows := neo4jtest.Query(t, "SHOW TRANSACTIONS YIELD currentQuery, transactionId WHERE currentQuery CONTAINS $marker AND NOT currentQuery CONTAINS 'SHOW' RETURN transactionId",
		map[string]any{"marker": marker})
	return len(rows) > 0
}

// readInBackground runs the slow statement through the store's read path
// and returns the channel of its error.
func readInBackground(ctx context.Context, s *neo4jstore.Store) <-chan error {
	done := make(chan error, 1)
	go func() {
		_, err := neo4jstore.Read(s, ctx, slowStatement, nil)
		done <- err
	}()
	return done
}

// TestReadEndsAtItsDeadline: a read past its context's deadline fails
// with TIMEOUT, and Neo4j no longer runs it: the deadline was the
// transaction's timeout.
func TestReadEndsAtItsDeadline(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	done := readInBackground(ctx, s)
	var err error
	select {
	case err = <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("the read did not end at its deadline")
	}
	if kg.ErrorCode(err) != kg.ETIMEOUT {
		t.Fatalf("a read past its deadline: %v, want %s", err, kg.ETIMEOUT)
	}
	testwait.Until(t, "Neo4j stops the statement", 10*time.Second, func() bool { return !running(t) })
}

// TestDeadlineIsTheTransactionTimeout: a read under a deadline runs in a
// transaction with a timeout, which Neo4j applies itself, whatever
// becomes of the connection, and whose end is a TIMEOUT. (The timeout is
// shortened below the context's deadline here, so that Neo4j, not the
// context, ends the read.)
func TestDeadlineIsTheTransactionTimeout(t *testing.T) {
	s := neo4jtest.Open(t)
	defer neo4jstore.ShortenTxTimeouts(300 * time.Millisecond)()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	err := <-readInBackground(ctx, s)
	var neoErr *neo4j.Neo4jError
	if kg.ErrorCode(err) != kg.ETIMEOUT || !errors.As(err, &neoErr) || ctx.Err() != nil {
		t.Fatalf("a read past its transaction's timeout: %v, want %s from Neo4j", err, kg.ETIMEOUT)
	}
	if running(t) {
		t.Error("Neo4j still runs the statement")
	}
}

// TestCancelledReadStopsItsStatement: when the caller goes away while
// Neo4j runs a statement, the read returns the context's error and
// Neo4j stops the statement.
func TestCancelledReadStopsItsStatement(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := readInBackground(ctx, s)
	testwait.Until(t, "Neo4j runs the statement", 30*time.Second, func() bool { return running(t) })
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("a cancelled read: %v, want context.Canceled", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the read did not end when its caller went away")
	}
	testwait.Until(t, "Neo4j stops the statement", 10*time.Second, func() bool { return !running(t) })
}

// TestReadWithoutDeadline: a read without a deadline is given no timeout.
func TestReadWithoutDeadline(t *testing.T) {
	s := neo4jtest.Open(t)
	if _, err := neo4jstore.Read(s, context.Background(), "RETURN 1", nil); err != nil {
		t.Fatal(err)
	}
}
