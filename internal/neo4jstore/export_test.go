package neo4jstore

import "time"

// FindEntitiesQuery is the statement of a page of entities, whose plan a
// test reads.
var FindEntitiesQuery = findEntitiesQuery

// Read runs a statement as every capability does, for the tests of its
// deadline.
var Read = (*Store).read

// ShortenTxTimeouts makes every transaction timeout d, whatever the
// deadline, until the returned function restores them.
func ShortenTxTimeouts(d time.Duration) (restore func()) {
	saved := txTimeout
	txTimeout = func(time.Duration) time.Duration { return d }
	return func() { txTimeout = saved }
}
