package memstore

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/kgql/kgql/internal/kg"
)

// The API keys live apart from the graph: in a map in memory, or in the
// file's own bucket (bucketKeys) with a file, read from it on every
// lookup so that a revocation by another process, or by this one, counts
// on the next request.

// CreateKey implements kg.KeyStore.
func (s *Store) CreateKey(ctx context.Context, k kg.APIKey) error {
	if err := s.keysReady(ctx); err != nil {
		return err
	}
	s.kmu.Lock()
	defer s.kmu.Unlock()
	if s.db == nil {
		if _, ok := s.keys[k.ID]; ok {
			return kg.Errorf(kg.ECONFLICT, "An API key with id %s exists.", k.ID)
		}
		if s.keys == nil {
			s.keys = map[string]kg.APIKey{}
		}
		s.keys[k.ID] = k
		return nil
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketKeys)
		if b.Get([]byte(k.ID)) != nil {
			return kg.Errorf(kg.ECONFLICT, "An API key with id %s exists.", k.ID)
		}
		v, err := json.Marshal(k)
		if err != nil {
			return err
		}
		return b.Put([]byte(k.ID), v)
	})
}

// KeyByID implements kg.KeyStore.
func (s *Store) KeyByID(ctx context.Context, id string) (kg.APIKey, error) {
	if err := s.keysReady(ctx); err != nil {
		return kg.APIKey{}, err
	}
	notFound := kg.Errorf(kg.ENOTFOUND, "No API key has id %s.", id)
	s.kmu.Lock()
	defer s.kmu.Unlock()
	if s.db == nil {
		k, ok := s.keys[id]
		if !ok {
			return kg.APIKey{}, notFound
		}
		return k, nil
	}
	var k kg.APIKey
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketKeys).Get([]byte(id))
		if v == nil {
			return notFound
		}
		return json.Unmarshal(v, &k)
	})
	return k, err
}

// ListKeys implements kg.KeyStore.
func (s *Store) ListKeys(ctx context.Context) ([]kg.APIKey, error) {
	if err := s.keysReady(ctx); err != nil {
		return nil, err
	}
	s.kmu.Lock()
	defer s.kmu.Unlock()
	var out []kg.APIKey
	if s.db == nil {
		for _, k := range s.keys {
			out = append(out, k)
		}
	} else {
		err := s.db.View(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketKeys).ForEach(func(_, v []byte) error {
				var k kg.APIKey
				if err := json.Unmarshal(v, &k); err != nil {
					return err
				}
				out = append(out, k)
				return nil
			})
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(a, b kg.APIKey) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

// RevokeKey implements kg.KeyStore.
func (s *Store) RevokeKey(ctx context.Context, id string, at time.Time) error {
	if err := s.keysReady(ctx); err != nil {
		return err
	}
	notFound := kg.Errorf(kg.ENOTFOUND, "No API key has id %s.", id)
	s.kmu.Lock()
	defer s.kmu.Unlock()
	if s.db == nil {
		k, ok := s.keys[id]
		if !ok {
			return notFound
		}
		if k.Live() {
			k.Revoked = at
			s.keys[id] = k
		}
		return nil
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketKeys)
		v := b.Get([]byte(id))
		if v == nil {
			return notFound
		}
		var k kg.APIKey
		if err := json.Unmarshal(v, &k); err != nil {
			return err
		}
		if !k.Live() {
			return nil
		}
		k.Revoked = at
		v, err := json.Marshal(k)
		if err != nil {
			return err
		}
		return b.Put([]byte(id), v)
	})
}

func (s *Store) keysReady(ctx context.Context) error {
	if err := ctxErr(ctx); err != nil {
		return err
	}
	return s.available()
}
