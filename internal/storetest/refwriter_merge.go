package storetest

import (
	"context"
	"maps"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// MergeEntities is kg.Writer's, written plainly: every live relation
// naming drop (an end, the counterpart, an evidence's saidBy) is
// retracted ("merged") and stated again with keep in drop's place
// (superseded by what it became), one between keep and drop retracted
// only; drop's MENTIONS join keep's MENTIONS from the same document;
// drop's names become keep's aliases; drop's id redirects to keep.
func (w *RefWriter) MergeEntities(ctx context.Context, in kg.MergeEntitiesInput) (*kg.MergeResult, error) {
	if err := kg.CheckMergeEntities(&in); err != nil {
		return nil, err
	}
	return refWrite(ctx, w, kg.OpMergeEntities, in.Request, in, func(r *kg.MergeResult) **kg.Change { return &r.Change }, func(tx *refTx) (*kg.MergeResult, error) {
		var errs kg.UserErrors
		keep, drop := w.mergeEnd(in.Keep, "keep", &errs), w.mergeEnd(in.Drop, "drop", &errs)
		if len(errs) > 0 {
			return nil, errs
		}
		if keep.ID == drop.ID || keep.Kind != drop.Kind || keep.Kind == kg.KindDocument {
			return nil, kg.UserErrors{{Code: kg.EINVALID, Field: fieldOf("input", "drop")}}
		}
		if in.KeepRev != nil && *in.KeepRev != tx.rev(keep.ID) {
			errs = append(errs, conflict(tx.rev(keep.ID), "input", "keepRev")...)
		}
		if in.DropRev != nil && *in.DropRev != tx.rev(drop.ID) {
			errs = append(errs, conflict(tx.rev(drop.ID), "input", "dropRev")...)
		}
		if len(errs) > 0 {
			return nil, errs
		}
		res := &kg.MergeResult{Keep: keep.ID, Drop: drop.ID}
		plan := &res.Plan
		swap := func(id string) string {
			if id == drop.ID {
				return keep.ID
			}
			return id
		}
		var facts, mentions []string
		for _, id := range slices.Sorted(maps.Keys(w.relations)) {
			r := w.relations[id]
			if r.From == drop.ID || r.To == drop.ID || r.Counterpart == drop.ID {
				if r.Type == kg.Mentions {
					mentions = append(mentions, id)
				} else {
					facts = append(facts, id)
				}
			}
		}
		if len(facts)+len(mentions) > kg.MaxMergeRelations {
			return nil, kg.UserErrors{{Code: kg.EINVALID, Field: fieldOf("input", "drop")}}
		}
		retract := func(r *kg.Relation, by string) {
			tx.touch(r.ID)
			delete(w.relations, r.ID)
			w.retracted[r.ID] = refRetracted{r, kg.Retraction{By: tx.by, Change: kg.ChangeID(tx.seq), Reason: "merged", SupersededBy: by}}
		}
		for _, id := range facts {
			r := w.relations[id]
			plan.Relations = append(plan.Relations, id)
			plan.Evidence += len(r.Evidence)
			moved := deepCopy(r)
			moved.From, moved.To, moved.Counterpart = swap(r.From), swap(r.To), swap(r.Counterpart)
			for i := range moved.Evidence {
				moved.Evidence[i].SaidBy = swap(moved.Evidence[i].SaidBy)
			}
			if moved.From == moved.To {
				plan.Collisions = append(plan.Collisions, kg.MergeCollision{Relation: id})
				retract(r, "")
				continue
			}
			for _, other := range slices.Sorted(maps.Keys(w.relations)) {
				if kg.RelationKey(w.relations[other]) == kg.RelationKey(moved) {
					plan.Collisions = append(plan.Collisions, kg.MergeCollision{Relation: id, Into: other})
					break
				}
			}
			retract(r, "")
			into, err := tx.state(moved, fieldOf("input", "drop"))
			if err != nil {
				return nil, kg.UserErrors{err}
			}
			rr := w.retracted[id]
			rr.retraction.SupersededBy = into
			w.retracted[id] = rr
		}
		for _, id := range mentions {
			m := w.relations[id]
			plan.Relations = append(plan.Relations, id)
			plan.Evidence += len(m.Evidence)
			into := kg.MentionID(m.From, keep.ID)
			retract(m, into)
			to, ok := w.relations[into]
			if ok {
				to = deepCopy(to)
			} else {
				to = &kg.Relation{ID: into, Type: kg.Mentions, From: m.From, To: keep.ID}
			}
			for _, ev := range m.Evidence {
				quoted := false
				for _, h := range to.Evidence {
					quoted = quoted || h.Excerpt == ev.Excerpt
				}
				if !quoted && len(to.Evidence) < kg.MaxEvidence {
					to.Evidence = append(to.Evidence, ev)
				}
			}
			tx.touch(into)
			w.relations[into] = to
		}
		kept := deepCopy(keep)
		for _, a := range append([]string{drop.Name}, drop.Aliases...) {
			if a != keep.Name && !slices.Contains(kept.Aliases, a) {
				kept.Aliases = append(kept.Aliases, a)
				plan.Aliases = append(plan.Aliases, a)
			}
		}
		if len(kept.Aliases) > kg.MaxAliases {
			return nil, kg.UserErrors{{Code: kg.EINVALID, Field: fieldOf("input", "drop")}}
		}
		tx.touch(keep.ID)
		w.entities[keep.ID] = kept
		tx.touch(drop.ID)
		delete(w.entities, drop.ID)
		w.redirects[drop.ID] = keep.ID
		if in.DryRun {
			tx.dry = true
		}
		return res, nil
	})
}

// mergeEnd is the entity a merge's keep or drop names, following merged
// ids; or nil, with its user error added.
func (w *RefWriter) mergeEnd(ref, name string, errs *kg.UserErrors) *kg.Entity {
	if _, isID := kg.KindOfID(ref); isID {
		for hops := 0; w.entities[ref] == nil && w.redirects[ref] != "" && hops <= len(w.redirects); hops++ {
			ref = w.redirects[ref]
		}
		if e := w.entities[ref]; e != nil {
			return e
		}
		*errs = append(*errs, notFound("input", name)...)
		return nil
	}
	ms := w.resolve([]kg.ExternalRef{{Ref: ref}})[ref]
	switch len(ms) {
	case 0:
		*errs = append(*errs, notFound("input", name)...)
		return nil
	case 1:
		return w.entities[ms[0].ID]
	}
	*errs = append(*errs, &kg.UserError{Code: kg.EAMBIGUOUS, Field: fieldOf("input", name), Candidates: ms[:min(len(ms), kg.MaxNameCandidates)]})
	return nil
}

// reference is a Reference over the writes' graph whose node reads
// follow merged ids, as a store's do.
func (w *RefWriter) reference() *Reference {
	r := NewReference(w.Graph())
	r.redirects = maps.Clone(w.redirects)
	return r
}
