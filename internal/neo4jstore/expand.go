package neo4jstore

import (
	"context"
	"fmt"

	"github.com/kgql/kgql/internal/kg"
)

// Expand implements kg.Store in one statement: the other ends of the
// expanded entities that the drawing lacks, in id order, up to the limit;
// the relations between them and the drawing; and the degrees of the new
// and the expanded entities, with how many of their relations lead
// outside the drawing as it will be. Membership in the drawing is by id
// (a list the runtime turns into a set), so Known ids name no node and
// cost no lookup.
func (s *Store) Expand(ctx context.Context, q kg.ExpandQuery) (*kg.Expansion, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if err := entityCursors(q.Nodes); err != nil {
		return nil, err
	}
	if err := relationCursors(q.Edges); err != nil {
		return nil, err
	}
	query, params := expandQuery(q)
	row, err := s.readOne(ctx, query, params)
	if err != nil {
		return nil, err
	}
	if err := missing(row); err != nil {
		return nil, err
	}
	x := &kg.Expansion{Nodes: drawn(row["nodes"], q.Nodes), Expanded: drawn(row["expanded"], q.Nodes), Edges: []*kg.RelationView{}, Truncated: row["truncated"].(bool)}
	for _, r := range row["edges"].([]any) {
		x.Edges = append(x.Edges, relationView(r, q.Edges))
	}
	return x, nil
}

func drawn(v any, sel *kg.EntitySel) []kg.DrawnNode {
	out := []kg.DrawnNode{}
	for _, x := range v.([]any) {
		m := x.(map[string]any)
		out = append(out, kg.DrawnNode{Node: entityView(m["node"], sel), Degree: int(m["degree"].(int64)), HiddenDegree: int(m["hidden"].(int64))})
	}
	return out
}

// expandQuery is the statement of Expand.
func expandQuery(q kg.ExpandQuery) (string, map[string]any) {
	b := newBuilder()
	ad := b.admits(q.Filter)
	ids := sortedIDs(q.IDs)
	drawing := b.param(sortedIDs(append(append([]string{}, q.Known...), ids...)))
	limit, maxEdges := b.param(q.Limit), b.param(q.MaxEdges())
	// degrees is an entity of the drawing with its degree under the
	// filter and its relations that lead outside the drawing.
	degrees := func(list string) string {
		n, r, r2, o := b.fresh("n"), b.fresh("r"), b.fresh("r"), b.fresh("o")
		return fmt.Sprintf(`[%[1]s IN %[2]s | {node: %[3]s,
    degree: COUNT { %[4]s },
    hidden: COUNT { %[5]s }}]`,
			n, list, b.entity(n, q.Nodes), matchWhere(ad.pattern(n, r, "", kg.Both), ad.where(r)),
			matchWhere(ad.pattern(n, r2, o, kg.Both), and(ad.where(r2), "NOT "+o+".id IN drawing")))
	}
	r := b.fresh("r")
	query := fmt.Sprintf(`UNWIND %[1]s AS id
OPTIONAL MATCH (c:Entity {id: id})
WITH collect(c) AS centres, collect(CASE WHEN c IS NULL THEN id END) AS missing
CALL (centres) {
  UNWIND centres AS u
  %[2]s
  WITH DISTINCT v ORDER BY v.id
  RETURN collect(v) AS next
}
WITH missing, centres, next[..%[3]s] AS new, size(next) > %[3]s AS cut
WITH missing, centres, new, cut, [x IN new | x.id] + %[4]s AS drawing
CALL (new, drawing) {
  UNWIND new AS u
  %[5]s
  WITH DISTINCT r ORDER BY r.id LIMIT %[6]s + 1
  RETURN collect(r) AS edges
}
RETURN missing, %[7]s AS nodes, %[8]s AS expanded,
  [%[9]s IN edges[..%[6]s] | %[10]s] AS edges, cut OR size(edges) > %[6]s AS truncated`,
		b.param(ids), matchWhere(ad.pattern("u", "r", "v", q.Filter.Direction), and(ad.where("r"), "NOT v.id IN "+drawing)), limit, drawing,
		matchWhere(ad.pattern("u", "r", "v", kg.Both), and(ad.where("r"), "v.id IN drawing")), maxEdges, degrees("new"), degrees("centres"), r, b.relation(r, q.Edges))
	return query, b.params
}
