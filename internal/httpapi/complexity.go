package httpapi

import (
	"reflect"

	"github.com/kgql/kgql/graph/generated"
	"github.com/kgql/kgql/graph/model"
)

// pageCost is the cost of a list field: its children once per item it may
// return.
func pageCost(child, items int) int { return 1 + child*max(items, 1) }

func or(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

// complexity prices each list field by its page size, so that a nested
// query's cost grows as the results it could return do.
func complexity() generated.ComplexityRoot {
	var c generated.ComplexityRoot
	entityPage := func(child int, _ model.Direction, _ []model.RelationType, _, _, _ *string, first int, _ *string) int {
		return pageCost(child, first)
	}
	// Every entity type has relations and neighbors with one signature:
	// set them all rather than name ten types.
	root := reflect.ValueOf(&c).Elem()
	for i := 0; i < root.NumField(); i++ {
		obj := root.Field(i)
		if obj.Kind() != reflect.Struct {
			continue
		}
		for _, name := range []string{"Relations", "Neighbors"} {
			if f := obj.FieldByName(name); f.IsValid() && f.Type() == reflect.TypeOf(entityPage) {
				f.Set(reflect.ValueOf(entityPage))
			}
		}
	}
	c.Query.Entities = func(child int, _ []model.EntityKind, _ *model.EntityFilter, _ *model.EntityOrder, first *int, _ *string) int {
		return pageCost(child, or(first, 20))
	}
	c.Query.Relations = func(child int, _ *model.RelationFilter, first *int, _ *string) int {
		return pageCost(child, or(first, 20))
	}
	c.Query.Search = func(child int, _ string, _ []model.EntityKind, first *int) int {
		return pageCost(child, or(first, 10))
	}
	c.Query.Documents = func(child int, first *int, _ *string) int { return pageCost(child, or(first, 20)) }
	c.Query.Nodes = func(child int, ids []string) int { return pageCost(child, len(ids)) }
	c.Query.Neighborhood = func(child int, _ []string, _ *int, _ []model.RelationType, _ *model.Direction, _, _, _ *string, limit *int) int {
		return pageCost(child, or(limit, 100))
	}
	c.Query.Paths = func(child int, _, _ string, maxHops *int, _ []model.RelationType, _ *model.Direction, _, _, _ *string, limit *int) int {
		return pageCost(child, or(limit, 5)*(or(maxHops, 4)+1))
	}
	c.Query.CommonNeighbors = func(child int, _, _ string, _ []model.RelationType, _, _, _ *string, first *int) int {
		return pageCost(child, or(first, 50))
	}
	return c
}
