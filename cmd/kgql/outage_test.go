package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/neo4jlocal"
	"github.com/kgql/kgql/internal/neo4jtest"
	"github.com/kgql/kgql/internal/testwait"
)

// ownNeo4j returns the launcher whose Neo4j NEO4J_URI names (make test
// starts it), and its port, so that a test may stop and start it; it
// ends the test when NEO4J_URI names another Neo4j.
func ownNeo4j(t *testing.T) (neo4jlocal.Launcher, int) {
	t.Helper()
	cfg := neo4jtest.Config(t)
	l := neo4jlocal.Launcher{Script: "../../scripts/neo4j.sh", Stderr: io.Discard}
	port, err := l.Owns(context.Background(), cfg.URI)
	if err != nil {
		if os.Getenv("KGQL_REQUIRE_NEO4J") != "" {
			t.Fatalf("this test stops and starts the launcher's Neo4j: %v", err)
		}
		t.Skipf("stops and starts the launcher's Neo4j: %v", err)
	}
	return l, port
}

// outcome is what one query got, and when.
type outcome struct {
	start, end time.Time
	code       string // "" for an answer
}

// queryRun is queries sent from a few clients until stop is closed, with
// their outcomes.
type queryRun struct {
	mu  sync.Mutex
	out []outcome
	wg  sync.WaitGroup
}

// queryLoad starts sending queries to addr until stop is closed.
func queryLoad(addr string, stop <-chan struct{}) *queryRun {
	l := &queryRun{}
	for range 4 {
		l.wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				start := time.Now()
				code := ask(addr, `{ entity(id: "org/pta") { name } }`)
				l.mu.Lock()
				l.out = append(l.out, outcome{start, time.Now(), code})
				l.mu.Unlock()
			}
		})
	}
	return l
}

// answeredSince counts the queries that started at or after t and have
// been answered.
func (l *queryRun) answeredSince(t time.Time) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, o := range l.out {
		if !o.start.Before(t) {
			n++
		}
	}
	return n
}

// outcomes waits for the clients to stop (stop closed) and returns every
// outcome.
func (l *queryRun) outcomes() []outcome {
	l.wg.Wait()
	return l.out
}

// ask posts a query and returns the code of its first error ("" for an
// answer), or of a failed request.
func ask(addr, query string) string {
	body, _ := json.Marshal(map[string]string{"query": query})
	res, err := http.Post("http://"+addr+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		return "HTTP: " + err.Error()
	}
	defer res.Body.Close()
	var a answer
	if err := json.NewDecoder(res.Body).Decode(&a); err != nil {
		return "HTTP: " + err.Error()
	}
	return a.code()
}

