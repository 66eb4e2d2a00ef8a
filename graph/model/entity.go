package model

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/kgql/kgql/internal/kg"
)

// Node is anything with a global id: an entity or a relation.
type Node interface{ NodeID() string }

// Entity is the GraphQL Entity interface: every kind's type wraps an
// EntityBase.
type Entity interface {
	Node
	Base() EntityBase
}

// EntityBase is an entity as a store read it (V) for a selection (S; nil
// when only its id was read). Its methods only read the view: the store
// call of the root field read everything the selection asks for.
type EntityBase struct {
	V *kg.EntityView
	S *kg.EntitySel
}

// EntityOf wraps a view in the type of its kind; nil for nil.
func EntityOf(v *kg.EntityView, s *kg.EntitySel) Entity {
	if v == nil {
		return nil
	}
	b := EntityBase{V: v, S: s}
	switch v.Kind {
	case kg.KindPerson:
		return &Person{b}
	case kg.KindOrganization:
		return &Organization{b}
	case kg.KindCountry:
		return &Country{b}
	case kg.KindCity:
		return &City{b}
	case kg.KindRegion:
		return &Region{b}
	case kg.KindEvent:
		return &Event{b}
	case kg.KindCommodity:
		return &Commodity{b}
	case kg.KindInitiative:
		return &Initiative{b}
	case kg.KindIndex:
		return &Index{b}
	default:
		return &Document{b}
	}
}

// IDEntity is the entity known only by its id, for fields whose selection
// asks for nothing more (the store read nothing for it).
func IDEntity(id string) Entity { return EntityOf(kg.IDView(id), nil) }

func (b EntityBase) Base() EntityBase     { return b }
func (b EntityBase) NodeID() string       { return b.V.ID }
func (b EntityBase) ID() string           { return b.V.ID }
func (b EntityBase) Kind() EntityKind     { return KindOf(b.V.Kind) }
func (b EntityBase) Name() string         { return b.V.Name }
func (b EntityBase) Aliases() []string    { return nonNil(b.V.Aliases) }
func (b EntityBase) Description() *string { return optional(b.V.Description) }

// Evidence are the statements of the entity's own attributes.
func (b EntityBase) Evidence() []*Evidence {
	var sel *kg.EvidenceSel
	if b.S != nil {
		sel = b.S.Evidence
	}
	return EvidenceOf(b.V.Statements, sel)
}

// The paged fields below ignore their arguments: the selection compiler
// (graph/selection.go) read them into the child selection that the store
// answered, which each field finds by its alias.

// Relations is the entity's page of relations.
func (b EntityBase) Relations(ctx context.Context, filter *Filter, first *int, after *string, last *int, before *string) (*RelationConnection, error) {
	page, c, err := child[*kg.RelationPage](ctx, b)
	if err != nil {
		return nil, err
	}
	return RelationConnectionOf(page, c.Relation, c.Node), nil
}

// Neighbors is the entity's page of neighbours.
func (b EntityBase) Neighbors(ctx context.Context, filter *Filter, first *int, after *string, last *int, before *string) (*EntityConnection, error) {
	page, c, err := child[*kg.EntityPage](ctx, b)
	if err != nil {
		return nil, err
	}
	return EntityConnectionOf(page, c.Node), nil
}

// Degree is the number of the entity's relations under the filter.
func (b EntityBase) Degree(ctx context.Context, filter *Filter) (int, error) {
	page, _, err := child[*kg.RelationPage](ctx, b)
	if err != nil {
		return 0, err
	}
	return page.TotalCount, nil
}

// Documents is the page of the documents that mention the entity: the
// other ends of its incoming MENTIONS.
func (b EntityBase) Documents(ctx context.Context, first *int, after *string, last *int, before *string) (*EntityConnection, error) {
	page, c, err := child[*kg.RelationPage](ctx, b)
	if err != nil {
		return nil, err
	}
	conn := &EntityConnection{Edges: []*EntityEdge{}, TotalCount: page.TotalCount, PageInfo: pageInfo(page.HasNextPage, page.HasPrevious)}
	for _, e := range page.Edges {
		conn.Edges = append(conn.Edges, &EntityEdge{Cursor: e.Cursor, Node: EntityOf(e.Node, c.Node)})
		conn.PageInfo.EndCursor = &e.Cursor
	}
	if len(conn.Edges) > 0 {
		conn.PageInfo.StartCursor = &conn.Edges[0].Cursor
	}
	return conn, nil
}

// place is the entity's place (kg.PlaceFilter): the other ends of its
// LOCATED_IN relations.
func (b EntityBase) place(ctx context.Context) ([]Entity, error) {
	page, c, err := child[*kg.RelationPage](ctx, b)
	if err != nil {
		return nil, err
	}
	out := make([]Entity, len(page.Edges))
	for i, edge := range page.Edges {
		out[i] = EntityOf(edge.Node, c.Node)
	}
	return out, nil
}

