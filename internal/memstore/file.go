package memstore

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/kgql/kgql/internal/kg"
)

// The file holds one bucket of entities and one of relations, each keyed
// by id, each value the encoded normalized kg value (codec.go): a write of
// one entity or relation is one Put, and the file reads back into exactly
// what was written. Memory is rebuilt from it on Open.

// FileName is the store's file in its directory.
const FileName = "kgql.db"

// fileFormat is written in the meta bucket; Open refuses another.
const fileFormat = "kgql-memstore-3"

var (
	bucketMeta      = []byte("meta")
	bucketEntities  = []byte("entities")
	bucketRelations = []byte("relations")
	bucketKeys      = []byte("apikeys") // API keys by id (keys.go)
	keyFormat       = []byte("format")
)

// LockedError is kg.EUNAVAILABLE: another process holds the store's file
// (bbolt locks it while a store is open), so it cannot be opened now.
type LockedError struct{ Path string }

func (e *LockedError) Error() string {
	return fmt.Sprintf("the store file %s is locked by another process (a kgql serving it, or a load into it)", e.Path)
}

func (e *LockedError) Unwrap() error {
	return kg.Errorf(kg.EUNAVAILABLE, "The graph store file is in use by another process.")
}

func openFile(dir string) (*bolt.DB, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("memstore: %w", err)
	}
	path := filepath.Join(dir, FileName)
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, &LockedError{Path: path}
	}
	if err != nil {
		return nil, fmt.Errorf("memstore: open %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		switch f := meta.Get(keyFormat); {
		case f == nil:
			if err := meta.Put(keyFormat, []byte(fileFormat)); err != nil {
				return err
			}
		case string(f) != fileFormat:
			return fmt.Errorf("%s holds format %q, want %q", path, f, fileFormat)
		}
		for _, name := range [][]byte{bucketEntities, bucketRelations, bucketKeys, bucketChanges, bucketIdempotency} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("memstore: %w", err)
	}
	return db, nil
}

// persist commits changed entities and relations (normalized) in one
// transaction; bbolt syncs the file before Update returns, and a crash
// before then leaves the file as it was.
func (s *Store) persist(ents []*kg.Entity, rels []*kg.Relation) error {
	if s.db == nil {
		return nil
	}
	type kv struct {
		key string
		val []byte
	}
	entRows, relRows := make([]kv, len(ents)), make([]kv, len(rels))
	for i, e := range ents {
		b, err := encodeEntity(e)
		if err != nil {
			return err
		}
		entRows[i] = kv{e.ID, b}
	}
	for i, r := range rels {
		b, err := encodeRelation(r)
		if err != nil {
			return err
		}
		relRows[i] = kv{r.ID, b}
	}
	byKey := func(a, b kv) int { return strings.Compare(a.key, b.key) }
	slices.SortFunc(entRows, byKey) // bbolt writes sorted keys fastest
	slices.SortFunc(relRows, byKey)
	err := s.db.Update(func(tx *bolt.Tx) error {
		for _, w := range []struct {
			bucket []byte
			rows   []kv
		}{{bucketEntities, entRows}, {bucketRelations, relRows}} {
			b := tx.Bucket(w.bucket)
			b.FillPercent = 0.9 // loads write in bulk: split pages nearly full
			for _, row := range w.rows {
				if err := b.Put([]byte(row.key), row.val); err != nil {
					return err
				}
			}
			if len(w.rows) > 0 {
				pauseAt(string(w.bucket) + "-written") // a test kills the process here, before the commit
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("memstore: write: %w", err)
	}
	return nil
}

// readBatch is how many items Open decodes before it files them in memory.
const readBatch = 50000

// readFile fills the (empty) memory from the file: entities first, since
// relations need their ends.
func (s *Store) readFile() error {
	return s.db.View(func(tx *bolt.Tx) error {
		var ents []*kg.Entity
		err := tx.Bucket(bucketEntities).ForEach(func(k, v []byte) error {
			e, err := decodeEntity(v)
			if err != nil {
				return fmt.Errorf("memstore: entity %s: %w", k, err)
			}
			ents = append(ents, e)
			if len(ents) == readBatch {
				s.g.putEntities(ents)
				ents = nil
			}
			return nil
		})
		if err != nil {
			return err
		}
		s.g.putEntities(ents)
		var rels []*kg.Relation
		err = tx.Bucket(bucketRelations).ForEach(func(k, v []byte) error {
			r, err := decodeRelation(v)
			if err != nil {
				return fmt.Errorf("memstore: relation %s: %w", k, err)
			}
			if _, ok := s.g.entIdx[r.From]; !ok {
				return fmt.Errorf("memstore: relation %s: no entity %s", k, r.From)
			}
			if _, ok := s.g.entIdx[r.To]; !ok {
				return fmt.Errorf("memstore: relation %s: no entity %s", k, r.To)
			}
			rels = append(rels, r)
			if len(rels) == readBatch {
				s.g.putRelations(rels)
				rels = nil
			}
			return nil
		})
		if err != nil {
			return err
		}
		s.g.putRelations(rels)
		return s.readCuration(tx)
	})
}
