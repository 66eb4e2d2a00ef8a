package kg

import (
	"context"
	"fmt"
)

// Loader writes a validated graph into a store, idempotently: entities and
// relations are matched by id, so a second load of the same graph changes
// nothing.
type Loader interface {
	// Load writes g, calling progress (when not nil) as batches land.
	// Returns EUNAVAILABLE when the store cannot be reached.
	Load(ctx context.Context, g *Graph, progress Progress) (LoadReport, error)
}

// Progress is told how many items of the total have been written.
type Progress func(done, total int)

// LoadReport counts what a load did.
type LoadReport struct {
	Entities  Changes
	Relations Changes
}

// Changes counts the items of one sort a load created, updated or found
// unchanged.
type Changes struct {
	Created, Updated, Unchanged int
}

func (c Changes) String() string {
	return fmt.Sprintf("%d created, %d updated, %d unchanged", c.Created, c.Updated, c.Unchanged)
}

// Changed reports whether the load changed anything.
func (r LoadReport) Changed() bool {
	return r.Entities.Created+r.Entities.Updated+r.Relations.Created+r.Relations.Updated > 0
}
