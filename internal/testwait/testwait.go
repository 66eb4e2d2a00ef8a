// Package testwait waits, in tests, for a condition that no event of the
// test announces (a child process listening, Neo4j showing a
// transaction, a connection refused): it checks the condition until it
// holds, and fails the test only when it never held within a generous
// deadline, so that no verdict depends on how fast the machine is.
package testwait

import (
	"testing"
	"time"
)

// poll is how often a condition is checked.
const poll = 10 * time.Millisecond

// Until checks cond until it holds and returns how long that took; it
// fails the test, naming what it waited for, when cond has not held
// within the deadline.
func Until(t testing.TB, what string, within time.Duration, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > within {
			t.Fatalf("%s: not within %s", what, within)
		}
		time.Sleep(poll)
	}
	return time.Since(start)
}
