// Package graph holds kgql's GraphQL resolvers. Each root field compiles
// its selection (selection.go) and its arguments (args.go) into one kg
// query and calls the store once; nested fields read the views the store
// returned (graph/model). The resolvers hold no Cypher and no algorithm.
package graph

import "github.com/kgql/kgql/internal/kg"

// Resolver is the root resolver: the store every request reads, and the
// writer its mutations go to (nil when the store does not write yet: the
// mutations and the change log then answer UNAVAILABLE).
type Resolver struct {
	Store  kg.Store
	Writer kg.Writer
}
