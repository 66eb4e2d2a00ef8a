package kg

import "context"

// Store is what the API reads the graph through. Both stores implement it
// (neo4jstore, the store of record, and the embedded store) and pass one
// contract suite: the same calls give the same answers in the same order,
// with the same cursors and errors.
//
// The traversals (paths, neighbourhoods, common neighbours) are not part of
// it: they are algorithms over Expand (traverse.go), written once, so that
// both stores answer them alike.
type Store interface {
	// Ping checks that the store answers. Returns EUNAVAILABLE if not.
	Ping(ctx context.Context) error

	// EntitiesByID returns the entities with the ids, in the order of ids,
	// with nil for an id that names nothing.
	EntitiesByID(ctx context.Context, ids []string) ([]*Entity, error)

	// FindEntities returns a page of entities matching the filter, in the
	// filter's order. Returns EINVALID for a malformed cursor.
	FindEntities(ctx context.Context, f EntityFilter) (*EntityPage, error)

	// SearchCandidates returns the entities whose name or an alias may
	// match the text (every entity that Score accepts for it, and possibly
	// more), at most limit of them. Search ranks them (search.go).
	SearchCandidates(ctx context.Context, text string, kinds []Kind, limit int) ([]*Entity, error)

	// RelationsByID returns the relations with the ids, in the order of
	// ids, with nil for an id that names nothing.
	RelationsByID(ctx context.Context, ids []string) ([]*Relation, error)

	// RelationsOf returns, for each entity id, one page of the relations
	// that touch it and match the filter, ordered by relation id: one
	// round trip for any number of entities.
	RelationsOf(ctx context.Context, ids []string, f RelationFilter) ([]*RelationPage, error)

	// FindRelations returns a page of all relations matching the filter,
	// ordered by relation id.
	FindRelations(ctx context.Context, f RelationFilter) (*RelationPage, error)

	// Expand returns, for each id, the steps from it along relations that
	// match the filter (no paging: callers bound the frontier), ordered by
	// relation id. Missing ids give no steps.
	Expand(ctx context.Context, ids []string, f StepFilter) ([][]Step, error)

	// Stats counts entities by kind and relations by type, and lists the
	// most connected entities.
	Stats(ctx context.Context, top int) (*Stats, error)
}

// Direction is the direction of a relation as seen from one of its ends.
type Direction string

const (
	Out  Direction = "OUT"
	In   Direction = "IN"
	Both Direction = "BOTH"
)

// Window is a span of days (YYYY-MM-DD, inclusive; empty means open) that
// a relation's time window (Relation.Window) must overlap.
type Window struct {
	Since, Until string
}

// Admits reports whether a relation window [first, last] overlaps w.
func (w Window) Admits(first, last string) bool {
	if w.Since != "" && last != "" && last < w.Since {
		return false
	}
	if w.Until != "" && first != "" && first > w.Until {
		return false
	}
	return true
}

// StepFilter selects the relations a traversal may follow.
type StepFilter struct {
	Direction Direction
	Types     []RelationType // none means all
	Window    Window
}

// Step is one relation followed from an entity: its id, type, direction
// and the entity at its other end.
type Step struct {
	RelationID string
	Type       RelationType
	Direction  Direction // as seen from the entity expanded
	Other      string
}

// RelationFilter selects relations. From and To, with RelationsOf, are
// ignored: the entity is given.
type RelationFilter struct {
	StepFilter
	From, To string // entity ids
	Document string // id of a document that states the relation
	First    int
	After    string // cursor
}

// RelationEdge is a relation seen from one of its ends (for FindRelations,
// from its From end).
type RelationEdge struct {
	Relation  *Relation
	Direction Direction
	Other     string // the other end's id
	Cursor    string
}

// RelationPage is one page of relations.
type RelationPage struct {
	Edges       []RelationEdge
	HasNextPage bool
	TotalCount  int
}

// EntityOrder is the order of FindEntities.
type EntityOrder string

const (
	OrderByName EntityOrder = "NAME" // name, then id
	OrderByID   EntityOrder = "ID"
)

// EntityFilter selects entities.
type EntityFilter struct {
	Kinds        []Kind
	NameContains string // case-insensitive, over the name and the aliases
	OrderBy      EntityOrder
	First        int
	After        string // cursor
}

// EntityEdge is an entity in a page, with its cursor.
type EntityEdge struct {
	Entity *Entity
	Cursor string
}

// EntityPage is one page of entities.
type EntityPage struct {
	Edges       []EntityEdge
	HasNextPage bool
	TotalCount  int
}

// Stats describes the whole graph.
type Stats struct {
	Entities      int
	Relations     int
	ByKind        map[Kind]int
	ByType        map[RelationType]int
	MostConnected []EntityDegree
}

// EntityDegree is an entity with its number of relations.
type EntityDegree struct {
	EntityID string
	Degree   int
}
