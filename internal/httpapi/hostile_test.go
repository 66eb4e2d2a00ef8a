package httpapi_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/httpapi"
	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/observe"
	"github.com/kgql/kgql/internal/testwait"
)

// The hostile clients of issue 10, against the real handler behind the
// real http.Server and listener (httpapi.Server) with small limits. No
// verdict waits for a sleep: each waits for its condition, with a
// deadline.

// serveReal serves the API as kgql does, on a port of its own.
func serveReal(t *testing.T, store kg.Store, cfg httpapi.Config, log io.Writer) string {
	t.Helper()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, limited := httpapi.Server(httpapi.New(store, slog.New(slog.NewTextHandler(log, nil)), cfg, observe.New(observe.Options{})), ln, cfg)
	go srv.Serve(limited)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

// syncLog is a log that tests read while the server writes it.
type syncLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// lines are the log's lines that contain every one of the words.
func (l *syncLog) lines(words ...string) []string {
	var out []string
	for _, line := range strings.Split(l.String(), "\n") {
		all := line != ""
		for _, w := range words {
			all = all && strings.Contains(line, w)
		}
		if all {
			out = append(out, line)
		}
	}
	return out
}

func postQuery(ctx context.Context, url, query string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, "POST", url+"/graphql", strings.NewReader(`{"query": `+quote(query)+`}`))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	return testClient.Do(req)
}

