package httpapi

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// Server returns the http.Server of the handler with cfg's timeouts and
// header limit, and a listener on ln that holds at most cfg.MaxConns
// connections open: serve with srv.Serve(listener).
//
// When the cap is reached, a new connection takes the place of the
// longest-waiting connection that is not serving a request (one that has
// sent nothing yet, then one idle between requests), which is closed; so
// a flood of held connections cannot keep new clients out, and file
// descriptors stay bounded. When every connection is serving a request,
// the listener waits until one ends (the timeouts bound how long).
func Server(h http.Handler, ln net.Listener, cfg Config) (*http.Server, net.Listener) {
	cl := &connLimiter{Listener: ln, max: cfg.MaxConns, conns: map[net.Conn]*connState{}}
	cl.cond = sync.NewCond(&cl.mu)
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: cfg.ReadHeaderTimeout,
		ReadTimeout:       cfg.ReadTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		IdleTimeout:       cfg.IdleTimeout,
		MaxHeaderBytes:    cfg.MaxHeaderBytes,
		ConnState:         cl.track,
	}
	return srv, cl
}

// connLimiter is the listener of Server.
type connLimiter struct {
	net.Listener
	max    int
	mu     sync.Mutex
	cond   *sync.Cond // signalled when a connection closes
	conns  map[net.Conn]*connState
	closed bool
}

type connState struct {
	state http.ConnState
	since time.Time
}

// Accept admits a connection when there is room for it, making room by
// closing a waiting connection when there is one.
func (l *connLimiter) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for len(l.conns) >= l.max {
		if l.closed {
			c.Close()
			return nil, net.ErrClosed
		}
		if victim := l.longestWaiting(); victim != nil {
			delete(l.conns, victim) // gone from the count now; the server sees it closed
			victim.Close()
			continue
		}
		l.cond.Wait()
	}
	l.conns[c] = &connState{state: http.StateNew, since: time.Now()}
	return c, nil
}

// longestWaiting is the connection to close for a new one: the oldest of
// those that have sent nothing, else the longest idle; nil when all are
// serving requests.
func (l *connLimiter) longestWaiting() net.Conn {
	var best net.Conn
	var bestState *connState
	for c, st := range l.conns {
		if st.state != http.StateNew && st.state != http.StateIdle {
			continue
		}
		if best == nil || rank(st) < rank(bestState) || rank(st) == rank(bestState) && st.since.Before(bestState.since) {
			best, bestState = c, st
		}
	}
	return best
}

// rank orders the states a connection may be closed in: new before idle.
func rank(st *connState) int {
	if st.state == http.StateNew {
		return 0
	}
	return 1
}

// track follows each connection's state (http.Server.ConnState).
func (l *connLimiter) track(c net.Conn, state http.ConnState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	st, ok := l.conns[c]
	switch {
	case state == http.StateClosed || state == http.StateHijacked:
		if ok {
			delete(l.conns, c)
		}
		l.cond.Broadcast()
	case ok:
		st.state, st.since = state, time.Now()
	}
}

// Close stops accepting, and wakes an Accept waiting for room.
func (l *connLimiter) Close() error {
	err := l.Listener.Close()
	l.mu.Lock()
	l.closed = true
	l.cond.Broadcast()
	l.mu.Unlock()
	return err
}
