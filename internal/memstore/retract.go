package memstore

import (
	"context"
	"fmt"

	"github.com/kgql/kgql/internal/kg"
)

func relationChange(r *kg.RelationResult) **kg.Change { return &r.Change }

// RetractRelation implements kg.Writer. The relation leaves the graph
// (no read finds it: reads have no flag for retracted relations yet) and
// keeps its evidence, with its retraction, in the change log's image and
// in memory (curation.retracted). MENTIONS are derived and cannot be
// retracted.
func (s *Store) RetractRelation(ctx context.Context, in kg.RetractRelationInput) (*kg.RelationResult, error) {
	if err := kg.CheckRetractRelation(&in); err != nil {
		return nil, err
	}
	return write(ctx, s, kg.OpRetractRelation, in.Request, in, relationChange, func(tx *writeTx) (*kg.RelationResult, error) {
		r := tx.relation(in.ID)
		if r == nil && tx.retracted(in.ID) != nil {
			return &kg.RelationResult{Relation: in.ID, Rev: tx.rev(in.ID)}, nil // retracted already: nothing changes
		}
		if r == nil {
			return nil, kg.UserErrors{{Code: kg.ENOTFOUND, Field: []string{"input", "id"}, Message: fmt.Sprintf("no relation has the id %q", in.ID)}}
		}
		if r.Type == kg.Mentions {
			return nil, kg.UserErrors{{Code: kg.EINVALID, Field: []string{"input", "id"}, Message: "a MENTIONS relation is derived from evidence: retract the facts that state it"}}
		}
		if err := tx.expectRev(in.ID, in.ExpectedRev, []string{"input", "expectedRev"}); err != nil {
			return nil, kg.UserErrors{err}
		}
		if in.SupersededBy != "" && tx.relation(in.SupersededBy) == nil {
			return nil, kg.UserErrors{{Code: kg.ENOTFOUND, Field: []string{"input", "supersededBy"}, Message: fmt.Sprintf("no live relation has the id %q", in.SupersededBy)}}
		}
		tx.retractRelation(r, kg.Retraction{By: tx.by, Change: kg.ChangeID(tx.seq), Reason: in.Reason, SupersededBy: in.SupersededBy})
		return &kg.RelationResult{Relation: in.ID, Rev: tx.rev(in.ID)}, nil
	})
}
