package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/testwait"
)

// TestMain lets the test binary act as kgql itself (KGQL_TEST_MAIN=1), so
// that a test can run it as a process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("KGQL_TEST_MAIN") == "1" {
		if os.Getenv(holdEnv) != "" {
			wrapStore = func(s kg.Store) kg.Store { return &heldStore{Store: s} }
		}
		main()
		return
	}
	// Tests start several kgqls at once: each admin listener on a port
	// of its own (the processes they start inherit it).
	// and the budgets off: a test is one client sending many requests
	// at once (internal/httpapi tests the budgets).
	for env, v := range map[string]string{"KGQL_ADMIN_ADDR": "127.0.0.1:0", "KGQL_REQUESTS_PER_SECOND": "0", "KGQL_COST_PER_SECOND": "0", "KGQL_MAX_COST_IN_FLIGHT": "0"} {
		if os.Getenv(env) == "" {
			os.Setenv(env, v)
		}
	}
	os.Exit(m.Run())
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func waitReady(t *testing.T, addr string) {
	t.Helper()
	testwait.Until(t, "kgql on "+addr+" ready", 30*time.Second, func() bool {
		res, err := http.Get("http://" + addr + "/readyz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	})
}

// whoChairsPTA asks the API the README's first question.
func whoChairsPTA(t *testing.T, addr string) string {
	t.Helper()
	body := `{"query": "{ entity(id: \"org/pta\") { relations(filter: {types: [HOLDS_POSITION]}) { edges { node { name } } } } }"}`
	res, err := http.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var r struct {
		Data struct {
			Entity struct {
				Relations struct {
					Edges []struct{ Node struct{ Name string } }
				}
			}
		}
	}
	b, _ := io.ReadAll(res.Body)
	if err := json.Unmarshal(b, &r); err != nil || len(r.Data.Entity.Relations.Edges) != 1 {
		t.Fatalf("answer: %s", b)
	}
	return r.Data.Entity.Relations.Edges[0].Node.Name
}

// TestServeEmbeddedByDefault: with no NEO4J_URI, kgql serves the built-in
// seed from the embedded store, says so right after the build, and stops cleanly.
func TestServeEmbeddedByDefault(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	t.Chdir(t.TempDir()) // the seed comes from the binary, not ./seed
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &lockedWriter{w: new(bytes.Buffer)}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"--addr", addr}, io.Discard, stderr) }()
	waitReady(t, addr)
	if got := whoChairsPTA(t, addr); got != "Hafeez Ur Rehman" {
		t.Errorf("PTA is chaired by %q", got)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	// The first line is the build (TestVersion); the next names the store.
	lines := strings.SplitN(stderr.String(), "\n", 3)
	if len(lines) < 2 || !strings.Contains(lines[0], "msg=kgql version=") || !strings.Contains(lines[1], "store: embedded") || !strings.Contains(lines[1], "make -s neo4j-up") || !strings.Contains(lines[1], "mutations are lost at exit; --data DIR keeps them") {
		t.Errorf("the first log lines must give the build, then name the store, that its writes are lost at exit, and how to use Neo4j:\n%s", strings.Join(lines[:min(2, len(lines))], "\n"))
	}
}

// TestEmbeddedDataSurvivesKill: with --data, the graph is on disk; after
// kill -9 the next start serves it without loading the seed again.
func TestEmbeddedDataSurvivesKill(t *testing.T) {
	dir := t.TempDir()
	start := func() (*exec.Cmd, *lockedWriter, string) {
		addr := freeAddr(t)
		cmd := exec.Command(os.Args[0], "--addr", addr, "--data", dir)
		cmd.Env = append(os.Environ(), "KGQL_TEST_MAIN=1", "NEO4J_URI=")
		log := &lockedWriter{w: new(bytes.Buffer)}
		cmd.Stderr = log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		waitReady(t, addr)
		return cmd, log, addr
	}
	cmd, log, addr := start()
	whoChairsPTA(t, addr)
	if !strings.Contains(log.String(), "loaded the built-in seed") {
		t.Fatalf("first start should load the seed:\n%s", log.String())
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	_, log, addr = start()
	if got := whoChairsPTA(t, addr); got != "Hafeez Ur Rehman" {
		t.Errorf("after kill -9: PTA is chaired by %q", got)
	}
	if strings.Contains(log.String(), "loaded the built-in seed") || !strings.Contains(log.String(), "embedded store holds a graph") {
		t.Errorf("the second start should find the graph on disk:\n%s", log.String())
	}
}

// lockedWriter lets a test read a log that a goroutine or a process
// writes.
type lockedWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
	// grew is closed, and replaced, by every write: waitLog waits on it.
	grew chan struct{}
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.grew != nil {
		close(l.grew)
	}
	l.grew = make(chan struct{})
	return l.w.Write(p)
}

// holds reports whether the text holds s, and returns the channel that
// the next write closes.
func (l *lockedWriter) holds(s string) (bool, <-chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.grew == nil {
		l.grew = make(chan struct{})
	}
	return strings.Contains(l.w.String(), s), l.grew
}

func (l *lockedWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.String()
}
