package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgql/kgql/internal/kg"
)

// Streaming loads (kgql load FILE.ndjson) write a graph batch by batch as
// it is read, with the queries and property maps of Load: call
// EnsureSchema once, then WriteEntities and WriteRelations with batches of
// up to BatchSize items, entities before the relations that name them.

// WriteEntities merges a batch of entities, one transaction per kind in
// it (a caller that groups batches by kind makes it one), and counts what
// it created, updated or found unchanged.
func (s *Store) WriteEntities(ctx context.Context, batch []*kg.Entity) (kg.Changes, error) {
	var c kg.Changes
	byKind := map[kg.Kind][]map[string]any{}
	for _, e := range batch {
		byKind[e.Kind] = append(byKind[e.Kind], entityProps(e))
	}
	for _, k := range kg.Kinds {
		rows := byKind[k]
		if len(rows) == 0 {
			continue
		}
		created, updated, err := s.writeRetrying(ctx, entityQuery(k), rows)
		if err != nil {
			return c, fmt.Errorf("write %s entities: %w", k, err)
		}
		c.Created += created
		c.Updated += updated
		c.Unchanged += len(rows) - created - updated
	}
	return c, nil
}

// WriteRelations merges a batch of relations whose ends are in the
// store, one transaction per type in it. A relation whose end is missing
// is not written and counts as neither created nor updated: the caller
// checks the ends (the NDJSON reader does).
func (s *Store) WriteRelations(ctx context.Context, batch []*kg.Relation) (kg.Changes, error) {
	var c kg.Changes
	byType := map[kg.RelationType][]map[string]any{}
	for _, r := range batch {
		byType[r.Type] = append(byType[r.Type], map[string]any{"from": r.From, "to": r.To, "props": relationProps(r)})
	}
	for _, t := range kg.RelationTypes {
		rows := byType[t]
		if len(rows) == 0 {
			continue
		}
		created, updated, err := s.writeRetrying(ctx, relationQuery(t), rows)
		if err != nil {
			return c, fmt.Errorf("write %s relations: %w", t, err)
		}
		c.Created += created
		c.Updated += updated
		c.Unchanged += len(rows) - created - updated
	}
	return c, nil
}

// writeRetrying is write, retried while Neo4j says to retry: concurrent
// batches that merge relations of one hub deadlock now and then, and the
// driver gives up retrying after its MaxTransactionRetryTime (5 s, set
// for serving). A batch is one transaction, so a retry repeats it whole.
func (s *Store) writeRetrying(ctx context.Context, query string, rows []map[string]any) (created, updated int, err error) {
	backoff := 100 * time.Millisecond
	deadline := time.Now().Add(2 * time.Minute)
	for {
		created, updated, err = s.write(ctx, query, rows)
		if err == nil || !retriable(err) || time.Now().After(deadline) {
			return created, updated, err
		}
		select {
		case <-ctx.Done():
			return 0, 0, err
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 2*time.Second)
	}
}

// retriable reports whether err is a transient Neo4j error (a deadlock, a
// lock timeout), or the driver's retries of one running out.
func retriable(err error) bool {
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) {
		return true
	}
	var neoErr *neo4j.Neo4jError
	return errors.As(err, &neoErr) && neoErr.Classification() == "TransientError"
}

// StoreFormat fingerprints what a load writes: the schema statements and
// the property maps of a fixed entity and relation. It changes exactly
// when a graph loaded before must be loaded again to be read as this code
// reads it (the benchmark's marker records it: bench/cmd/benchdata).
func StoreFormat() string {
	d := kg.MustDate("2024-01-02")
	n := 3
	e := &kg.Entity{ID: "event/e", Kind: kg.KindEvent, Name: "E's Event", Aliases: []string{"EE"}, Description: "d",
		StartDate: &d, EndDate: &d, Status: kg.StatusPlanned, Participants: &kg.Count{Value: 3, Qualifier: kg.CountOver},
		Evidence: []kg.Evidence{{DocumentID: "doc/d", Excerpt: "x", Start: 1, End: 2, Date: d, SaidBy: "person/p"}}}
	r := &kg.Relation{ID: "person/p>MET_WITH>event/e#k", Type: kg.MetWith, From: "person/p", To: "event/e", Role: "r",
		Status: kg.StatusProposed, ValidFrom: &d, ValidTo: &d, PointInTime: &d, Amount: &kg.Money{Value: 1.5, Currency: "USD"}, Rank: &n,
		PreviousRank: &n, Count: &kg.Count{Value: 3}, Counterpart: "country/c", Note: "n", Evidence: e.Evidence}
	return hashOf(map[string]any{"schema": schemaStatements(), "entity": entityProps(e), "relation": relationProps(r)})
}
