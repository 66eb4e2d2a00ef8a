package neo4jstore

// FindEntitiesQuery is the statement of a page of entities, whose plan a
// test reads.
var FindEntitiesQuery = findEntitiesQuery
