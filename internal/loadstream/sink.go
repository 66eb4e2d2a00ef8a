package loadstream

import (
	"context"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/neo4jstore"
)

// Sink is a store that takes batches: entities of one kind, relations of
// one type, entities before the relations that name them.
// neo4jstore.Store is one.
type Sink interface {
	WriteEntities(ctx context.Context, batch []*kg.Entity) (kg.Changes, error)
	WriteRelations(ctx context.Context, batch []*kg.Relation) (kg.Changes, error)
}

var _ Sink = (*neo4jstore.Store)(nil)

var _ Sink = (*memstore.Store)(nil)

// bulkSink writes the importer's CSV files: everything is created.
type bulkSink struct{ w *neo4jstore.BulkWriter }

func (b bulkSink) WriteEntities(_ context.Context, batch []*kg.Entity) (kg.Changes, error) {
	for _, e := range batch {
		if err := b.w.WriteEntity(e); err != nil {
			return kg.Changes{}, err
		}
	}
	return kg.Changes{Created: len(batch)}, nil
}

func (b bulkSink) WriteRelations(_ context.Context, batch []*kg.Relation) (kg.Changes, error) {
	for _, r := range batch {
		if err := b.w.WriteRelation(r); err != nil {
			return kg.Changes{}, err
		}
	}
	return kg.Changes{Created: len(batch)}, nil
}
