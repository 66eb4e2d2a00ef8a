package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// relationRow is what the page queries return for each relation.
const relationRow = `{r: properties(r), type: type(r), from: startNode(r).id, to: endNode(r).id}`

func decodeRelationRow(m map[string]any) *kg.Relation {
	return decodeRelation(m["r"].(map[string]any), m["type"].(string), m["from"].(string), m["to"].(string))
}

// relationConds returns the WHERE conditions of a relation filter beyond
// its pattern, adding their parameters.
func relationConds(f kg.RelationFilter, params map[string]any) []string {
	conds := []string{windowClause(f.Window, params)}
	if f.Document != "" {
		params["doc"] = f.Document
		conds = append(conds, "$doc IN r.evDocs")
	}
	return conds
}

func afterCond(after string, params map[string]any) (string, error) {
	if after == "" {
		return "true", nil
	}
	key, err := kg.DecodeCursor(after, 1)
	if err != nil {
		return "", err
	}
	params["after"] = key[0]
	return "r.id > $after", nil
}

// RelationsOf implements kg.Store: one query for all the entities, each
// with its page (keyset on relation id) and its total.
func (s *Store) RelationsOf(ctx context.Context, ids []string, f kg.RelationFilter) ([]*kg.RelationPage, error) {
	if err := kg.CheckTypes(f.Types); err != nil {
		return nil, err
	}
	if err := kg.CheckCount("first", f.First); err != nil {
		return nil, err
	}
	params := map[string]any{"ids": ids, "limit": f.First + 1}
	conds := relationConds(f, params)
	after, err := afterCond(f.After, params)
	if err != nil {
		return nil, err
	}
	where := strings.Join(conds, " AND ")
	query := fmt.Sprintf(`UNWIND range(0, size($ids) - 1) AS i
MATCH (a:Entity {id: $ids[i]})
CALL (a) {
  MATCH %[1]s
  WHERE %[2]s AND %[3]s
  WITH r ORDER BY r.id LIMIT $limit
  RETURN collect(%[4]s) AS page
}
CALL (a) {
  MATCH %[1]s
  WHERE %[2]s
  RETURN count(r) AS total
}
RETURN i, page, total`, pattern(f.StepFilter), where, after, relationRow)
	recs, err := s.read(ctx, query, params)
	if err != nil {
		return nil, err
	}
	pages := make([]*kg.RelationPage, len(ids))
	for i := range pages {
		pages[i] = &kg.RelationPage{}
	}
	for _, rec := range recs {
		i := int(rec.Values[0].(int64))
		var rels []*kg.Relation
		for _, row := range rec.Values[1].([]any) {
			rels = append(rels, decodeRelationRow(row.(map[string]any)))
		}
		pages[i] = relationPage(ids[i], rels, f.First, int(rec.Values[2].(int64)))
	}
	return pages, nil
}

// relationPage turns first+1 relations into a page seen from entity id
// ("" for the From end).
func relationPage(id string, rels []*kg.Relation, first, total int) *kg.RelationPage {
	page := &kg.RelationPage{TotalCount: total, HasNextPage: len(rels) > first}
	if page.HasNextPage {
		rels = rels[:first]
	}
	for _, r := range rels {
		page.Edges = append(page.Edges, kg.NewRelationEdge(r, id))
	}
	return page
}

