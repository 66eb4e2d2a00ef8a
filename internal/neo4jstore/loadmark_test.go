package neo4jstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jtest"
)

// TestLoadMark: a load's mark is kept, advanced, read back and cleared.
func TestLoadMark(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	if m, err := s.UnfinishedLoad(ctx); m != nil || err != nil {
		t.Fatalf("a wiped store's load: %v, %v", m, err)
	}
	mark := kg.LoadMark{Source: "graph.ndjson", Started: time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC), Resume: "kgql load graph.ndjson"}
	for _, through := range []int{0, 1200} {
		mark.Through = through
		if err := s.MarkLoad(ctx, mark); err != nil {
			t.Fatal(err)
		}
		if m, err := s.UnfinishedLoad(ctx); err != nil || m == nil || *m != mark {
			t.Fatalf("the mark read back: %+v, %v, want %+v", m, err, mark)
		}
	}
	if err := s.ClearLoad(ctx); err != nil {
		t.Fatal(err)
	}
	if m, err := s.UnfinishedLoad(ctx); m != nil || err != nil {
		t.Fatalf("a cleared load: %v, %v", m, err)
	}
}
