package neo4jstore

import (
	"github.com/kgql/kgql/internal/kg"
)

// Decoding reads back the maps that project.go's projections return: the
// properties of props.go, under the keys project.go writes.

// entityView is the view of an entity projection made for sel.
func entityView(v any, sel *kg.EntitySel) *kg.EntityView {
	p, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	id := str(p, "id")
	if sel == nil {
		return kg.IDView(id)
	}
	// The projection holds the selected properties only.
	e := decodeEntity(p)
	view := &kg.EntityView{Entity: e}
	if sel.Evidence != nil {
		view.Statements = statements(p, sel.Evidence)
	}
	if len(sel.Kids) > 0 {
		kids, _ := p["kids"].([]any)
		view.Kids = make([]any, len(sel.Kids))
		for i, c := range sel.Kids {
			if !c.AppliesTo(e.Kind) || i >= len(kids) {
				continue
			}
			kid, _ := kids[i].(map[string]any)
			if c.Kind == kg.ChildNeighbors {
				view.Kids[i] = neighborPage(kid, c)
			} else {
				view.Kids[i] = childRelationPage(id, kid, c)
			}
		}
	}
	return view
}

// relationView is the view of a relation projection made for sel.
func relationView(v any, sel *kg.RelationSel) *kg.RelationView {
	p, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	r := decodeRelation(p)
	if sel == nil {
		return &kg.RelationView{Relation: r}
	}
	view := &kg.RelationView{Relation: r}
	if sel.Evidence != nil {
		view.Statements = statements(p, sel.Evidence)
	}
	if sel.From != nil {
		view.From = entityView(first(p["fromNode"]), sel.From)
	}
	if sel.To != nil {
		view.To = entityView(first(p["toNode"]), sel.To)
	}
	if sel.Counterpart != nil {
		view.Counterpart = entityView(first(p["counterpartNode"]), sel.Counterpart)
	}
	return view
}

// first is the first element of a list, or nil.
func first(v any) any {
	if list, _ := v.([]any); len(list) > 0 {
		return list[0]
	}
	return nil
}

// statements are the evidence of a projection, with the documents and
// speakers it read.
func statements(p map[string]any, sel *kg.EvidenceSel) []kg.EvidenceView {
	evs := evidence(p)
	docs := viewsByID(p["documents"], sel.Document)
	speakers := viewsByID(p["speakers"], sel.SaidBy)
	out := make([]kg.EvidenceView, len(evs))
	for i, ev := range evs {
		out[i].Evidence = ev
		if sel.Document != nil {
			out[i].Document = docs[ev.DocumentID]
		}
		if sel.SaidBy != nil && ev.SaidBy != "" {
			out[i].SaidBy = speakers[ev.SaidBy]
		}
	}
	return out
}

func viewsByID(v any, sel *kg.EntitySel) map[string]*kg.EntityView {
	list, _ := v.([]any)
	out := make(map[string]*kg.EntityView, len(list))
	for _, x := range list {
		if e := entityView(x, sel); e != nil {
			out[e.ID] = e
		}
	}
	return out
}

// childRelationPage is the page of entity id's relations that child c
// read: at most First+1 rows, the last one saying there is a next page.
func childRelationPage(id string, kid map[string]any, c *kg.ChildSel) *kg.RelationPage {
	rows, _ := kid["page"].([]any)
	page := &kg.RelationPage{Edges: []kg.RelationEdge{}, Counted: c.Count}
	page.HasPrevious, page.HasNextPage, rows = childPage(kid, rows, c, &page.TotalCount)
	for _, row := range rows {
		m, _ := row.(map[string]any)
		rel := relationView(m["r"], c.Relation)
		edge := kg.NewRelationEdge(rel, id)
		if c.Node != nil {
			edge.Node = entityView(m["node"], c.Node)
		}
		page.Edges = append(page.Edges, edge)
	}
	return page
}

// neighborPage is the page of neighbours that child c read.
func neighborPage(kid map[string]any, c *kg.ChildSel) *kg.EntityPage {
	rows, _ := kid["page"].([]any)
	page := &kg.EntityPage{Edges: []kg.EntityEdge{}, Counted: c.Count}
	page.HasPrevious, page.HasNextPage, rows = childPage(kid, rows, c, &page.TotalCount)
	for _, row := range rows {
		n := entityView(row, c.Node)
		page.Edges = append(page.Edges, kg.EntityEdge{Node: n, Cursor: kg.EncodeCursor(n.ID)})
	}
	return page
}

// childPage reads a child's total (into *total, when counted) and cuts
// its rows to the page, saying whether items precede and follow it as
// kg.Cut does: a page backwards was read from before down.
func childPage(kid map[string]any, rows []any, c *kg.ChildSel, total *int) (prev, next bool, page []any) {
	f := c.Filter
	if f.Backward() {
		if t, ok := kid["total"].(int64); ok {
			*total = int(t)
		}
		page, prev, next = kg.CutRead(f.Page, rows)
		return prev, next, page
	}
	next, page = hasNext(kid, rows, f.First, c.Count && f.After == "" && f.Before == "", total)
	return f.After != "", next, page
}

