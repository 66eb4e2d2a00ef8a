package storetest

import (
	"github.com/kgql/kgql/internal/kg"
)

// Random selections: what a GraphQL request may ask of the entities and
// relations of an answer, down to nested pages three levels deep.

// maxKidDepth is how deep the random selections nest pages.
const maxKidDepth = 3

// entityFields is a random mask: none, all, the name, or any bits.
func (c *caller) entityFields() kg.EntityFields {
	switch c.r.IntN(6) {
	case 0:
		return 0
	case 1:
		return kg.EAllFields
	case 2:
		return kg.EName
	default:
		return kg.EntityFields(c.r.Uint32()) & kg.EAllFields
	}
}

func (c *caller) relationFields() kg.RelationFields {
	switch c.r.IntN(5) {
	case 0:
		return 0
	case 1:
		return kg.RAllFields
	default:
		return kg.RelationFields(c.r.Uint32()) & kg.RAllFields
	}
}

// entitySel is a random selection of an entity at the given depth of
// nested pages: often nil (ids only) at the top, with evidence and pages
// of relations and neighbours below.
func (c *caller) entitySel(depth int) *kg.EntitySel {
	if c.pct(20) {
		return nil
	}
	s := &kg.EntitySel{Fields: c.entityFields()}
	if c.pct(20) {
		s.Evidence = c.evidenceSel(depth)
	}
	if depth < maxKidDepth && c.pct(45-10*depth) {
		for range 1 + c.r.IntN(2-depth/2) {
			s.Kids = append(s.Kids, c.childSel(depth+1))
		}
	}
	return s
}

// leafEntitySel is a selection of fields and evidence only.
func (c *caller) leafEntitySel() *kg.EntitySel {
	if c.pct(30) {
		return nil
	}
	s := &kg.EntitySel{Fields: c.entityFields()}
	if c.pct(10) {
		s.Evidence = &kg.EvidenceSel{}
	}
	return s
}

func (c *caller) evidenceSel(depth int) *kg.EvidenceSel {
	s := &kg.EvidenceSel{}
	if c.pct(50) {
		s.Document = c.leafEntitySel()
		if s.Document != nil && c.pct(30) {
			s.Document.Fields |= kg.EText
		}
	}
	if c.pct(40) {
		s.SaidBy = c.leafEntitySel()
	}
	if depth < maxKidDepth && s.SaidBy != nil && c.pct(15) {
		s.SaidBy.Kids = []*kg.ChildSel{c.childSel(depth + 1)}
	}
	return s
}

func (c *caller) relationSel(depth int) *kg.RelationSel {
	if c.pct(25) {
		return nil
	}
	s := &kg.RelationSel{Fields: c.relationFields()}
	if c.pct(30) {
		s.Evidence = c.evidenceSel(depth)
	}
	if c.pct(20) {
		s.From = c.leafEntitySel()
	}
	if c.pct(20) {
		s.To = c.leafEntitySel()
		if s.To != nil && depth < maxKidDepth && c.pct(30) {
			s.To.Kids = []*kg.ChildSel{c.childSel(depth + 1)}
		}
	}
	if c.pct(20) {
		s.Counterpart = c.leafEntitySel()
	}
	return s
}

// childSel is a nested page of relations or neighbours, with a filter, a
// page size that shrinks with depth, sometimes a cursor, a count, and a
// condition on the kind of the entity.
func (c *caller) childSel(depth int) *kg.ChildSel {
	s := &kg.ChildSel{Kind: kg.ChildRelations, Count: c.pct(50)}
	if c.pct(40) {
		s.Kind = kg.ChildNeighbors
	}
	if c.pct(20) {
		s.Kinds = c.kinds()
	}
	s.Filter = kg.RelationFilter{StepFilter: c.stepFilter(), Page: kg.Page{First: c.r.IntN(1 + 8/depth)}}
	if c.pct(20) { // other ends among hubs (the ends of many) and their neighbours
		for range 1 + c.r.IntN(3) {
			hub := pick(c, c.hubs)
			s.Filter.With = append(s.Filter.With, hub, c.near(hub))
		}
		if c.pct(10) {
			s.Filter.With = append(s.Filter.With, nobody())
		}
	}
	if c.pct(15) {
		s.Filter.First = 0 // a degree
		s.Count = true
	}
	if c.pct(20) {
		if s.Kind == kg.ChildNeighbors {
			s.Filter.After = kg.EncodeCursor(c.anyEntity())
		} else {
			s.Filter.After = kg.EncodeCursor(c.rels[c.r.IntN(len(c.rels))])
		}
	}
	if s.Kind == kg.ChildRelations && c.pct(60) {
		s.Relation = c.relationSel(depth)
	}
	if c.pct(60) {
		s.Node = c.entitySel(depth)
	}
	return s
}

// badEntitySel is a selection every store refuses: a child with an
// unknown kind, a page too large, no direction, an unknown type or
// status, a window that ends before it starts, or nesting deeper than
// kg.MaxSelectionDepth.
func (c *caller) badEntitySel() *kg.EntitySel {
	child := &kg.ChildSel{Filter: kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both}, Page: kg.Page{First: 3}}}
	switch c.r.IntN(6) {
	case 0:
		child.Kinds = []kg.Kind{kg.KindPerson, "Planet"}
	case 1:
		child.Filter.First = kg.MaxFirst + 1
	case 2:
		child.Filter.Direction = ""
	case 3:
		child.Filter.Types = []kg.RelationType{"NOT_A_TYPE"}
	case 4:
		child.Filter.Statuses = []kg.Status{"rumoured"}
	default:
		deep := &kg.EntitySel{}
		for range kg.MaxSelectionDepth + 1 {
			deep = &kg.EntitySel{Kids: []*kg.ChildSel{{Kind: kg.ChildNeighbors, Filter: kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both}}, Node: deep}}}
		}
		return &kg.EntitySel{Fields: kg.EName, Kids: deep.Kids}
	}
	// Deep enough that no store can skip checking it.
	return &kg.EntitySel{Fields: kg.EName, Kids: []*kg.ChildSel{{Kind: kg.ChildNeighbors,
		Filter: kg.RelationFilter{StepFilter: kg.StepFilter{Direction: kg.Both}, Page: kg.Page{First: 2}},
		Node:   &kg.EntitySel{Kids: []*kg.ChildSel{child}}}}}
}

// badRelationSel is a relation selection every store refuses.
func (c *caller) badRelationSel() *kg.RelationSel {
	s := &kg.RelationSel{Fields: kg.RRole}
	switch c.r.IntN(3) {
	case 0:
		s.From = c.badEntitySel()
	case 1:
		s.Evidence = &kg.EvidenceSel{SaidBy: c.badEntitySel()}
	default:
		s.Counterpart = c.badEntitySel()
	}
	return s
}