// FindRelations implements kg.Store. The match is anchored on an entity
// when the filter names one: the From or To end, or the entities a
// document mentions.
func (s *Store) FindRelations(ctx context.Context, f kg.RelationFilter) (*kg.RelationPage, error) {
	if err := kg.CheckTypes(f.Types); err != nil {
		return nil, err
	}
	if err := kg.CheckCount("first", f.First); err != nil {
		return nil, err
	}
	params := map[string]any{"limit": f.First + 1}
	conds := relationConds(f, params)
	out := f.StepFilter
	out.Direction = kg.Out
	var match string
	switch {
	case f.From != "":
		params["from"] = f.From
		match = "MATCH (a:Entity {id: $from}) MATCH " + pattern(out)
		if f.To != "" {
			params["to"] = f.To
			conds = append(conds, "b.id = $to")
		}
	case f.To != "":
		params["to"] = f.To
		match = "MATCH (b:Entity {id: $to}) MATCH " + pattern(out)
	case f.Document != "":
		in := f.StepFilter
		in.Direction = kg.Both
		match = "MATCH (:Document {id: $doc})-[:MENTIONS]->(a) MATCH " + pattern(in)
	default:
		match = "MATCH " + pattern(out)
	}
	after, err := afterCond(f.After, params)
	if err != nil {
		return nil, err
	}
	where := strings.Join(conds, " AND ")
	query := fmt.Sprintf(`CALL () {
  %[1]s
  WHERE %[2]s AND %[3]s
  WITH DISTINCT r ORDER BY r.id LIMIT $limit
  RETURN collect(%[4]s) AS page
}
CALL () {
  %[1]s
  WHERE %[2]s
  RETURN count(DISTINCT r) AS total
}
RETURN page, total`, match, where, after, relationRow)
	recs, err := s.read(ctx, query, params)
	if err != nil {
		return nil, err
	}
	var rels []*kg.Relation
	for _, row := range recs[0].Values[0].([]any) {
		rels = append(rels, decodeRelationRow(row.(map[string]any)))
	}
	return relationPage("", rels, f.First, int(recs[0].Values[1].(int64))), nil
}

// FindEntities implements kg.Store.
func (s *Store) FindEntities(ctx context.Context, f kg.EntityFilter) (*kg.EntityPage, error) {
	if err := kg.CheckKinds(f.Kinds); err != nil {
		return nil, err
	}
	if err := kg.CheckCount("first", f.First); err != nil {
		return nil, err
	}
	params := map[string]any{"limit": f.First + 1}
	label := "Entity"
	var conds []string
	switch len(f.Kinds) {
	case 0:
	case 1:
		label = f.Kinds[0].Label()
	default:
		kinds := make([]string, len(f.Kinds))
		for i, k := range f.Kinds {
			kinds[i] = k.Label()
		}
		params["kinds"] = kinds
		conds = append(conds, "n.kind IN $kinds")
	}
	if f.NameContains != "" {
		params["q"] = strings.ToLower(f.NameContains)
		conds = append(conds, "(toLower(n.name) CONTAINS $q OR any(x IN coalesce(n.aliases, []) WHERE toLower(x) CONTAINS $q))")
	}
	if len(conds) == 0 {
		conds = append(conds, "true")
	}
	order, keyParts := "n.name, n.id", 2
	if f.OrderBy == kg.OrderByID {
		order, keyParts = "n.id", 1
	}
	after := "true"
	if f.After != "" {
		key, err := kg.DecodeCursor(f.After, keyParts)
		if err != nil {
			return nil, err
		}
		if keyParts == 1 {
			params["afterID"] = key[0]
			after = "n.id > $afterID"
		} else {
			params["afterName"], params["afterID"] = key[0], key[1]
			after = "(n.name > $afterName OR (n.name = $afterName AND n.id > $afterID))"
		}
	}
	where := strings.Join(conds, " AND ")
	query := fmt.Sprintf(`CALL () {
  MATCH (n:%[1]s) WHERE %[2]s AND %[3]s
  WITH n ORDER BY %[4]s LIMIT $limit
  RETURN collect(properties(n)) AS page
}
CALL () {
  MATCH (n:%[1]s) WHERE %[2]s
  RETURN count(n) AS total
}
RETURN page, total`, label, where, after, order)
	recs, err := s.read(ctx, query, params)
	if err != nil {
		return nil, err
	}
	rows := recs[0].Values[0].([]any)
	page := &kg.EntityPage{TotalCount: int(recs[0].Values[1].(int64)), HasNextPage: len(rows) > f.First}
	if page.HasNextPage {
		rows = rows[:f.First]
	}
	for _, row := range rows {
		e := decodeEntity(row.(map[string]any))
		cursor := kg.EncodeCursor(e.Name, e.ID)
		if keyParts == 1 {
			cursor = kg.EncodeCursor(e.ID)
		}
		page.Edges = append(page.Edges, kg.EntityEdge{Entity: e, Cursor: cursor})
	}
	return page, nil
}

