package memstore

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/kgql/kgql/internal/kg"
)

// The file keeps the change log and the idempotency keys in buckets of
// their own, written in the same bbolt transaction as the entities and
// relations a write changes. The revs and the retracted relations are
// not stored apart: they are read back from the log's after images on
// Open (curation.record), so that the log and the graph cannot disagree.
var (
	bucketChanges     = []byte("changes")     // by Seq, 8 bytes big-endian: the Change as JSON
	bucketIdempotency = []byte("idempotency") // by key: an idemRecord as JSON
)

func seqKey(seq int64) []byte { return binary.BigEndian.AppendUint64(nil, uint64(seq)) }

// commit writes a write's changes and its Change to the file in one
// transaction, then to memory under the write lock.
func (s *Store) commit(tx *writeTx, ch *kg.Change, idem *idemRecord) error {
	ents := slices.SortedFunc(maps.Values(tx.ents), func(a, b *kg.Entity) int { return cmpString(a.ID, b.ID) })
	rels := slices.SortedFunc(maps.Values(tx.rels), func(a, b *kg.Relation) int { return cmpString(a.ID, b.ID) })
	retracted := slices.Sorted(maps.Keys(tx.retract))
	removed := slices.Sorted(maps.Keys(tx.removed))
	if err := s.persistWrite(ents, rels, append(slices.Clone(retracted), removed...), ch, idem); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.g.putEntities(ents)
	for _, id := range append(retracted, removed...) {
		s.g.unlinkRelation(id) // an entity's id names no relation
	}
	s.g.putRelations(rels)
	for _, id := range removed {
		s.g.unlinkEntity(id) // its relations are gone: the revert checked
	}
	s.cur.record(ch)
	if idem != nil {
		s.cur.idem[ch.IdempotencyKey] = *idem
	}
	return nil
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// persistWrite is commit's file transaction; a store in memory only has
// none. gone lists the ids of relations retracted and of entities and
// relations removed: they leave the graph's buckets.
func (s *Store) persistWrite(ents []*kg.Entity, rels []*kg.Relation, gone []string, ch *kg.Change, idem *idemRecord) error {
	if s.db == nil {
		return nil
	}
	err := s.db.Update(func(btx *bolt.Tx) error {
		eb, rb := btx.Bucket(bucketEntities), btx.Bucket(bucketRelations)
		for _, e := range ents {
			v, err := encodeEntity(e)
			if err != nil {
				return err
			}
			if err := eb.Put([]byte(e.ID), v); err != nil {
				return err
			}
		}
		for _, r := range rels {
			v, err := encodeRelation(r)
			if err != nil {
				return err
			}
			if err := rb.Put([]byte(r.ID), v); err != nil {
				return err
			}
		}
		for _, id := range gone {
			if err := rb.Delete([]byte(id)); err != nil {
				return err
			}
			if err := eb.Delete([]byte(id)); err != nil {
				return err
			}
		}
		v, err := json.Marshal(ch)
		if err != nil {
			return err
		}
		if err := btx.Bucket(bucketChanges).Put(seqKey(ch.Seq), v); err != nil {
			return err
		}
		pauseAt("change-written") // a test kills the process here, before the commit
		if idem == nil {
			return nil
		}
		v, err = json.Marshal(idem)
		if err != nil {
			return err
		}
		return btx.Bucket(bucketIdempotency).Put([]byte(ch.IdempotencyKey), v)
	})
	if err != nil {
		return fmt.Errorf("memstore: write %s: %w", ch.Op, err)
	}
	return nil
}

// readCuration reads the log and the keys back into memory, after the
// graph: each change's after images give the revs and the retractions.
func (s *Store) readCuration(btx *bolt.Tx) error {
	err := btx.Bucket(bucketChanges).ForEach(func(k, v []byte) error {
		var ch kg.Change
		if err := json.Unmarshal(v, &ch); err != nil {
			return fmt.Errorf("memstore: change %d: %w", binary.BigEndian.Uint64(k), err)
		}
		if want := int64(len(s.cur.changes)) + 1; ch.Seq != want {
			return fmt.Errorf("memstore: the change log has change %d where %d belongs", ch.Seq, want)
		}
		s.cur.record(&ch)
		return nil
	})
	if err != nil {
		return err
	}
	return btx.Bucket(bucketIdempotency).ForEach(func(k, v []byte) error {
		var rec idemRecord
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("memstore: idempotency key: %w", err)
		}
		s.cur.idem[string(k)] = rec
		return nil
	})
}
