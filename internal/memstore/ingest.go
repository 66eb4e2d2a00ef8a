package memstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// IngestDocument implements kg.Writer.
func (s *Store) IngestDocument(ctx context.Context, in kg.IngestDocumentInput) (*kg.IngestResult, error) {
	plan, err := kg.CheckIngest(&in)
	if err != nil {
		return nil, err
	}
	change := func(r *kg.IngestResult) **kg.Change { return &r.Change }
	return write(ctx, s, kg.OpIngestDocument, in.Request, in, change, func(tx *writeTx) (*kg.IngestResult, error) {
		if n, ok := tx.g.docKeys[plan.DocumentKey]; ok {
			return &kg.IngestResult{Document: tx.g.ents[n].ID, Existing: true}, nil
		}
		bound, err := plan.BindRefs(tx.resolve(plan.External))
		if err != nil {
			return nil, err
		}
		res := &kg.IngestResult{Document: kg.NewDocumentID(in.Document, plan.DocumentKey, func(id string) bool { return tx.entity(id) != nil })}
		var errs kg.UserErrors
		for i, e := range in.Entities {
			id := kg.NewEntityID(e.Kind, e.Name)
			if err := tx.idFree(id, []string{"input", "entities", fmt.Sprint(i), "name"}); err != nil {
				errs = append(errs, err)
			} else if j := slices.Index(res.Entities, id); j >= 0 {
				errs = append(errs, &kg.UserError{Code: kg.ECONFLICT, Field: []string{"input", "entities", fmt.Sprint(i), "name"},
					Message: fmt.Sprintf("entity %d of this input has the id %s already: give one entity once", j, id)})
			}
			res.Entities = append(res.Entities, id)
		}
		if len(errs) > 0 {
			return nil, errs
		}
		tx.putEntity(kg.DocumentFromInput(res.Document, in.Document))
		for i, e := range in.Entities {
			tx.putEntity(kg.EntityFromInput(res.Entities[i], e))
		}
		bind := func(ref kg.EntityRef) string {
			if i, ok := plan.Refs[ref]; ok {
				return res.Entities[i]
			}
			return bound[ref]
		}
		for i, ri := range in.Relations {
			evs := slices.Clone(plan.Evidence[i])
			for j := range evs {
				evs[j].DocumentID = res.Document
				if evs[j].SaidBy != "" {
					evs[j].SaidBy = bind(evs[j].SaidBy)
				}
			}
			id, err := tx.state(kg.RelationFromInput(ri, bind, evs), []string{"input", "relations", fmt.Sprint(i)})
			if err != nil {
				errs = append(errs, err)
			}
			res.Relations = append(res.Relations, id)
		}
		if len(errs) > 0 {
			return nil, errs
		}
		return res, nil
	})
}

// resolve finds the entities each external reference names: by id for
// one of an id's form, else by name or alias as ResolveNames does (at
// most MaxNameCandidates+1, by id).
func (tx *writeTx) resolve(refs []kg.ExternalRef) map[string][]kg.NameMatch {
	found := map[string][]kg.NameMatch{}
	g := tx.g
	for _, ref := range refs {
		if _, done := found[ref.Ref]; done {
			continue
		}
		if ref.ID {
			if e := tx.entity(ref.Ref); e != nil {
				found[ref.Ref] = []kg.NameMatch{{ID: e.ID, Kind: e.Kind, Name: e.Name}}
			} else {
				found[ref.Ref] = nil
			}
			continue
		}
		ns := g.names.find(kg.NameKey(ref.Ref), g.ents)
		slices.SortFunc(ns, g.compareRanks)
		var ms []kg.NameMatch
		for _, n := range ns[:min(len(ns), kg.MaxNameCandidates+1)] {
			e := g.ents[n]
			ms = append(ms, kg.NameMatch{ID: e.ID, Kind: e.Kind, Name: e.Name})
		}
		found[ref.Ref] = ms
	}
	return found
}
