package neo4jstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// FindEntities implements kg.Store. A page seeks an index in its order,
// one branch per kind (each at most a page long, merged): by name the
// kind's name index (Entity_name for every kind), by id the id
// constraint's index from the kind's id prefix. The keyset condition
// name >= $afterName lets the planner seek from the cursor; without a
// cursor, name IS NOT NULL lets it scan the index in order.
//
// A page by name names the index in a hint, because the index is also
// what keeps the keyset right: Neo4j 5.26 orders names (the index, ORDER
// BY) by code point, but a Filter comparing a stored name with a
// parameter compares UTF-16 units, so that after a label scan (which the
// planner picks on some statistics) "Ｆ" (U+FF26) falls below "🌍"
// (U+1F30D) and a page skips or repeats an entity
// (TestLabelScanComparesNamesByUTF16).
func (s *Store) FindEntities(ctx context.Context, f kg.EntityFilter, count bool, sel *kg.EntitySel) (*kg.EntityPage, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	key, err := f.CursorKey()
	if err != nil {
		return nil, err
	}
	before, err := f.BeforeKey()
	if err != nil {
		return nil, err
	}
	if err := checkEntitySel(sel); err != nil {
		return nil, err
	}
	query, params := findEntitiesQuery(f, key, before, count, sel)
	row, err := s.readOne(ctx, query, params)
	if err != nil {
		return nil, err
	}
	rows, _ := row["page"].([]any)
	page := &kg.EntityPage{Edges: []kg.EntityEdge{}, Counted: count}
	rows, page.HasPrevious, page.HasNextPage = kg.CutRead(f.Page, rows)
	if t, ok := row["total"].(int64); ok {
		page.TotalCount = int(t)
	}
	for _, r := range rows {
		n := entityView(r, pageSel(sel, f.OrderBy))
		cursor := kg.EncodeCursor(n.ID)
		if f.OrderBy == kg.OrderByName {
			cursor = kg.EncodeCursor(n.Name, n.ID)
			// The name was read for the cursor; shown only when selected.
			if sel == nil {
				n = kg.IDView(n.ID)
			} else if sel.Fields&kg.EName == 0 {
				n.Name = ""
			}
		}
		page.Edges = append(page.Edges, kg.EntityEdge{Node: n, Cursor: cursor})
	}
	return page, nil
}

// findEntitiesQuery is the statement of FindEntities for a filter whose
// cursor keys are key (after) and before (nil for none). A page backwards
// reads the same indexes in descending order from before.
func findEntitiesQuery(f kg.EntityFilter, key, before []string, count bool, sel *kg.EntitySel) (string, map[string]any) {
	b := newBuilder()
	limit := b.param(f.Size() + 1)
	var contains string
	if f.NameContains != "" {
		q := b.param(strings.ToLower(f.NameContains))
		contains = fmt.Sprintf("(toLower(n.name) CONTAINS %[1]s OR any(a IN coalesce(n.aliases, []) WHERE toLower(a) CONTAINS %[1]s))", q)
	}
	order := "n.name, n.id"
	if f.OrderBy == kg.OrderByID {
		order = "n.id"
	}
	if f.Backward() {
		order = "n.name DESC, n.id DESC"
		if f.OrderBy == kg.OrderByID {
			order = "n.id DESC"
		}
	}
	keyset := and(entityKeyset(b, f.OrderBy, key, ">"), entityKeyset(b, f.OrderBy, before, "<"))
	if keyset == "true" && f.OrderBy != kg.OrderByID {
		keyset = "n.name IS NOT NULL" // lets the planner read the name index in order
	}
	// One branch per kind, each reading at most a page in index order.
	var kinds []kg.Kind // each once
	for _, k := range f.Kinds {
		if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	if len(kinds) == 0 {
		kinds = []kg.Kind{""} // every kind: the Entity label
	}
	branches := make([]string, len(kinds))
	counts := make([]string, len(kinds))
	cond := ""
	if contains != "" {
		cond = " WHERE " + contains
	}
	for i, k := range kinds {
		label, prefix := "Entity", ""
		if k != "" {
			label = k.Label()
		}
		counts[i] = "COUNT { MATCH (n:" + label + ")" + cond + " }"
		if k != "" && f.OrderBy == kg.OrderByID {
			// The id index serves the kind from its ids' prefix.
			prefix = "n.id STARTS WITH " + b.param(k.IDPrefix()+"/") + " AND n:" + label
			label = "Entity"
		}
		hint := ""
		if f.OrderBy != kg.OrderByID {
			hint = " USING INDEX n:" + label + "(name)"
		}
		branches[i] = fmt.Sprintf("MATCH (n:%s)%s WHERE %s WITH n ORDER BY %s LIMIT %s", label, hint, and(prefix, keyset, contains), order, limit)
	}
	page := branches[0]
	if len(branches) > 1 {
		page = fmt.Sprintf("CALL () { %s RETURN n } WITH n ORDER BY %s LIMIT %s", strings.Join(branches, " RETURN n UNION ALL "), order, limit)
	}
	// The projection comes after the page is cut, for its rows only.
	query := fmt.Sprintf("RETURN COLLECT { %s RETURN %s } AS page", page, b.entity("n", pageSel(sel, f.OrderBy)))
	if count {
		query += ",\n  " + strings.Join(counts, " + ") + " AS total"
	}
	return query, b.params
}

// entityKeyset is the condition that n is beyond key by op (">" after
// it, "<" before it) in order o; "" for no key.
func entityKeyset(b *builder, o kg.EntityOrder, key []string, op string) string {
	switch {
	case key == nil:
		return ""
	case o == kg.OrderByID:
		return "n.id " + op + " " + b.param(key[0])
	}
	name, id := b.param(key[0]), b.param(key[1])
	// Not "n.name > $name OR n.id > $id": with the id index on Entity,
	// the planner would read both indexes from the cursor (an OR of
	// seeks), half the graph for the id's.
	return fmt.Sprintf("n.name %[3]s= %[1]s AND (n.name <> %[1]s OR n.id %[3]s %[2]s)", name, id, op)
}

// pageSel is sel with the name added when the order needs it for the
// cursors (the view shows it only when sel asks for it).
func pageSel(sel *kg.EntitySel, o kg.EntityOrder) *kg.EntitySel {
	if o != kg.OrderByName {
		return sel
	}
	if sel == nil {
		return &kg.EntitySel{Fields: kg.EName}
	}
	with := *sel
	with.Fields |= kg.EName
	return &with
}
