package neo4jstore

import (
	"context"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/kgql/kgql/internal/kg"
)

// The connection to Neo4j fails fast and recovers alone. Every call goes
// through use, a circuit: while Neo4j cannot be used (unreachable,
// authentication refused, its database unavailable) the circuit is open
// and every call fails at once with an *Unavailable that says why, while
// a probe in the background asks Neo4j again (with back-off) and closes
// the circuit when it answers. A call that finds a connection broken
// (Neo4j went away, or restarted while its connections sat in the pool)
// asks a fresh driver at once: when that one answers, the pool's
// connections were stale, the fresh driver replaces the pool and the call
// runs again on it; otherwise the circuit opens. The driver does not
// retry a transaction itself (its retries, 2 s apart, made a query take
// 6 s to fail when Neo4j was down); writeTx retries writes that Neo4j
// says to retry.

const (
	// probeTimeout bounds a probe's RETURN 1: a probe that waits longer
	// finds Neo4j unavailable.
	probeTimeout = 500 * time.Millisecond
	// The probe's back-off: it starts at firstProbe and doubles up to
	// maxProbe, or from firstAuthProbe to maxAuthProbe after Neo4j refused
	// authentication (Neo4j locks a user out for a while after a few
	// failed attempts, which would lock its other clients out too).
	firstProbe     = 100 * time.Millisecond
	maxProbe       = 2 * time.Second
	firstAuthProbe = 10 * time.Second
	maxAuthProbe   = time.Minute
)

// pool is a driver and its connections. A replaced pool is closed when
// the last call that uses it returns.
type pool struct {
	driver  neo4j.DriverWithContext
	users   int // calls in flight, under Store.mu
	retired bool
}

func (s *Store) newPool() (*pool, error) {
	driver, err := neo4j.NewDriverWithContext(s.cfg.URI, neo4j.BasicAuth(s.cfg.User, s.cfg.Password, ""),
		func(c *config.Config) {
			c.MaxConnectionPoolSize = s.cfg.MaxCalls + poolHeadroom
			c.ConnectionAcquisitionTimeout = 10 * time.Second
			c.SocketConnectTimeout = 5 * time.Second
			c.MaxTransactionRetryTime = 0 // one attempt: see above
		})
	if err != nil {
		// The driver's message may quote the URI: never its password.
		return nil, kg.Errorf(kg.EINVALID, "NEO4J_URI %q: %s", RedactURI(s.cfg.URI), strings.ReplaceAll(err.Error(), s.cfg.URI, RedactURI(s.cfg.URI)))
	}
	return &pool{driver: driver}, nil
}

func (s *Store) acquire() *pool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pool.users++
	return s.pool
}

func (s *Store) release(p *pool) {
	s.mu.Lock()
	p.users--
	done := p.retired && p.users == 0
	s.mu.Unlock()
	if done {
		p.driver.Close(context.Background())
	}
}

// replace makes fresh the pool that serves.
func (s *Store) replace(fresh *pool) {
	s.mu.Lock()
	old := s.pool
	s.pool = fresh
	old.retired = true
	done := old.users == 0
	s.mu.Unlock()
	if done {
		old.driver.Close(context.Background())
	}
}

// outage counts the calls an open circuit refused: the log says when an
// outage begins, when its cause changes, every outageSummaryEvery while
// it lasts and when it ends, with these counts; never a line per call.
type outage struct {
	since, summarized time.Time
	refused           int64 // calls refused since the outage began
	reported          int64 // refused at the last summary
}

// outageSummaryEvery is how often the log sums up an outage that lasts.
const outageSummaryEvery = 30 * time.Second

// refuse returns why the circuit is open, counting the call it refuses,
// or nil when it is closed.
func (s *Store) refuse() *Unavailable {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down != nil {
		s.outage.refused++
	}
	return s.down
}

// summarize logs how the outage of cause u stands, when the last summary
// (or its start) is outageSummaryEvery old.
func (s *Store) summarize(u *Unavailable) {
	s.mu.Lock()
	o := &s.outage
	due := time.Since(o.summarized) >= outageSummaryEvery
	began, last, refused := o.since, o.refused-o.reported, o.refused
	if due {
		o.summarized, o.reported = time.Now(), o.refused
	}
	s.mu.Unlock()
	if due {
		s.log.Warn("Neo4j is still unavailable", "down", time.Since(began).Round(time.Second), "refusedSinceLast", last, "refused", refused, "reason", u.Error())
	}
}

// unavailable returns why the circuit is open, or nil when it is closed.
func (s *Store) unavailable() *Unavailable {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.down
}

