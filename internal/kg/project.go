package kg

import (
	"slices"
)

// Project builds views from a graph held in the process: the embedded
// store's memory and the test suite's reference both answer selections
// through it, each with its own Reader. (Neo4j answers them in Cypher.)

// Reader is read access to a graph held in the process.
type Reader interface {
	// Entity returns the entity with the id, or nil. Callers do not
	// modify it.
	Entity(id string) *Entity
	// Relation returns the relation with the id, or nil. Callers do not
	// modify it.
	Relation(id string) *Relation
	// Touching returns, in relation-id order, the steps from entity id
	// along the relations f admits (seen from id) whose id is greater
	// than after: all of them when limit < 0, else at most limit; and,
	// when count is set, how many relations f admits in all (after and
	// limit aside).
	Touching(id string, f StepFilter, after string, limit int, count bool) ([]Step, int)
}

// Step is one relation followed from an entity.
type Step struct {
	Relation  string    // its id
	Direction Direction // as seen from the entity expanded
	Other     string    // the entity at its other end
}

// ProjectEntity is the view of the entity with the id as sel asks, or
// nil when there is none. EINVALID for a malformed cursor of a child.
func ProjectEntity(r Reader, id string, sel *EntitySel) (*EntityView, error) {
	if sel == nil {
		return IDView(id), nil
	}
	e := r.Entity(id)
	if e == nil {
		return nil, nil
	}
	v := &EntityView{Entity: sel.Fields.Mask(e)}
	if sel.Evidence != nil {
		var err error
		if v.Statements, err = projectEvidence(r, e.Evidence, sel.Evidence); err != nil {
			return nil, err
		}
	}
	if len(sel.Kids) > 0 {
		v.Kids = make([]any, len(sel.Kids))
		for i, c := range sel.Kids {
			if !c.AppliesTo(e.Kind) {
				continue
			}
			var err error
			switch c.Kind {
			case ChildNeighbors:
				v.Kids[i], err = ProjectNeighbors(r, id, c.Filter, c.Count, c.Node)
			default:
				v.Kids[i], err = ProjectRelationsOf(r, id, c.Filter, c.Count, c.Relation, c.Node)
			}
			if err != nil {
				return nil, err
			}
		}
	}
	return v, nil
}

// ProjectRelation is the view of relation rel as sel asks.
func ProjectRelation(r Reader, rel *Relation, sel *RelationSel) (*RelationView, error) {
	if sel == nil {
		return &RelationView{Relation: RelationFields(0).Mask(rel)}, nil
	}
	v := &RelationView{Relation: sel.Fields.Mask(rel)}
	var err error
	if sel.Evidence != nil {
		if v.Statements, err = projectEvidence(r, rel.Evidence, sel.Evidence); err != nil {
			return nil, err
		}
	}
	if sel.From != nil {
		if v.From, err = ProjectEntity(r, rel.From, sel.From); err != nil {
			return nil, err
		}
	}
	if sel.To != nil {
		if v.To, err = ProjectEntity(r, rel.To, sel.To); err != nil {
			return nil, err
		}
	}
	if sel.Counterpart != nil && rel.Counterpart != "" {
		if v.Counterpart, err = ProjectEntity(r, rel.Counterpart, sel.Counterpart); err != nil {
			return nil, err
		}
	}
	return v, nil
}

