package kg

// Caps on every request, so that each one is finite. A result cut by a cap
// says so (truncated, hasNextPage); an argument beyond a cap is refused
// with EINVALID rather than silently lowered. Each cap is written here
// once; the schema's descriptions and the README quote them.
const (
	MaxFirst          = 100    // page size of any connection
	DefaultFirst      = 20     // page size when none is asked
	MaxHops           = 6      // path length and neighbourhood radius
	MaxPaths          = 10     // paths(limit)
	MaxSubgraphNodes  = 500    // neighborhood(limit), expand(limit)
	MaxSubgraphEdges  = 2000   // relations of one subgraph or expansion, whatever its limit
	EdgesPerEntity    = 10     // relations of a subgraph or expansion per entity of its limit (SubgraphEdges)
	MaxSearch         = 50     // search(first)
	MaxIDs            = 100    // nodes(ids), neighborhood(ids), expand(ids)
	MaxWith           = 100    // Filter.with: the other ends an entity's relations may have
	MaxJoins          = 20     // commonNeighbors: relations joining a neighbour to a (and to b)
	MaxKnownIDs       = 5000   // expand(known): the entities a drawing holds
	MaxSelectionDepth = 12     // nesting of a selection (entities in entities)
	SearchCandidates  = 200    // candidates a store ranks for one search
	MaxNameCandidates = 10     // candidates listed for an unknown or ambiguous name
	MaxSearchText     = 200    // characters of a search text or a name
	MaxVisited        = 100000 // entities one path search of the embedded store may visit
	MaxEnumerated     = 10000  // relationship paths one path search of Neo4j may enumerate
)

// SubgraphEdges is the most relations a neighbourhood or an expansion of
// the given limit (of entities) holds: EdgesPerEntity for each entity of
// the limit, at most MaxSubgraphEdges. A request's own limit bounds its
// relations, so that a small drawing is priced as small (the cost model
// of internal/httpapi) and a large one still has room for its relations.
func SubgraphEdges(limit int) int {
	return min(MaxSubgraphEdges, EdgesPerEntity*max(limit, 0))
}

// CheckRange returns EINVALID unless min <= v <= max.
func CheckRange(name string, v, min, max int) error {
	if v < min || v > max {
		return Errorf(EINVALID, "%s must be between %d and %d, got %d", name, min, max, v)
	}
	return nil
}

// Caps on one mutation input, checked before any store call (CheckIngest
// and its siblings), so that every write is one bounded transaction.
const (
	MaxInputEntities  = 100     // entities one ingestDocument introduces
	MaxInputRelations = 500     // relations one ingestDocument states
	MaxInputEvidence  = 20      // evidence of one relation in one input
	MaxInputBytes     = 4 << 20 // bytes of all the text of one input: the document's text (at most MaxDocumentChars) and every other string
	MaxMergeRelations = 10000   // relations one mergeEntities moves
)
