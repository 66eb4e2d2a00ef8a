package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Stats implements kg.Store in one statement. Counts by label, and by
// type when the filter has no conditions, come from Neo4j's count store;
// the most connected entities need a scan of every entity's degree.
func (s *Store) Stats(ctx context.Context, q kg.StatsQuery) (*kg.Stats, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if err := entityCursors(q.Nodes); err != nil {
		return nil, err
	}
	query, params := statsQuery(q)
	row, err := s.readOne(ctx, query, params)
	if err != nil {
		return nil, err
	}
	st := &kg.Stats{ByKind: map[kg.Kind]int{}, ByType: map[kg.RelationType]int{}, MostConnected: []kg.EntityDegree{}}
	kinds := row["kinds"].(map[string]any)
	for _, k := range kg.Kinds {
		n := int(kinds[string(k)].(int64))
		st.ByKind[k] = n
		st.Entities += n
	}
	types := row["types"].(map[string]any)
	for _, t := range kg.RelationTypes {
		st.ByType[t] = int(types[string(t)].(int64))
	}
	for _, t := range typesOf(q.Filter) {
		st.Relations += st.ByType[t]
	}
	top, _ := row["top"].([]any)
	for _, x := range top {
		m := x.(map[string]any)
		st.MostConnected = append(st.MostConnected, kg.EntityDegree{Node: entityView(m["node"], q.Nodes), Degree: int(m["degree"].(int64))})
	}
	return st, nil
}

// statsQuery is the statement of Stats.
func statsQuery(q kg.StatsQuery) (string, map[string]any) {
	b := newBuilder()
	all := q.Filter
	all.Types = kg.RelationTypes // ByType counts every type under the filter's other conditions
	ad := b.admits(all)
	kinds := make([]string, len(kg.Kinds))
	for i, k := range kg.Kinds {
		kinds[i] = fmt.Sprintf("%s: COUNT { MATCH (:%s) }", k.Label(), k.Label())
	}
	types := make([]string, len(kg.RelationTypes))
	for i, t := range kg.RelationTypes {
		types[i] = fmt.Sprintf("%s: COUNT { %s }", t.CypherType(), matchWhere("()-[r:"+t.CypherType()+"]->()", ad.where("r")))
	}
	query := fmt.Sprintf("RETURN {%s} AS kinds,\n  {%s} AS types", strings.Join(kinds, ", "), strings.Join(types, ", "))
	connected := q.Filter
	connected.Types = slices.DeleteFunc(typesOf(q.Filter), func(t kg.RelationType) bool { return t == kg.Mentions })
	if q.Top > 0 && len(connected.Types) > 0 {
		cd := b.admits(connected)
		query += fmt.Sprintf(`,
  COLLECT {
    MATCH (n:Entity)
    WITH n, COUNT { %s } AS degree WHERE degree > 0
    WITH n, degree ORDER BY degree DESC, n.id LIMIT %s
    RETURN {node: %s, degree: degree}
  } AS top`, matchWhere(cd.pattern("n", "r", "", kg.Both), cd.where("r")), b.param(q.Top), b.entity("n", q.Nodes))
	}
	return query, b.params
}
