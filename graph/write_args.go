package graph

import (
	"fmt"

	"github.com/kgql/kgql/graph/model"
	"github.com/kgql/kgql/internal/kg"
)

// Mutation inputs are read into kg's inputs here. Only what the schema's
// types cannot say is checked (a date, an amount or a count written as
// text), each as a user error at its field path; every rule of what a
// write may do is kg's (CheckIngest and its siblings) or the store's.

// inputReader collects the user errors of reading one input.
type inputReader struct{ errs kg.UserErrors }

func (c *inputReader) bad(at []string, format string, args ...any) {
	c.errs = append(c.errs, &kg.UserError{Code: kg.EINVALID, Field: at, Message: fmt.Sprintf(format, args...)})
}

func at(base []string, parts ...any) []string {
	out := append([]string{}, base...)
	for _, p := range parts {
		out = append(out, fmt.Sprint(p))
	}
	return out
}

func (c *inputReader) date(s *string, field []string) *kg.Date {
	if s == nil {
		return nil
	}
	d, err := kg.ParseDate(*s)
	if err != nil {
		c.bad(field, "%v: want a date such as 2026, 2026-03 or 2026-03-01", err)
		return nil
	}
	return &d
}

func (c *inputReader) count(s *string, field []string) *kg.Count {
	if s == nil {
		return nil
	}
	n, err := kg.ParseCount(*s)
	if err != nil {
		c.bad(field, "%v", err)
		return nil
	}
	return &n
}

func (c *inputReader) money(s *string, field []string) *kg.Money {
	if s == nil {
		return nil
	}
	m, err := kg.ParseMoney(*s)
	if err != nil {
		c.bad(field, "%v", err)
		return nil
	}
	return &m
}

func status(s *model.Status) kg.Status {
	if s == nil {
		return kg.StatusActual
	}
	return model.DomainStatuses([]model.Status{*s})[0]
}

func request(key, reason *string) kg.Request {
	return kg.Request{IdempotencyKey: deref(key), Reason: deref(reason)}
}

func (c *inputReader) attributes(a *model.AttributesInput, field []string) kg.Attributes {
	if a == nil {
		return kg.Attributes{}
	}
	out := kg.Attributes{
		Title:        a.Title,
		StartDate:    c.date(a.StartDate, at(field, "startDate")),
		EndDate:      c.date(a.EndDate, at(field, "endDate")),
		Participants: c.count(a.Participants, at(field, "participants")),
		Founded:      c.date(a.Founded, at(field, "founded")),
		Members:      c.count(a.Members, at(field, "members")),
		Independence: c.date(a.Independence, at(field, "independence")),
		Edition:      c.date(a.Edition, at(field, "edition")),
	}
	if a.Status != nil {
		st := status(a.Status)
		out.Status = &st
	}
	return out
}

func (c *inputReader) entity(e *model.EntityInput, field []string) kg.EntityInput {
	return kg.EntityInput{Ref: deref(e.Ref), Kind: model.DomainKind(e.Kind), Name: e.Name, Aliases: e.Aliases,
		Description: deref(e.Description), Attributes: c.attributes(e.Attributes, at(field, "attributes"))}
}

func (c *inputReader) relation(r *model.RelationInput, field []string) kg.RelationInput {
	out := kg.RelationInput{
		Type: kg.RelationType(r.Type), From: r.From, To: r.To, Role: deref(r.Role), Status: status(r.Status),
		ValidFrom:   c.date(r.ValidFrom, at(field, "validFrom")),
		ValidTo:     c.date(r.ValidTo, at(field, "validTo")),
		PointInTime: c.date(r.PointInTime, at(field, "pointInTime")),
		Amount:      c.money(r.Amount, at(field, "amount")),
		Rank:        r.Rank, PreviousRank: r.PreviousRank,
		Count:       c.count(r.Count, at(field, "count")),
		Counterpart: deref(r.Counterpart), Note: deref(r.Note),
	}
	for i, ev := range r.Evidence {
		out.Evidence = append(out.Evidence, kg.EvidenceInput{Document: deref(ev.Document), Start: ev.Start, End: ev.End,
			Excerpt: deref(ev.Excerpt), Date: c.date(ev.Date, at(field, "evidence", i, "date")), SaidBy: deref(ev.SaidBy)})
	}
	return out
}

func ingestInput(in model.IngestDocumentInput) (kg.IngestDocumentInput, error) {
	var c inputReader
	out := kg.IngestDocumentInput{Request: request(in.IdempotencyKey, in.Reason)}
	if d := in.Document; d != nil {
		out.Document = kg.DocumentInput{Title: d.Title, URL: deref(d.URL), Publisher: deref(d.Publisher), Text: d.Text,
			Published: c.date(d.Published, []string{"input", "document", "published"})}
	}
	for i, e := range in.Entities {
		out.Entities = append(out.Entities, c.entity(e, at([]string{"input", "entities"}, i)))
	}
	for i, r := range in.Relations {
		out.Relations = append(out.Relations, c.relation(r, at([]string{"input", "relations"}, i)))
	}
	return out, c.errs.Err()
}

func createEntityInput(in model.CreateEntityInput) (kg.CreateEntityInput, error) {
	var c inputReader
	e := c.entity(&model.EntityInput{Kind: in.Kind, Name: in.Name, Aliases: in.Aliases, Description: in.Description,
		Attributes: in.Attributes}, []string{"input"})
	return kg.CreateEntityInput{Request: request(in.IdempotencyKey, in.Reason), Entity: e}, c.errs.Err()
}

func updateEntityInput(in model.UpdateEntityInput) (kg.UpdateEntityInput, error) {
	var c inputReader
	out := kg.UpdateEntityInput{Request: request(in.IdempotencyKey, in.Reason), ID: in.ID, ExpectedRev: in.ExpectedRev,
		Name: in.Name, Description: in.Description, Attributes: c.attributes(in.Attributes, []string{"input", "attributes"}),
		Clear: in.Clear, AddAliases: in.AddAliases, RemoveAliases: in.RemoveAliases}
	return out, c.errs.Err()
}

func assertRelationInput(in model.AssertRelationInput) (kg.AssertRelationInput, error) {
	var c inputReader
	out := kg.AssertRelationInput{Request: request(in.IdempotencyKey, in.Reason)}
	if in.Relation != nil {
		out.Relation = c.relation(in.Relation, []string{"input", "relation"})
	}
	return out, c.errs.Err()
}
