package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kgql/kgql/internal/kg"
)

// The selection compiler turns a root field's GraphQL selection into the
// kg selections its store call answers: which fields of which entities
// and relations, and which nested pages with which arguments, so that
// the store reads exactly that, in one round trip, and nested fields read
// the views (graph/model) without calling it again.

// selector compiles the selections of one operation.
type selector struct {
	op *graphql.OperationContext
	// ctx and store resolve the names of a nested filter's with.
	ctx   context.Context
	store kg.Store
}

func selectorOf(ctx context.Context, store kg.Store) selector {
	return selector{op: graphql.GetOperationContext(ctx), ctx: ctx, store: store}
}

// rootSelections is the selection set of the root field being resolved.
func rootSelections(ctx context.Context) ast.SelectionSet {
	return graphql.GetFieldContext(ctx).Field.Selections
}

// entityFields maps the scalar fields of the entity types to what a store
// reads for them. id, kind and __typename need nothing: every read
// returns the id, and the kind with it.
var entityFields = map[string]kg.EntityFields{
	"name": kg.EName, "aliases": kg.EAliases, "description": kg.EDescription, "title": kg.ETitle,
	"startDate": kg.EStartDate, "endDate": kg.EEndDate, "status": kg.EStatus, "participants": kg.EParticipants,
	"founded": kg.EFounded, "members": kg.EMembers, "independence": kg.EIndependence, "edition": kg.EEdition,
	"publisher": kg.EPublisher, "publishedAt": kg.EPublishedAt, "updatedAt": kg.EUpdatedAt, "url": kg.EURL,
	"text": kg.EText,
}

// relationFields does the same for relations; from, to, counterpart and
// evidence are selections of their own.
var relationFields = map[string]kg.RelationFields{
	"role": kg.RRole, "status": kg.RStatus, "validFrom": kg.RValidFrom, "validTo": kg.RValidTo,
	"pointInTime": kg.RPointInTime, "amount": kg.RAmount, "rank": kg.RRank, "previousRank": kg.RPreviousRank,
	"count": kg.RCount, "counterpart": kg.RCounterpart, "note": kg.RNote,
}

// entity compiles the selections of an entity-typed field (any kind: an
// interface's selection holds fragments per kind). Nested pages are
// compiled once per distinct field, for the kinds that select it.
func (s selector) entity(sets ...ast.SelectionSet) (*kg.EntitySel, error) {
	set := merge(sets)
	sel := &kg.EntitySel{}
	type group struct {
		field *graphql.CollectedField
		kinds []kg.Kind
	}
	var groups []*group
	byKey := map[string]*group{}
	var evidence []ast.SelectionSet
	seenEvidence := map[string]bool{}
	for _, k := range kg.Kinds {
		for _, f := range graphql.CollectFields(s.op, set, []string{string(k), "Entity", "Node"}) {
			switch f.Name {
			case "evidence":
				if key := signature(f); !seenEvidence[key] {
					seenEvidence[key] = true
					evidence = append(evidence, f.Selections)
				}
			case "relations", "neighbors", "degree", "documents", "positions", "place":
				key := signature(f)
				g := byKey[key]
				if g == nil {
					g = &group{field: &f}
					byKey[key] = g
					groups = append(groups, g)
				}
				g.kinds = append(g.kinds, k)
			default:
				sel.Fields |= entityFields[f.Name]
			}
		}
	}
	if len(evidence) > 0 {
		ev, err := s.evidence(evidence...)
		if err != nil {
			return nil, err
		}
		sel.Evidence = ev
	}
	for _, g := range groups {
		c, err := s.child(g.field)
		if err != nil {
			return nil, err
		}
		if len(g.kinds) < len(kg.Kinds) {
			c.Kinds = g.kinds
		}
		sel.Kids = append(sel.Kids, c)
	}
	return sel, nil
}

// nested is entity for an entity that a parent names by id (an edge's
// other end, an evidence's document): nil when the selection asks for
// nothing but the id, so that the store reads nothing for it.
func (s selector) nested(sets ...ast.SelectionSet) (*kg.EntitySel, error) {
	if len(merge(sets)) == 0 {
		return nil, nil
	}
	sel, err := s.entity(sets...)
	if err != nil || (sel.Fields == 0 && sel.Evidence == nil && len(sel.Kids) == 0) {
		return nil, err
	}
	return sel, nil
}

// relation compiles the selections of a relation-typed field.
func (s selector) relation(sets ...ast.SelectionSet) (*kg.RelationSel, error) {
	sel := &kg.RelationSel{}
	var from, to, counterpart, evidence []ast.SelectionSet
	for _, f := range graphql.CollectFields(s.op, merge(sets), []string{"Relation", "Node"}) {
		switch f.Name {
		case "from":
			from = append(from, f.Selections)
		case "to":
			to = append(to, f.Selections)
		case "counterpart":
			sel.Fields |= kg.RCounterpart
			counterpart = append(counterpart, f.Selections)
		case "evidence":
			evidence = append(evidence, f.Selections)
		default:
			sel.Fields |= relationFields[f.Name]
		}
	}
	var err error
	if sel.From, err = s.nested(from...); err != nil {
		return nil, err
	}
	if sel.To, err = s.nested(to...); err != nil {
		return nil, err
	}
	if sel.Counterpart, err = s.nested(counterpart...); err != nil {
		return nil, err
	}
	if len(evidence) > 0 {
		if sel.Evidence, err = s.evidence(evidence...); err != nil {
			return nil, err
		}
	}
	return sel, nil
}