// use runs fn on the driver that serves, through the circuit: at once an
// *Unavailable while it is open; else fn, and when fn fails because Neo4j
// cannot be used, the circuit opens (or, for a broken connection, a fresh
// driver is tried and fn runs once more on it). A write (fn may change
// the graph) whose connection died during its commit is not run again,
// since it may have committed: it answers a *kg.UnknownOutcome.
func (s *Store) use(ctx context.Context, write bool, fn func(neo4j.DriverWithContext) error) error {
	// A call waits for one of MaxCalls slots (or its caller's end) rather
	// than for one of the pool's connections, which the probe needs too.
	select {
	case s.calls <- struct{}{}:
		defer func() { <-s.calls }()
	case <-ctx.Done():
		return ctx.Err()
	}
	for attempt := 0; ; attempt++ {
		if u := s.refuse(); u != nil {
			return u
		}
		p := s.acquire()
		err := fn(p.driver)
		s.release(p)
		if err == nil || ctx.Err() != nil {
			return err // a caller that went away or ran out of time says nothing of Neo4j
		}
		reason, ok := classify(err)
		switch {
		case !ok:
			return err
		case write && commitLost(err):
			return &kg.UnknownOutcome{Cause: s.unavailableFor(reason, err)}
		case reason == Broken && attempt == 0 && s.reconnect(p):
			continue
		case reason != Broken:
			s.open(s.unavailableFor(reason, err))
		}
		if u := s.unavailable(); u != nil {
			return u
		}
		return s.unavailableFor(reason, err)
	}
}

// reconnect replaces the pool failed, whose connection broke, by a fresh
// driver when that one answers, and reports whether it did (or another
// call did meanwhile); otherwise it opens the circuit.
func (s *Store) reconnect(failed *pool) bool {
	s.reconnMu.Lock()
	defer s.reconnMu.Unlock()
	s.mu.Lock()
	current, down := s.pool, s.down
	s.mu.Unlock()
	switch {
	case down != nil:
		return false
	case current != failed:
		return true
	}
	fresh, u := s.probe()
	if u != nil {
		s.open(u)
		return false
	}
	s.replace(fresh)
	return true
}

// probe asks a fresh driver to run RETURN 1 within probeTimeout, and
// returns it when it did; else why Neo4j cannot be used.
func (s *Store) probe() (*pool, *Unavailable) {
	p, err := s.newPool()
	if err != nil {
		return nil, &Unavailable{Reason: Other, What: "Neo4j's URI is malformed", Cause: err}
	}
	ctx, cancel := context.WithTimeout(context.Background(), probeTimeout)
	defer cancel()
	_, err = neo4j.ExecuteQuery(ctx, p.driver, "RETURN 1", nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithReadersRouting())
	if err == nil {
		return p, nil
	}
	p.driver.Close(context.Background())
	reason, ok := classify(err)
	switch {
	case ctx.Err() != nil:
		reason = Slow
	case !ok:
		reason = Other
	}
	return nil, s.unavailableFor(reason, err)
}

// open opens the circuit (or says why it stays open, when the reason
// changed) and starts the probe.
func (s *Store) open(u *Unavailable) {
	s.mu.Lock()
	was := s.down
	s.down = u
	if was == nil {
		now := time.Now()
		s.outage = outage{since: now, summarized: now}
	}
	start := !s.watching
	s.watching = true
	s.mu.Unlock()
	if was == nil || was.Reason != u.Reason {
		s.log.Warn("Neo4j is unavailable: queries answer UNAVAILABLE until it answers", "reason", u.Error())
	}
	if start {
		go s.watch(u.Reason)
	}
}

// watch probes Neo4j with back-off until it answers, then closes the
// circuit on a fresh pool. It stops when the store is closed.
func (s *Store) watch(reason Reason) {
	delay := firstDelay(reason)
	for {
		select {
		case <-s.done:
			return
		case <-time.After(delay):
		}
		fresh, u := s.probe()
		if u == nil {
			s.replace(fresh)
			s.mu.Lock()
			s.down, s.watching = nil, false
			o := s.outage
			s.mu.Unlock()
			s.log.Info("Neo4j answers again: serving", "uri", RedactURI(s.cfg.URI), "down", time.Since(o.since).Round(time.Millisecond), "refused", o.refused)
			return
		}
		s.open(u) // logs when the reason changed
		s.summarize(u)
		if u.Reason != reason {
			reason, delay = u.Reason, firstDelay(u.Reason)
			continue
		}
		delay = min(2*delay, maxDelay(reason))
	}
}

func firstDelay(r Reason) time.Duration {
	if r == AuthRefused {
		return firstAuthProbe
	}
	return firstProbe
}

func maxDelay(r Reason) time.Duration {
	if r == AuthRefused {
		return maxAuthProbe
	}
	return maxProbe
}
