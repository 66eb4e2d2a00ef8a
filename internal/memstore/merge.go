package memstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// RetractMerged is the reason of the retractions a merge makes: each of
// drop's relations is retracted and stated again with keep at its end
// (superseded by that one), and a relation between keep and drop is
// retracted for good (it would join keep to itself).
const RetractMerged = "merged"

// MergeEntities implements kg.Writer. Drop's live relations (as an end
// or a counterpart) are stated again with Keep in Drop's place: a
// relation equal to one Keep has (kg.RelationKey) adds its evidence to
// it (a collision), any other becomes a new relation; each old one is
// retracted with the reason RetractMerged, superseded by the new one, so
// that nothing is lost and a revert restores it. Drop's MENTIONS move to
// Keep the same way. Drop's name and aliases become Keep's aliases. Drop
// leaves the graph and its id becomes a redirect to Keep. Both entities
// must be of one kind, and no document.
func (s *Store) MergeEntities(ctx context.Context, in kg.MergeEntitiesInput) (*kg.MergeResult, error) {
	if err := kg.CheckMergeEntities(&in); err != nil {
		return nil, err
	}
	change := func(r *kg.MergeResult) **kg.Change { return &r.Change }
	return write(ctx, s, kg.OpMergeEntities, in.Request, in, change, func(tx *writeTx) (*kg.MergeResult, error) {
		keep, kerr := tx.mergeEnd(in.Keep, "keep")
		drop, derr := tx.mergeEnd(in.Drop, "drop")
		if err := (kg.UserErrors{kerr, derr}); kerr != nil || derr != nil {
			return nil, slices.DeleteFunc(err, func(e *kg.UserError) bool { return e == nil })
		}
		if keep.ID == drop.ID {
			return nil, kg.UserErrors{{Code: kg.EINVALID, Field: []string{"input", "drop"},
				Message: fmt.Sprintf("%s and %s name one entity, %s: an entity cannot be merged into itself", in.Keep, in.Drop, keep.ID)}}
		}
		if keep.Kind != drop.Kind || keep.Kind == kg.KindDocument {
			return nil, kg.UserErrors{{Code: kg.EINVALID, Field: []string{"input", "drop"},
				Message: fmt.Sprintf("%s is a %s and %s a %s: merge two entities of one kind, never documents", keep.ID, keep.Kind, drop.ID, drop.Kind)}}
		}
		var errs kg.UserErrors
		for _, e := range []*kg.UserError{
			tx.expectRev(keep.ID, in.KeepRev, []string{"input", "keepRev"}),
			tx.expectRev(drop.ID, in.DropRev, []string{"input", "dropRev"}),
		} {
			if e != nil {
				errs = append(errs, e)
			}
		}
		if len(errs) > 0 {
			return nil, errs
		}
		res := &kg.MergeResult{Keep: keep.ID, Drop: drop.ID}
		if err := tx.merge(keep, drop, &res.Plan); err != nil {
			return nil, kg.UserErrors{err}
		}
		if in.DryRun {
			tx.before = map[string]kg.Image{} // the plan only: nothing recorded, nothing committed
		}
		return res, nil
	})
}

// mergeEnd finds the entity a merge's keep or drop names: by id (a merged
// id gives the entity it was merged into), or by name or alias.
func (tx *writeTx) mergeEnd(ref, name string) (*kg.Entity, *kg.UserError) {
	field := []string{"input", name}
	_, isID := kg.KindOfID(ref)
	if isID {
		id := ref
		for hops := 0; tx.entity(id) == nil && tx.redirectOf(id) != "" && hops <= len(tx.cur.redirects)+len(tx.redirects); hops++ {
			id = tx.redirectOf(id)
		}
		if e := tx.entity(id); e != nil {
			return e, nil
		}
		return nil, &kg.UserError{Code: kg.ENOTFOUND, Field: field, Message: fmt.Sprintf("no entity has the id %q", ref)}
	}
	ms := tx.resolve([]kg.ExternalRef{{Ref: ref, Field: field}})[ref]
	switch {
	case len(ms) == 0:
		return nil, &kg.UserError{Code: kg.ENOTFOUND, Field: field, Message: fmt.Sprintf("no entity has the name or alias %q", ref)}
	case len(ms) > 1:
		return nil, &kg.UserError{Code: kg.EAMBIGUOUS, Field: field, Candidates: ms[:min(len(ms), kg.MaxNameCandidates)],
			Message: fmt.Sprintf("%q names %d entities or more: give the id of the one to %s", ref, len(ms), name)}
	}
	return tx.entity(ms[0].ID), nil
}

