package workload

import (
	"strconv"
	"strings"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jstore"
)

// The floor: each shape as one hand-written Cypher query, what a careful
// developer writes against the driver directly. The same logical reads as
// kgql's (same relation types, orders, caps), in one round trip each.
// bench/neo4j-graphql/typeDefs.graphql carries the same statements in its
// @cypher fields.

// FactTypes is the relationship type alternation kgql follows by default:
// every type but MENTIONS.
var FactTypes = func() string {
	names := make([]string, len(kg.FactTypes))
	for i, t := range kg.FactTypes {
		names[i] = t.CypherType()
	}
	return strings.Join(names, "|")
}()

func withTypes(q string) string { return strings.ReplaceAll(q, "FACT", FactTypes) }

// CypherOneHop: an entity and its first 20 relations, by relation id, with
// their other ends.
var CypherOneHop = withTypes(`MATCH (a:Entity {id: $id})
CALL (a) {
  MATCH (a)-[r:FACT]-(b)
  WITH r, b ORDER BY r.id LIMIT 20
  RETURN collect({id: r.id, type: type(r), direction: CASE WHEN startNode(r) = a THEN 'OUT' ELSE 'IN' END, role: r.role,
                  node: {id: b.id, kind: b.kind, name: b.name}}) AS rels
}
RETURN {id: a.id, kind: a.kind, name: a.name, relations: rels} AS entity`)

// CypherNested: an entity, its first 10 relations with their other ends,
// and each of those ends' first 5 relations with their other ends.
var CypherNested = withTypes(`MATCH (a:Entity {id: $id})
CALL (a) {
  MATCH (a)-[r:FACT]-(b)
  WITH r, b ORDER BY r.id LIMIT 10
  CALL (b) {
    MATCH (b)-[r2:FACT]-(c)
    WITH r2, c ORDER BY r2.id LIMIT 5
    RETURN collect({id: r2.id, type: type(r2), node: {id: c.id, name: c.name}}) AS rels2
  }
  RETURN collect({id: r.id, type: type(r), node: {id: b.id, name: b.name, relations: rels2}}) AS rels
}
RETURN {id: a.id, name: a.name, relations: rels} AS entity`)

// CypherNeighborhood: kgql's neighborhood(ids: [$id], hops: 2, limit:
// $limit): breadth first, new entities of a hop in id order until the
// limit, and every relation between two kept entities (the induced
// subgraph, each relation read once from its start node), in id order,
// at most 2000.
var CypherNeighborhood = withTypes(`MATCH (a:Entity {id: $id})
CALL (a) {
  MATCH (a)-[:FACT]-(b)
  WHERE b <> a
  WITH DISTINCT b ORDER BY b.id
  RETURN collect(b) AS h1all
}
WITH a, h1all[..$limit - 1] AS h1, size(h1all) > $limit - 1 AS cut1
CALL (a, h1, cut1) {
  UNWIND CASE WHEN cut1 THEN [] ELSE h1 END AS x
  MATCH (x)-[:FACT]-(c)
  WHERE c <> a AND NOT c IN h1
  WITH DISTINCT c ORDER BY c.id
  RETURN collect(c) AS h2all
}
WITH a, h1, cut1, h2all[..$limit - 1 - size(h1)] AS h2, size(h2all) > $limit - 1 - size(h1) AS cut2
WITH [a] + h1 + h2 AS nodes, cut1 OR cut2 AS cut
CALL (nodes) {
  UNWIND nodes AS x
  MATCH (x)-[r:FACT]->(y)
  WHERE y IN nodes
  WITH r ORDER BY r.id
  RETURN collect(r) AS rs
}
RETURN {
  nodes: [n IN nodes | {id: n.id, kind: n.kind, name: n.name}],
  edges: [r IN rs[..2000] | {id: r.id, type: type(r), source: startNode(r).id, target: endNode(r).id}],
  truncated: cut OR size(rs) > 2000
} AS g`)

// CypherPath: kgql's shortestPath(maxHops: 6): of the shortest routes of
// at most 6 relations (Neo4j's bidirectional breadth-first
// allShortestPaths, at most 10,000 walks, as kgql enumerates), the one
// whose sequence of entity ids is least, with every relation of each
// step; or no row.
var CypherPath = withTypes(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[:FACT*..6]-(b))
WITH p LIMIT ` + strconv.Itoa(kg.MaxEnumerated) + `
WITH nodes(p) AS ns, collect(relationships(p)) AS rss
WITH ns, rss, [n IN ns | n.id] AS ids ORDER BY ids LIMIT 1
RETURN {
  length: size(ns) - 1,
  nodes: [n IN ns | {id: n.id, kind: n.kind, name: n.name}],
  relations: reduce(out = [], i IN range(0, size(ns) - 2) |
    out + COLLECT { UNWIND rss AS rs WITH DISTINCT rs[i] AS r ORDER BY r.id RETURN {id: r.id, type: type(r)} })
} AS p`)

// CypherSearch: the full-text index kgql's loader creates, queried with the
// query kgql builds from the text (LuceneQuery), its first 10 hits by
// score.
var CypherSearch = `CALL db.index.fulltext.queryNodes('` + neo4jstore.FulltextIndex + `', $q) YIELD node, score
RETURN {score: score, entity: {id: node.id, kind: node.kind, name: node.name}} AS hit
ORDER BY score DESC, node.id LIMIT 10`

// CypherList returns the query of a page of entities of one kind, by name
// then id, after the cursor (name, id) when after is true. The label comes
// from the model's closed list.
func CypherList(k kg.Kind, after bool) string {
	cond := "n.name IS NOT NULL"
	if after {
		// The first condition lets the planner seek the kind's name index.
		cond = "n.name >= $afterName AND (n.name > $afterName OR n.id > $afterID)"
	}
	return `MATCH (n:` + k.Label() + `)
WHERE ` + cond + `
WITH n ORDER BY n.name, n.id LIMIT 21
RETURN collect({id: n.id, name: n.name}) AS page`
}

// LuceneQuery is the full-text query kgql's Neo4j store builds for a
// search text (neo4jstore.SearchCandidates): each term as a prefix and
// fuzzily within the edits kg.MaxEdits allows.
func LuceneQuery(text string) string {
	var clauses []string
	for _, term := range kg.SearchTerms(text) {
		clauses = append(clauses, term+"*")
		if d := kg.MaxEdits(term); d > 0 {
			clauses = append(clauses, term+"~"+string(rune('0'+d)))
		} else {
			clauses = append(clauses, term)
		}
	}
	return strings.Join(clauses, " OR ")
}