// child finds the value the store read for the field being resolved: the
// child selection of the field's alias that applies to the entity's kind.
func child[T any](ctx context.Context, b EntityBase) (T, *kg.ChildSel, error) {
	var zero T
	alias := graphql.GetFieldContext(ctx).Field.Alias
	if b.S != nil {
		for i, c := range b.S.Kids {
			if c.Alias == alias && c.AppliesTo(b.V.Kind) {
				if v, ok := b.V.Kids[i].(T); ok {
					return v, c, nil
				}
			}
		}
	}
	return zero, nil, kg.Errorf(kg.EINTERNAL, "%s of %s was not read with its entity", alias, b.V.ID)
}

// Person is an entity of kind Person.
type Person struct{ EntityBase }

func (p *Person) Title() *string { return optional(p.V.Title) }

// Positions are the person's HOLDS_POSITION relations.
func (p *Person) Positions(ctx context.Context) ([]*Relation, error) {
	page, c, err := child[*kg.RelationPage](ctx, p.EntityBase)
	if err != nil {
		return nil, err
	}
	out := make([]*Relation, len(page.Edges))
	for i, e := range page.Edges {
		out[i] = RelationOf(e.Relation, c.Relation)
	}
	return out, nil
}

// Organization is an entity of kind Organization.
type Organization struct{ EntityBase }

func (o *Organization) Founded() *Date  { return DateOf(o.V.Founded) }
func (o *Organization) Members() *Count { return CountOf(o.V.Members) }

// Country is an entity of kind Country.
type Country struct{ EntityBase }

func (c *Country) Independence() *Date { return DateOf(c.V.Independence) }

// City is an entity of kind City.
type City struct{ EntityBase }

// Region is an entity of kind Region.
type Region struct{ EntityBase }

// Commodity is an entity of kind Commodity.
type Commodity struct{ EntityBase }

// Event is an entity of kind Event.
type Event struct{ EntityBase }

func (e *Event) StartDate() *Date     { return DateOf(e.V.StartDate) }
func (e *Event) EndDate() *Date       { return DateOf(e.V.EndDate) }
func (e *Event) Status() Status       { return StatusOf(e.V.Status) }
func (e *Event) Participants() *Count { return CountOf(e.V.Participants) }

// Place is where the event takes place.
func (e *Event) Place(ctx context.Context) ([]Entity, error) { return e.place(ctx) }

// Initiative is an entity of kind Initiative.
type Initiative struct{ EntityBase }

func (i *Initiative) StartDate() *Date { return DateOf(i.V.StartDate) }
func (i *Initiative) EndDate() *Date   { return DateOf(i.V.EndDate) }
func (i *Initiative) Status() Status   { return StatusOf(i.V.Status) }

// Place is where the initiative is carried out, or is to be.
func (i *Initiative) Place(ctx context.Context) ([]Entity, error) { return i.place(ctx) }

// Index is an entity of kind Index.
type Index struct{ EntityBase }

func (i *Index) Edition() *Date { return DateOf(i.V.Edition) }

// Document is an entity of kind Document.
type Document struct{ EntityBase }

func (d *Document) Title() string      { return d.V.Title }
func (d *Document) Publisher() *string { return optional(d.V.Publisher) }
func (d *Document) PublishedAt() *Date { return DateOf(d.V.PublishedAt) }
func (d *Document) UpdatedAt() *Date   { return DateOf(d.V.UpdatedAt) }
func (d *Document) URL() *string       { return optional(d.V.URL) }
func (d *Document) Text() *string      { return optional(d.V.Text) }

// EntityConnectionOf wraps a page of entities read after the cursor
// after ("": the first page) with sel.
func EntityConnectionOf(p *kg.EntityPage, sel *kg.EntitySel) *EntityConnection {
	conn := &EntityConnection{Edges: make([]*EntityEdge, len(p.Edges)), TotalCount: p.TotalCount,
		PageInfo: pageInfo(p.HasNextPage, p.HasPrevious)}
	for i := range p.Edges {
		conn.Edges[i] = &EntityEdge{Cursor: p.Edges[i].Cursor, Node: EntityOf(p.Edges[i].Node, sel)}
		conn.PageInfo.EndCursor = &p.Edges[i].Cursor
	}
	if len(p.Edges) > 0 {
		conn.PageInfo.StartCursor = &p.Edges[0].Cursor
	}
	return conn
}

// EntitiesOf wraps views read with sel.
func EntitiesOf(vs []*kg.EntityView, sel *kg.EntitySel) []Entity {
	out := make([]Entity, len(vs))
	for i, v := range vs {
		out[i] = EntityOf(v, sel)
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
