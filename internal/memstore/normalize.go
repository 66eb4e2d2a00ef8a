package memstore

import "github.com/kgql/kgql/internal/kg"

// The store keeps entities and relations as neo4jstore gives them back,
// so that both stores answer with deep-equal values: dates re-read from
// their text form (a year-precision date has no month), empty alias and
// evidence lists present but empty, never nil. These functions copy their
// argument into that form; the caller's values are never kept.

func normDate(d *kg.Date) *kg.Date {
	if d == nil {
		return nil
	}
	n, err := kg.ParseDate(d.String())
	if err != nil {
		return nil // neo4jstore reads an unparsable date as none
	}
	return &n
}

// normDay is normDate for the date of a statement, which is a value.
func normDay(d kg.Date) kg.Date {
	n, err := kg.ParseDate(d.String())
	if err != nil {
		return kg.Date{}
	}
	return n
}

func normCount(c *kg.Count) *kg.Count {
	if c == nil {
		return nil
	}
	n := *c
	return &n
}

func normEvidence(evs []kg.Evidence) []kg.Evidence {
	out := make([]kg.Evidence, len(evs))
	for i, ev := range evs {
		out[i] = ev
		out[i].Date = normDay(ev.Date)
	}
	return out
}

func normEntity(e *kg.Entity) *kg.Entity {
	n := *e
	n.Aliases = append([]string{}, e.Aliases...)
	n.StartDate = normDate(e.StartDate)
	n.EndDate = normDate(e.EndDate)
	n.Founded = normDate(e.Founded)
	n.Independence = normDate(e.Independence)
	n.Edition = normDate(e.Edition)
	n.PublishedAt = normDate(e.PublishedAt)
	n.UpdatedAt = normDate(e.UpdatedAt)
	n.Participants = normCount(e.Participants)
	n.Members = normCount(e.Members)
	n.Evidence = normEvidence(e.Evidence)
	return &n
}

func normRelation(r *kg.Relation) *kg.Relation {
	n := *r
	n.ValidFrom = normDate(r.ValidFrom)
	n.ValidTo = normDate(r.ValidTo)
	n.PointInTime = normDate(r.PointInTime)
	if r.Amount != nil {
		m := *r.Amount
		n.Amount = &m
	}
	n.Rank = clonePtr(r.Rank)
	n.PreviousRank = clonePtr(r.PreviousRank)
	n.Count = normCount(r.Count)
	n.Evidence = normEvidence(r.Evidence)
	return &n
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
