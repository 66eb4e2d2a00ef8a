package httpapi

import (
	"reflect"

	"github.com/kgql/kgql/graph/generated"
	"github.com/kgql/kgql/graph/model"
)

// pageCost is the cost of a list field: its children once per item it may
// return.
func pageCost(child, items int) int { return 1 + child*max(items, 1) }

// complexity prices each list field by its page size, so that a nested
// query's cost grows as the results it could return do.
func complexity() generated.ComplexityRoot {
	var c generated.ComplexityRoot
	relations := func(child int, _ *model.Filter, first int, _ *string) int { return pageCost(child, first) }
	documents := func(child int, first int, _ *string) int { return pageCost(child, first) }
	// Every entity type has relations, neighbors and documents with one
	// signature each: set them all rather than name ten types.
	root := reflect.ValueOf(&c).Elem()
	for i := 0; i < root.NumField(); i++ {
		obj := root.Field(i)
		if obj.Kind() != reflect.Struct {
			continue
		}
		for name, fn := range map[string]any{"Relations": relations, "Neighbors": relations, "Documents": documents} {
			if f := obj.FieldByName(name); f.IsValid() && f.Type() == reflect.TypeOf(fn) {
				f.Set(reflect.ValueOf(fn))
			}
		}
	}
	c.Query.Entities = func(child int, _ []model.EntityKind, _ *model.EntityFilter, _ model.EntityOrder, first int, _ *string) int {
		return pageCost(child, first)
	}
	c.Query.Relations = func(child int, _ *model.RelationFilter, first int, _ *string) int { return pageCost(child, first) }
	c.Query.Search = func(child int, _ string, _ []model.EntityKind, _ bool, first int) int { return pageCost(child, first) }
	c.Query.Documents = documents
	c.Query.Nodes = func(child int, ids []string) int { return pageCost(child, len(ids)) }
	c.Query.Neighborhood = func(child int, _ []string, _ int, _ *model.Filter, limit int) int { return pageCost(child, limit) }
	c.Query.Paths = func(child int, _, _ string, maxHops int, _ *model.Filter, limit int) int {
		return pageCost(child, limit*(maxHops+1))
	}
	// An expansion returns at most limit new entities, and one drawn entity per expanded id.
	c.Query.Expand = func(child int, ids, _ []string, _ *model.Filter, limit int) int {
		return pageCost(child, limit+len(ids))
	}
	c.Query.CommonNeighbors = func(child int, _, _ string, _ *model.Filter, first int) int { return pageCost(child, first) }
	c.Query.Stats = func(child int, top int, _ *model.Filter) int { return pageCost(child, top) }
	return c
}