// TestNeo4jStoppedAndStarted stops the Neo4j kgql serves from while
// clients query it: every query that starts after Neo4j stopped answers
// UNAVAILABLE in under a second, /readyz turns 503 within two seconds
// and says Neo4j is unreachable (at its URI), a kgql started meanwhile
// serves /healthz and says the same, and once Neo4j is started again both
// serve, the first without a restart.
func TestNeo4jStoppedAndStarted(t *testing.T) {
	neo4jtest.Open(t)
	launcher, port := ownNeo4j(t)
	if err := run(context.Background(), []string{"load", "../../seed"}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	first := startKgql(t, nil)
	waitReady(t, first.addr)
	whoChairsPTA(t, first.addr)

	stop := make(chan struct{})
	queries := queryLoad(first.addr, stop)
	t.Cleanup(func() { // later tests need Neo4j, whatever happened here
		if err := launcher.Up(port); err != nil {
			t.Error(err)
		}
	})
	if err := launcher.Down(); err != nil {
		close(stop)
		t.Fatal(err)
	}
	stopped := time.Now()
	took := testwait.Until(t, "/readyz turns 503", 2*time.Second, func() bool {
		status, _ := readyz(t, first.addr)
		return status == http.StatusServiceUnavailable
	})
	t.Logf("/readyz answered 503 %s after Neo4j stopped", took.Round(time.Millisecond))
	if _, body := readyz(t, first.admin); !strings.Contains(body, "is unreachable") || !strings.Contains(body, "bolt://127.0.0.1:") {
		t.Errorf("/readyz does not say that Neo4j is unreachable, at its URI: %s", body)
	}
	const enough = 40 // queries against a stopped Neo4j
	testwait.Until(t, "queries answered with Neo4j stopped", 60*time.Second, func() bool { return queries.answeredSince(stopped) >= enough })
	close(stop)
	var failed, slowest time.Duration
	n := 0
	for _, o := range queries.outcomes() {
		if o.start.Before(stopped) {
			continue
		}
		n++
		if o.code != "UNAVAILABLE" {
			t.Fatalf("a query with Neo4j stopped got %q, want UNAVAILABLE", o.code)
		}
		if d := o.end.Sub(o.start); d > slowest {
			slowest = d
		}
		if failed == 0 {
			failed = o.end.Sub(stopped)
		}
	}
	if n == 0 || slowest >= time.Second || failed >= time.Second {
		t.Fatalf("with Neo4j stopped: %d queries, the first failed %s after the stop, the slowest took %s; want each under 1 s", n, failed, slowest)
	}
	t.Logf("with Neo4j stopped: %d queries UNAVAILABLE, the slowest in %s", n, slowest.Round(time.Millisecond))

	second := startKgql(t, nil) // started while Neo4j is down
	testwait.Until(t, "the second kgql serves /healthz", 10*time.Second, func() bool {
		res, err := http.Get("http://" + second.addr + "/healthz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	})
	if status, body := readyz(t, second.admin); status != http.StatusServiceUnavailable || !strings.Contains(body, "is unreachable") {
		t.Errorf("/readyz of a kgql started before Neo4j: %d %s", status, body)
	}
	if a, _ := graphql(t, second.addr, `{ entity(id: "org/pta") { name } }`); a.code() != "UNAVAILABLE" {
		t.Errorf("a query to a kgql started before Neo4j: %+v, want UNAVAILABLE", a)
	}
	second.waitLog(t, "is unreachable", 10*time.Second)

	if err := launcher.Up(port); err != nil {
		t.Fatal(err)
	}
	for _, p := range []*process{first, second} {
		took := testwait.Until(t, "kgql serves again", 10*time.Second, func() bool {
			status, _ := readyz(t, p.addr)
			return status == http.StatusOK
		})
		t.Logf("ready %s after Neo4j answered again", took.Round(time.Millisecond))
		if got := whoChairsPTA(t, p.addr); got != "Hafeez Ur Rehman" {
			t.Errorf("PTA is chaired by %q", got)
		}
		p.waitLog(t, "Neo4j answers again", 10*time.Second)
	}
	if first.cmd.ProcessState != nil {
		t.Error("the first kgql exited")
	}
	// The outage is in the log when it begins, when its cause changes
	// (Neo4j shutting down and starting flaps between a few) and when
	// it ends, with the count of what it refused: not a line per refused
	// request (a log that did wrote 71,057 in 50 s).
	var errorLines, began int
	var ended string
	for line := range strings.SplitSeq(first.log.String(), "\n") {
		switch {
		case strings.Contains(line, "level=ERROR"):
			errorLines++
		case strings.Contains(line, "Neo4j is unavailable"):
			began++
		case strings.Contains(line, "Neo4j answers again"):
			ended = line
		}
	}
	refused := regexp.MustCompile(`refused=(\d+)`).FindStringSubmatch(ended)
	if errorLines != 0 || began == 0 || began > 10 || refused == nil || refused[1] == "0" {
		t.Errorf("%d queries refused: %d lines at ERROR, the outage began %d times, it ended with %q; want no ERROR, a beginning and at most a few changes of cause, an end with the refused count\n%s", n, errorLines, began, ended, first.log.String())
	}
}

// TestWrongPassword: kgql with a password Neo4j refuses serves /healthz,
// and its log, /readyz and `kgql load` say that Neo4j refused
// authentication (not that Neo4j may be down).
func TestWrongPassword(t *testing.T) {
	neo4jtest.Config(t)
	p := startKgql(t, []string{"NEO4J_PASSWORD=not-the-password"})
	p.waitLog(t, `refused authentication for user \"neo4j\"`, 10*time.Second)
	p.waitLog(t, "msg=serving", 10*time.Second) // the cause may be logged before kgql listens
	status, body := readyz(t, p.admin)
	if status != http.StatusServiceUnavailable || !strings.Contains(body, "refused authentication") || strings.Contains(body, "not-the-password") {
		t.Errorf("the admin listener's /readyz: %d %s", status, body)
	}
	// The public one says not ready, and nothing of Neo4j's host or user.
	if status, body := readyz(t, p.addr); status != http.StatusServiceUnavailable || strings.Contains(body, "neo4j") || strings.Contains(body, "127.0.0.1") {
		t.Errorf("the public /readyz: %d %s", status, body)
	}
	if a, _ := graphql(t, p.addr, `{ entity(id: "org/pta") { name } }`); a.code() != "UNAVAILABLE" {
		t.Errorf("a query: %+v, want UNAVAILABLE", a)
	}
	if strings.Contains(p.log.String(), "Is Neo4j running") {
		t.Errorf("the log sends the operator after a Neo4j that runs:\n%s", p.log.String())
	}

	l := startKgql(t, []string{"NEO4J_PASSWORD=not-the-password"}, "load", "../../seed")
	if status := l.waitExit(t, 30*time.Second); status != 1 || !strings.Contains(l.log.String(), "refused authentication") || strings.Contains(l.log.String(), "Is Neo4j running") {
		t.Errorf("kgql load with a wrong password: exit status %d\n%s", status, l.log.String())
	}
}

// TestLockedStore: an embedded store held by a running kgql is locked:
// `kgql load --data` into it fails saying so, a second kgql on it says so
// in its log and on /readyz, answers UNAVAILABLE, and serves once the
// first one has stopped.
func TestLockedStore(t *testing.T) {
	dir := t.TempDir()
	first := startKgql(t, []string{"NEO4J_URI="}, "--data", dir)
	waitReady(t, first.addr)

	l := startKgql(t, []string{"NEO4J_URI="}, "load", "--data", dir, "../../seed")
	if status := l.waitExit(t, 30*time.Second); status != 1 || !strings.Contains(l.log.String(), "is locked by another process") || strings.Contains(l.log.String(), "Neo4j") {
		t.Errorf("kgql load --data into a served store: exit status %d\n%s", status, l.log.String())
	}

	second := startKgql(t, []string{"NEO4J_URI="}, "--data", dir)
	second.waitLog(t, "is locked by another process", 10*time.Second)
	second.waitLog(t, "msg=serving", 10*time.Second) // the cause may be logged before kgql listens
	status, body := readyz(t, second.admin)
	if status != http.StatusServiceUnavailable || !strings.Contains(body, "is locked by another process") {
		t.Errorf("/readyz of the second kgql: %d %s", status, body)
	}
	if a, _ := graphql(t, second.addr, `{ entity(id: "org/pta") { name } }`); a.code() != "UNAVAILABLE" {
		t.Errorf("a query to the second kgql: %+v, want UNAVAILABLE", a)
	}
	first.kill()
	took := testwait.Until(t, "the second kgql serves", 15*time.Second, func() bool {
		status, _ := readyz(t, second.addr)
		return status == http.StatusOK
	})
	t.Logf("the second kgql served %s after the first stopped", took.Round(time.Millisecond))
	if got := whoChairsPTA(t, second.addr); got != "Hafeez Ur Rehman" {
		t.Errorf("PTA is chaired by %q", got)
	}
}
