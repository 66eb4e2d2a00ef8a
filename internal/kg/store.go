package kg

import "context"

// Store answers whole questions about the graph: each method is one
// capability, answered in one round trip (one Cypher statement on Neo4j,
// one read of memory in the embedded store), reading only what its
// selection asks for. Both stores implement it and pass one contract
// suite (internal/storetest), which holds their answers equal to each
// other and to a brute-force reference: the same calls give the same
// answers in the same order, with the same cursors and errors.
//
// Every method validates its arguments with the kg rule for them and
// returns EINVALID for what it refuses, EUNAVAILABLE when the store cannot
// be reached or answer in time, and the context's error when the caller
// went away.
type Store interface {
	// Ping checks that the store answers.
	Ping(ctx context.Context) error

	// Nodes returns the entity or relation with each id, in the order of
	// ids: entities read as es says, relations as rs says; a zero
	// NodeView for an id that names nothing. EINVALID for more than MaxIDs
	// ids.
	Nodes(ctx context.Context, ids []string, es *EntitySel, rs *RelationSel) ([]NodeView, error)

	// ResolveNames returns, for each name, the entities (at most
	// MaxNameCandidates+1) that have a name or an alias whose NameKey is
	// the name's NameKey, by id. ResolveRefs uses it.
	ResolveNames(ctx context.Context, names []string) ([][]NameMatch, error)

	// FindEntities returns a page of the entities the filter selects, in
	// its order, counting them all when count is set. EINVALID for a
	// cursor of another order.
	FindEntities(ctx context.Context, f EntityFilter, count bool, sel *EntitySel) (*EntityPage, error)

	// FindRelations returns a page of all relations the filter selects
	// (direction is from the From end: the filter's Direction is not
	// used, as in Stats), by relation id, counting them all when count is
	// set; rel and node say what to read of each relation and of its To
	// end (nil: ids).
	FindRelations(ctx context.Context, f RelationFilter, count bool, rel *RelationSel, node *EntitySel) (*RelationPage, error)

	// Search returns the hits of a search, best first (RankSearch).
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)

	// Paths returns the routes of a path query. ENOTFOUND when From or To
	// names no entity.
	Paths(ctx context.Context, q PathQuery) (*PathList, error)

	// Neighborhood returns the subgraph of a neighbourhood query.
	// ENOTFOUND when an id names no entity.
	Neighborhood(ctx context.Context, q NeighborhoodQuery) (*Subgraph, error)

	// Expand returns what a drawing lacks around some entities. ENOTFOUND
	// when an id of IDs names no entity; unknown Known ids are ignored.
	Expand(ctx context.Context, q ExpandQuery) (*Expansion, error)

	// CommonNeighbors returns the common neighbours of two entities.
	// ENOTFOUND when A or B names no entity.
	CommonNeighbors(ctx context.Context, q CommonNeighborsQuery) (*CommonNeighbors, error)

	// Stats counts the graph.
	Stats(ctx context.Context, q StatsQuery) (*Stats, error)
}

// NameMatch is an entity that a name names.
type NameMatch struct {
	ID   string
	Kind Kind
	Name string
}
