package kg

// The questions a store answers whole, each with the selection of what to
// read of the entities and relations in the answer. Every query validates
// itself (Validate): the stores call it, so that both refuse the same
// queries with the same errors, and each rule is written once.

// PathQuery asks for routes between two entities: the Limit least routes
// of at most MaxHops steps, in the order of (length, the sequence of their
// entity ids). A route is a sequence of distinct entities each joined to
// the next by at least one relation the filter admits (seen from the
// earlier entity); the parallel relations of a step are all given on it.
// The shortest path is the first route (Limit 1). From an entity to
// itself there is one route, of no step.
type PathQuery struct {
	From, To string // entity ids
	MaxHops  int
	Filter   StepFilter
	Limit    int
	Nodes    *EntitySel   // what to read of the routes' entities; nil: ids
	Steps    *RelationSel // what to read of their relations; nil: ids, types and ends
}

// Validate returns EINVALID for a query no store can answer.
func (q PathQuery) Validate() error {
	if err := CheckRange("maxHops", q.MaxHops, 1, MaxHops); err != nil {
		return err
	}
	if err := CheckRange("limit", q.Limit, 1, MaxPaths); err != nil {
		return err
	}
	if err := q.Filter.NoWith("shortestPath and paths"); err != nil {
		return err
	}
	if err := q.Filter.Validate(); err != nil {
		return err
	}
	if err := q.Nodes.Validate(); err != nil {
		return err
	}
	return q.Steps.Validate()
}

// NeighborhoodQuery asks for the subgraph around some entities: the
// entities within Hops steps of IDs along relations the filter admits,
// breadth first (the centres, then each hop's new entities in id order)
// until Limit entities, and every relation the filter admits between two
// of them (whatever its direction), by id, at most MaxEdges: the induced
// subgraph.
type NeighborhoodQuery struct {
	IDs    []string
	Hops   int
	Filter StepFilter
	Limit  int
	Nodes  *EntitySel
	Edges  *RelationSel
}

// Validate returns EINVALID for a query no store can answer.
func (q NeighborhoodQuery) Validate() error {
	if err := CheckRange("number of ids", len(q.IDs), 1, MaxIDs); err != nil {
		return err
	}
	if err := CheckRange("hops", q.Hops, 0, MaxHops); err != nil {
		return err
	}
	if err := CheckRange("limit", q.Limit, 1, MaxSubgraphNodes); err != nil {
		return err
	}
	if err := q.Filter.NoWith("neighborhood"); err != nil {
		return err
	}
	if err := q.Filter.Validate(); err != nil {
		return err
	}
	if err := q.Nodes.Validate(); err != nil {
		return err
	}
	return q.Edges.Validate()
}

// MaxEdges is the most relations the subgraph holds: SubgraphEdges of
// its limit.
func (q NeighborhoodQuery) MaxEdges() int { return SubgraphEdges(q.Limit) }

// ExpandQuery asks what a drawing that holds the Known entities lacks
// around the IDs (which it holds too): the entities one step from IDs
// along relations the filter admits that are not Known, in id order,
// at most Limit of them; every relation the filter admits between a new
// entity and a new or Known one, by id, at most MaxEdges; and,
// for every new and every expanded entity, its degree under the filter
// and how many of those relations lead outside the drawing as it will be
// (Known plus the new entities).
type ExpandQuery struct {
	IDs    []string
	Known  []string
	Filter StepFilter
	Limit  int
	Nodes  *EntitySel
	Edges  *RelationSel
}

// MaxEdges is the most relations the expansion holds: SubgraphEdges of
// its limit.
func (q ExpandQuery) MaxEdges() int { return SubgraphEdges(q.Limit) }

// Validate returns EINVALID for a query no store can answer.
func (q ExpandQuery) Validate() error {
	if err := CheckRange("number of ids", len(q.IDs), 1, MaxIDs); err != nil {
		return err
	}
	if err := CheckRange("number of known ids", len(q.Known), 0, MaxKnownIDs); err != nil {
		return err
	}
	if err := CheckRange("limit", q.Limit, 1, MaxSubgraphNodes); err != nil {
		return err
	}
	if err := q.Filter.NoWith("expand"); err != nil {
		return err
	}
	if err := q.Filter.Validate(); err != nil {
		return err
	}
	if err := q.Nodes.Validate(); err != nil {
		return err
	}
	return q.Edges.Validate()
}

// CommonNeighborsQuery asks for the entities joined to both A and B by a
// relation the filter admits (A and B themselves aside), in id order, at
// most First of them.
type CommonNeighborsQuery struct {
	A, B   string
	Filter StepFilter
	First  int
	Nodes  *EntitySel
	// Joins is what to read of the relations that join each common
	// neighbour to A and to B (the filter's, at most MaxJoins a side, by
	// id); nil reads none.
	Joins *RelationSel
}

// Validate returns EINVALID for a query no store can answer.
func (q CommonNeighborsQuery) Validate() error {
	if err := CheckRange("first", q.First, 1, MaxFirst); err != nil {
		return err
	}
	if err := q.Joins.Validate(); err != nil {
		return err
	}
	if err := q.Filter.NoWith("commonNeighbors"); err != nil {
		return err
	}
	if err := q.Filter.Validate(); err != nil {
		return err
	}
	return q.Nodes.Validate()
}

// StatsQuery asks for counts of the graph: entities by kind, and the
// relations the filter admits (Direction is not used) by type, and the Top
// entities with the most such relations (MENTIONS never count there).
type StatsQuery struct {
	Filter StepFilter
	Top    int
	Nodes  *EntitySel // what to read of the most connected entities
}

// Validate returns EINVALID for a query no store can answer.
func (q StatsQuery) Validate() error {
	if err := CheckRange("top", q.Top, 0, MaxFirst); err != nil {
		return err
	}
	if err := q.Filter.NoWith("stats"); err != nil {
		return err
	}
	if err := q.Filter.Validate(); err != nil {
		return err
	}
	return q.Nodes.Validate()
}

// SearchQuery asks for the entities and relations that best match a text:
// entities by their names and aliases (typo-tolerant) and descriptions,
// relations by their evidence's excerpts and their notes; ranked by
// RankSearch, at most First hits, none below MinScore.
type SearchQuery struct {
	Text      string
	Kinds     []Kind // entities of these kinds, relations with an end of one of them; none: every kind
	Relations bool   // search relations too
	First     int
	Entity    *EntitySel
	Relation  *RelationSel
}

// Validate returns EINVALID for a query no store can answer.
func (q SearchQuery) Validate() error {
	if err := CheckRange("first", q.First, 1, MaxSearch); err != nil {
		return err
	}
	if len([]rune(q.Text)) > MaxSearchText {
		return Errorf(EINVALID, "text must be at most %d characters", MaxSearchText)
	}
	if len(SearchTerms(q.Text)) == 0 {
		return Errorf(EINVALID, "text must contain a letter or a digit")
	}
	if err := CheckKinds(q.Kinds); err != nil {
		return err
	}
	if err := q.Entity.Validate(); err != nil {
		return err
	}
	return q.Relation.Validate()
}
