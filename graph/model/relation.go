package model

import (
	"github.com/kgql/kgql/internal/kg"
)

// Relation is a relation as a store read it (V) for a selection (S; nil
// when only its id, type and ends were read).
type Relation struct {
	V *kg.RelationView
	S *kg.RelationSel
}

// RelationOf wraps a view; nil for nil.
func RelationOf(v *kg.RelationView, s *kg.RelationSel) *Relation {
	if v == nil {
		return nil
	}
	return &Relation{V: v, S: s}
}

// RelationsOf wraps views read with one selection.
func RelationsOf(vs []*kg.RelationView, s *kg.RelationSel) []*Relation {
	out := make([]*Relation, len(vs))
	for i, v := range vs {
		out[i] = RelationOf(v, s)
	}
	return out
}

func (r *Relation) NodeID() string        { return r.V.ID }
func (r *Relation) ID() string            { return r.V.ID }
func (r *Relation) Type() RelationType    { return RelationType(r.V.Type) }
func (r *Relation) Source() string        { return r.V.Relation.From }
func (r *Relation) Target() string        { return r.V.Relation.To }
func (r *Relation) Role() *string         { return optional(r.V.Role) }
func (r *Relation) Status() Status        { return StatusOf(r.V.Status) }
func (r *Relation) ValidFrom() *Date      { return DateOf(r.V.ValidFrom) }
func (r *Relation) ValidTo() *Date        { return DateOf(r.V.ValidTo) }
func (r *Relation) PointInTime() *Date    { return DateOf(r.V.PointInTime) }
func (r *Relation) Rank() *int            { return r.V.Rank }
func (r *Relation) PreviousRank() *int    { return r.V.PreviousRank }
func (r *Relation) Count() *Count         { return CountOf(r.V.Relation.Count) }
func (r *Relation) Note() *string         { return optional(r.V.Note) }
func (r *Relation) From() Entity          { return r.end(r.V.From, r.V.Relation.From, r.sel().From) }
func (r *Relation) To() Entity            { return r.end(r.V.To, r.V.Relation.To, r.sel().To) }
func (r *Relation) Evidence() []*Evidence { return EvidenceOf(r.V.Statements, r.sel().Evidence) }

func (r *Relation) Amount() *Money {
	if r.V.Amount == nil {
		return nil
	}
	return &Money{M: *r.V.Amount}
}

// Counterpart is the importing country of an export.
func (r *Relation) Counterpart() Entity {
	if r.V.Relation.Counterpart == "" {
		return nil
	}
	return r.end(r.V.Counterpart, r.V.Relation.Counterpart, r.sel().Counterpart)
}

func (r *Relation) sel() *kg.RelationSel {
	if r.S == nil {
		return &kg.RelationSel{}
	}
	return r.S
}

// end is an entity the relation names: read when its selection asked for
// more than its id.
func (r *Relation) end(v *kg.EntityView, id string, sel *kg.EntitySel) Entity {
	if v == nil {
		return IDEntity(id)
	}
	return EntityOf(v, sel)
}

// Evidence is one statement of a fact.
type Evidence struct {
	V kg.EvidenceView
	S *kg.EvidenceSel
}

// EvidenceOf wraps statements read with sel.
func EvidenceOf(vs []kg.EvidenceView, sel *kg.EvidenceSel) []*Evidence {
	if sel == nil {
		sel = &kg.EvidenceSel{}
	}
	out := make([]*Evidence, len(vs))
	for i := range vs {
		out[i] = &Evidence{V: vs[i], S: sel}
	}
	return out
}

func (e *Evidence) Excerpt() string { return e.V.Excerpt }
func (e *Evidence) Start() int      { return e.V.Start }
func (e *Evidence) End() int        { return e.V.End }
func (e *Evidence) Date() *Date     { return &Date{D: e.V.Date} }

// Document is the document that makes the statement.
func (e *Evidence) Document() *Document {
	v := e.V.Document
	if v == nil {
		v = kg.IDView(e.V.DocumentID)
	}
	return &Document{EntityBase{V: v, S: e.S.Document}}
}

// SaidBy is who made the statement, when the document names them.
func (e *Evidence) SaidBy() Entity {
	switch {
	case e.V.SaidBy != nil:
		return EntityOf(e.V.SaidBy, e.S.SaidBy)
	case e.V.Evidence.SaidBy != "":
		return IDEntity(e.V.Evidence.SaidBy)
	}
	return nil
}

// RelationConnectionOf wraps a page of relations read after the cursor
// after ("": the first page) with rel (each relation) and node (each
// other end).
func RelationConnectionOf(p *kg.RelationPage, rel *kg.RelationSel, node *kg.EntitySel) *RelationConnection {
	conn := &RelationConnection{Edges: make([]*RelationEdge, len(p.Edges)), TotalCount: p.TotalCount,
		PageInfo: pageInfo(p.HasNextPage, p.HasPrevious)}
	if len(p.Edges) > 0 {
		conn.PageInfo.StartCursor = &p.Edges[0].Cursor
	}
	for i, e := range p.Edges {
		conn.Edges[i] = &RelationEdge{Cursor: e.Cursor, Direction: Direction(e.Direction),
			Relation: RelationOf(e.Relation, rel), Node: EntityOf(e.Node, node)}
		conn.PageInfo.EndCursor = &p.Edges[i].Cursor
	}
	return conn
}
