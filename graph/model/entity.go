package model

import (
	"context"

	"github.com/kgql/kgql/graph/loader"
	"github.com/kgql/kgql/internal/kg"
)

// Node is anything with a global id: an entity or a relation.
type Node interface{ NodeID() string }

// Entity is the GraphQL Entity interface: every kind's type wraps a
// *kg.Entity in an EntityBase.
type Entity interface {
	Node
	Domain() *kg.Entity
}

// EntityOf wraps a domain entity in the type of its kind; nil for nil.
func EntityOf(e *kg.Entity) Entity {
	if e == nil {
		return nil
	}
	b := EntityBase{E: e}
	switch e.Kind {
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

// EntityBase holds the fields every entity type has. Its methods that take
// a context load through the request's loaders, so sibling entities share
// one round trip.
type EntityBase struct{ E *kg.Entity }

func (b EntityBase) NodeID() string        { return b.E.ID }
func (b EntityBase) Domain() *kg.Entity    { return b.E }
func (b EntityBase) ID() string            { return b.E.ID }
func (b EntityBase) Kind() EntityKind      { return KindOf(b.E.Kind) }
func (b EntityBase) Name() string          { return b.E.Name }
func (b EntityBase) Aliases() []string     { return nonNil(b.E.Aliases) }
func (b EntityBase) Description() *string  { return optional(b.E.Description) }
func (b EntityBase) Evidence() []*Evidence { return EvidenceOf(b.E.Evidence) }

// Relations is the entity's page of relations.
func (b EntityBase) Relations(ctx context.Context, direction Direction, types []RelationType, at, since, until *string, first int, after *string) (*RelationConnection, error) {
	key, err := PageKeyOf(b.E.ID, direction, types, at, since, until, first, after)
	if err != nil {
		return nil, err
	}
	page, err := loader.For(ctx).RelationsOf.Load(ctx, key)
	if err != nil {
		return nil, err
	}
	return RelationConnectionOf(page), nil
}

// Degree counts the entity's relations of the types.
func (b EntityBase) Degree(ctx context.Context, types []RelationType, direction Direction) (int, error) {
	key, err := PageKeyOf(b.E.ID, direction, types, nil, nil, nil, 0, nil)
	if err != nil {
		return 0, err
	}
	page, err := loader.For(ctx).RelationsOf.Load(ctx, key)
	if err != nil {
		return 0, err
	}
	return page.TotalCount, nil
}

// Neighbors pages through the distinct entities at the other end of the
// entity's relations, ordered by id.
func (b EntityBase) Neighbors(ctx context.Context, direction Direction, types []RelationType, at, since, until *string, first int, after *string) (*EntityConnection, error) {
	key, err := PageKeyOf(b.E.ID, direction, types, at, since, until, first, after)
	if err != nil {
		return nil, err
	}
	l := loader.For(ctx)
	ids, hasNext, total, err := kg.Neighbors(ctx, l.Store, b.E.ID, key.Filter())
	if err != nil {
		return nil, err
	}
	entities, err := LoadEntities(ctx, ids)
	if err != nil {
		return nil, err
	}
	conn := &EntityConnection{PageInfo: &PageInfo{HasNextPage: hasNext}, TotalCount: total, Edges: []*EntityEdge{}}
	for _, e := range entities {
		cursor := kg.EncodeCursor(e.NodeID())
		conn.Edges = append(conn.Edges, &EntityEdge{Cursor: cursor, Node: e})
		conn.PageInfo.EndCursor = &cursor
	}
	return conn, nil
}

// Documents are the documents that mention the entity, by id.
func (b EntityBase) Documents(ctx context.Context) ([]*Document, error) {
	key, err := PageKeyOf(b.E.ID, DirectionIn, []RelationType{RelationTypeMentions}, nil, nil, nil, kg.MaxFirst, nil)
	if err != nil {
		return nil, err
	}
	page, err := loader.For(ctx).RelationsOf.Load(ctx, key)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(page.Edges))
	for i, e := range page.Edges {
		ids[i] = e.Other
	}
	entities, err := LoadEntities(ctx, ids)
	if err != nil {
		return nil, err
	}
	docs := make([]*Document, 0, len(entities))
	for _, e := range entities {
		if d, ok := e.(*Document); ok {
			docs = append(docs, d)
		}
	}
	return docs, nil
}

// Person is an entity of kind Person.
type Person struct{ EntityBase }

func (p *Person) Title() *string { return optional(p.E.Title) }

// Positions are the person's HOLDS_POSITION relations.
func (p *Person) Positions(ctx context.Context) ([]*Relation, error) {
	conn, err := p.Relations(ctx, DirectionOut, []RelationType{RelationTypeHoldsPosition}, nil, nil, nil, kg.MaxFirst, nil)
	if err != nil {
		return nil, err
	}
	out := make([]*Relation, len(conn.Edges))
	for i, e := range conn.Edges {
		out[i] = e.Relation()
	}
	return out, nil
}

// Organization is an entity of kind Organization.
type Organization struct{ EntityBase }

func (o *Organization) Founded() *Date  { return DateOf(o.E.Founded) }
func (o *Organization) Members() *Count { return CountOf(o.E.Members) }

// Country is an entity of kind Country.
type Country struct{ EntityBase }

func (c *Country) Independence() *Date { return DateOf(c.E.Independence) }

// City is an entity of kind City.
type City struct{ EntityBase }

// Region is an entity of kind Region.
type Region struct{ EntityBase }

// Commodity is an entity of kind Commodity.
type Commodity struct{ EntityBase }

// Event is an entity of kind Event.
type Event struct{ EntityBase }

func (e *Event) StartDate() *Date     { return DateOf(e.E.StartDate) }
func (e *Event) EndDate() *Date       { return DateOf(e.E.EndDate) }
func (e *Event) Status() Status       { return StatusOf(e.E.Status) }
func (e *Event) Participants() *Count { return CountOf(e.E.Participants) }

// Place is where the event takes place: the ends of its LOCATED_IN relations.
func (e *Event) Place(ctx context.Context) ([]Entity, error) {
	conn, err := e.Relations(ctx, DirectionOut, []RelationType{RelationTypeLocatedIn}, nil, nil, nil, kg.MaxFirst, nil)
	if err != nil {
		return nil, err
	}
	out := make([]Entity, len(conn.Edges))
	for i, edge := range conn.Edges {
		if out[i], err = edge.Node(ctx); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Initiative is an entity of kind Initiative.
type Initiative struct{ EntityBase }

func (i *Initiative) StartDate() *Date { return DateOf(i.E.StartDate) }
func (i *Initiative) EndDate() *Date   { return DateOf(i.E.EndDate) }
func (i *Initiative) Status() Status   { return StatusOf(i.E.Status) }

// Index is an entity of kind Index.
type Index struct{ EntityBase }

func (i *Index) Edition() *Date { return DateOf(i.E.Edition) }

// Document is an entity of kind Document.
type Document struct{ EntityBase }

func (d *Document) Title() string      { return d.E.Title }
func (d *Document) Publisher() *string { return optional(d.E.Publisher) }
func (d *Document) PublishedAt() *Date { return DateOf(d.E.PublishedAt) }
func (d *Document) UpdatedAt() *Date   { return DateOf(d.E.UpdatedAt) }
func (d *Document) URL() *string       { return optional(d.E.URL) }
func (d *Document) Text() *string      { return optional(d.E.Text) }

// LoadEntities loads entities by id through the request's loader, in
// order, leaving out ids that name nothing.
func LoadEntities(ctx context.Context, ids []string) ([]Entity, error) {
	found, err := loader.For(ctx).Entities.LoadAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Entity, 0, len(found))
	for _, e := range found {
		if e != nil {
			out = append(out, EntityOf(e))
		}
	}
	return out, nil
}

// LoadEntity loads one entity; nil when the id names nothing.
func LoadEntity(ctx context.Context, id string) (Entity, error) {
	e, err := loader.For(ctx).Entities.Load(ctx, id)
	if err != nil {
		return nil, err
	}
	return EntityOf(e), nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
