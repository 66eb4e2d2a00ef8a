package neo4jstore

import "github.com/kgql/kgql/internal/kg"

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

// LoadUnchecked is Load without its check of values, so that a test can
// see what Neo4j itself refuses.
var LoadUnchecked = (*Store).load
