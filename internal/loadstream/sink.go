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

// memSink writes into the embedded store, one Load per batch.
type memSink struct{ s *memstore.Store }

func (m memSink) WriteEntities(ctx context.Context, b []*kg.Entity) (kg.Changes, error) {
	rep, err := m.s.Load(ctx, &kg.Graph{Entities: b}, nil)
	return rep.Entities, err
}

func (m memSink) WriteRelations(ctx context.Context, b []*kg.Relation) (kg.Changes, error) {
	rep, err := m.s.Load(ctx, &kg.Graph{Relations: b}, nil)
	return rep.Relations, err
}

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
