package neo4jstore

import (
	"context"
	"fmt"

	"github.com/kgql/kgql/internal/kg"
)

// CommonNeighbors implements kg.Store in one statement: the other ends of
// A under the filter, each kept when B reaches it too (an expansion into
// two bound nodes, which Neo4j answers from the smaller side), in id
// order, First of them and one more to tell that there were more.
func (s *Store) CommonNeighbors(ctx context.Context, q kg.CommonNeighborsQuery) (*kg.CommonNeighbors, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if err := entityCursors(q.Nodes); err != nil {
		return nil, err
	}
	if err := checkRelationSel(q.Joins); err != nil {
		return nil, err
	}
	query, params := commonNeighborsQuery(q)
	row, err := s.readOne(ctx, query, params)
	if err != nil {
		return nil, err
	}
	for _, end := range []struct{ key, id string }{{"hasA", q.A}, {"hasB", q.B}} {
		if found, _ := row[end.key].(bool); !found {
			return nil, kg.Errorf(kg.ENOTFOUND, "no entity has id %q", end.id)
		}
	}
	rows := row["nodes"].([]any)
	out := &kg.CommonNeighbors{Nodes: []*kg.EntityView{}, Truncated: len(rows) > q.First}
	for _, n := range rows[:min(len(rows), q.First)] {
		if q.Joins == nil {
			out.Nodes = append(out.Nodes, entityView(n, q.Nodes))
			continue
		}
		m, _ := n.(map[string]any)
		out.Nodes = append(out.Nodes, entityView(m["node"], q.Nodes))
		var j kg.CommonJoins
		for _, side := range []struct {
			key  string
			into *[]*kg.RelationView
		}{{"toA", &j.ToA}, {"toB", &j.ToB}} {
			rels, _ := m[side.key].([]any)
			j.Truncated = j.Truncated || len(rels) > kg.MaxJoins
			*side.into = []*kg.RelationView{}
			for _, r := range rels[:min(len(rels), kg.MaxJoins)] {
				*side.into = append(*side.into, relationView(r, q.Joins))
			}
		}
		out.Joins = append(out.Joins, j)
	}
	return out, nil
}

// commonNeighborsQuery is the statement of CommonNeighbors.
func commonNeighborsQuery(q kg.CommonNeighborsQuery) (string, map[string]any) {
	b := newBuilder()
	ad := b.admits(q.Filter)
	query := fmt.Sprintf(`OPTIONAL MATCH (a:Entity {id: %[1]s})
OPTIONAL MATCH (b:Entity {id: %[2]s})
RETURN a IS NOT NULL AS hasA, b IS NOT NULL AS hasB, COLLECT {
  %[3]s
  WITH DISTINCT c WHERE c <> a AND c <> b AND EXISTS { %[4]s }
  WITH c ORDER BY c.id LIMIT %[5]s
  RETURN %[6]s
} AS nodes`,
		b.param(q.A), b.param(q.B), matchWhere(ad.pattern("a", "r", "c", q.Filter.Direction), ad.where("r")),
		matchWhere(ad.pattern("b", "r2", "c", q.Filter.Direction), ad.where("r2")), b.param(q.First+1), commonProjection(b, ad, q))
	return query, b.params
}

// commonProjection is what the statement returns of common neighbour c:
// its entity, and with Joins the relations that join it to a and to b
// (kg.MaxJoins + 1 a side, to tell that there were more).
func commonProjection(b *builder, ad *admission, q kg.CommonNeighborsQuery) string {
	node := b.entity("c", q.Nodes)
	if q.Joins == nil {
		return node
	}
	side := func(end, r string) string {
		return fmt.Sprintf("COLLECT { %s WITH %s ORDER BY %s.id LIMIT %d RETURN %s }",
			matchWhere(ad.pattern(end, r, "c", q.Filter.Direction), ad.where(r)), r, r, kg.MaxJoins+1, b.relation(r, q.Joins))
	}
	return fmt.Sprintf("{node: %s, toA: %s, toB: %s}", node, side("a", "ja"), side("b", "jb"))
}
