package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Neighborhood implements kg.Store in one statement, breadth first with
// the hops unrolled: each hop expands the last hop's new entities along
// the filter, keeps the other ends not yet taken, in id order, until the
// limit; then every relation the filter admits between two taken
// entities (the induced subgraph), in id order.
func (s *Store) Neighborhood(ctx context.Context, q kg.NeighborhoodQuery) (*kg.Subgraph, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if err := entityCursors(q.Nodes); err != nil {
		return nil, err
	}
	if err := relationCursors(q.Edges); err != nil {
		return nil, err
	}
	query, params := neighborhoodQuery(q)
	row, err := s.readOne(ctx, query, params)
	if err != nil {
		return nil, err
	}
	if err := missing(row); err != nil {
		return nil, err
	}
	g := &kg.Subgraph{Nodes: []*kg.EntityView{}, Edges: []*kg.RelationView{}, Truncated: row["truncated"].(bool)}
	for _, n := range row["nodes"].([]any) {
		g.Nodes = append(g.Nodes, entityView(n, q.Nodes))
	}
	for _, r := range row["edges"].([]any) {
		g.Edges = append(g.Edges, relationView(r, q.Edges))
	}
	return g, nil
}

// missing is ENOTFOUND for the first id a statement reports missing.
func missing(row map[string]any) error {
	if ids, _ := row["missing"].([]any); len(ids) > 0 {
		return kg.Errorf(kg.ENOTFOUND, "no entity has id %q", ids[0])
	}
	return nil
}

// sortedIDs is ids without repeats, in id order.
func sortedIDs(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// neighborhoodQuery is the statement of Neighborhood: q.Hops (a
// validated int) unrolled hops.
func neighborhoodQuery(q kg.NeighborhoodQuery) (string, map[string]any) {
	b := newBuilder()
	ad := b.admits(q.Filter)
	limit := b.param(q.Limit)
	var sb strings.Builder
	fmt.Fprintf(&sb, `UNWIND %s AS id
OPTIONAL MATCH (c:Entity {id: id})
WITH collect(c) AS found, collect(CASE WHEN c IS NULL THEN id END) AS missing
WITH missing, found[..%[2]s] AS nodes, found[..%[2]s] AS frontier, size(found) > %[2]s AS cut
`, b.param(sortedIDs(q.IDs)), limit)
	for range q.Hops {
		// A hop that the limit has cut reads nothing. A hop keeps the first
		// limit + 1 new entities by id, all it can take and one to tell that
		// it was cut: a top-k sort, not a sort of every neighbour of a hub,
		// which ran Neo4j out of transaction memory at 1M entities.
		fmt.Fprintf(&sb, `CALL (nodes, frontier, cut) {
  UNWIND CASE WHEN cut THEN [] ELSE frontier END AS u
  %s
  WITH DISTINCT v WHERE NOT v IN nodes
  WITH v ORDER BY v.id LIMIT %[3]s + 1
  RETURN collect(v) AS next
}
WITH missing, nodes + next[..%[2]s - size(nodes)] AS nodes, next[..%[2]s - size(nodes)] AS frontier,
  cut OR size(next) > %[2]s - size(nodes) AS cut
`, matchWhere(ad.pattern("u", "r", "v", q.Filter.Direction), ad.where("r")), limit, limit)
	}
	n, r := b.fresh("n"), b.fresh("r")
	maxEdges := b.param(q.MaxEdges())
	fmt.Fprintf(&sb, `CALL (nodes) {
  UNWIND nodes AS u
  %s
  WITH r ORDER BY r.id LIMIT %s + 1
  RETURN collect(r) AS edges
}
RETURN missing, [%s IN nodes | %s] AS nodes, [%s IN edges[..%s] | %s] AS edges, cut OR size(edges) > %s AS truncated`,
		matchWhere(ad.pattern("u", "r", "v", kg.Out), and(ad.where("r"), "v IN nodes")), maxEdges,
		n, b.entity(n, q.Nodes), r, maxEdges, b.relation(r, q.Edges), maxEdges)
	return sb.String(), b.params
}
