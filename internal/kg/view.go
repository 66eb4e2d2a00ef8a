package kg

// Views are what a store returns for a selection: the selected fields of
// each entity and relation, and the nested pages and entities the
// selection asked for, already read. The API renders them without going
// back to the store.

// EntityView is an entity as selected: Entity holds its id, kind and the
// selected fields (its Evidence left nil: see Statements); Kids holds the value of
// each of the selection's Kids, by index: a *RelationPage or *EntityPage,
// or nil where the child does not apply to the entity's kind.
type EntityView struct {
	*Entity
	Statements []EvidenceView // the entity's evidence, when selected
	Kids       []any
}

// RelationView is a relation as selected: Relation holds its id, type,
// ends and selected qualifiers; From, To and Counterpart are set when
// the selection reads them (else their ids are on Relation).
type RelationView struct {
	*Relation
	Statements            []EvidenceView // the relation's evidence, when selected
	From, To, Counterpart *EntityView
}

// EvidenceView is one statement with the entities it names, read when
// the selection asks for more than their ids.
type EvidenceView struct {
	Evidence
	Document *EntityView // nil unless selected
	SaidBy   *EntityView // nil unless selected, or when no speaker is named
}

// RelationEdge is a relation seen from one of its ends (for FindRelations,
// from its From end).
type RelationEdge struct {
	Relation  *RelationView
	Direction Direction
	Node      *EntityView // the other end: its id always, the rest when selected
	Cursor    string
}

// RelationPage is one page of relations. TotalCount is the number of
// matches over all pages, when counted (Counted).
type RelationPage struct {
	Edges       []RelationEdge
	HasNextPage bool
	HasPrevious bool // see Cut for what it means forwards and backwards
	TotalCount  int
	Counted     bool
}

// EntityEdge is an entity in a page, with its cursor.
type EntityEdge struct {
	Node   *EntityView
	Cursor string
}

// EntityPage is one page of entities. TotalCount is the number of matches
// over all pages, when counted (Counted).
type EntityPage struct {
	Edges       []EntityEdge
	HasNextPage bool
	HasPrevious bool // see Cut for what it means forwards and backwards
	TotalCount  int
	Counted     bool
}

// NewRelationEdge is relation r seen from entity id: from its From end
// when id is "" (a page of all relations) or r.From. The other end is an
// id-only view until a selection fills it.
func NewRelationEdge(r *RelationView, id string) RelationEdge {
	e := RelationEdge{Relation: r, Direction: Out, Node: IDView(r.Relation.To), Cursor: EncodeCursor(r.ID)}
	if id != "" && r.Relation.To == id && r.Relation.From != id {
		e.Direction, e.Node = In, IDView(r.Relation.From)
	}
	return e
}

// IDView is the view of an entity known only by its id (and the kind its
// id names), for selections that ask for nothing more.
func IDView(id string) *EntityView {
	k, _ := KindOfID(id)
	return &EntityView{Entity: &Entity{ID: id, Kind: k}}
}

// PathStep is one step of a route: every relation the filter admits
// between two consecutive entities of the route, in the route's
// direction, ordered by id.
type PathStep struct {
	Relations []*RelationView
}

// PathView is a route: Nodes has one more element than Steps, and
// Steps[i] joins Nodes[i] and Nodes[i+1].
type PathView struct {
	Nodes []*EntityView
	Steps []PathStep
}

// Length is the number of steps of the route.
func (p PathView) Length() int { return len(p.Steps) }

// PathList is the answer to a PathQuery.
type PathList struct {
	Paths []PathView
	// Truncated is true when a cap cut the search (entities visited,
	// paths enumerated): a route may be missing, or not be the least of
	// its ties.
	Truncated bool
}

// Subgraph is a set of entities and every relation between two of them
// that the filter admits, ready to draw.
type Subgraph struct {
	Nodes     []*EntityView // breadth first: by hop, then by id
	Edges     []*RelationView
	Truncated bool // a cap (the query's limit, or its MaxEdges) cut it
}

// Expansion is the answer to an ExpandQuery: what a drawing lacks.
type Expansion struct {
	Nodes     []DrawnNode     // new entities, by id
	Edges     []*RelationView // new relations, by id
	Expanded  []DrawnNode     // the entities expanded, with their degrees after the expansion
	Truncated bool            // a cap cut the new entities or relations
}

// DrawnNode is an entity of a drawing with its degree under the filter
// and how many of those relations the drawing does not show yet.
type DrawnNode struct {
	Node         *EntityView
	Degree       int
	HiddenDegree int
}

// CommonNeighbors is the answer to a CommonNeighborsQuery.
type CommonNeighbors struct {
	Nodes     []*EntityView // by id
	Truncated bool          // there were more than the query's First
	// Joins, when the query asks for them, are the relations that join
	// Nodes[i] to A and to B.
	Joins []CommonJoins
}

// CommonJoins are the relations that join a common neighbour to A and to
// B, by id, at most MaxJoins each; Truncated when a side had more.
type CommonJoins struct {
	ToA, ToB  []*RelationView
	Truncated bool
}

// Stats describes the whole graph, or its relations valid in a window.
type Stats struct {
	Entities      int
	Relations     int // facts: every relation but MENTIONS
	ByKind        map[Kind]int
	ByType        map[RelationType]int // MENTIONS included
	MostConnected []EntityDegree
}

// EntityDegree is an entity with its number of relations (MENTIONS
// aside).
type EntityDegree struct {
	Node   *EntityView
	Degree int
}

// SearchHit is one entity or relation found by a search.
type SearchHit struct {
	Entity   *EntityView   // set for an entity found by a name, an alias or its description
	Relation *RelationView // set for a relation found by what was said of it
	Score    float64       // in (0, 1]; 1 is an exact match of a name or alias
	Field    SearchField   // what matched
	Matched  string        // the text that matched best: a name, an alias, an excerpt, a note
}

// SearchField says what text of an entity or relation a search matched.
type SearchField string

const (
	MatchedName        SearchField = "NAME"
	MatchedAlias       SearchField = "ALIAS"
	MatchedDescription SearchField = "DESCRIPTION"
	MatchedExcerpt     SearchField = "EXCERPT"
	MatchedNote        SearchField = "NOTE"
)

// NodeView is an entity or a relation, for reads by any id.
type NodeView struct {
	Entity   *EntityView
	Relation *RelationView
}
