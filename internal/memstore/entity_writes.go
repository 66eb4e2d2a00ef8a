package memstore

import (
	"context"
	"fmt"

	"github.com/kgql/kgql/internal/kg"
)

func entityChange(r *kg.EntityResult) **kg.Change { return &r.Change }

// CreateEntity implements kg.Writer.
func (s *Store) CreateEntity(ctx context.Context, in kg.CreateEntityInput) (*kg.EntityResult, error) {
	if err := kg.CheckCreateEntity(&in); err != nil {
		return nil, err
	}
	return write(ctx, s, kg.OpCreateEntity, in.Request, in, entityChange, func(tx *writeTx) (*kg.EntityResult, error) {
		id := kg.NewEntityID(in.Entity.Kind, in.Entity.Name)
		if err := tx.idFree(id, []string{"input", "entity", "name"}); err != nil {
			return nil, kg.UserErrors{err}
		}
		tx.putEntity(kg.EntityFromInput(id, in.Entity))
		return &kg.EntityResult{Entity: id, Rev: tx.rev(id)}, nil
	})
}

// idFree is the ECONFLICT user error of a new entity whose id is taken.
func (tx *writeTx) idFree(id string, field []string) *kg.UserError {
	e := tx.entity(id)
	if e == nil {
		return nil
	}
	return &kg.UserError{Code: kg.ECONFLICT, Field: field,
		Message: fmt.Sprintf("an entity with the id %s exists (%s %q): refer to it by its id, or give another name", id, e.Kind, e.Name)}
}

// UpdateEntity implements kg.Writer.
func (s *Store) UpdateEntity(ctx context.Context, in kg.UpdateEntityInput) (*kg.EntityResult, error) {
	if err := kg.CheckUpdateEntity(&in); err != nil {
		return nil, err
	}
	return write(ctx, s, kg.OpUpdateEntity, in.Request, in, entityChange, func(tx *writeTx) (*kg.EntityResult, error) {
		e := tx.entity(in.ID)
		if e == nil {
			return nil, kg.UserErrors{{Code: kg.ENOTFOUND, Field: []string{"input", "id"}, Message: fmt.Sprintf("no entity has the id %q", in.ID)}}
		}
		if err := tx.expectRev(in.ID, in.ExpectedRev, []string{"input", "expectedRev"}); err != nil {
			return nil, kg.UserErrors{err}
		}
		n, err := kg.ApplyUpdate(e, &in)
		if err != nil {
			return nil, err
		}
		if !equalEntities(normEntity(n), normEntity(e)) {
			tx.putEntity(n)
		}
		return &kg.EntityResult{Entity: in.ID, Rev: tx.rev(in.ID)}, nil
	})
}

// expectRev is the ECONFLICT user error, with the current rev, of an
// expected rev that is not the object's.
func (tx *writeTx) expectRev(id string, want *int, field []string) *kg.UserError {
	cur := tx.rev(id)
	if want == nil || *want == cur {
		return nil
	}
	return &kg.UserError{Code: kg.ECONFLICT, Field: field, CurrentRev: &cur,
		Message: fmt.Sprintf("%s is at rev %d, not %d: someone changed it since you read it; read it again", id, cur, *want)}
}
