package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgql/kgql/internal/kg"
)

// BatchSize is the number of items one write transaction of a stream
// writes (loadstream's batches; WriteEntities, WriteRelations).
const BatchSize = 5000

var _ kg.Loader = (*Store)(nil)

// Load writes g in one write transaction, so that it lands whole or not
// at all: the schema first (Neo4j creates indexes in transactions of
// their own), then entities grouped by kind, then relations grouped by
// type. Items are matched on id and written only when new or when their
// fingerprint changed, so a second load writes nothing. A graph that
// breaks kg's rules (kg.CheckGraph, the entities it names that the store
// holds looked up first) is refused before anything is written, as
// memstore refuses it.
//
// A graph is read whole into memory before it is loaded (a seed
// directory), so one transaction holds it; a stream, which may be any
// size, is written in batches by loadstream through WriteEntities and
// WriteRelations instead.
func (s *Store) Load(ctx context.Context, g *kg.Graph, progress kg.Progress) (kg.LoadReport, error) {
	if err := s.check(ctx, g); err != nil {
		return kg.LoadReport{}, err
	}
	return s.load(ctx, g, progress)
}

// storedEntities reads the entities of the ids that exist.
const storedEntities = `UNWIND $ids AS id MATCH (n:Entity {id: id}) USING INDEX SEEK n:Entity(id) RETURN n {.*} AS n`

// check refuses a graph that breaks kg's rules, its references to the
// entities the store holds resolved.
func (s *Store) check(ctx context.Context, g *kg.Graph) error {
	stored := map[string]*kg.Entity{}
	if ids := g.ExternalRefs(); len(ids) > 0 {
		recs, err := s.read(ctx, storedEntities, map[string]any{"ids": ids})
		if err != nil {
			return err
		}
		for _, rec := range recs {
			if p, ok := rec.Values[0].(map[string]any); ok {
				e := decodeEntity(p)
				stored[e.ID] = e
			}
		}
	}
	if ps := kg.CheckGraph(g, stored); len(ps) > 0 {
		return kg.GraphError(ps)
	}
	return nil
}

// load is Load without the check.
func (s *Store) load(ctx context.Context, g *kg.Graph, progress kg.Progress) (kg.LoadReport, error) {
	var report kg.LoadReport
	if err := s.EnsureSchema(ctx); err != nil {
		return report, err
	}
	ents, rels := entityRows(g.Entities), relationRows(g.Relations)
	total := len(g.Entities) + len(g.Relations)
	err := s.writeTx(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		report = kg.LoadReport{} // a retry starts again
		done := 0
		for _, k := range kg.Kinds {
			if err := s.writeGroup(ctx, tx, entityQueries(k), ents[k], &report.Entities); err != nil {
				return fmt.Errorf("write %s entities: %w", k, err)
			}
			done += len(ents[k])
			tick(progress, done, total)
		}
		for _, t := range kg.RelationTypes {
			if err := s.writeGroup(ctx, tx, relationQueries(t), rels[t], &report.Relations); err != nil {
				return fmt.Errorf("write %s relations: %w", t, err)
			}
			done += len(rels[t])
			tick(progress, done, total)
		}
		return nil
	})
	if err != nil {
		return kg.LoadReport{}, err
	}
	return report, nil
}

func tick(progress kg.Progress, done, total int) {
	if progress != nil && total > 0 {
		progress(done, total)
	}
}

func add(c *kg.Changes, d kg.Changes) {
	c.Created += d.Created
	c.Updated += d.Updated
	c.Unchanged += d.Unchanged
}

// entityRows groups entities by kind, as the queries write them.
func entityRows(es []*kg.Entity) map[kg.Kind][]row {
	byKind := map[kg.Kind][]row{}
	for _, e := range es {
		byKind[e.Kind] = append(byKind[e.Kind], row{id: e.ID, props: entityProps(e)})
	}
	return byKind
}

// relationRows groups relations by type.
func relationRows(rs []*kg.Relation) map[kg.RelationType][]row {
	byType := map[kg.RelationType][]row{}
	for _, r := range rs {
		byType[r.Type] = append(byType[r.Type], row{id: r.ID, from: r.From, to: r.To, props: relationProps(r)})
	}
	return byType
}

// WriteEntities writes a batch of entities, one transaction per kind in
// it (a caller that groups batches by kind makes it one), and counts what
// it created, updated or found unchanged. Each entity is checked by
// itself (kg.CheckItems): the stream's reader has checked the references
// across items.
func (s *Store) WriteEntities(ctx context.Context, batch []*kg.Entity) (kg.Changes, error) {
	var c kg.Changes
	if err := kg.CheckItems(batch, nil); err != nil {
		return c, err
	}
	byKind := entityRows(batch)
	for _, k := range kg.Kinds {
		if rows := byKind[k]; len(rows) > 0 {
			d, err := s.writeBatch(ctx, entityQueries(k), rows)
			if err != nil {
				return c, fmt.Errorf("write %s entities: %w", k, err)
			}
			add(&c, d)
		}
	}
	return c, nil
}

