package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgql/kgql/internal/kg"
)

var _ kg.Store = (*Store)(nil)

// read runs one query in a managed read transaction, routed to readers
// (so a cluster's followers serve it through a neo4j:// URI), on the named
// database, and counts the round trip.
func (s *Store) read(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
	kg.CountRoundTrip(ctx)
	res, err := neo4j.ExecuteQuery(ctx, s.driver, query, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, wrap(err)
	}
	return res.Records, nil
}

// EntitiesByID implements kg.Store.
func (s *Store) EntitiesByID(ctx context.Context, ids []string) ([]*kg.Entity, error) {
	recs, err := s.read(ctx, "UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN properties(n) AS n", map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*kg.Entity, len(recs))
	for _, rec := range recs {
		e := decodeEntity(rec.Values[0].(map[string]any))
		byID[e.ID] = e
	}
	out := make([]*kg.Entity, len(ids))
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// RelationsByID implements kg.Store. A relation id starts with its ends'
// ids, so each lookup is anchored on the entity-id index.
func (s *Store) RelationsByID(ctx context.Context, ids []string) ([]*kg.Relation, error) {
	rows := make([]any, 0, len(ids))
	for _, id := range ids {
		if from, to, ok := relationEnds(id); ok {
			rows = append(rows, map[string]any{"id": id, "from": from, "to": to})
		}
	}
	recs, err := s.read(ctx, `UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r]->(b:Entity {id: row.to})
WHERE r.id = row.id
RETURN properties(r) AS r, type(r) AS type, a.id AS from, b.id AS to`, map[string]any{"rows": rows})
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*kg.Relation, len(recs))
	for _, rec := range recs {
		r := relationFromRecord(rec)
		byID[r.ID] = r
	}
	out := make([]*kg.Relation, len(ids))
	for i, id := range ids {
		out[i] = byID[id]
	}
	return out, nil
}

// relationEnds reads the ends out of an id made by kg.RelationID.
func relationEnds(id string) (from, to string, ok bool) {
	parts := strings.SplitN(id, ">", 3)
	if len(parts) != 3 {
		return "", "", false
	}
	to, _, _ = strings.Cut(parts[2], "#")
	return parts[0], to, true
}

func relationFromRecord(rec *neo4j.Record) *kg.Relation {
	m := rec.AsMap()
	return decodeRelation(m["r"].(map[string]any), m["type"].(string), m["from"].(string), m["to"].(string))
}

// pattern returns the relationship pattern from a to b for a filter: types
// come from the model's closed list (checked by the caller), never from
// input text.
func pattern(f kg.StepFilter) string {
	types := ""
	if len(f.Types) > 0 {
		names := make([]string, len(f.Types))
		for i, t := range f.Types {
			names[i] = t.CypherType()
		}
		types = ":" + strings.Join(names, "|")
	}
	switch f.Direction {
	case kg.Out:
		return "(a)-[r" + types + "]->(b)"
	case kg.In:
		return "(a)<-[r" + types + "]-(b)"
	default:
		return "(a)-[r" + types + "]-(b)"
	}
}

// windowClause adds the time filter to params and returns its condition,
// or "true" when the filter has no window.
func windowClause(w kg.Window, params map[string]any) string {
	var conds []string
	if w.Since != "" {
		params["since"] = w.Since
		conds = append(conds, "(r.tLast IS NULL OR r.tLast >= $since)")
	}
	if w.Until != "" {
		params["until"] = w.Until
		conds = append(conds, "(r.tFirst IS NULL OR r.tFirst <= $until)")
	}
	if len(conds) == 0 {
		return "true"
	}
	return strings.Join(conds, " AND ")
}

// Expand implements kg.Store.
func (s *Store) Expand(ctx context.Context, ids []string, f kg.StepFilter) ([][]kg.Step, error) {
	if err := kg.CheckTypes(f.Types); err != nil {
		return nil, err
	}
	params := map[string]any{"ids": ids}
	query := fmt.Sprintf(`UNWIND range(0, size($ids) - 1) AS i
MATCH (a:Entity {id: $ids[i]})
MATCH %s
WHERE %s
RETURN i, r.id AS rid, type(r) AS type, startNode(r) = a AS out, b.id AS other`, pattern(f), windowClause(f.Window, params))
	recs, err := s.read(ctx, query, params)
	if err != nil {
		return nil, err
	}
	out := make([][]kg.Step, len(ids))
	for _, rec := range recs {
		i := int(rec.Values[0].(int64))
		st := kg.Step{RelationID: rec.Values[1].(string), Type: kg.RelationType(rec.Values[2].(string)), Other: rec.Values[4].(string), Direction: kg.In}
		if rec.Values[3].(bool) {
			st.Direction = kg.Out
		}
		out[i] = append(out[i], st)
	}
	for _, steps := range out {
		slices.SortFunc(steps, func(a, b kg.Step) int { return strings.Compare(a.RelationID, b.RelationID) })
	}
	return out, nil
}
