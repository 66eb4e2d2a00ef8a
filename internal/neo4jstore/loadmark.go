package neo4jstore

import (
	"context"
	"time"

	"github.com/kgql/kgql/internal/kg"
)

// A load in progress is one (:LoadMark) node: apart from the graph's
// labels, so that no read sees it.

var _ kg.LoadMarker = (*Store)(nil)

// MarkLoad implements kg.LoadMarker.
func (s *Store) MarkLoad(ctx context.Context, m kg.LoadMark) error {
	_, err := s.query(ctx, `MERGE (m:LoadMark {id: 'load'})
		SET m.source = $source, m.started = $started, m.through = $through, m.resume = $resume`,
		map[string]any{"source": m.Source, "started": m.Started.UTC(), "through": int64(m.Through), "resume": m.Resume}, false)
	return err
}

// ClearLoad implements kg.LoadMarker.
func (s *Store) ClearLoad(ctx context.Context) error {
	_, err := s.query(ctx, `MATCH (m:LoadMark) DELETE m`, nil, false)
	return err
}

// UnfinishedLoad implements kg.LoadMarker.
func (s *Store) UnfinishedLoad(ctx context.Context) (*kg.LoadMark, error) {
	res, err := s.query(ctx, `MATCH (m:LoadMark {id: 'load'}) RETURN m.source AS source, m.started AS started, m.through AS through, m.resume AS resume`, nil, true)
	if err != nil || len(res.Records) == 0 {
		return nil, err
	}
	r := res.Records[0].AsMap()
	m := &kg.LoadMark{}
	m.Source, _ = r["source"].(string)
	m.Started, _ = r["started"].(time.Time)
	if n, ok := r["through"].(int64); ok {
		m.Through = int(n)
	}
	m.Resume, _ = r["resume"].(string)
	return m, nil
}
