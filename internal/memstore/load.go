package memstore

import (
	"context"
	"slices"

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
// The graph is checked first by kg's rules (kg.CheckGraph), naming the
// entities memory holds that it refers to, as neo4jstore checks it: a
// graph one store refuses the other refuses with the same problems
// (EINVALID, nothing written).
func (s *Store) Load(ctx context.Context, g *kg.Graph, progress kg.Progress) (kg.LoadReport, error) {
	return s.load(ctx, g, progress, s.check)
}

// WriteEntities writes a batch of a stream's entities, as neo4jstore's
// does: each checked by itself (kg.CheckItems), since the documents
// their evidence names may come in a later batch (the stream's reader
// has checked the references across items).
func (s *Store) WriteEntities(ctx context.Context, batch []*kg.Entity) (kg.Changes, error) {
	rep, err := s.load(ctx, &kg.Graph{Entities: batch}, nil, func(g *kg.Graph) error { return kg.CheckItems(g.Entities, nil) })
	return rep.Entities, err
}

// WriteRelations writes a batch of a stream's relations, whose ends and
// documents memory holds (Load's check).
func (s *Store) WriteRelations(ctx context.Context, batch []*kg.Relation) (kg.Changes, error) {
	rep, err := s.Load(ctx, &kg.Graph{Relations: batch}, nil)
	return rep.Relations, err
}

// load is Load with the check it makes.
func (s *Store) load(ctx context.Context, g *kg.Graph, progress kg.Progress, check func(*kg.Graph) error) (kg.LoadReport, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	var report kg.LoadReport
	if err := s.available(); err != nil {
		return report, err
	}
	if err := check(g); err != nil {
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

// check refuses, before anything is written, a graph that breaks kg's
// rules, its references to the entities memory holds resolved.
func (s *Store) check(g *kg.Graph) error {
	stored := map[string]*kg.Entity{}
	for _, id := range g.ExternalRefs() {
		if idx, ok := s.g.entIdx[id]; ok { // the writer is the only one to change it
			stored[id] = s.g.ents[idx]
		}
	}
	if ps := kg.CheckGraph(g, stored); len(ps) > 0 {
		return kg.GraphError(ps)
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