// merge moves drop onto keep in the write, filling the plan.
func (tx *writeTx) merge(keep, drop *kg.Entity, plan *kg.MergePlan) *kg.UserError {
	field := []string{"input", "drop"}
	var facts, mentions []*kg.Relation
	for _, ri := range tx.g.relsByID { // ends and counterparts: every relation
		r := tx.relation(tx.g.rels[ri].id)
		if r == nil || (r.From != drop.ID && r.To != drop.ID && r.Counterpart != drop.ID) {
			continue
		}
		if r.Type == kg.Mentions {
			mentions = append(mentions, r)
		} else {
			facts = append(facts, r)
		}
	}
	if n := len(facts) + len(mentions); n > kg.MaxMergeRelations {
		return &kg.UserError{Code: kg.EINVALID, Field: field,
			Message: fmt.Sprintf("%s has %d relations, a merge moves at most %d: retract some first", drop.ID, n, kg.MaxMergeRelations)}
	}
	swap := func(id string) string {
		if id == drop.ID {
			return keep.ID
		}
		return id
	}
	for _, r := range facts {
		plan.Relations = append(plan.Relations, r.ID)
		plan.Evidence += len(r.Evidence)
		moved := *r
		moved.From, moved.To, moved.Counterpart = swap(r.From), swap(r.To), swap(r.Counterpart)
		moved.Evidence = slices.Clone(r.Evidence)
		for i := range moved.Evidence {
			moved.Evidence[i].SaidBy = swap(moved.Evidence[i].SaidBy)
		}
		if moved.From == moved.To { // between keep and drop
			plan.Collisions = append(plan.Collisions, kg.MergeCollision{Relation: r.ID})
			tx.retractRelation(r, kg.Retraction{By: tx.by, Change: kg.ChangeID(tx.seq), Reason: RetractMerged})
			continue
		}
		if have := tx.equalRelation(&moved); have != nil {
			plan.Collisions = append(plan.Collisions, kg.MergeCollision{Relation: r.ID, Into: have.ID})
		}
		tx.retractRelation(r, kg.Retraction{By: tx.by, Change: kg.ChangeID(tx.seq), Reason: RetractMerged})
		id, err := tx.state(&moved, field)
		if err != nil {
			return err
		}
		rr := tx.retract[r.ID]
		rr.Retraction.SupersededBy = id
	}
	for _, m := range mentions {
		m = tx.relation(m.ID) // as the moves left it
		plan.Relations = append(plan.Relations, m.ID)
		plan.Evidence += len(m.Evidence)
		tx.retractRelation(m, kg.Retraction{By: tx.by, Change: kg.ChangeID(tx.seq), Reason: RetractMerged})
		into := kg.MentionID(m.From, keep.ID) // drop is no document: the MENTIONS end at it
		to := tx.relation(into)
		if to == nil {
			to = &kg.Relation{ID: into, Type: kg.Mentions, From: m.From, To: keep.ID}
		}
		to = cloneRelation(to)
		for _, ev := range m.Evidence {
			if len(to.Evidence) < kg.MaxEvidence && !slices.ContainsFunc(to.Evidence, func(h kg.Evidence) bool { return h.Excerpt == ev.Excerpt }) {
				to.Evidence = append(to.Evidence, ev)
			}
		}
		tx.putRelation(to)
		tx.retract[m.ID].Retraction.SupersededBy = into
	}
	kept := *keep
	kept.Aliases = slices.Clone(keep.Aliases)
	for _, a := range append([]string{drop.Name}, drop.Aliases...) {
		if a != keep.Name && !slices.Contains(kept.Aliases, a) {
			kept.Aliases = append(kept.Aliases, a)
			plan.Aliases = append(plan.Aliases, a)
		}
	}
	if len(kept.Aliases) > kg.MaxAliases {
		return &kg.UserError{Code: kg.EINVALID, Field: field,
			Message: fmt.Sprintf("%s would have %d aliases with %s's names, at most %d: remove some first", keep.ID, len(kept.Aliases), drop.ID, kg.MaxAliases)}
	}
	tx.putEntity(&kept) // touched even when no alias is new: the merge changes keep
	tx.redirect(drop.ID, keep.ID)
	return nil
}

func cloneRelation(r *kg.Relation) *kg.Relation {
	c := *r
	c.Evidence = slices.Clone(r.Evidence)
	return &c
}
