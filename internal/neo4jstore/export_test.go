package neo4jstore

// Statements of the capabilities, for tests that read their plans.
var (
	FindEntitiesQuery  = findEntitiesQuery
	FindRelationsQuery = findRelationsQuery
	PathsQuery         = pathsQuery
	NeighborhoodQuery  = neighborhoodQuery
	ExpandQuery        = expandQuery
	SearchQuery        = searchQuery
	StatsQuery         = statsQuery
	NodesQuery         = nodesQuery
	CommonQuery        = commonNeighborsQuery
)
