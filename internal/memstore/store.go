// Package memstore is kgql's embedded store: the graph in the process's
// memory, answering every kg.Store capability as neo4jstore does (same
// results, order, cursors, totals and errors; internal/storetest checks
// it) with its own algorithms, optionally kept in a bbolt file so that it
// survives a restart or a crash.
//
// Memory is laid out for graphs of 100k entities and a million relations:
// relations are compact records with interned strings (relation.go), each
// entity has a list of relation numbers sorted by relation id, and the
// indexes (names, ids, name keys, search terms, the words of what was
// said) hold numbers. Each call is one read under the read lock: it
// builds its views through kg's Project functions over a kg.Reader of
// the records (reader.go), and walks in Go (paths.go, subgraph.go) with
// scratch marks per entity, never copying the graph. A write builds its
// changes, commits them to the file, and only then applies them to
// memory under the write lock.
package memstore

import (
	"context"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"

	"github.com/kgql/kgql/internal/kg"
)

// Store is a graph in memory, persisted when it has a file.
type Store struct {
	wmu    sync.Mutex   // one writer at a time
	mu     sync.RWMutex // readers against the writer's memory updates
	g      *graph
	cur    *curation // the change log, keys, revs and retractions (curation.go)
	db     *bolt.DB  // nil in memory only
	closed atomic.Bool

	kmu  sync.Mutex           // the API keys, apart from the graph's locks
	keys map[string]kg.APIKey // by id; in memory only (with a file, bbolt holds them)
}

var (
	_ kg.Store    = (*Store)(nil)
	_ kg.Loader   = (*Store)(nil)
	_ kg.KeyStore = (*Store)(nil)
)

// Open returns a store. With dir empty it lives in memory only; otherwise
// it keeps its graph in dir/FileName, creating it when missing, and reads
// it back into memory first. Returns a *LockedError (kg.EUNAVAILABLE) when
// another process holds the file.
func Open(dir string) (*Store, error) {
	s := &Store{g: newGraph(), cur: newCuration()}
	s.g.redirects = s.cur.redirects // one map: the writer changes it under mu
	if dir == "" {
		return s, nil
	}
	db, err := openFile(dir)
	if err != nil {
		return nil, err
	}
	s.db = db
	if err := s.readFile(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close releases the file. The store answers EUNAVAILABLE afterwards.
func (s *Store) Close() error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if s.closed.Swap(true) || s.db == nil {
		return nil
	}
	return s.db.Close()
}

// Ping implements kg.Store.
func (s *Store) Ping(ctx context.Context) error {
	if err := ctxErr(ctx); err != nil {
		return err
	}
	return s.available()
}

func (s *Store) available() error {
	if s.closed.Load() {
		return kg.Errorf(kg.EUNAVAILABLE, "The graph store is closed.")
	}
	return nil
}

// ctxErr is the error of a context that is done, as neo4jstore reports
// it (kg.ContextError): past its deadline ETIMEOUT, a cancellation the
// caller's.
func ctxErr(ctx context.Context) error { return kg.ContextError(ctx) }

// checkEvery is how many steps a walk or a scan takes between looks at
// its context.
const checkEvery = 4096

// read runs fn on a reader of the graph under the read lock, counting the
// call as one round trip as neo4jstore counts its queries.
func (s *Store) read(ctx context.Context, fn func(rd *reader) error) error {
	if err := s.available(); err != nil {
		return err
	}
	if err := ctxErr(ctx); err != nil {
		return err
	}
	kg.CountRoundTrip(ctx)
	s.mu.RLock()
	defer s.mu.RUnlock()
	return fn(newReader(s.g))
}
