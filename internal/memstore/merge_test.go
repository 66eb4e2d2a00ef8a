package memstore_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
)

// TestMergeDuplicate ingests the forum (a new organisation located in
// Islamabad), then merges it into the PTA as if it were a duplicate: a
// dry run first writes nothing; a stale rev is CONFLICT; the merge moves
// the relation and the MENTIONS onto the PTA, adds the forum's name to
// its aliases, and the forum's id answers as the PTA; history of the
// forum holds the merge; reverting it restores both exactly.
func TestMergeDuplicate(t *testing.T) {
	s := open(t, seedGraph(t))
	ctx := editorCtx()
	ing, err := s.IngestDocument(ctx, forum(""))
	if err != nil {
		t.Fatal(err)
	}
	drop, keep := ing.Entities[0], "org/pta"
	oldRel := ing.Relations[0]
	ingested := readAll(t, s)

	in := kg.MergeEntitiesInput{Keep: keep, Drop: drop, DryRun: true, Request: kg.Request{Reason: "duplicate"}}
	dry, err := s.MergeEntities(ctx, in)
	if err != nil || dry.Change != nil || dry.Keep != keep || dry.Drop != drop {
		t.Fatalf("dry run: %+v, %v", dry, err)
	}
	mention := kg.MentionID(ing.Document, drop)
	if !slices.Equal(dry.Plan.Relations, []string{oldRel, mention}) || !slices.Equal(dry.Plan.Aliases, []string{"Islamabad Digital Policy Forum"}) || dry.Plan.Evidence != 2 {
		t.Fatalf("plan %+v", dry.Plan)
	}
	if readAll(t, s) != ingested || len(changes(t, s)) != 1 {
		t.Fatal("a dry run wrote")
	}

	in.DryRun, in.DropRev = false, ptr(2)
	if e := userError(t, mergeErr(s, in)); e.Code != kg.ECONFLICT || strings.Join(e.Field, ".") != "input.dropRev" || *e.CurrentRev != 1 {
		t.Fatalf("stale dropRev: %+v", e)
	}
	for _, bad := range []kg.MergeEntitiesInput{{Keep: keep, Drop: "org/nobody"}, {Keep: keep, Drop: "PTA"}, {Keep: "doc/x", Drop: ing.Document}} {
		if err := mergeErr(s, bad); err == nil {
			t.Fatalf("merge %+v refused nothing", bad)
		}
	}
	in.DropRev = ptr(1)
	res, err := s.MergeEntities(ctx, in)
	if err != nil || res.Change == nil || !slices.Equal(res.Plan.Relations, dry.Plan.Relations) {
		t.Fatalf("merge: %+v, %v", res, err)
	}
	nodes, err := s.Nodes(ctx, []string{drop, oldRel}, wholeEnt, wholeRel)
	if err != nil || nodes[0].Entity == nil || nodes[0].Entity.ID != keep || nodes[1].Relation != nil {
		t.Fatalf("the dropped id reads as %+v, its old relation as %+v (%v)", nodes[0].Entity, nodes[1].Relation, err)
	}
	if !slices.Contains(nodes[0].Entity.Aliases, "Islamabad Digital Policy Forum") {
		t.Fatalf("aliases of the kept %v", nodes[0].Entity.Aliases)
	}
	moved := "org/pta>LOCATED_IN>city/islamabad"
	got, err := s.Nodes(ctx, []string{moved, kg.MentionID(ing.Document, keep)}, nil, wholeRel)
	if err != nil || got[0].Relation == nil || got[1].Relation == nil {
		t.Fatalf("the moved relation %s and mention: %+v %+v, %v", moved, got[0], got[1], err)
	}
	if !slices.ContainsFunc(got[0].Relation.Statements, func(st kg.EvidenceView) bool { return st.DocumentID == ing.Document }) {
		t.Fatalf("the moved relation lacks the forum's evidence: %+v", got[0].Relation.Statements)
	}
	h, err := s.History(ctx, drop, 10, "")
	if err != nil || len(h.Changes) != 2 || h.Changes[1].Op != kg.OpMergeEntities {
		t.Fatalf("history of the dropped id: %+v, %v", h, err)
	}
	if _, err := s.RevertChange(ctx, kg.RevertChangeInput{ID: res.Change.ID}); err != nil {
		t.Fatal(err)
	}
	if after := readAll(t, s); after != ingested {
		t.Fatal("reverting the merge did not restore both entities")
	}
	if ns, _ := s.Nodes(ctx, []string{drop}, wholeEnt, nil); ns[0].Entity == nil || ns[0].Entity.ID != drop {
		t.Fatalf("after the revert the dropped id reads as %+v", ns[0].Entity)
	}
}

func mergeErr(s *memstore.Store, in kg.MergeEntitiesInput) error {
	_, err := s.MergeEntities(editorCtx(), in)
	return err
}
