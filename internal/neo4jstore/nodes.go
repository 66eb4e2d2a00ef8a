package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Nodes implements kg.Store: entities by the id constraint's index,
// relations by their type's id index (an id names its type), each id
// once, in one statement.
func (s *Store) Nodes(ctx context.Context, ids []string, es *kg.EntitySel, rs *kg.RelationSel) ([]kg.NodeView, error) {
	if err := kg.CheckIDs(ids); err != nil {
		return nil, err
	}
	if err := checkEntitySel(es); err != nil {
		return nil, err
	}
	if err := checkRelationSel(rs); err != nil {
		return nil, err
	}
	out := make([]kg.NodeView, len(ids))
	query, params := nodesQuery(ids, es, rs)
	if query == "" {
		return out, nil
	}
	recs, err := s.read(ctx, query, params)
	if err != nil {
		return nil, err
	}
	entities := map[string]*kg.EntityView{}
	relations := map[string]*kg.RelationView{}
	for _, rec := range recs {
		m := rec.AsMap()
		if e := entityView(m["e"], es); e != nil {
			entities[e.ID] = e
		}
		if r := relationView(m["r"], rs); r != nil {
			relations[r.ID] = r
		}
	}
	for i, id := range ids {
		out[i] = kg.NodeView{Entity: entities[id], Relation: relations[id]}
	}
	return out, nil
}

// nodesQuery is the statement of Nodes: one branch for the entities and
// one per relation type the ids name ("" when there is nothing to read).
func nodesQuery(ids []string, es *kg.EntitySel, rs *kg.RelationSel) (string, map[string]any) {
	var entities []string
	byType := map[kg.RelationType][]string{}
	for _, id := range ids {
		if _, t, _, ok := kg.ParseRelationID(id); ok && t.Valid() {
			if !slices.Contains(byType[t], id) {
				byType[t] = append(byType[t], id)
			}
		} else if !slices.Contains(entities, id) {
			entities = append(entities, id)
		}
	}
	b := newBuilder()
	var branches []string
	if len(entities) > 0 {
		id, n := b.fresh("id"), b.fresh("n")
		branches = append(branches, fmt.Sprintf("UNWIND %s AS %s MATCH (%s:Entity {id: %s}) RETURN %s AS e, null AS r",
			b.param(entities), id, n, id, b.entity(n, es)))
	}
	for _, t := range kg.RelationTypes {
		if len(byType[t]) == 0 {
			continue
		}
		id, r := b.fresh("id"), b.fresh("r")
		branches = append(branches, fmt.Sprintf("UNWIND %s AS %s MATCH ()-[%s:%s {id: %s}]->() RETURN null AS e, %s AS r",
			b.param(byType[t]), id, r, t.CypherType(), id, b.relation(r, rs)))
	}
	if len(branches) == 0 {
		return "", nil
	}
	return "CALL () {\n  " + strings.Join(branches, "\n  UNION ALL\n  ") + "\n}\nRETURN e, r", b.params
}
