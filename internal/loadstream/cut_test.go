package loadstream_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/loadstream"
	"github.com/kgql/kgql/internal/memstore"
)

// failingStore writes batches into an embedded store until its failAt-th
// batch, which fails, as a store that goes away would.
type failingStore struct {
	s      *memstore.Store
	n      atomic.Int32
	failAt int32
}

var errGone = errors.New("the store went away")

func (f *failingStore) WriteEntities(ctx context.Context, b []*kg.Entity) (kg.Changes, error) {
	if f.n.Add(1) == f.failAt {
		return kg.Changes{}, errGone
	}
	return f.s.WriteEntities(ctx, b)
}

func (f *failingStore) WriteRelations(ctx context.Context, b []*kg.Relation) (kg.Changes, error) {
	if f.n.Add(1) == f.failAt {
		return kg.Changes{}, errGone
	}
	return f.s.WriteRelations(ctx, b)
}

// TestStoreFailingPartWay: a store that fails in the middle of a stream
// (with two writers, a later batch may land while an earlier one fails)
// stops the load, which says exactly what was written: every item
// through a line, and how many of later lines; resuming after that line
// completes the load.
func TestStoreFailingPartWay(t *testing.T) {
	path := streamFile(t, generated(t, 300))
	for _, failAt := range []int32{1, 4, 9, 20} {
		store, err := memstore.Open("")
		if err != nil {
			t.Fatal(err)
		}
		opts := options(path)
		opts.Batch = 40
		var stderr bytes.Buffer
		err = loadstream.RunInto(context.Background(), opts, &failingStore{s: store, failAt: failAt}, &stderr)
		if !errors.Is(err, errGone) || !strings.Contains(stderr.String(), "writing stopped: the store went away") {
			t.Fatalf("batch %d failing: err = %v\n%s", failAt, err, stderr.String())
		}
		through := checkWritten(t, stderr.String(), path, memIDs(t, store, path))
		t.Logf("batch %d failing: every item through line %d written", failAt, through)

		opts.ResumeAfter = through
		stderr.Reset()
		if err := loadstream.RunInto(context.Background(), opts, &failingStore{s: store}, &stderr); err != nil {
			t.Fatalf("resumed load: %v\n%s", err, stderr.String())
		}
		stored := memIDs(t, store, path)
		for line, it := range itemsByLine(t, path) {
			if !stored[it.id] {
				t.Fatalf("after the resumed load line %d (%s) is not in the store", line, it.id)
			}
		}
	}
}

// memIDs returns which ids of the stream's items the store holds.
func memIDs(t *testing.T, s *memstore.Store, path string) map[string]bool {
	t.Helper()
	var ids []string
	for _, it := range itemsByLine(t, path) {
		ids = append(ids, it.id)
	}
	out := map[string]bool{}
	for len(ids) > 0 {
		n := min(len(ids), kg.MaxIDs)
		views, err := s.Nodes(context.Background(), ids[:n], &kg.EntitySel{}, &kg.RelationSel{})
		if err != nil {
			t.Fatal(err)
		}
		for i, v := range views {
			if v.Entity != nil || v.Relation != nil {
				out[ids[i]] = true
			}
		}
		ids = ids[n:]
	}
	return out
}
