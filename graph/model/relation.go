package model

import (
	"context"

	"github.com/kgql/kgql/graph/loader"
	"github.com/kgql/kgql/internal/kg"
)

// Relation wraps a domain relation.
type Relation struct{ R *kg.Relation }

// RelationOf wraps a domain relation; nil for nil.
func RelationOf(r *kg.Relation) *Relation {
	if r == nil {
		return nil
	}
	return &Relation{R: r}
}

func (r *Relation) NodeID() string                           { return r.R.ID }
func (r *Relation) ID() string                               { return r.R.ID }
func (r *Relation) Type() RelationType                       { return RelationType(r.R.Type) }
func (r *Relation) Source() string                           { return r.R.From }
func (r *Relation) Target() string                           { return r.R.To }
func (r *Relation) Role() *string                            { return optional(r.R.Role) }
func (r *Relation) Status() Status                           { return StatusOf(r.R.Status) }
func (r *Relation) ValidFrom() *Date                         { return DateOf(r.R.ValidFrom) }
func (r *Relation) ValidTo() *Date                           { return DateOf(r.R.ValidTo) }
func (r *Relation) PointInTime() *Date                       { return DateOf(r.R.PointInTime) }
func (r *Relation) Rank() *int                               { return r.R.Rank }
func (r *Relation) PreviousRank() *int                       { return r.R.PreviousRank }
func (r *Relation) Count() *Count                            { return CountOf(r.R.Count) }
func (r *Relation) Note() *string                            { return optional(r.R.Note) }
func (r *Relation) Evidence() []*Evidence                    { return EvidenceOf(r.R.Evidence) }
func (r *Relation) From(ctx context.Context) (Entity, error) { return mustLoad(ctx, r.R.From) }
func (r *Relation) To(ctx context.Context) (Entity, error)   { return mustLoad(ctx, r.R.To) }

func (r *Relation) Amount() *Money {
	if r.R.Amount == nil {
		return nil
	}
	return &Money{M: *r.R.Amount}
}

// Counterpart is the importing country of an export.
func (r *Relation) Counterpart(ctx context.Context) (Entity, error) {
	if r.R.Counterpart == "" {
		return nil, nil
	}
	return mustLoad(ctx, r.R.Counterpart)
}

// mustLoad loads an entity that a stored relation points to: its absence
// would be a broken graph, reported as an internal error.
func mustLoad(ctx context.Context, id string) (Entity, error) {
	e, err := LoadEntity(ctx, id)
	if err == nil && e == nil {
		err = kg.Errorf(kg.EINTERNAL, "dangling reference to %s", id)
	}
	return e, err
}

// Evidence is one statement of a fact.
type Evidence struct{ E kg.Evidence }

// EvidenceOf wraps a list of evidence.
func EvidenceOf(evs []kg.Evidence) []*Evidence {
	out := make([]*Evidence, len(evs))
	for i := range evs {
		out[i] = &Evidence{E: evs[i]}
	}
	return out
}

func (e *Evidence) Excerpt() string { return e.E.Excerpt }
func (e *Evidence) Date() *Date     { return &Date{D: e.E.Date} }
func (e *Evidence) Start() int      { return e.E.Start }
func (e *Evidence) End() int        { return e.E.End }

// Document is the document that makes the statement.
func (e *Evidence) Document(ctx context.Context) (*Document, error) {
	ent, err := mustLoad(ctx, e.E.DocumentID)
	if err != nil {
		return nil, err
	}
	doc, ok := ent.(*Document)
	if !ok {
		return nil, kg.Errorf(kg.EINTERNAL, "evidence document %s is a %s", e.E.DocumentID, ent.Domain().Kind)
	}
	return doc, nil
}

// SaidBy is who made the statement, when the document names them.
func (e *Evidence) SaidBy(ctx context.Context) (Entity, error) {
	if e.E.SaidBy == "" {
		return nil, nil
	}
	return mustLoad(ctx, e.E.SaidBy)
}

// RelationEdge is a relation seen from one of its ends.
type RelationEdge struct{ E kg.RelationEdge }

func (e *RelationEdge) Cursor() string                           { return e.E.Cursor }
func (e *RelationEdge) Direction() Direction                     { return Direction(e.E.Direction) }
func (e *RelationEdge) Relation() *Relation                      { return RelationOf(e.E.Relation) }
func (e *RelationEdge) Node(ctx context.Context) (Entity, error) { return mustLoad(ctx, e.E.Other) }

// RelationConnectionOf wraps a page of relations.
func RelationConnectionOf(p *kg.RelationPage) *RelationConnection {
	conn := &RelationConnection{Edges: make([]*RelationEdge, len(p.Edges)), TotalCount: p.TotalCount,
		PageInfo: &PageInfo{HasNextPage: p.HasNextPage}}
	for i := range p.Edges {
		conn.Edges[i] = &RelationEdge{E: p.Edges[i]}
		conn.PageInfo.EndCursor = &p.Edges[i].Cursor
	}
	return conn
}

// EntityConnectionOf wraps a page of entities.
func EntityConnectionOf(p *kg.EntityPage) *EntityConnection {
	conn := &EntityConnection{Edges: make([]*EntityEdge, len(p.Edges)), TotalCount: p.TotalCount,
		PageInfo: &PageInfo{HasNextPage: p.HasNextPage}}
	for i := range p.Edges {
		conn.Edges[i] = &EntityEdge{Cursor: p.Edges[i].Cursor, Node: EntityOf(p.Edges[i].Entity)}
		conn.PageInfo.EndCursor = &p.Edges[i].Cursor
	}
	return conn
}

// Path is a walk between two entities, by ids, loaded when selected.
type Path struct{ P kg.Path }

func (p *Path) Length() int { return p.P.Length() }

func (p *Path) Nodes(ctx context.Context) ([]Entity, error) { return LoadEntities(ctx, p.P.Nodes) }

func (p *Path) Relations(ctx context.Context) ([]*Relation, error) {
	return LoadRelations(ctx, p.P.Relations)
}

// Subgraph is a set of entities and relations, by ids, loaded when selected.
type Subgraph struct{ G kg.Subgraph }

func (g *Subgraph) Truncated() bool { return g.G.Truncated }

func (g *Subgraph) Nodes(ctx context.Context) ([]Entity, error) { return LoadEntities(ctx, g.G.Nodes) }

func (g *Subgraph) Edges(ctx context.Context) ([]*Relation, error) {
	return LoadRelations(ctx, g.G.Edges)
}

// EntityDegree is an entity with its number of relations.
type EntityDegree struct{ D kg.EntityDegree }

func (d *EntityDegree) Degree() int { return d.D.Degree }

func (d *EntityDegree) Entity(ctx context.Context) (Entity, error) {
	return mustLoad(ctx, d.D.EntityID)
}

// LoadRelations loads relations by id through the request's loader, in
// order, leaving out ids that name nothing.
func LoadRelations(ctx context.Context, ids []string) ([]*Relation, error) {
	found, err := loader.For(ctx).Relations.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*Relation, 0, len(found))
	for _, r := range found {
		if r != nil {
			out = append(out, RelationOf(r))
		}
	}
	return out, nil
}
