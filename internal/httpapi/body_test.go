package httpapi_test

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/httpapi"
	"github.com/kgql/kgql/internal/observe"
	"github.com/kgql/kgql/internal/testwait"
)

// slowBodyServer serves the API over a real listener with cfg, and the
// operator's handler (for the in-flight gauge) beside it.
func slowBodyServer(t *testing.T, cfg httpapi.Config) (addr, admin string) {
	t.Helper()
	obs := observe.New(observe.Options{})
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	store := seeded(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, limited := httpapi.Server(httpapi.New(store, log, cfg, obs), ln, cfg)
	go srv.Serve(limited)
	t.Cleanup(func() { srv.Close() })
	a := httptest.NewServer(httpapi.Admin(store, log, cfg, obs))
	t.Cleanup(a.Close)
	return ln.Addr().String(), a.URL
}

// startSlowBody opens a connection that sends a POST's header and the
// first bytes of its body, and no more.
func startSlowBody(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	fmt.Fprintf(c, "POST /graphql HTTP/1.1\r\nHost: kgql\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"query\":")
	return c
}

var inFlight = regexp.MustCompile(`(?m)^kgql_graphql_requests_in_flight (\d+)$`)

// TestSlowBodiesTakeNoSlot: more clients than in-flight slots that send
// their header and part of a body do not keep a normal request out.
func TestSlowBodiesTakeNoSlot(t *testing.T) {
	cfg := testDefaults()
	cfg.MaxInFlight, cfg.MaxConns = 4, 64
	addr, admin := slowBodyServer(t, cfg)
	const slow = 6
	for range slow {
		startSlowBody(t, addr)
	}
	// Served: past the listener, at least as many as there are slots
	// (without readBody the rest are refused, and the gauge stops there).
	testwait.Until(t, "the slow requests are being served", 10*time.Second, func() bool {
		m := inFlight.FindStringSubmatch(scrape(t, admin))
		if m == nil {
			return false
		}
		n, _ := strconv.Atoi(m[1])
		return n >= cfg.MaxInFlight
	})
	res, err := http.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(`{"query": "{ stats { entities } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || strings.Contains(string(body), "errors") {
		t.Fatalf("a normal request beside %d slow bodies (%d slots): %d %s", slow, cfg.MaxInFlight, res.StatusCode, body)
	}
}

// TestTricklingBodyIsCut: a body that arrives slower than the minimum
// rate is answered 408, coded, and its connection closed, long before
// the read timeout.
func TestTricklingBodyIsCut(t *testing.T) {
	cfg := testDefaults()
	cfg.ReadTimeout, cfg.WriteTimeout = time.Hour, 2*time.Hour // the rate cuts it, not these
	addr, _ := slowBodyServer(t, cfg)
	c := startSlowBody(t, addr)
	c.SetReadDeadline(time.Now().Add(time.Minute)) // a failing test's bound, not its verdict
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("no answer to a trickling body: %v", err)
	}
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusRequestTimeout || !strings.Contains(string(body), `"limit":"body-rate"`) || !res.Close {
		t.Fatalf("a trickling body: %d close=%v %s, want 408 with the body-rate limit, and the connection closed", res.StatusCode, res.Close, body)
	}
}
