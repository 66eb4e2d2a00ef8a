package memstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// AssertRelation implements kg.Writer.
func (s *Store) AssertRelation(ctx context.Context, in kg.AssertRelationInput) (*kg.RelationResult, error) {
	plan, err := kg.CheckAssertRelation(&in)
	if err != nil {
		return nil, err
	}
	return write(ctx, s, kg.OpAssertRelation, in.Request, in, relationChange, func(tx *writeTx) (*kg.RelationResult, error) {
		bound, err := plan.BindRefs(tx.resolve(plan.External))
		if err != nil {
			return nil, err
		}
		bind := func(ref kg.EntityRef) string { return bound[ref] }
		at := []string{"input", "relation"}
		var errs kg.UserErrors
		var evs []kg.Evidence
		for j, ev := range in.Relation.Evidence {
			stated, problem := kg.StoredEvidence(tx.entity(bind(ev.Document)), ev)
			if problem != "" {
				errs = append(errs, &kg.UserError{Code: kg.EINVALID, Field: append(slices.Clone(at), "evidence", fmt.Sprint(j)), Message: problem})
				continue
			}
			if stated.SaidBy != "" {
				stated.SaidBy = bind(stated.SaidBy)
			}
			evs = append(evs, stated)
		}
		if len(errs) > 0 {
			return nil, errs
		}
		id, uerr := tx.state(kg.RelationFromInput(in.Relation, bind, evs), at)
		if uerr != nil {
			return nil, kg.UserErrors{uerr}
		}
		return &kg.RelationResult{Relation: id, Rev: tx.rev(id)}, nil
	})
}