// WriteRelations writes a batch of relations whose ends are in the store,
// one transaction per type in it. A batch with a relation whose end is
// missing is refused whole (EINVALID naming it). Each relation is
// checked by itself first (kg.CheckItems).
func (s *Store) WriteRelations(ctx context.Context, batch []*kg.Relation) (kg.Changes, error) {
	var c kg.Changes
	if err := kg.CheckItems(nil, batch); err != nil {
		return c, err
	}
	byType := relationRows(batch)
	for _, t := range kg.RelationTypes {
		if rows := byType[t]; len(rows) > 0 {
			d, err := s.writeBatch(ctx, relationQueries(t), rows)
			if err != nil {
				return c, fmt.Errorf("write %s relations: %w", t, err)
			}
			add(&c, d)
		}
	}
	return c, nil
}

// writeBatch writes the rows of one kind or type in a transaction of
// their own.
func (s *Store) writeBatch(ctx context.Context, q batchQueries, rows []row) (kg.Changes, error) {
	var c kg.Changes
	err := s.writeTx(ctx, func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		c = kg.Changes{} // a retry starts again
		return s.writeGroup(ctx, tx, q, rows, &c)
	})
	if err != nil {
		return kg.Changes{}, err
	}
	return c, nil
}

// row is one entity or relation to write: its property map (entityProps,
// relationProps), and a relation's ends.
type row struct {
	id, from, to string
	props        map[string]any
}

// batchQueries write the items of one kind or relation type. Each is a
// plain index seek per row: existing finds what is stored (by the
// uniqueness constraint on id), create writes what is new, update
// rewrites what changed. No query merges, so none expands a dense node
// (a document that mentions thousands of entities) to find a relation.
// Every seek is a hint (USING INDEX SEEK): planned on an empty or young
// store, where the statistics say a type holds nothing, a lookup was
// otherwise planned now and then as a scan of the type's index filtered
// by id, and that plan stayed cached while the type grew: one batch of
// 5,000 then took over a minute (bench/RESULTS.md, "Loading"). A plain
// USING INDEX hint does not prevent it: a scan uses the index too. The
// writes are CALL subqueries: written inline, a SET of a whole map
// makes the planner buffer every row first (an Eager operator), as the
// map might write a property that the MATCHes read.
type batchQueries struct {
	existing, create, update string
}

// entityQueries writes entities of one kind. The kind's label comes from
// the model's closed list; the other kinds' labels are removed in case
// an id changed kind.
func entityQueries(k kg.Kind) batchQueries {
	var others []string
	for _, o := range kg.Kinds {
		if o != k {
			others = append(others, o.Label())
		}
	}
	return batchQueries{
		existing: `UNWIND $ids AS id MATCH (n:Entity {id: id}) USING INDEX SEEK n:Entity(id) RETURN n.id AS id, n.hash AS hash`,
		create: fmt.Sprintf(`UNWIND $rows AS row
CREATE (n:Entity:%s) SET n += row.props
RETURN count(*) AS n`, k.Label()),
		update: fmt.Sprintf(`UNWIND $rows AS row
MATCH (n:Entity {id: row.props.id}) USING INDEX SEEK n:Entity(id)
CALL (n, row) { SET n = row.props, n:%s REMOVE n:%s }
RETURN count(*) AS n`, k.Label(), strings.Join(others, ":")),
	}
}

// relationQueries writes relations of one type between existing
// entities. A row whose end does not exist matches nothing, and the
// count says so.
func relationQueries(t kg.RelationType) batchQueries {
	return batchQueries{
		existing: fmt.Sprintf(`UNWIND $ids AS id MATCH ()-[r:%[1]s {id: id}]->() USING INDEX SEEK r:%[1]s(id) RETURN r.id AS id, r.hash AS hash`, t.CypherType()),
		create: fmt.Sprintf(`UNWIND $rows AS row
MATCH (a:Entity {id: row.from}) USING INDEX SEEK a:Entity(id)
MATCH (b:Entity {id: row.to}) USING INDEX SEEK b:Entity(id)
CALL (a, b, row) { CREATE (a)-[r:%s]->(b) SET r += row.props }
RETURN count(*) AS n`, t.CypherType()),
		update: fmt.Sprintf(`UNWIND $rows AS row
MATCH ()-[r:%[1]s {id: row.props.id}]->() USING INDEX SEEK r:%[1]s(id)
CALL (r, row) { SET r = row.props }
RETURN count(*) AS n`, t.CypherType()),
	}
}

// missingEnds names relations of rows whose ends do not exist.
const missingEnds = `UNWIND $rows AS row
WITH row WHERE NOT EXISTS { MATCH (:Entity {id: row.from}) } OR NOT EXISTS { MATCH (:Entity {id: row.to}) }
RETURN row.props.id AS id LIMIT 5`

