package neo4jstore

import (
	"time"

	"github.com/kgql/kgql/internal/kg"
)

// BatchQueries returns every query a load runs, for tests of their plans.
func BatchQueries() []string {
	var out []string
	for _, k := range kg.Kinds {
		q := entityQueries(k)
		out = append(out, q.existing, q.create, q.update)
	}
	for _, t := range kg.RelationTypes {
		q := relationQueries(t)
		out = append(out, q.existing, q.create, q.update)
	}
	return out
}

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

// LoadUnchecked is Load without its check of values, so that a test can
// see what Neo4j itself refuses.
var LoadUnchecked = (*Store).load

// DriverErrorNames are the driver's error types known by name.
var DriverErrorNames = driverErrorNames
