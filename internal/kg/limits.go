package kg

// Caps on every request, so that each one is finite. A result cut by a cap
// says so (truncated, hasNextPage); an argument beyond a cap is refused
// with EINVALID rather than silently lowered.
const (
	MaxFirst         = 100    // page size of any connection
	DefaultFirst     = 20     // page size when none is asked
	MaxHops          = 6      // path length and neighbourhood radius
	MaxPaths         = 10     // paths(limit)
	MaxSubgraphNodes = 500    // neighborhood(limit)
	MaxSubgraphEdges = 2000   // edges of one neighbourhood
	MaxSearch        = 50     // search(first)
	MaxIDs           = 100    // nodes(ids), neighborhood(ids)
	MaxVisited       = 100000 // entities one path search may visit
	SearchCandidates = 200    // candidates a store returns for ranking
)

// CheckRange returns EINVALID unless min <= v <= max.
func CheckRange(name string, v, min, max int) error {
	if v < min || v > max {
		return Errorf(EINVALID, "%s must be between %d and %d, got %d", name, min, max, v)
	}
	return nil
}