func projectEvidence(r Reader, evs []Evidence, sel *EvidenceSel) ([]EvidenceView, error) {
	out := make([]EvidenceView, len(evs))
	for i, ev := range evs {
		out[i].Evidence = ev
		var err error
		if sel.Document != nil {
			if out[i].Document, err = ProjectEntity(r, ev.DocumentID, sel.Document); err != nil {
				return nil, err
			}
		}
		if sel.SaidBy != nil && ev.SaidBy != "" {
			if out[i].SaidBy, err = ProjectEntity(r, ev.SaidBy, sel.SaidBy); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// ProjectRelationsOf is the page of entity id's relations that f admits,
// by relation id after f's cursor, with what rel and node ask of each
// relation and of its other end.
func ProjectRelationsOf(r Reader, id string, f RelationFilter, count bool, rel *RelationSel, node *EntitySel) (*RelationPage, error) {
	after, err := relationCursor(f.After)
	if err != nil {
		return nil, err
	}
	before, err := relationCursor(f.Before)
	if err != nil {
		return nil, err
	}
	steps, total := r.Touching(id, f.StepFilter, after, f.Page.ScanLimit(), count)
	page := &RelationPage{TotalCount: total, Counted: count}
	steps, page.HasPrevious, page.HasNextPage = Cut(f.Page, steps, func(st Step) bool { return st.Relation >= before })
	for _, st := range steps {
		rv, err := ProjectRelation(r, r.Relation(st.Relation), rel)
		if err != nil {
			return nil, err
		}
		n, err := ProjectEntity(r, st.Other, node)
		if err != nil {
			return nil, err
		}
		page.Edges = append(page.Edges, RelationEdge{Relation: rv, Direction: st.Direction, Node: n, Cursor: EncodeCursor(st.Relation)})
	}
	return page, nil
}

// ProjectNeighbors is the page of the distinct entities at the other end
// of entity id's relations that f admits, by id after f's cursor.
func ProjectNeighbors(r Reader, id string, f RelationFilter, count bool, node *EntitySel) (*EntityPage, error) {
	after, err := relationCursor(f.After) // one id, as a relation cursor
	if err != nil {
		return nil, err
	}
	steps, _ := r.Touching(id, f.StepFilter, "", -1, false)
	others := make([]string, 0, len(steps))
	for _, st := range steps {
		others = append(others, st.Other)
	}
	slices.Sort(others)
	others = slices.Compact(others)
	page := &EntityPage{TotalCount: len(others), Counted: count}
	start, _ := slices.BinarySearch(others, after)
	if start < len(others) && others[start] == after && after != "" {
		start++
	}
	before, err := relationCursor(f.Before)
	if err != nil {
		return nil, err
	}
	var rest []string
	rest, page.HasPrevious, page.HasNextPage = Cut(f.Page, others[start:], func(o string) bool { return o >= before })
	for _, o := range rest {
		n, err := ProjectEntity(r, o, node)
		if err != nil {
			return nil, err
		}
		page.Edges = append(page.Edges, EntityEdge{Node: n, Cursor: EncodeCursor(o)})
	}
	if !count {
		page.TotalCount = 0
	}
	return page, nil
}

// relationCursor decodes a cursor of one key (a relation id, or an entity
// id for neighbours); "" for none.
func relationCursor(after string) (string, error) {
	if after == "" {
		return "", nil
	}
	key, err := DecodeCursor(after, 1)
	if err != nil {
		return "", err
	}
	return key[0], nil
}

// ProjectPath is the view of a route as q asks: its entities, and on each
// step every relation q's filter admits from one entity to the next.
func ProjectPath(r Reader, nodes []string, q PathQuery) (PathView, error) {
	var p PathView
	for i, id := range nodes {
		n, err := ProjectEntity(r, id, q.Nodes)
		if err != nil {
			return p, err
		}
		p.Nodes = append(p.Nodes, n)
		if i == 0 {
			continue
		}
		var step PathStep
		steps, _ := r.Touching(nodes[i-1], q.Filter, "", -1, false)
		for _, st := range steps {
			if st.Other != id {
				continue
			}
			rv, err := ProjectRelation(r, r.Relation(st.Relation), q.Steps)
			if err != nil {
				return p, err
			}
			step.Relations = append(step.Relations, rv)
		}
		p.Steps = append(p.Steps, step)
	}
	return p, nil
}

// ProjectSubgraph is the view of the subgraph with the entities (in
// order) and relations (in order) as the selections ask.
func ProjectSubgraph(r Reader, nodes, edges []string, truncated bool, ns *EntitySel, es *RelationSel) (*Subgraph, error) {
	g := &Subgraph{Truncated: truncated, Nodes: []*EntityView{}, Edges: []*RelationView{}}
	for _, id := range nodes {
		n, err := ProjectEntity(r, id, ns)
		if err != nil {
			return nil, err
		}
		g.Nodes = append(g.Nodes, n)
	}
	for _, id := range edges {
		e, err := ProjectRelation(r, r.Relation(id), es)
		if err != nil {
			return nil, err
		}
		g.Edges = append(g.Edges, e)
	}
	return g, nil
}
