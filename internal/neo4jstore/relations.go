package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// FindRelations implements kg.Store. Relations run from their From end
// to their To end (the filter's direction is not used). The match is
// anchored on the first of Between (either direction), else the From
// end, else the To end, else the entities the
// document mentions (a relation it states has both ends among them),
// else each type's id index in order, one branch per type, merged.
func (s *Store) FindRelations(ctx context.Context, f kg.RelationFilter, count bool, rel *kg.RelationSel, node *kg.EntitySel) (*kg.RelationPage, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if err := f.NoWith("relations"); err != nil {
		return nil, err
	}
	var after string
	if f.After != "" {
		key, err := kg.DecodeCursor(f.After, 1)
		if err != nil {
			return nil, err
		}
		after = key[0]
	}
	var before string
	if f.Before != "" {
		key, err := kg.DecodeCursor(f.Before, 1)
		if err != nil {
			return nil, err
		}
		before = key[0]
	}
	if err := checkRelationSel(rel); err != nil {
		return nil, err
	}
	if err := checkEntitySel(node); err != nil {
		return nil, err
	}
	query, params := findRelationsQuery(f, after, before, count, rel, node)
	row, err := s.readOne(ctx, query, params)
	if err != nil {
		return nil, err
	}
	rows, _ := row["page"].([]any)
	page := &kg.RelationPage{Edges: []kg.RelationEdge{}, Counted: count}
	rows, page.HasPrevious, page.HasNextPage = kg.CutRead(f.Page, rows)
	if t, ok := row["total"].(int64); ok {
		page.TotalCount = int(t)
	}
	for _, r := range rows {
		m, _ := r.(map[string]any)
		edge := kg.NewRelationEdge(relationView(m["r"], rel), "")
		if node != nil {
			edge.Node = entityView(m["node"], node)
		}
		page.Edges = append(page.Edges, edge)
	}
	return page, nil
}

// findRelationsQuery is the statement of FindRelations, after the
// relation id after and before the id before ("" for none); a page
// backwards reads the id indexes in descending order from before.
func findRelationsQuery(f kg.RelationFilter, after, before string, count bool, rel *kg.RelationSel, node *kg.EntitySel) (string, map[string]any) {
	b := newBuilder()
	ad := b.admits(f.StepFilter)
	limit := b.param(f.Size() + 1)
	order := "r.id"
	if f.Backward() {
		order = "r.id DESC"
	}
	cond := ad.where("r")
	if f.Document != "" {
		cond = and(cond, b.param(f.Document)+" IN r.evDocs")
	}
	keyset := "r.id IS NOT NULL" // lets the planner read a type's id index in order
	if after != "" || before != "" {
		keyset = ""
		if after != "" {
			keyset = "r.id > " + b.param(after)
		}
		if before != "" {
			keyset = and(keyset, "r.id < "+b.param(before))
		}
	}
	var page, total string
	switch {
	case len(f.Between) == 2:
		// Either direction; a self-relation (both ends one entity) would be
		// found twice: hence DISTINCT.
		match := ad.pattern("a:Entity {id: "+b.param(f.Between[0])+"}", "r", "c:Entity {id: "+b.param(f.Between[1])+"}", kg.Both)
		page = fmt.Sprintf("%s WITH DISTINCT r ORDER BY r.id LIMIT %s", matchWhere(match, and(cond, keyset)), limit)
		total = fmt.Sprintf("COUNT { %s WITH DISTINCT r RETURN r }", matchWhere(match, cond))
	case f.From != "" || f.To != "":
		from, to := "a", "b"
		if f.From != "" {
			from = "a:Entity {id: " + b.param(f.From) + "}"
		}
		if f.To != "" {
			to = "b:Entity {id: " + b.param(f.To) + "}"
		}
		match := ad.pattern(from, "r", to, kg.Out)
		page = fmt.Sprintf("%s WITH r ORDER BY %s LIMIT %s", matchWhere(match, and(cond, keyset)), order, limit)
		total = fmt.Sprintf("COUNT { %s }", matchWhere(match, cond))
	case f.Document != "":
		// Each relation is found from both its ends: hence DISTINCT.
		match := "(d:Entity {id: " + b.param(f.Document) + "})-[:" + kg.Mentions.CypherType() + "]->(a) MATCH " + ad.pattern("a", "r", "b", kg.Both)
		page = fmt.Sprintf("%s WITH DISTINCT r ORDER BY %s LIMIT %s", matchWhere(match, and(cond, keyset)), order, limit)
		total = fmt.Sprintf("COUNT { %s WITH DISTINCT r RETURN r }", matchWhere(match, cond))
	default:
		types := typesOf(f.StepFilter)
		branches := make([]string, len(types))
		counts := make([]string, len(types))
		for i, t := range types {
			match := "()-[r:" + t.CypherType() + "]->()"
			branches[i] = fmt.Sprintf("%s WITH r ORDER BY %s LIMIT %s RETURN r", matchWhere(match, and(keyset, cond)), order, limit)
			counts[i] = fmt.Sprintf("COUNT { %s }", matchWhere(match, cond))
		}
		page = fmt.Sprintf("CALL () { %s } WITH r ORDER BY %s LIMIT %s", strings.Join(branches, " UNION ALL "), order, limit)
		total = strings.Join(counts, " + ")
	}
	nodeProj := "null"
	if node != nil {
		nodeProj = b.entity("b", node)
	}
	query := fmt.Sprintf("RETURN COLLECT { %s\n  WITH r, endNode(r) AS b RETURN {r: %s, node: %s} } AS page", page, b.relation("r", rel), nodeProj)
	if count {
		query += ",\n  " + total + " AS total"
	}
	return query, b.params
}
