package neo4jstore

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgql/kgql/internal/kg"
)

// Each capability of kg.Store is one statement, in its own file, built by
// project.go's builder and read back by decode.go.

// read runs one statement in a managed read transaction, routed to
// readers (so a cluster's followers serve it through a neo4j:// URI), on
// the named database, and counts the round trip. The context's deadline
// is the transaction's timeout, so that Neo4j itself stops the work of a
// request past its deadline (kg.ETIMEOUT); a context cancelled while the
// statement runs closes its connection, which ends the transaction.
func (s *Store) read(ctx context.Context, query string, params map[string]any) ([]*neo4j.Record, error) {
	if err := kg.ContextError(ctx); err != nil {
		return nil, err
	}
	kg.CountRoundTrip(ctx)
	res, err := s.query(ctx, query, params, true)
	if err != nil {
		if err := kg.ContextError(ctx); err != nil {
			return nil, err
		}
		return nil, err
	}
	return res.Records, nil
}

// txTimeout is the transaction timeout of the time left to a request, in
// whole milliseconds (Neo4j's unit) and at least one: a zero timeout
// would mean none. A variable, for the test that Neo4j applies it.
var txTimeout = func(left time.Duration) time.Duration {
	return max(left.Round(time.Millisecond), time.Millisecond)
}

// readOne runs a statement that returns one row and returns the row.
func (s *Store) readOne(ctx context.Context, query string, params map[string]any) (map[string]any, error) {
	recs, err := s.read(ctx, query, params)
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 {
		return nil, kg.Errorf(kg.EINTERNAL, "neo4jstore: %d rows where one was expected", len(recs))
	}
	return recs[0].AsMap(), nil
}

// checkEntitySel returns EINVALID for a selection kg refuses or that
// holds a malformed cursor of a nested page, at any depth: checked before
// the statement is built, which decodes them again.
func checkEntitySel(sel *kg.EntitySel) error {
	if err := sel.Validate(); err != nil {
		return err
	}
	return entityCursors(sel)
}

// checkRelationSel is checkEntitySel for a relation's selection.
func checkRelationSel(sel *kg.RelationSel) error {
	if err := sel.Validate(); err != nil {
		return err
	}
	return relationCursors(sel)
}

func entityCursors(sel *kg.EntitySel) error {
	if sel == nil {
		return nil
	}
	if err := evidenceCursors(sel.Evidence); err != nil {
		return err
	}
	for _, c := range sel.Kids {
		for _, cursor := range []string{c.Filter.After, c.Filter.Before} {
			if cursor == "" {
				continue
			}
			if _, err := kg.DecodeCursor(cursor, 1); err != nil {
				return err
			}
		}
		if err := relationCursors(c.Relation); err != nil {
			return err
		}
		if err := entityCursors(c.Node); err != nil {
			return err
		}
	}
	return nil
}

func relationCursors(sel *kg.RelationSel) error {
	if sel == nil {
		return nil
	}
	for _, e := range []*kg.EntitySel{sel.From, sel.To, sel.Counterpart} {
		if err := entityCursors(e); err != nil {
			return err
		}
	}
	return evidenceCursors(sel.Evidence)
}

func evidenceCursors(sel *kg.EvidenceSel) error {
	if sel == nil {
		return nil
	}
	if err := entityCursors(sel.Document); err != nil {
		return err
	}
	return entityCursors(sel.SaidBy)
}

// heavy reports whether a selection reads nested pages anywhere (then a
// search projects its hits in a second statement, not its candidates).
func heavy(es *kg.EntitySel, rs *kg.RelationSel) bool {
	var entity func(*kg.EntitySel) bool
	var relation func(*kg.RelationSel) bool
	evidence := func(s *kg.EvidenceSel) bool { return s != nil && (entity(s.Document) || entity(s.SaidBy)) }
	entity = func(s *kg.EntitySel) bool { return s != nil && (len(s.Kids) > 0 || evidence(s.Evidence)) }
	relation = func(s *kg.RelationSel) bool {
		return s != nil && (entity(s.From) || entity(s.To) || entity(s.Counterpart) || evidence(s.Evidence))
	}
	return entity(es) || relation(rs)
}
