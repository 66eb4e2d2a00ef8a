package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Paths implements kg.Store in one statement, in stages that run only
// while the routes found are fewer than the limit:
//
//  1. allShortestPaths: every shortest walk (Neo4j's bidirectional
//     breadth-first search, the filter evaluated during it). Shortest
//     walks are routes: no entity twice.
//  2. for j = 2 .. MaxHops, SHORTEST j GROUPS: every walk of the j least
//     lengths (a group is all the walks of one length; the output comes
//     shortest first), passing neither through From nor back through To
//     (conditions on one step, which the search evaluates as it goes).
//     A walk may still pass an entity twice: those are dropped after.
//
// Each stage enumerates at most kg.MaxEnumerated walks. The routes are the
// distinct entity sequences of the last stage's simple walks, by length
// then ids; each step lists the relations of the route's walks there:
// every relation the filter admits from one entity to the next. The answer is exact unless the
// cap cut the last stage within the length of the last route kept, or
// before Limit routes: then it is Truncated.
//
// Why not one SHORTEST k GROUPS with a "no entity twice" pre-filter: such
// a condition is on the whole walk, so the search must carry every walk
// it extends, and on a graph of 20,000 entities it ran out of memory
// where the stages take milliseconds.
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
	list := &kg.PathList{Paths: []kg.PathView{}}
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
	if row["enumerated"].(int64) >= kg.MaxEnumerated {
		// The cap may have cut the walks of the longest length enumerated.
		longest := int(row["longest"].(int64))
		n := len(list.Paths)
		list.Truncated = n < q.Limit || list.Paths[n-1].Length() >= longest
	}
	return list, nil
}

// pathsQuery is the statement of Paths. The hop bound and the numbers of
// groups are validated ints (q.Validate), spliced as literals as the
// patterns require.
func pathsQuery(q kg.PathQuery) (string, map[string]any) {
	b := newBuilder()
	ad := b.admits(q.Filter)
	limit, maxEnumerated := b.param(q.Limit), b.param(kg.MaxEnumerated)
	simple := "all(i IN range(0, size(w) - 1) WHERE NOT w[i] IN w[i + 1..])"
	var sb strings.Builder
	// Stage 1. Both ends must exist (else hasFrom or hasTo says which
	// does not); a route from an entity to itself is that entity alone.
	fmt.Fprintf(&sb, `OPTIONAL MATCH (a:Entity {id: %s})
OPTIONAL MATCH (b:Entity {id: %s})
CALL (a, b) {
  CALL (a, b) {
    WITH a, b WHERE a = b
    MATCH p = (a)
    RETURN p
    UNION ALL
    WITH a, b WHERE a <> b
    MATCH p = allShortestPaths((a)%s(b))%s
    RETURN p
  }
  WITH p LIMIT %s
  RETURN collect(p) AS walks, count(p) AS enumerated
}
WITH a, b, walks, enumerated, CASE WHEN size(walks) > 0 THEN 1 ELSE 0 END AS groups
`, b.param(q.From), b.param(q.To), arrow("["+ad.types+"*.."+fmt.Sprint(q.MaxHops)+"]", q.Filter.Direction), allWhere(ad), maxEnumerated)
	if q.Limit > 1 {
		for j := 2; j <= q.MaxHops; j++ {
			// Stage j runs when stage j-1 found j-1 lengths, was not cut,
			// and gave fewer routes than the limit.
			fmt.Fprintf(&sb, `CALL (a, b, walks, enumerated, groups) {
  WITH a, b, walks, enumerated, groups WHERE groups = %[1]d - 1 AND enumerated < %[2]s AND COUNT { UNWIND walks AS p WITH DISTINCT nodes(p) AS w WHERE %[3]s RETURN w } < %[4]s
  MATCH p = SHORTEST %[1]d GROUPS (a) ((x WHERE x <> b)%[5]s(y WHERE y <> a)){1,%[6]d} (b)
  WITH p LIMIT %[2]s
  RETURN collect(p) AS more, count(p) AS moreEnumerated, count(DISTINCT length(p)) AS moreGroups
}
WITH a, b, CASE WHEN moreGroups > 0 THEN more ELSE walks END AS walks,
  CASE WHEN moreGroups > 0 THEN moreEnumerated ELSE enumerated END AS enumerated,
  CASE WHEN moreGroups > 0 THEN moreGroups ELSE groups END AS groups
`, j, maxEnumerated, simple, limit, ad.inline("r", q.Filter.Direction), q.MaxHops)
		}
	}
	// A walk's relations are admitted ones; the walks of a route are every
	// choice among its steps' relations, so each step's relations are
	// read off them, not matched again.
	w, i, n, r := b.fresh("w"), b.fresh("i"), b.fresh("n"), b.fresh("r")
	fmt.Fprintf(&sb, `RETURN a IS NOT NULL AS hasFrom, b IS NOT NULL AS hasTo, enumerated,
  reduce(m = 0, p IN walks | CASE WHEN length(p) > m THEN length(p) ELSE m END) AS longest,
  COLLECT {
    UNWIND walks AS p
    WITH nodes(p) AS w, relationships(p) AS rs
    WHERE %[1]s
    WITH w AS %[2]s, collect(rs) AS rss
    WITH %[2]s, rss, [x IN %[2]s | x.id] AS ids ORDER BY size(ids), ids LIMIT %[3]s
    RETURN {
      nodes: [%[4]s IN %[2]s | %[5]s],
      steps: [%[6]s IN range(0, size(%[2]s) - 2) | COLLECT {
        UNWIND rss AS rs WITH DISTINCT rs[%[6]s] AS %[7]s ORDER BY %[7]s.id RETURN %[8]s
      }]
    }
  } AS routes`,
		simple, w, limit, n, b.entity(n, q.Nodes), i, r, b.relation(r, q.Steps))
	return sb.String(), b.params
}

// allWhere is the WHERE of a shortestPath pattern for the filter: a
// condition on every relationship of the path, which the search
// evaluates step by step ("" when the filter has none).
func allWhere(ad *admission) string {
	if w := ad.where("r"); w != "true" {
		return "\n    WHERE all(r IN relationships(p) WHERE " + w + ")"
	}
	return ""
}
