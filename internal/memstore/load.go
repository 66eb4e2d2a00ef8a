package memstore

import (
	"context"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// BatchSize is the number of items Load files in memory at a time, so
// that readers wait for a batch, never for a whole load.
const BatchSize = 5000

// Load implements kg.Loader as neo4jstore does: entities then relations,
// matched on id, each counted created, updated (its content differs) or
// unchanged, so a second load of a graph changes nothing. The whole load
// is committed to the file in one transaction before memory changes, so
// a crash (even kill -9) leaves the file with all of it or none of it;
// then memory takes it batch by batch.
//
// Unlike neo4jstore, which skips them silently, Load refuses (EINVALID,
// writing nothing) an unknown kind or type, a relation whose end is
// missing or which joins an entity to itself, and a relation id not made
// by kg.RelationID from its ends and type: the store finds relations by
// the ends their ids name.
func (s *Store) Load(ctx context.Context, g *kg.Graph, progress kg.Progress) (kg.LoadReport, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var report kg.LoadReport
	if err := s.available(); err != nil {
		return report, err
	}
	if err := s.check(g); err != nil {
		return report, err
	}
	if err := ctxErr(ctx); err != nil {
		return report, err
	}
	ents := s.diffEntities(g.Entities, &report.Entities)
	rels := s.diffRelations(g.Relations, &report.Relations)
	if len(ents)+len(rels) > 0 {
		if err := s.persist(ents, rels); err != nil {
			return kg.LoadReport{}, err
		}
	}
	total, done := len(g.Entities)+len(g.Relations), 0
	tick := func(n int) {
		done += n
		if progress != nil {
			progress(done, total)
		}
	}
	for batch := range slices.Chunk(ents, BatchSize) {
		s.mu.Lock()
		s.g.putEntities(batch)
		s.mu.Unlock()
		tick(len(batch))
	}
	tick(len(g.Entities) - len(ents))
	for batch := range slices.Chunk(rels, BatchSize) {
		s.mu.Lock()
		s.g.putRelations(batch)
		s.mu.Unlock()
		tick(len(batch))
	}
	tick(len(g.Relations) - len(rels))
	return report, nil
}

// A relation holds at most MaxStatements statements; kg.MaxEvidence is
// less (this fails to compile otherwise).
const _ = uint(MaxStatements - kg.MaxEvidence)

// check refuses a graph the store cannot hold, before anything is written.
func (s *Store) check(g *kg.Graph) error {
	if err := kg.CheckValues(g); err != nil {
		return err
	}
	ids := make(map[string]bool, len(g.Entities))
	for _, e := range g.Entities {
		switch {
		case !e.Kind.Valid():
			return kg.Errorf(kg.EINVALID, "entity %q: unknown kind %q", e.ID, e.Kind)
		case e.ID == "" || strings.ContainsAny(e.ID, ">#"):
			return kg.Errorf(kg.EINVALID, "malformed entity id %q", e.ID)
		}
		ids[e.ID] = true
	}
	exists := func(id string) bool {
		_, ok := s.g.entIdx[id] // the writer is the only one to change it
		return ok || ids[id]
	}
	for _, r := range g.Relations {
		base := kg.RelationID(r.From, r.Type, r.To, "")
		switch {
		case !r.Type.Valid():
			return kg.Errorf(kg.EINVALID, "relation %q: unknown type %q", r.ID, r.Type)
		case !exists(r.From) || !exists(r.To):
			return kg.Errorf(kg.EINVALID, "relation %q: an end names no entity", r.ID)
		case r.From == r.To:
			return kg.Errorf(kg.EINVALID, "relation %q joins an entity to itself", r.ID)
		case r.ID != base && !strings.HasPrefix(r.ID, base+"#"):
			return kg.Errorf(kg.EINVALID, "relation id %q is not %q, with or without a #key", r.ID, base)
		}
	}
	return nil
}

// diffEntities returns the normalized entities of the list that are new
// or differ from memory (each id once), counting what it finds.
func (s *Store) diffEntities(batch []*kg.Entity, c *kg.Changes) []*kg.Entity {
	var out []*kg.Entity
	pending := map[string]int{}
	for _, e := range batch {
		n := normEntity(e)
		if i, ok := pending[n.ID]; ok { // twice in one load: the last wins
			if equalEntities(out[i], n) {
				c.Unchanged++
			} else {
				out[i] = n
				c.Updated++
			}
			continue
		}
		if idx, ok := s.g.entIdx[n.ID]; ok {
			if equalEntities(s.g.ents[idx], n) {
				c.Unchanged++
				continue
			}
			c.Updated++
		} else {
			c.Created++
		}
		pending[n.ID] = len(out)
		out = append(out, n)
	}
	return out
}

// diffRelations is diffEntities for relations.
func (s *Store) diffRelations(batch []*kg.Relation, c *kg.Changes) []*kg.Relation {
	var out []*kg.Relation
	pending := map[string]int{}
	for _, r := range batch {
		n := normRelation(r)
		if i, ok := pending[n.ID]; ok {
			if equalRelations(out[i], n) {
				c.Unchanged++
			} else {
				out[i] = n
				c.Updated++
			}
			continue
		}
		if ri, ok := s.g.findRelation(n.ID); ok {
			if s.g.sameRelation(ri, n) {
				c.Unchanged++
				continue
			}
			c.Updated++
		} else {
			c.Created++
		}
		pending[n.ID] = len(out)
		out = append(out, n)
	}
	return out
}
