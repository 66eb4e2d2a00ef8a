// Package graph holds kgql's GraphQL resolvers. They translate between
// GraphQL and the domain and hold no Cypher: reads go through the
// request's loaders (graph/loader) to a kg.Store, and traversals are the
// domain's algorithms (kg.ShortestPath, kg.Neighborhood, ...).
package graph

import (
	"context"

	"github.com/kgql/kgql/graph/loader"
	"github.com/kgql/kgql/graph/model"
	"github.com/kgql/kgql/internal/kg"
)

// Resolver is the root resolver. It keeps nothing: the store and the
// loaders come with each request's context (loader.Middleware).
type Resolver struct{}

func store(ctx context.Context) kg.Store { return loader.For(ctx).Store }

// or returns *p, or def when p is nil.
func or[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

// nodeOf loads an entity or a relation by id: relation ids contain ">".
func nodeOf(ctx context.Context, id string) (model.Node, error) {
	if isRelationID(id) {
		r, err := loader.For(ctx).Relations.Load(ctx, id)
		if err != nil || r == nil {
			return nil, err
		}
		return model.RelationOf(r), nil
	}
	e, err := model.LoadEntity(ctx, id)
	if err != nil || e == nil {
		return nil, err
	}
	return e, nil
}

func isRelationID(id string) bool {
	for i := 0; i < len(id); i++ {
		if id[i] == '>' {
			return true
		}
	}
	return false
}

func pathQuery(from, to string, maxHops *int, types []model.RelationType, direction *model.Direction, at, since, until *string) (kg.PathQuery, error) {
	f, err := model.StepFilterOf(or(direction, model.DirectionBoth), types, at, since, until)
	return kg.PathQuery{From: from, To: to, MaxHops: or(maxHops, 4), Filter: f}, err
}