// TestHeldConnectionsDoNotKeepClientsOut: connections that are opened and
// never used, ten times more than the cap, neither exhaust the server
// nor keep a new client out, and the server holds at most its cap open.
func TestHeldConnectionsDoNotKeepClientsOut(t *testing.T) {
	cfg := testDefaults()
	cfg.MaxConns, cfg.MaxInFlight = 20, 10
	cfg.ReadHeaderTimeout = time.Hour // only making room closes them
	url := serveReal(t, seeded(t), cfg, io.Discard)
	const held = 200
	var closed atomic.Int64
	for range held {
		c, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		go func() { // counts the connections the server closes
			c.Read(make([]byte, 1))
			closed.Add(1)
		}()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := postQuery(ctx, url, `{ entity(id: "org/pta") { name } }`)
	if err != nil {
		t.Fatalf("a new client behind %d held connections: %v", held, err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "Pakistan Telecommunication Authority") {
		t.Fatalf("a new client behind %d held connections: %d %s", held, res.StatusCode, body)
	}
	// The new client's connection made room too: all but cap-1 held are closed.
	testwait.Until(t, "the server closes held connections beyond its cap", 10*time.Second, func() bool { return closed.Load() >= held-int64(cfg.MaxConns)+1 })
}

// TestSlowReaderIsFreedByTheWriteTimeout: a client that asks for a large
// answer and never reads it holds its request only until the write
// timeout; then the request ends (its log line is written) and the
// connection is closed.
func TestSlowReaderIsFreedByTheWriteTimeout(t *testing.T) {
	cfg := testDefaults()
	// The answer takes well under the request's deadline to build, even
	// on a loaded machine; its writing outlasts the write timeout.
	cfg.RequestTimeout, cfg.WriteTimeout = 5*time.Second, 6*time.Second
	cfg.MaxAliases, cfg.MaxCost, cfg.MaxTokens = 1000, 1<<30, 20000 // a large answer
	log := &syncLog{}
	url := serveReal(t, seeded(t), cfg, log)
	query := aliasedInFragments(600, "__schema { ...T }") + " fragment T on __Schema { types { name description fields { name description args { name description } } } }"
	body := `{"query": ` + quote(query) + `}`

	c, err := net.DialTCP("tcp", nil, mustResolve(t, strings.TrimPrefix(url, "http://")))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// A receive buffer of its own (no autotuning to the whole answer), yet
	// above loopback's segment size, so that reading it later is quick.
	c.SetReadBuffer(1 << 20)
	fmt.Fprintf(c, "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	// Never read. The request ends by the write timeout: its line is logged.
	testwait.Until(t, "the request of a client that does not read ends", 2*time.Minute, func() bool { return len(log.lines("msg=request", "path=/graphql")) == 1 })
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	var head bytes.Buffer
	n, err := io.Copy(io.MultiWriter(io.Discard, &limitedBuffer{&head, 300}), c) // what was sent before the timeout, then the close
	if err != nil {
		t.Errorf("the connection was not closed after %d bytes (%q): %v", n, head.String(), err)
	}
	if n > 20<<20 {
		t.Errorf("the whole answer (%d bytes) was sent: the test proves nothing", n)
	}
}

func mustResolve(t *testing.T, addr string) *net.TCPAddr {
	a, err := net.ResolveTCPAddr("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestInFlightCap: beyond MaxInFlight requests at once, a request is
// refused at once with 503, Retry-After and a code; the others are
// served.
func TestInFlightCap(t *testing.T) {
	cfg := testDefaults()
	cfg.MaxInFlight = 2
	store := watch(seeded(t)).gated()
	url := serveReal(t, store, cfg, io.Discard)
	statuses := make(chan int, cfg.MaxInFlight)
	for range cfg.MaxInFlight {
		go func() {
			res, err := postQuery(context.Background(), url, `{ entity(id: "org/pta") { name } }`)
			if err != nil {
				statuses <- 0
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			statuses <- res.StatusCode
		}()
	}
	for range cfg.MaxInFlight {
		select {
		case <-store.entered:
		case <-time.After(10 * time.Second):
			t.Fatal("the requests within the cap did not reach the store")
		}
	}
	x := postJSON(t, url, `{"query": "{ entity(id: \"org/pta\") { name } }"}`)
	if x.status != http.StatusServiceUnavailable || x.header.Get("Retry-After") != "1" || x.r.code() != "OVERLOADED" ||
		x.r.Errors[0].Extensions["max"] != float64(cfg.MaxInFlight) {
		t.Errorf("a request beyond the cap: %d %q %s", x.status, x.header.Get("Retry-After"), x.body)
	}
	store.release()
	for range cfg.MaxInFlight {
		if s := <-statuses; s != http.StatusOK {
			t.Errorf("a request within the cap: %d", s)
		}
	}
	if x := postJSON(t, url, `{"query": "{ entity(id: \"org/pta\") { name } }"}`); x.status != http.StatusOK {
		t.Errorf("after the flood: %d %s", x.status, x.body)
	}
}

// TestRequestDeadline: a request whose store work outlasts the deadline
// ends at it with TIMEOUT, its store calls cancelled, and one log line
// at INFO that says so (no ERROR).
func TestRequestDeadline(t *testing.T) {
	cfg := testDefaults()
	cfg.RequestTimeout = 300 * time.Millisecond
	store := watch(seeded(t)).gated() // never released: the store would hold every call
	log := &syncLog{}
	url := serveReal(t, store, cfg, log)
	start := time.Now()
	x := postJSON(t, url, `{"query": "{ a: entity(id: \"org/pta\") { name } b: stats { entities } }"}`)
	if x.status != http.StatusOK || len(x.r.Errors) != 2 || x.r.code() != "TIMEOUT" {
		t.Fatalf("a request past its deadline: %d %s", x.status, x.body)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("the request took %s", took)
	}
	for range 2 {
		if err := <-store.ended; !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("a store call ended by %v", err)
		}
	}
	testwait.Until(t, "the request is logged", 5*time.Second, func() bool { return len(log.lines("msg=request")) == 1 })
	if lines := log.lines("level=INFO", "msg=request", "timedOut=true"); len(lines) != 1 || strings.Contains(log.String(), "level=ERROR") {
		t.Errorf("the log of a request past its deadline:\n%s", log.String())
	}
}

// TestClientGoneCancelsItsWork: when a client goes away, the store work
// of its request is cancelled, and the request is one log line at INFO,
// not one error per field.
func TestClientGoneCancelsItsWork(t *testing.T) {
	cfg := testDefaults()
	store := watch(seeded(t)).gated()
	log := &syncLog{}
	url := serveReal(t, store, cfg, log)
	var q strings.Builder
	q.WriteString("{")
	for i := range cfg.MaxAliases {
		fmt.Fprintf(&q, ` a%d: entity(id: "org/pta") { name }`, i)
	}
	q.WriteString(" }")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if res, err := postQuery(ctx, url, q.String()); err == nil {
			res.Body.Close()
		}
	}()
	for range cfg.MaxAliases {
		select {
		case <-store.entered:
		case <-time.After(10 * time.Second):
			t.Fatal("the request's fields did not reach the store")
		}
	}
	cancel() // the client goes away
	<-done
	for range cfg.MaxAliases {
		select {
		case err := <-store.ended:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("a store call ended by %v, want the client's cancellation", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the store work of a client that went away goes on")
		}
	}
	testwait.Until(t, "the request is logged", 5*time.Second, func() bool { return len(log.lines("msg=request")) == 1 })
	if lines := log.lines("level=INFO", "msg=request", "cancelled=true"); len(lines) != 1 || strings.Count(log.String(), "\n") != 1 {
		t.Errorf("the log of a cancelled request is not one line at INFO:\n%s", log.String())
	}
}

// postJSON posts a JSON body to url's /graphql.
func postJSON(t *testing.T, url, body string) *exchange {
	t.Helper()
	return sendRaw(t, url, "POST", body, map[string]string{"Content-Type": "application/json"})
}

// limitedBuffer keeps the first max bytes written to it.
type limitedBuffer struct {
	b   *bytes.Buffer
	max int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := l.max - l.b.Len(); room > 0 {
		l.b.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// TestDeadlineBeforeTheAnswer: a request whose deadline passes while its
// answer is built (no store call to notice it) gets TIMEOUT, not an
// empty answer.
func TestDeadlineBeforeTheAnswer(t *testing.T) {
	cfg := testDefaults()
	cfg.RequestTimeout = time.Nanosecond
	x := postJSON(t, serveReal(t, seeded(t), cfg, io.Discard), `{"query": "{ __schema { types { name } } }"}`)
	if x.status != http.StatusOK || x.r.code() != "TIMEOUT" || x.r.Data != nil {
		t.Errorf("an answer past its deadline: %d %s", x.status, x.body)
	}
}

// TestHeaderLimit: a request line and header past MaxHeaderBytes (and
// the 4 KiB net/http allows beyond it) are refused (431) before the
// handler sees them.
func TestHeaderLimit(t *testing.T) {
	cfg := testDefaults()
	url := serveReal(t, seeded(t), cfg, io.Discard)
	x := sendRaw(t, url, "POST", `{"query": "{ __typename }"}`, map[string]string{"Content-Type": "application/json", "X-Pad": strings.Repeat("a", cfg.MaxHeaderBytes+8<<10)})
	if x.status != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("a header of %d bytes: %d", cfg.MaxHeaderBytes+8<<10, x.status)
	}
	if x := sendRaw(t, url, "POST", `{"query": "{ __typename }"}`, map[string]string{"Content-Type": "application/json", "X-Pad": strings.Repeat("a", cfg.MaxHeaderBytes/2)}); x.status != http.StatusOK {
		t.Errorf("a header of %d bytes: %d", cfg.MaxHeaderBytes/2, x.status)
	}
}
