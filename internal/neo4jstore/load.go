package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgql/kgql/internal/kg"
)

// BatchSize is the number of rows one UNWIND writes in one transaction.
const BatchSize = 5000

var _ kg.Loader = (*Store)(nil)

// Load writes g: schema first, then entities grouped by kind, then
// relations grouped by type, each group in UNWIND batches, each batch in
// its own write transaction. Items are merged on id and rewritten only
// when their fingerprint changed, so a second load writes nothing.
//
// The seed validator has checked g before; a batch that fails rolls back
// whole, but the batches before it stay (a load of millions of relations
// cannot be one transaction). Loading again completes it.
func (s *Store) Load(ctx context.Context, g *kg.Graph, progress kg.Progress) (kg.LoadReport, error) {
	var report kg.LoadReport
	if err := s.EnsureSchema(ctx); err != nil {
		return report, err
	}
	total, done := len(g.Entities)+len(g.Relations), 0
	tick := func(n int) {
		done += n
		if progress != nil {
			progress(done, total)
		}
	}
	byKind := map[kg.Kind][]map[string]any{}
	for _, e := range g.Entities {
		byKind[e.Kind] = append(byKind[e.Kind], entityProps(e))
	}
	for _, k := range kg.Kinds {
		query := entityQuery(k)
		for rows := range slices.Chunk(byKind[k], BatchSize) {
			created, updated, err := s.write(ctx, query, rows)
			if err != nil {
				return report, fmt.Errorf("load %s entities: %w", k, err)
			}
			report.Entities.Created += created
			report.Entities.Updated += updated
			report.Entities.Unchanged += len(rows) - created - updated
			tick(len(rows))
		}
	}
	byType := map[kg.RelationType][]map[string]any{}
	for _, r := range g.Relations {
		byType[r.Type] = append(byType[r.Type], map[string]any{"from": r.From, "to": r.To, "props": relationProps(r)})
	}
	for _, t := range kg.RelationTypes {
		query := relationQuery(t)
		for rows := range slices.Chunk(byType[t], BatchSize) {
			created, updated, err := s.write(ctx, query, rows)
			if err != nil {
				return report, fmt.Errorf("load %s relations: %w", t, err)
			}
			report.Relations.Created += created
			report.Relations.Updated += updated
			report.Relations.Unchanged += len(rows) - created - updated
			tick(len(rows))
		}
	}
	return report, nil
}

// entityQuery merges entities of one kind. The kind's label comes from the
// model's closed list; the other kinds' labels are removed in case an id
// changed kind.
func entityQuery(k kg.Kind) string {
	var others []string
	for _, o := range kg.Kinds {
		if o != k {
			others = append(others, o.Label())
		}
	}
	return fmt.Sprintf(`UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
WITH n, row, n.hash AS old
CALL (n, row, old) {
  WITH n, row, old WHERE old IS NULL OR old <> row.hash
  SET n = row, n:%s
  REMOVE n:%s
}
RETURN count(*) AS matched, count(CASE WHEN old IS NULL THEN 1 END) AS created,
  count(CASE WHEN old <> row.hash THEN 1 END) AS updated`,
		k.Label(), strings.Join(others, ":"))
}

// relationQuery merges relations of one type between existing entities. A
// row whose end does not exist matches nothing: matched says how many did.
func relationQuery(t kg.RelationType) string {
	return fmt.Sprintf(`UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:%s {id: row.props.id}]->(b)
WITH r, row, r.hash AS old
CALL (r, row, old) {
  WITH r, row, old WHERE old IS NULL OR old <> row.props.hash
  SET r = row.props
}
RETURN count(*) AS matched, count(CASE WHEN old IS NULL THEN 1 END) AS created,
  count(CASE WHEN old <> row.props.hash THEN 1 END) AS updated`, t.CypherType())
}

// missingEnds names relations of rows whose ends do not exist.
const missingEnds = `UNWIND $rows AS row
WITH row WHERE NOT EXISTS { MATCH (:Entity {id: row.from}) } OR NOT EXISTS { MATCH (:Entity {id: row.to}) }
RETURN row.props.id AS id LIMIT 5`

// write runs a batch query in one write transaction, and rolls it back
// when a row matched nothing (a relation whose end does not exist), so
// that a batch lands whole or not at all.
func (s *Store) write(ctx context.Context, query string, rows []map[string]any) (created, updated int, err error) {
	rowsAny := make([]any, len(rows))
	for i, r := range rows {
		rowsAny[i] = r
	}
	params := map[string]any{"rows": rowsAny}
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	var matched int
	_, err = session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, query, params)
		if err != nil {
			return nil, err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return nil, err
		}
		m, _ := rec.Get("matched")
		c, _ := rec.Get("created")
		u, _ := rec.Get("updated")
		matched, created, updated = int(m.(int64)), int(c.(int64)), int(u.(int64))
		if matched != len(rows) {
			return nil, errMissingEnds
		}
		return nil, nil
	})
	if errors.Is(err, errMissingEnds) {
		return 0, 0, s.describeMissingEnds(ctx, params, len(rows)-matched)
	}
	if err != nil {
		return 0, 0, wrap(err)
	}
	return created, updated, nil
}

var errMissingEnds = errors.New("a relation's end does not exist")

func (s *Store) describeMissingEnds(ctx context.Context, params map[string]any, n int) error {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, missingEnds, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database))
	if err != nil {
		return wrap(err)
	}
	var ids []string
	for _, rec := range res.Records {
		ids = append(ids, rec.Values[0].(string))
	}
	return kg.Errorf(kg.EINVALID, "%d relation(s) name an entity that does not exist, e.g. %s; the batch was not written", n, strings.Join(ids, ", "))
}
