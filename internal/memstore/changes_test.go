package memstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/kg"
)

// TestChangesFilters pages the log by its cursor and filters it by op,
// principal and time; a bad page size, cursor or op is EINVALID.
func TestChangesFilters(t *testing.T) {
	s := open(t, seedGraph(t))
	other := kg.WithPrincipal(context.Background(), kg.Principal{ID: "key:k2", Name: "second", Role: kg.RoleEditor, Method: kg.AuthAPIKey})
	ctx := editorCtx()
	if _, err := s.IngestDocument(ctx, forum("")); err != nil {
		t.Fatal(err)
	}
	for i, c := range []context.Context{ctx, other, ctx} {
		d := "description " + string(rune('a'+i))
		if _, err := s.UpdateEntity(c, kg.UpdateEntityInput{ID: "org/pta", Description: &d}); err != nil {
			t.Fatal(err)
		}
	}
	all := changes(t, s)
	if len(all) != 4 {
		t.Fatalf("%d changes, want 4", len(all))
	}
	p, err := s.Changes(ctx, kg.ChangeCursor(all[1].Seq), 1, kg.ChangeFilter{})
	if err != nil || len(p.Changes) != 1 || p.Changes[0].Seq != 3 || !p.HasNextPage {
		t.Fatalf("the page after change 2: %+v, %v", p, err)
	}
	count := func(f kg.ChangeFilter) int {
		t.Helper()
		p, err := s.Changes(ctx, "", kg.MaxFirst, f)
		if err != nil {
			t.Fatal(err)
		}
		return len(p.Changes)
	}
	for _, c := range []struct {
		name string
		f    kg.ChangeFilter
		want int
	}{
		{"ops", kg.ChangeFilter{Ops: []kg.Op{kg.OpUpdateEntity}}, 3},
		{"principal", kg.ChangeFilter{Principal: "key:k2"}, 1},
		{"since the first", kg.ChangeFilter{Since: all[0].At}, 4},
		{"since the last", kg.ChangeFilter{Since: all[3].At}, 1 + countSameTime(all[:3], all[3].At)},
		{"since later", kg.ChangeFilter{Since: all[3].At.Add(time.Hour)}, 0},
	} {
		if got := count(c.f); got != c.want {
			t.Errorf("%s: %d changes, want %d", c.name, got, c.want)
		}
	}
	h, err := s.History(ctx, "org/pta", 2, "")
	if err != nil || len(h.Changes) != 2 || !h.HasNextPage || h.Changes[0].Seq != 2 {
		t.Fatalf("the first page of org/pta's history: %+v, %v", h, err)
	}
	h, err = s.History(ctx, "org/pta", 2, kg.ChangeCursor(h.Changes[1].Seq))
	if err != nil || len(h.Changes) != 1 || h.HasNextPage || h.Changes[0].Seq != 4 {
		t.Fatalf("the second page of org/pta's history: %+v, %v", h, err)
	}
	for name, err := range map[string]error{
		"first":  func() error { _, err := s.Changes(ctx, "", kg.MaxFirst+1, kg.ChangeFilter{}); return err }(),
		"cursor": func() error { _, err := s.Changes(ctx, "nonsense", 10, kg.ChangeFilter{}); return err }(),
		"op":     func() error { _, err := s.Changes(ctx, "", 10, kg.ChangeFilter{Ops: []kg.Op{"dropTable"}}); return err }(),
	} {
		if kg.ErrorCode(err) != kg.EINVALID {
			t.Errorf("a bad %s: %v, want %s", name, err, kg.EINVALID)
		}
	}
}

// countSameTime counts the changes at exactly t (a fast machine commits
// several in one clock tick).
func countSameTime(chs []*kg.Change, t time.Time) int {
	n := 0
	for _, ch := range chs {
		if !ch.At.Before(t) {
			n++
		}
	}
	return n
}
