package graph

import (
	"context"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kgql/kgql/graph/model"
	"github.com/kgql/kgql/internal/kg"
)

// What the root resolvers share: reading a result's selections and
// wrapping what the store returned.

// nodes reads entities and relations by id, each as the request selects.
func (r *Resolver) nodes(ctx context.Context, ids []string) ([]model.Node, error) {
	s, set := selectorOf(ctx), rootSelections(ctx)
	es, err := s.entity(set)
	if err != nil {
		return nil, err
	}
	rs, err := s.relation(set)
	if err != nil {
		return nil, err
	}
	found, err := r.Store.Nodes(ctx, ids, es, rs)
	if err != nil {
		return nil, err
	}
	out := make([]model.Node, len(found))
	for i, n := range found {
		switch {
		case n.Entity != nil:
			out[i] = model.EntityOf(n.Entity, es)
		case n.Relation != nil:
			out[i] = model.RelationOf(n.Relation, rs)
		}
	}
	return out, nil
}

// pathQuery reads the arguments of shortestPath and paths, resolving
// names, and the selection of their routes (under the result field
// routes: path or paths).
func (r *Resolver) pathQuery(ctx context.Context, from, to string, maxHops int, filter *model.Filter, limit int, routes string) (kg.PathQuery, error) {
	q := kg.PathQuery{MaxHops: maxHops, Limit: limit}
	var err error
	if q.Filter, err = stepFilter(filter); err != nil {
		return q, err
	}
	ends, err := kg.ResolveRefs(ctx, r.Store, []string{from, to})
	if err != nil {
		return q, err
	}
	q.From, q.To = ends[0], ends[1]
	s := selectorOf(ctx)
	resultType := map[string]string{"path": "PathResult", "paths": "PathList"}[routes]
	paths := s.selectionsOf(rootSelections(ctx), resultType, routes)
	if q.Nodes, err = s.nested(s.collectAll(paths, "Path", "nodes")...); err != nil {
		return q, err
	}
	relations := s.collectAll(paths, "Path", "relations")
	relations = append(relations, s.collectAll(s.collectAll(paths, "Path", "steps"), "PathStep", "relations")...)
	if len(relations) > 0 {
		q.Steps, err = s.relation(relations...)
	}
	return q, err
}

// collectAll is selectionsOf over several selection sets.
func (s selector) collectAll(sets []ast.SelectionSet, typeName, name string) []ast.SelectionSet {
	var out []ast.SelectionSet
	for _, set := range sets {
		out = append(out, s.selectionsOf(set, typeName, name)...)
	}
	return out
}

// pathOf wraps a route read for q.
func pathOf(p kg.PathView, q kg.PathQuery) *model.Path {
	out := &model.Path{Length: p.Length(), Nodes: model.EntitiesOf(p.Nodes, q.Nodes), Relations: []*model.Relation{}, Steps: []*model.PathStep{}}
	for i, st := range p.Steps {
		rels := model.RelationsOf(st.Relations, q.Steps)
		out.Relations = append(out.Relations, rels...)
		out.Steps = append(out.Steps, &model.PathStep{Source: p.Nodes[i].ID, Target: p.Nodes[i+1].ID, Relations: rels})
	}
	return out
}

// entityPage reads a root page of entities as the request selects it.
func (r *Resolver) entityPage(ctx context.Context, f kg.EntityFilter) (*model.EntityConnection, error) {
	s := selectorOf(ctx)
	_, nodes, count := s.connection(rootSelections(ctx))
	sel, err := s.entity(nodes...)
	if err != nil {
		return nil, err
	}
	page, err := r.Store.FindEntities(ctx, f, count, sel)
	if err != nil {
		return nil, err
	}
	return model.EntityConnectionOf(page, sel), nil
}

// drawnEntities wraps the entities of an expansion read with sel.
func drawnEntities(ns []kg.DrawnNode, sel *kg.EntitySel) []*model.DrawnEntity {
	out := make([]*model.DrawnEntity, len(ns))
	for i, n := range ns {
		out[i] = &model.DrawnEntity{Entity: model.EntityOf(n.Node, sel), Degree: n.Degree, HiddenDegree: n.HiddenDegree}
	}
	return out
}