// writeGroup writes rows of one kind or type in tx: it reads the stored
// fingerprints of their ids, creates the new items and rewrites the
// changed ones, adding what it did to c. A relation whose end is missing
// fails it with EINVALID naming the relation, which rolls tx back.
func (s *Store) writeGroup(ctx context.Context, tx neo4j.ManagedTransaction, q batchQueries, rows []row, c *kg.Changes) error {
	if len(rows) == 0 {
		return nil
	}
	ids := make([]any, len(rows))
	for i, r := range rows {
		ids[i] = r.id
	}
	stored, err := storedHashes(ctx, tx, q.existing, ids)
	if err != nil {
		return err
	}
	var created, updated []any
	for _, r := range rows {
		p := map[string]any{"from": r.from, "to": r.to, "props": r.props}
		switch old, ok := stored[r.id]; {
		case !ok:
			created = append(created, p)
		case old != r.props["hash"]:
			updated = append(updated, p)
		default:
			c.Unchanged++
		}
		stored[r.id] = r.props["hash"] // a later row of the same id updates
	}
	for _, w := range []struct {
		query string
		rows  []any
		count *int
	}{{q.create, created, &c.Created}, {q.update, updated, &c.Updated}} {
		if len(w.rows) == 0 {
			continue
		}
		n, err := countWritten(ctx, tx, w.query, w.rows)
		if err != nil {
			return err
		}
		if n != len(w.rows) {
			return describeMissingEnds(ctx, tx, w.rows)
		}
		*w.count += n
	}
	return nil
}

// storedHashes returns the fingerprint stored for each id that exists.
func storedHashes(ctx context.Context, tx neo4j.ManagedTransaction, query string, ids []any) (map[string]any, error) {
	res, err := tx.Run(ctx, query, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	stored := make(map[string]any, len(ids))
	for res.Next(ctx) {
		v := res.Record().Values
		stored[v[0].(string)] = v[1]
	}
	return stored, res.Err()
}

func countWritten(ctx context.Context, tx neo4j.ManagedTransaction, query string, rows []any) (int, error) {
	res, err := tx.Run(ctx, query, map[string]any{"rows": rows})
	if err != nil {
		return 0, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return 0, err
	}
	return int(rec.Values[0].(int64)), nil
}

// describeMissingEnds names the relations of rows whose ends tx does
// not hold: EINVALID, which rolls tx back.
func describeMissingEnds(ctx context.Context, tx neo4j.ManagedTransaction, rows []any) error {
	res, err := tx.Run(ctx, missingEnds, map[string]any{"rows": rows})
	if err != nil {
		return err
	}
	var ids []string
	for res.Next(ctx) {
		ids = append(ids, res.Record().Values[0].(string))
	}
	if err := res.Err(); err != nil {
		return err
	}
	return kg.Errorf(kg.EINVALID, "%d relation(s) name an entity that does not exist, e.g. %s; nothing of this transaction was written", len(ids), strings.Join(ids, ", "))
}

// writeTx runs work in one write transaction, retried whole while Neo4j
// says to retry: concurrent batches that write relations of one hub
// deadlock now and then, two loads may create the same item at once (the
// uniqueness constraint refuses the second: retried, it finds the item
// stored); the driver itself does not retry (conn.go). An error of
// work's own (a kg.Error) rolls the transaction back and is returned as
// it is, and so is Neo4j becoming unavailable.
func (s *Store) writeTx(ctx context.Context, work func(context.Context, neo4j.ManagedTransaction) error) error {
	backoff := 100 * time.Millisecond
	deadline := time.Now().Add(2 * time.Minute)
	conflicts := 0
	for {
		err := s.executeWrite(ctx, work)
		if err == nil || time.Now().After(deadline) {
			return wrap(err)
		}
		var u *Unavailable
		switch {
		case errors.As(err, &u): // Neo4j cannot be used: fail fast
			return err
		case isConstraintConflict(err) && conflicts < 3:
			conflicts++
		case !retriable(err):
			return wrap(err)
		}
		select {
		case <-ctx.Done():
			return wrap(err)
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 2*time.Second)
	}
}

// executeWrite runs work in a managed write transaction, through the
// circuit.
func (s *Store) executeWrite(ctx context.Context, work func(context.Context, neo4j.ManagedTransaction) error) error {
	return s.use(ctx, true, func(d neo4j.DriverWithContext) error {
		session := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
		defer session.Close(ctx)
		_, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			return nil, work(ctx, tx)
		})
		return err
	})
}

// retriable reports whether err is a transient Neo4j error (a deadlock, a
// lock timeout), which the driver reports after its one attempt.
func retriable(err error) bool {
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) {
		return true
	}
	var neoErr *neo4j.Neo4jError
	return errors.As(err, &neoErr) && neoErr.Classification() == "TransientError"
}

// isConstraintConflict reports whether err is a uniqueness constraint
// refusing an id that another transaction created meanwhile.
func isConstraintConflict(err error) bool {
	var neoErr *neo4j.Neo4jError
	return errors.As(err, &neoErr) && neoErr.Code == "Neo.ClientError.Schema.ConstraintValidationFailed"
}
