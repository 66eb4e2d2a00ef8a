package storetest

import (
	"context"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// The reference's writes, one method per kg.Writer method it does.

// CreateEntity is kg.Writer's.
func (w *RefWriter) CreateEntity(ctx context.Context, in kg.CreateEntityInput) (*kg.EntityResult, error) {
	if err := kg.CheckCreateEntity(&in); err != nil {
		return nil, err
	}
	return refWrite(ctx, w, kg.OpCreateEntity, in.Request, in, func(r *kg.EntityResult) **kg.Change { return &r.Change }, func(tx *refTx) (*kg.EntityResult, error) {
		id := kg.NewEntityID(in.Entity.Kind, in.Entity.Name)
		if _, taken := w.entities[id]; taken {
			return nil, kg.UserErrors{{Code: kg.ECONFLICT, Field: fieldOf("input", "entity", "name")}}
		}
		tx.touch(id)
		w.entities[id] = kg.EntityFromInput(id, in.Entity)
		return &kg.EntityResult{Entity: id, Rev: tx.rev(id)}, nil
	})
}

// UpdateEntity is kg.Writer's, with the update applied field by field
// here rather than by kg.ApplyUpdate.
func (w *RefWriter) UpdateEntity(ctx context.Context, in kg.UpdateEntityInput) (*kg.EntityResult, error) {
	if err := kg.CheckUpdateEntity(&in); err != nil {
		return nil, err
	}
	return refWrite(ctx, w, kg.OpUpdateEntity, in.Request, in, func(r *kg.EntityResult) **kg.Change { return &r.Change }, func(tx *refTx) (*kg.EntityResult, error) {
		old, ok := w.entities[in.ID]
		if !ok {
			return nil, notFound("input", "id")
		}
		if in.ExpectedRev != nil && *in.ExpectedRev != tx.rev(in.ID) {
			return nil, conflict(tx.rev(in.ID), "input", "expectedRev")
		}
		e := deepCopy(old)
		var errs kg.UserErrors
		bad := func(field ...any) { errs = append(errs, &kg.UserError{Code: kg.EINVALID, Field: fieldOf(field...)}) }
		a := in.Attributes
		for _, f := range []struct {
			name string
			set  bool
		}{{"title", a.Title != nil}, {"startDate", a.StartDate != nil}, {"endDate", a.EndDate != nil}, {"status", a.Status != nil},
			{"participants", a.Participants != nil}, {"founded", a.Founded != nil}, {"members", a.Members != nil},
			{"independence", a.Independence != nil}, {"edition", a.Edition != nil}} {
			if f.set && !slices.Contains(kg.AttributeKinds[f.name], e.Kind) {
				bad("input", "attributes", f.name)
			}
		}
		for i, name := range in.Clear {
			if !slices.Contains(kg.AttributeKinds[name], e.Kind) {
				bad("input", "clear", i)
			}
		}
		if in.Name != nil {
			e.Name = *in.Name
		}
		if in.Description != nil {
			e.Description = *in.Description
		}
		if a.Title != nil {
			e.Title = *a.Title
		}
		if a.Status != nil {
			e.Status = *a.Status
		}
		e.StartDate, e.EndDate = or(a.StartDate, e.StartDate), or(a.EndDate, e.EndDate)
		e.Participants, e.Members = or(a.Participants, e.Participants), or(a.Members, e.Members)
		e.Founded, e.Independence, e.Edition = or(a.Founded, e.Founded), or(a.Independence, e.Independence), or(a.Edition, e.Edition)
		for _, name := range in.Clear {
			switch name {
			case "title":
				e.Title = ""
			case "status":
				e.Status = ""
			case "startDate":
				e.StartDate = nil
			case "endDate":
				e.EndDate = nil
			case "participants":
				e.Participants = nil
			case "members":
				e.Members = nil
			case "founded":
				e.Founded = nil
			case "independence":
				e.Independence = nil
			case "edition":
				e.Edition = nil
			case "publisher":
				e.Publisher = ""
			case "url":
				e.URL = ""
			case "publishedAt":
				e.PublishedAt = nil
			case "updatedAt":
				e.UpdatedAt = nil
			}
		}
		for i, alias := range in.RemoveAliases {
			j := slices.Index(e.Aliases, alias)
			if j < 0 {
				bad("input", "removeAliases", i)
				continue
			}
			e.Aliases = slices.Delete(e.Aliases, j, j+1)
		}
		for _, alias := range in.AddAliases {
			if alias != e.Name && !slices.Contains(e.Aliases, alias) {
				e.Aliases = append(e.Aliases, alias)
			}
		}
		if len(errs) == 0 && len(kg.EntityValueProblems(e)) > 0 {
			bad("input")
		}
		if len(errs) > 0 {
			return nil, errs
		}
		if View(e) != View(old) {
			tx.touch(in.ID)
			w.entities[in.ID] = e
		}
		return &kg.EntityResult{Entity: in.ID, Rev: tx.rev(in.ID)}, nil
	})
}

func or[T any](a, b *T) *T {
	if a != nil {
		return a
	}
	return b
}

// IngestDocument is kg.Writer's.
func (w *RefWriter) IngestDocument(ctx context.Context, in kg.IngestDocumentInput) (*kg.IngestResult, error) {
	plan, err := kg.CheckIngest(&in)
	if err != nil {
		return nil, err
	}
	return refWrite(ctx, w, kg.OpIngestDocument, in.Request, in, func(r *kg.IngestResult) **kg.Change { return &r.Change }, func(tx *refTx) (*kg.IngestResult, error) {
		for _, e := range w.entities {
			if e.Kind == kg.KindDocument && e.Text != "" && kg.DocumentKey(e.Text) == plan.DocumentKey {
				return &kg.IngestResult{Document: e.ID, Existing: true}, nil
			}
		}
		bound, err := plan.BindRefs(w.resolve(plan.External))
		if err != nil {
			return nil, err
		}
		res := &kg.IngestResult{Document: kg.NewDocumentID(in.Document, plan.DocumentKey, func(id string) bool { return w.entities[id] != nil })}
		var errs kg.UserErrors
		for i, e := range in.Entities {
			id := kg.NewEntityID(e.Kind, e.Name)
			if w.entities[id] != nil || slices.Contains(res.Entities, id) {
				errs = append(errs, &kg.UserError{Code: kg.ECONFLICT, Field: fieldOf("input", "entities", i, "name")})
			}
			res.Entities = append(res.Entities, id)
		}
		if len(errs) > 0 {
			return nil, errs
		}
		tx.touch(res.Document)
		w.entities[res.Document] = &kg.Entity{ID: res.Document, Kind: kg.KindDocument, Name: in.Document.Title, Title: in.Document.Title,
			Publisher: in.Document.Publisher, URL: in.Document.URL, PublishedAt: in.Document.Published, Text: in.Document.Text}
		for i, e := range in.Entities {
			tx.touch(res.Entities[i])
			w.entities[res.Entities[i]] = kg.EntityFromInput(res.Entities[i], e)
		}
		bind := func(ref string) string {
			if i, ok := plan.Refs[ref]; ok {
				return res.Entities[i]
			}
			return bound[ref]
		}
		for i, ri := range in.Relations {
			var evs []kg.Evidence
			for _, ev := range plan.Evidence[i] {
				ev.DocumentID = res.Document
				if ev.SaidBy != "" {
					ev.SaidBy = bind(ev.SaidBy)
				}
				evs = append(evs, ev)
			}
			id, uerr := tx.state(kg.RelationFromInput(ri, bind, evs), fieldOf("input", "relations", i))
			if uerr != nil {
				errs = append(errs, uerr)
			}
			res.Relations = append(res.Relations, id)
		}
		if len(errs) > 0 {
			return nil, errs
		}
		return res, nil
	})
}

// AssertRelation is kg.Writer's.
func (w *RefWriter) AssertRelation(ctx context.Context, in kg.AssertRelationInput) (*kg.RelationResult, error) {
	plan, err := kg.CheckAssertRelation(&in)
	if err != nil {
		return nil, err
	}
	return refWrite(ctx, w, kg.OpAssertRelation, in.Request, in, func(r *kg.RelationResult) **kg.Change { return &r.Change }, func(tx *refTx) (*kg.RelationResult, error) {
		bound, err := plan.BindRefs(w.resolve(plan.External))
		if err != nil {
			return nil, err
		}
		bind := func(ref string) string { return bound[ref] }
		var errs kg.UserErrors
		var evs []kg.Evidence
		for j, ev := range in.Relation.Evidence {
			doc := w.entities[bind(ev.Document)]
			stated, problem := kg.StoredEvidence(doc, ev)
			if problem != "" {
				errs = append(errs, &kg.UserError{Code: kg.EINVALID, Field: fieldOf("input", "relation", "evidence", j)})
				continue
			}
			if stated.SaidBy != "" {
				stated.SaidBy = bind(stated.SaidBy)
			}
			evs = append(evs, stated)
		}
		if len(errs) > 0 {
			return nil, errs
		}
		id, uerr := tx.state(kg.RelationFromInput(in.Relation, bind, evs), fieldOf("input", "relation"))
		if uerr != nil {
			return nil, kg.UserErrors{uerr}
		}
		return &kg.RelationResult{Relation: id, Rev: tx.rev(id)}, nil
	})
}

// RetractRelation is kg.Writer's: the relation leaves the live graph and
// keeps its evidence with its retraction.
func (w *RefWriter) RetractRelation(ctx context.Context, in kg.RetractRelationInput) (*kg.RelationResult, error) {
	if err := kg.CheckRetractRelation(&in); err != nil {
		return nil, err
	}
	return refWrite(ctx, w, kg.OpRetractRelation, in.Request, in, func(r *kg.RelationResult) **kg.Change { return &r.Change }, func(tx *refTx) (*kg.RelationResult, error) {
		r, live := w.relations[in.ID]
		if _, gone := w.retracted[in.ID]; gone && !live {
			return &kg.RelationResult{Relation: in.ID, Rev: tx.rev(in.ID)}, nil
		}
		switch {
		case !live:
			return nil, notFound("input", "id")
		case r.Type == kg.Mentions:
			return nil, kg.UserErrors{{Code: kg.EINVALID, Field: fieldOf("input", "id")}}
		case in.ExpectedRev != nil && *in.ExpectedRev != tx.rev(in.ID):
			return nil, conflict(tx.rev(in.ID), "input", "expectedRev")
		case in.SupersededBy != "" && w.relations[in.SupersededBy] == nil:
			return nil, notFound("input", "supersededBy")
		}
		tx.touch(in.ID)
		delete(w.relations, in.ID)
		w.retracted[in.ID] = refRetracted{r, kg.Retraction{By: tx.by, Change: kg.ChangeID(tx.seq), Reason: in.Reason, SupersededBy: in.SupersededBy}}
		return &kg.RelationResult{Relation: in.ID, Rev: tx.rev(in.ID)}, nil
	})
}

// History is kg.Writer's: a scan of the log for the id.
func (w *RefWriter) History(ctx context.Context, id string, first int, after string) (*kg.ChangePage, error) {
	return w.page(first, after, func(ch *kg.Change) bool { return slices.Contains(ch.Touched, id) })
}

// Changes is kg.Writer's: a scan of the log.
func (w *RefWriter) Changes(ctx context.Context, after string, first int, f kg.ChangeFilter) (*kg.ChangePage, error) {
	if err := kg.CheckRange("first", first, 0, kg.MaxFirst); err != nil {
		return nil, err
	}
	for _, op := range f.Ops {
		if !op.Valid() {
			return nil, kg.Errorf(kg.EINVALID, "unknown op")
		}
	}
	return w.page(first, after, func(ch *kg.Change) bool {
		return (len(f.Ops) == 0 || slices.Contains(f.Ops, ch.Op)) && (f.Principal == "" || f.Principal == ch.Principal.ID) &&
			(f.Since.IsZero() || !ch.At.Before(f.Since))
	})
}

func (w *RefWriter) page(first int, after string, keep func(*kg.Change) bool) (*kg.ChangePage, error) {
	if err := kg.CheckRange("first", first, 0, kg.MaxFirst); err != nil {
		return nil, err
	}
	from, err := kg.ParseChangeCursor(after)
	if err != nil {
		return nil, err
	}
	page := &kg.ChangePage{}
	for _, ch := range w.log {
		if ch.Seq <= from || !keep(ch) {
			continue
		}
		if len(page.Changes) == first {
			page.HasNextPage = true
			break
		}
		page.Changes = append(page.Changes, ch)
	}
	return page, nil
}