// evidence compiles the selections of an evidence list.
func (s selector) evidence(sets ...ast.SelectionSet) (*kg.EvidenceSel, error) {
	var docs, saidBy []ast.SelectionSet
	for _, f := range graphql.CollectFields(s.op, merge(sets), []string{"Evidence"}) {
		switch f.Name {
		case "document":
			docs = append(docs, f.Selections)
		case "saidBy":
			saidBy = append(saidBy, f.Selections)
		}
	}
	sel := &kg.EvidenceSel{}
	var err error
	if sel.Document, err = s.nested(docs...); err != nil {
		return nil, err
	}
	if sel.SaidBy, err = s.nested(saidBy...); err != nil {
		return nil, err
	}
	return sel, nil
}

// child compiles a nested page of an entity: its arguments into a filter
// and its selection into what to read of each item.
func (s selector) child(f *graphql.CollectedField) (*kg.ChildSel, error) {
	c := &kg.ChildSel{Alias: f.Alias, Kind: kg.ChildRelations}
	var args pageArgs
	if err := decodeArgs(f.Field, s.op.Variables, &args); err != nil {
		return nil, err
	}
	sf, err := stepFilter(args.Filter)
	if err != nil {
		return nil, err
	}
	if len(sf.With) > 0 {
		// Checked before the names are looked up; then one round trip for
		// the names of this page's with, and one to refuse an unknown id.
		if err := sf.Validate(); err != nil {
			return nil, err
		}
		if sf.With, err = kg.ResolveKnownRefs(s.ctx, s.store, sf.With); err != nil {
			return nil, err
		}
	}
	page, err := kg.NewPage(args.First, args.Last, deref(args.After), deref(args.Before))
	if err != nil {
		return nil, err
	}
	c.Filter = kg.RelationFilter{StepFilter: sf, Page: page}
	switch f.Name {
	case "relations", "neighbors", "documents":
		var relations, nodes []ast.SelectionSet
		relations, nodes, c.Count = s.connection(f.Selections)
		if f.Name == "neighbors" {
			c.Kind = kg.ChildNeighbors
		}
		if f.Name == "documents" {
			c.Filter.StepFilter = kg.StepFilter{Direction: kg.In, Types: []kg.RelationType{kg.Mentions}}
		}
		if len(relations) > 0 {
			if c.Relation, err = s.relation(relations...); err != nil {
				return nil, err
			}
		}
		c.Node, err = s.nested(nodes...)
	case "degree":
		c.Count = true
		c.Filter.Page = kg.Page{} // a count: no page to read
	case "positions":
		c.Filter = kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Out, Types: []kg.RelationType{kg.HoldsPosition}},
			Page: kg.Page{First: kg.MaxFirst}}
		c.Relation, err = s.relation(f.Selections)
	case "place":
		c.Filter = kg.PlaceFilter()
		c.Node, err = s.nested(f.Selections)
	default:
		return nil, fmt.Errorf("selection: no child field %q", f.Name)
	}
	return c, err
}

// connection reads a connection's selection: the selections of its
// edges' relations and nodes, and whether it counts its total.
func (s selector) connection(set ast.SelectionSet) (relations, nodes []ast.SelectionSet, count bool) {
	for _, f := range graphql.CollectFields(s.op, set, []string{"RelationConnection", "EntityConnection"}) {
		switch f.Name {
		case "totalCount":
			count = true
		case "edges":
			for _, e := range graphql.CollectFields(s.op, f.Selections, []string{"RelationEdge", "EntityEdge"}) {
				switch e.Name {
				case "relation":
					relations = append(relations, e.Selections)
				case "node":
					nodes = append(nodes, e.Selections)
				}
			}
		}
	}
	return relations, nodes, count
}

// selectionsOf returns the selections of the fields named name in set
// (under any alias): a result's parts (a path's nodes, a hit's entity).
func (s selector) selectionsOf(set ast.SelectionSet, typeName, name string) []ast.SelectionSet {
	var out []ast.SelectionSet
	for _, f := range graphql.CollectFields(s.op, set, []string{typeName}) {
		if f.Name == name {
			out = append(out, f.Selections)
		}
	}
	return out
}

func merge(sets []ast.SelectionSet) ast.SelectionSet {
	if len(sets) == 1 {
		return sets[0]
	}
	var out ast.SelectionSet
	for _, set := range sets {
		out = append(out, set...)
	}
	return out
}

// signature identifies a collected field by its alias and the selections
// it merged, so that a field that several kinds collect alike is
// compiled once.
func signature(f graphql.CollectedField) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s@%p", f.Alias, f.Field)
	for _, sel := range f.Selections {
		fmt.Fprintf(&b, ",%p", sel)
	}
	return b.String()
}
