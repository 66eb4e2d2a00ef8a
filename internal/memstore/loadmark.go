package memstore

import (
	"context"
	"encoding/json"

	bolt "go.etcd.io/bbolt"

	"github.com/kgql/kgql/internal/kg"
)

// keyLoad holds, in the meta bucket, the kg.LoadMark of a load in
// progress into the file.
var keyLoad = []byte("load")

var _ kg.LoadMarker = (*Store)(nil)

// MarkLoad implements kg.LoadMarker; a store in memory keeps nothing.
func (s *Store) MarkLoad(_ context.Context, m kg.LoadMark) error {
	if s.db == nil {
		return nil
	}
	v, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyLoad, v) })
}

// ClearLoad implements kg.LoadMarker.
func (s *Store) ClearLoad(context.Context) error {
	if s.db == nil {
		return nil
	}
	return s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Delete(keyLoad) })
}

// UnfinishedLoad implements kg.LoadMarker.
func (s *Store) UnfinishedLoad(context.Context) (*kg.LoadMark, error) {
	if s.db == nil {
		return nil, nil
	}
	var m *kg.LoadMark
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketMeta).Get(keyLoad)
		if v == nil {
			return nil
		}
		m = new(kg.LoadMark)
		return json.Unmarshal(v, m)
	})
	return m, err
}