// SearchCandidates implements kg.Store with the full-text index: each term
// of the text as a prefix and, fuzzily, within the edit distance that
// kg.Score allows for its length.
func (s *Store) SearchCandidates(ctx context.Context, text string, kinds []kg.Kind, limit int) ([]*kg.Entity, error) {
	if err := kg.CheckKinds(kinds); err != nil {
		return nil, err
	}
	if err := kg.CheckCount("limit", limit); err != nil {
		return nil, err
	}
	var clauses []string
	for _, term := range kg.SearchTerms(text) {
		clauses = append(clauses, term+"*")
		if d := kg.MaxEdits(term); d > 0 {
			clauses = append(clauses, fmt.Sprintf("%s~%d", term, d))
		} else {
			clauses = append(clauses, term)
		}
	}
	if len(clauses) == 0 {
		return nil, nil
	}
	params := map[string]any{"index": FulltextIndex, "q": strings.Join(clauses, " OR "), "limit": limit}
	cond := "true"
	if len(kinds) > 0 {
		names := make([]string, len(kinds))
		for i, k := range kinds {
			names[i] = k.Label()
		}
		params["kinds"] = names
		cond = "node.kind IN $kinds"
	}
	recs, err := s.read(ctx, fmt.Sprintf(`CALL db.index.fulltext.queryNodes($index, $q) YIELD node, score
WHERE %s
RETURN properties(node) AS n ORDER BY score DESC, node.id LIMIT $limit`, cond), params)
	if err != nil {
		return nil, err
	}
	out := make([]*kg.Entity, len(recs))
	for i, rec := range recs {
		out[i] = decodeEntity(rec.Values[0].(map[string]any))
	}
	return out, nil
}

// Stats implements kg.Store. Counts by label and by type come from Neo4j's
// count store; the most connected entities need a scan of the degrees.
func (s *Store) Stats(ctx context.Context, top int) (*kg.Stats, error) {
	if err := kg.CheckCount("top", top); err != nil {
		return nil, err
	}
	var parts []string
	for _, k := range kg.Kinds {
		parts = append(parts, fmt.Sprintf("MATCH (n:%s) RETURN 'kind' AS what, '%s' AS name, count(n) AS n", k.Label(), k))
	}
	var facts []string
	for _, t := range kg.RelationTypes {
		parts = append(parts, fmt.Sprintf("MATCH ()-[r:%s]->() RETURN 'type' AS what, '%s' AS name, count(r) AS n", t.CypherType(), t))
		if t != kg.Mentions {
			facts = append(facts, t.CypherType())
		}
	}
	recs, err := s.read(ctx, "CALL () { "+strings.Join(parts, " UNION ALL ")+" } RETURN what, name, n", nil)
	if err != nil {
		return nil, err
	}
	st := &kg.Stats{ByKind: map[kg.Kind]int{}, ByType: map[kg.RelationType]int{}}
	for _, rec := range recs {
		n := int(rec.Values[2].(int64))
		if rec.Values[0] == "kind" {
			st.ByKind[kg.Kind(rec.Values[1].(string))] = n
			st.Entities += n
		} else {
			st.ByType[kg.RelationType(rec.Values[1].(string))] = n
			st.Relations += n
		}
	}
	// MENTIONS are left out of connectedness: documents would top it.
	recs, err = s.read(ctx, fmt.Sprintf(`MATCH (n:Entity)
WITH n, COUNT { (n)-[:%s]-() } AS degree
WHERE degree > 0
RETURN n.id AS id, degree ORDER BY degree DESC, id LIMIT $top`, strings.Join(facts, "|")), map[string]any{"top": top})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		st.MostConnected = append(st.MostConnected, kg.EntityDegree{EntityID: rec.Values[0].(string), Degree: int(rec.Values[1].(int64))})
	}
	return st, nil
}
