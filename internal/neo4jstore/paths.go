package neo4jstore

import (
	"context"
	"fmt"

	"github.com/kgql/kgql/internal/kg"
)

// Paths implements kg.Store in one statement: Neo4j's shortest-path
// search finds the Limit shortest groups of walks (a group is all the
// walks of one length), enumerating at most kg.MaxEnumerated; the walks,
// reduced to their distinct entity sequences, are the routes, ordered by
// length then ids; each step then lists the relations the filter admits
// from one entity of the route to the next.
//
// For more than one route the pattern's WHERE keeps simple walks only,
// as a pre-filter (the search skips the others), so the first Limit
// groups hold at least Limit routes and every route shorter than the
// last of them. The shortest walks are simple anyway: a shortest route
// needs no filter.
func (s *Store) Paths(ctx context.Context, q kg.PathQuery) (*kg.PathList, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if err := entityCursors(q.Nodes); err != nil {
		return nil, err
	}
	if err := relationCursors(q.Steps); err != nil {
		return nil, err
	}
	query, params := pathsQuery(q)
	row, err := s.readOne(ctx, query, params)
	if err != nil {
		return nil, err
	}
	for _, end := range []struct{ key, id string }{{"hasFrom", q.From}, {"hasTo", q.To}} {
		if found, _ := row[end.key].(bool); !found {
			return nil, kg.Errorf(kg.ENOTFOUND, "no entity has id %q", end.id)
		}
	}
	list := &kg.PathList{Paths: []kg.PathView{}, Truncated: row["enumerated"].(int64) >= kg.MaxEnumerated}
	for _, x := range row["routes"].([]any) {
		m := x.(map[string]any)
		var p kg.PathView
		for _, n := range m["nodes"].([]any) {
			p.Nodes = append(p.Nodes, entityView(n, q.Nodes))
		}
		for _, st := range m["steps"].([]any) {
			var step kg.PathStep
			for _, r := range st.([]any) {
				step.Relations = append(step.Relations, relationView(r, q.Steps))
			}
			p.Steps = append(p.Steps, step)
		}
		list.Paths = append(list.Paths, p)
	}
	return list, nil
}

// pathsQuery is the statement of Paths. The hop bounds and the number of
// groups are validated ints (q.Validate), spliced as literals as the
// quantifier and SHORTEST require.
func pathsQuery(q kg.PathQuery) (string, map[string]any) {
	b := newBuilder()
	ad := b.admits(q.Filter)
	from, to := b.param(q.From), b.param(q.To)
	least := 1
	if q.From == q.To {
		least = 0 // the route of one entity and no step
	}
	simple := ""
	if q.Limit > 1 {
		simple = " WHERE all(i IN range(0, size(y) - 1) WHERE y[i] <> a AND NOT y[i] IN y[..i])"
	}
	w, i, n, u, v, r := b.fresh("w"), b.fresh("i"), b.fresh("n"), b.fresh("u"), b.fresh("v"), b.fresh("r")
	query := fmt.Sprintf(`MATCH (a:Entity {id: %[1]s}), (b:Entity {id: %[2]s})
MATCH p = SHORTEST %[3]d GROUPS ((a) ((x)%[4]s(y)){%[5]d,%[6]d} (b)%[7]s)
WITH p LIMIT %[8]s
WITH collect(nodes(p)) AS walks, count(p) AS enumerated
RETURN EXISTS { MATCH (:Entity {id: %[1]s}) } AS hasFrom, EXISTS { MATCH (:Entity {id: %[2]s}) } AS hasTo, enumerated,
  COLLECT {
    UNWIND walks AS %[9]s
    WITH DISTINCT %[9]s
    WITH %[9]s, [x IN %[9]s | x.id] AS ids ORDER BY size(ids), ids LIMIT %[10]s
    RETURN {
      nodes: [%[11]s IN %[9]s | %[12]s],
      steps: [%[13]s IN range(0, size(%[9]s) - 2) | COLLECT {
        WITH %[9]s[%[13]s] AS %[14]s, %[9]s[%[13]s + 1] AS %[15]s
        %[16]s
        WITH %[17]s ORDER BY %[17]s.id RETURN %[18]s
      }]
    }
  } AS routes`,
		from, to, q.Limit, ad.inline("r", q.Filter.Direction), least, q.MaxHops, simple,
		b.param(kg.MaxEnumerated), w, b.param(q.Limit),
		n, b.entity(n, q.Nodes), i, u, v, matchWhere(ad.pattern(u, r, v, q.Filter.Direction), ad.where(r)), r, b.relation(r, q.Steps))
	return query, b.params
}
