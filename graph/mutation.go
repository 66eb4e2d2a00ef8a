package graph

import (
	"context"

	"github.com/kgql/kgql/graph/model"
	"github.com/kgql/kgql/internal/kg"
)

// What the mutations share: the role and the writer checked before any
// store call, a write's error sorted into the payload's userErrors or the
// top-level errors, and the objects a write answers read as the payload
// selects them.

// errNoWrites is the answer of every write, and of the change log, on a
// store that does not implement kg.Writer (Neo4j today).
func errNoWrites() error {
	return kg.Errorf(kg.EUNAVAILABLE, "Writes are not available on this store yet: run kgql on the embedded store (no Neo4j configured) to curate the graph.")
}

// writer returns the writer a mutation may call: an error unless the
// principal is an editor (EUNAUTHENTICATED, EFORBIDDEN) and the store
// writes.
func (r *Resolver) writer(ctx context.Context) (kg.Writer, error) {
	if err := kg.Require(ctx, kg.RoleEditor); err != nil {
		return nil, err
	}
	if r.Writer == nil {
		return nil, errNoWrites()
	}
	return r.Writer, nil
}

// settle sorts a write's error: the user errors it carries go into the
// payload (ok false, top nil), anything else is a top-level error.
func settle(err error) (ues []*model.UserError, ok bool, top error) {
	ues = []*model.UserError{}
	if err == nil {
		return ues, true, nil
	}
	if es, yes := kg.AsUserErrors(err); yes {
		for _, e := range es {
			ues = append(ues, userErrorOf(e))
		}
		return ues, false, nil
	}
	return ues, false, err
}

func userErrorOf(e *kg.UserError) *model.UserError {
	out := &model.UserError{Code: e.Code, Field: nonNilStrings(e.Field), Message: e.Message, CurrentRev: e.CurrentRev, Candidates: []*model.Candidate{}}
	for _, c := range e.Candidates {
		out.Candidates = append(out.Candidates, &model.Candidate{ID: c.ID, Kind: model.KindOf(c.Kind), Name: c.Name})
	}
	return out
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// payloadEntities reads the entities of ids as the payload's field
// selects them, in order; no store call when the field is not selected.
func (r *Resolver) payloadEntities(ctx context.Context, payload, field string, ids []string) ([]model.Entity, error) {
	s := selectorOf(ctx, r.Store)
	sets := s.selectionsOf(rootSelections(ctx), payload, field)
	out := make([]model.Entity, len(ids))
	if len(sets) == 0 || len(ids) == 0 {
		return out, nil
	}
	sel, err := s.entity(sets...)
	if err != nil {
		return nil, err
	}
	found, err := r.Store.Nodes(ctx, ids, sel, nil)
	if err != nil {
		return nil, err
	}
	for i, n := range found {
		if n.Entity != nil {
			out[i] = model.EntityOf(n.Entity, sel)
		}
	}
	return out, nil
}

// payloadRelations is payloadEntities for relations.
func (r *Resolver) payloadRelations(ctx context.Context, payload, field string, ids []string) ([]*model.Relation, error) {
	s := selectorOf(ctx, r.Store)
	sets := s.selectionsOf(rootSelections(ctx), payload, field)
	out := make([]*model.Relation, len(ids))
	if len(sets) == 0 || len(ids) == 0 {
		return out, nil
	}
	sel, err := s.relation(sets...)
	if err != nil {
		return nil, err
	}
	found, err := r.Store.Nodes(ctx, ids, nil, sel)
	if err != nil {
		return nil, err
	}
	for i, n := range found {
		if n.Relation != nil {
			out[i] = model.RelationOf(n.Relation, sel)
		}
	}
	return out, nil
}

// payloadEntity reads one entity, nil for none.
func (r *Resolver) payloadEntity(ctx context.Context, payload, field, id string) (model.Entity, error) {
	es, err := r.payloadEntities(ctx, payload, field, []string{id})
	if err != nil {
		return nil, err
	}
	return es[0], nil
}

// changePage wraps a page of changes as a connection.
func changePage(p *kg.ChangePage, after string) *model.ChangeConnection {
	out := &model.ChangeConnection{Edges: []*model.ChangeEdge{}, PageInfo: &model.PageInfo{HasNextPage: p.HasNextPage, HasPreviousPage: after != ""}}
	for _, c := range p.Changes {
		out.Edges = append(out.Edges, &model.ChangeEdge{Cursor: kg.ChangeCursor(c.Seq), Node: model.ChangeOf(c)})
	}
	if n := len(out.Edges); n > 0 {
		out.PageInfo.StartCursor, out.PageInfo.EndCursor = &out.Edges[0].Cursor, &out.Edges[n-1].Cursor
	}
	return out
}

// changeFirst is a page size of history and changes.
func changeFirst(first *int) (int, error) {
	if first == nil {
		return kg.DefaultFirst, nil
	}
	return *first, kg.CheckRange("first", *first, 0, kg.MaxFirst)
}
