package neo4jstore

import (
	"github.com/kgql/kgql/internal/kg"
)

// decodeEntity is the inverse of entityProps.
func decodeEntity(p map[string]any) *kg.Entity {
	e := &kg.Entity{
		ID:          str(p, "id"),
		Kind:        kg.Kind(str(p, "kind")),
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
	e.Evidence = evidence(p)
	return e
}

// decodeRelation is the inverse of relationProps; the type and the ends
// are not properties and come from the query.
func decodeRelation(p map[string]any, typ, from, to string) *kg.Relation {
	r := &kg.Relation{
		ID:          str(p, "id"),
		Type:        kg.RelationType(typ),
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
	r.Evidence = evidence(p)
	return r
}

func str(p map[string]any, key string) string {
	s, _ := p[key].(string)
	return s
}

func strs(p map[string]any, key string) []string {
	list, _ := p[key].([]any)
	out := make([]string, 0, len(list))
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func ints(p map[string]any, key string) []int {
	list, _ := p[key].([]any)
	out := make([]int, 0, len(list))
	for _, v := range list {
		if n, ok := v.(int64); ok {
			out = append(out, int(n))
		}
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
