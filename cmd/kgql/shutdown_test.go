package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	osexec "os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/httpapi"
	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/testwait"
)

// holdEnv, set for the tests' kgql process, makes its store hold every
// Stats call (heldStore) until a line arrives on its stdin: a request in
// flight for as long as the test wants, without timing.
const holdEnv = "KGQL_TEST_HOLD_STATS"

type heldStore struct{ kg.Store }

var stdinLines = bufio.NewReader(os.Stdin)

func (h *heldStore) Stats(ctx context.Context, q kg.StatsQuery) (*kg.Stats, error) {
	fmt.Fprintln(os.Stderr, "held in Stats")
	released := make(chan error, 1)
	go func() {
		_, err := stdinLines.ReadString('\n')
		released <- err
	}()
	select {
	case err := <-released:
		if err != nil {
			return nil, err
		}
		return h.Store.Stats(ctx, q)
	case <-ctx.Done():
		fmt.Fprintln(os.Stderr, "Stats cancelled")
		return nil, kg.ContextError(ctx)
	}
}

// heldKgql starts kgql on the embedded store kept in a new directory,
// holding Stats calls until release is written to; it returns the
// process, its stdin and the directory.
func heldKgql(t *testing.T, args ...string) (*process, io.WriteCloser, string) {
	t.Helper()
	dir := t.TempDir()
	p := &process{log: &lockedWriter{w: new(bytes.Buffer)}, addr: freeAddr(t)}
	p.cmd = osexec.Command(os.Args[0], append([]string{"--addr", p.addr, "--data", dir}, args...)...)
	p.cmd.Env = append(os.Environ(), "KGQL_TEST_MAIN=1", "NEO4J_URI=", holdEnv+"=1")
	p.cmd.Stderr, p.cmd.Stdout = p.log, p.log
	stdin, err := p.cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.kill)
	waitReady(t, p.addr)
	return p, stdin, dir
}

// statsInFlight posts a Stats query and returns where its status (or the
// error that cut it) arrives, once kgql holds it in the store.
func statsInFlight(t *testing.T, p *process) <-chan string {
	t.Helper()
	result := make(chan string, 1)
	go func() {
		res, err := http.Post("http://"+p.addr+"/graphql", "application/json", strings.NewReader(`{"query": "{ stats { entities } }"}`))
		if err != nil {
			result <- "error: " + err.Error()
			return
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		result <- fmt.Sprintf("%d %s", res.StatusCode, body)
	}()
	p.waitLog(t, "held in Stats", 30*time.Second)
	return result
}

// refused waits until a new connection to addr is refused (the listener
// closed), failing after timeout.
func refused(t *testing.T, addr string, timeout time.Duration) {
	t.Helper()
	testwait.Until(t, addr+" refuses connections", timeout, func() bool {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			return false
		}
		if errors.Is(err, syscall.ECONNRESET) {
			// Queued in the backlog as the listener closed: it is closing,
			// not closed yet; the next dial tells.
			return false
		}
		if !errors.Is(err, syscall.ECONNREFUSED) {
			t.Fatalf("dial %s: %v, want connection refused", addr, err)
		}
		return true
	})
}

// reopen checks that kgql closed the embedded store's file before it
// exited (its log says so after the shutdown ended), and that the file
// can be opened again.
func reopen(t *testing.T, p *process, dir string) {
	t.Helper()
	log := p.log.String()
	if stopped, closed := strings.Index(log, `msg="stopped`), strings.Index(log, `msg="closed the store"`); stopped < 0 || closed < stopped {
		t.Errorf("the log does not say the store closed after the shutdown:\n%s", log)
	}
	s, err := memstore.Open(dir)
	if err != nil {
		t.Fatalf("the store file is not closed: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestShutdownFinishesRequestInFlight: a request is in flight (held in the
// store) when SIGTERM arrives: /readyz answers 503 "shutting down" during
// the drain delay, which a second SIGTERM ends; then new connections are
// refused, the request still completes with 200, kgql exits 0 and its
// store file is closed.
func TestShutdownFinishesRequestInFlight(t *testing.T) {
	p, release, dir := heldKgql(t, "--drain-delay", "1h", "--shutdown-grace", "1h")
	result := statsInFlight(t, p)
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var body string
	testwait.Until(t, "/readyz answers 503 after SIGTERM", 30*time.Second, func() bool {
		var status int
		status, body = readyz(t, p.addr)
		return status == http.StatusServiceUnavailable
	})
	if !strings.Contains(body, `"reason":"`+httpapi.DrainingReason+`"`) {
		t.Errorf("/readyz while shutting down: %s", body)
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil { // ends the drain delay
		t.Fatal(err)
	}
	refused(t, p.addr, 30*time.Second)
	select {
	case r := <-result:
		t.Fatalf("the request in flight ended before it was released: %s", r)
	default:
	}
	if _, err := io.WriteString(release, "go\n"); err != nil {
		t.Fatal(err)
	}
	if r := <-result; !strings.HasPrefix(r, "200 ") || !strings.Contains(r, `"entities":46`) {
		t.Errorf("the request in flight: %s", r)
	}
	if status := p.waitExit(t, 30*time.Second); status != 0 {
		t.Errorf("exit status %d:\n%s", status, p.log.String())
	}
	reopen(t, p, dir)
}

// TestShutdownGraceExpires: a request held past the grace period is cut
// (its store work cancelled), and kgql still exits 0 with its store file
// closed.
func TestShutdownGraceExpires(t *testing.T) {
	p, _, dir := heldKgql(t, "--shutdown-grace", "100ms")
	result := statsInFlight(t, p)
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if r := <-result; !strings.HasPrefix(r, "error: ") {
		t.Errorf("the request held past the grace period was answered: %s", r)
	}
	if status := p.waitExit(t, 30*time.Second); status != 0 {
		t.Errorf("exit status %d:\n%s", status, p.log.String())
	}
	if log := p.log.String(); !strings.Contains(log, "Stats cancelled") || !strings.Contains(log, "the grace period expired") {
		t.Errorf("the log does not say the request was cut:\n%s", log)
	}
	reopen(t, p, dir)
}
