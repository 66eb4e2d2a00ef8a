package memstore

import (
	"context"

	"github.com/kgql/kgql/internal/kg"
)

// The writes the embedded store does not do yet. Each refuses, writing
// nothing, with an error that says so.

func notYet(op kg.Op) error {
	return kg.Errorf(kg.EUNAVAILABLE, "%s is not implemented by the embedded store yet", op)
}

// MergeEntities implements kg.Writer: not yet.
func (s *Store) MergeEntities(ctx context.Context, in kg.MergeEntitiesInput) (*kg.MergeResult, error) {
	return nil, notYet(kg.OpMergeEntities)
}