// hasNext reads a child's total (into *total, when counted) and says
// whether there is a page after rows (cut to first): a page of first+1
// rows has one; a page of 0 asks "more" or, from the start, its total.
func hasNext(kid map[string]any, rows []any, first int, totalSays bool, total *int) (bool, []any) {
	if t, ok := kid["total"].(int64); ok {
		*total = int(t)
	}
	switch {
	case len(rows) > first:
		return true, rows[:first]
	case first > 0:
		return false, rows
	case totalSays:
		return *total > 0, rows
	}
	more, _ := kid["more"].(bool)
	return more, rows
}

// decodeEntity is the inverse of entityProps, for the properties p has;
// the kind is the one its id names.
func decodeEntity(p map[string]any) *kg.Entity {
	id := str(p, "id")
	kind, _ := kg.KindOfID(id)
	e := &kg.Entity{
		ID:          id,
		Kind:        kind,
		Name:        str(p, "name"),
		Aliases:     strs(p, "aliases"),
		Description: str(p, "description"),
		Title:       str(p, "title"),
		Status:      kg.Status(str(p, "status")),
		Publisher:   str(p, "publisher"),
		URL:         str(p, "url"),
		Text:        str(p, "text"),
	}
	e.StartDate = date(p, "startDate")
	e.EndDate = date(p, "endDate")
	e.Founded = date(p, "founded")
	e.Independence = date(p, "independence")
	e.Edition = date(p, "edition")
	e.PublishedAt = date(p, "publishedAt")
	e.UpdatedAt = date(p, "updatedAt")
	e.Participants = count(p, "participants")
	e.Members = count(p, "members")
	return e
}

// decodeRelation is the inverse of relationProps, for the properties p
// has; the type is the projection's, the ends those its id names.
func decodeRelation(p map[string]any) *kg.Relation {
	id := str(p, "id")
	from, _, to, _ := kg.ParseRelationID(id)
	r := &kg.Relation{
		ID:          id,
		Type:        kg.RelationType(str(p, "type")),
		From:        from,
		To:          to,
		Role:        str(p, "role"),
		Status:      kg.Status(str(p, "status")),
		Counterpart: str(p, "counterpart"),
		Note:        str(p, "note"),
	}
	r.ValidFrom = date(p, "validFrom")
	r.ValidTo = date(p, "validTo")
	r.PointInTime = date(p, "pointInTime")
	if v, ok := p["amount"].(float64); ok {
		r.Amount = &kg.Money{Value: v, Currency: str(p, "currency")}
	}
	r.Rank = intPtr(p, "rank")
	r.PreviousRank = intPtr(p, "previousRank")
	r.Count = count(p, "count")
	return r
}

func str(p map[string]any, key string) string {
	s, _ := p[key].(string)
	return s
}

// strs is a list of strings, nil when absent or empty (as the loader
// stores no empty list).
func strs(p map[string]any, key string) []string {
	list, _ := p[key].([]any)
	if len(list) == 0 {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, v := range list {
		s, _ := v.(string)
		out = append(out, s)
	}
	return out
}

func ints(p map[string]any, key string) []int {
	list, _ := p[key].([]any)
	out := make([]int, 0, len(list))
	for _, v := range list {
		n, _ := v.(int64)
		out = append(out, int(n))
	}
	return out
}

func date(p map[string]any, key string) *kg.Date {
	s := str(p, key)
	if s == "" {
		return nil
	}
	d, err := kg.ParseDate(s)
	if err != nil {
		return nil // the loader wrote it from a parsed date: cannot happen
	}
	return &d
}

func intPtr(p map[string]any, key string) *int {
	v, ok := p[key].(int64)
	if !ok {
		return nil
	}
	n := int(v)
	return &n
}

func count(p map[string]any, key string) *kg.Count {
	v, ok := p[key].(int64)
	if !ok {
		return nil
	}
	return &kg.Count{Value: int(v), Qualifier: kg.CountQualifier(str(p, key+"Qualifier"))}
}

// evidence reads the parallel lists of setEvidence; evSaidBy, evStarts
// and evEnds may be absent (no speaker; stored before offsets).
func evidence(p map[string]any) []kg.Evidence {
	docs, excerpts, dates, saidBy := strs(p, "evDocs"), strs(p, "evExcerpts"), strs(p, "evDates"), strs(p, "evSaidBy")
	starts, ends := ints(p, "evStarts"), ints(p, "evEnds")
	out := make([]kg.Evidence, 0, len(docs))
	for i := range docs {
		ev := kg.Evidence{DocumentID: docs[i]}
		if i < len(excerpts) {
			ev.Excerpt = excerpts[i]
		}
		if i < len(dates) {
			if d, err := kg.ParseDate(dates[i]); err == nil {
				ev.Date = d
			}
		}
		if i < len(saidBy) {
			ev.SaidBy = saidBy[i]
		}
		if i < len(starts) && i < len(ends) {
			ev.Start, ev.End = starts[i], ends[i]
		}
		out = append(out, ev)
	}
	return out
}
