package memstore_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// TestConcurrentWrites has eight writers ingest overlapping documents
// (the same actors by name, some documents the same text) and create
// entities at once, while readers read: every write is one change, the
// Seqs run from 1 without a gap, no entity is made twice, and each
// change's after images are what the store then holds. Run under -race.
func TestConcurrentWrites(t *testing.T) {
	s := open(t, seedGraph(t))
	ctx := editorCtx()
	const writers, each = 8, 6
	var wg sync.WaitGroup
	errs := make(chan error, writers*each*2)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				text := fmt.Sprintf("Pakistan met Kazakhstan in round %d.", i) // the same text from every writer
				in := kg.IngestDocumentInput{Document: kg.DocumentInput{Title: fmt.Sprintf("Report %d", i), Text: text},
					Relations: []kg.RelationInput{{Type: kg.MetWith, From: "Pakistan", To: "Kazakhstan", Evidence: []kg.EvidenceInput{{Excerpt: text}}}}}
				if _, err := s.IngestDocument(ctx, in); err != nil {
					errs <- err
				}
				if _, err := s.CreateEntity(ctx, kg.CreateEntityInput{Entity: kg.EntityInput{Kind: kg.KindPerson, Name: fmt.Sprintf("Writer %d person %d", w, i)}}); err != nil {
					errs <- err
				}
			}
		})
		wg.Go(func() { // a reader beside each writer
			for range each {
				if _, err := s.Stats(ctx, kg.StatsQuery{Top: 3, Filter: both}); err != nil {
					errs <- err
				}
				if _, err := s.Changes(ctx, "", 10, kg.ChangeFilter{}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var all []*kg.Change
	for after := ""; ; {
		p, err := s.Changes(ctx, after, kg.MaxFirst, kg.ChangeFilter{})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, p.Changes...)
		if !p.HasNextPage {
			break
		}
		after = kg.ChangeCursor(p.Changes[len(p.Changes)-1].Seq)
	}
	if want := each + writers*each; len(all) != want {
		t.Fatalf("%d changes, want %d: one per distinct document and one per entity", len(all), want)
	}
	for i, ch := range all {
		if ch.Seq != int64(i+1) {
			t.Fatalf("change %d has Seq %d", i, ch.Seq)
		}
	}
	// the relation all documents state (the seed states it once) has every document's evidence
	nodes, err := s.Nodes(ctx, []string{"country/pakistan>MET_WITH>country/kazakhstan"}, nil, wholeRel)
	if err != nil {
		t.Fatal(err)
	}
	if r := nodes[0].Relation; r == nil || len(r.Statements) != each+1 {
		t.Fatalf("the relation the documents state: %+v", nodes[0].Relation)
	}
	var created []string
	for _, ch := range all {
		if ch.Op == kg.OpCreateEntity {
			created = append(created, ch.Touched...)
		}
	}
	slices.Sort(created)
	if len(slices.Compact(created)) != writers*each {
		t.Fatalf("the entities created: %v", created)
	}
}

// TestExpectedRevRace has eight writers update one entity at once, each
// expecting rev 1: one wins, the others get CONFLICT with rev 2.
func TestExpectedRevRace(t *testing.T) {
	s := open(t, seedGraph(t))
	ctx := editorCtx()
	const writers = 8
	results := make([]error, writers)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			d := fmt.Sprintf("edited by writer %d", w)
			_, results[w] = s.UpdateEntity(ctx, kg.UpdateEntityInput{ID: "org/pta", ExpectedRev: ptr(1), Description: &d})
		})
	}
	wg.Wait()
	won := 0
	for _, err := range results {
		if err == nil {
			won++
			continue
		}
		if e := userError(t, err); e.Code != kg.ECONFLICT || *e.CurrentRev != 2 {
			t.Errorf("a losing writer: %+v", e)
		}
	}
	if won != 1 || len(changes(t, s)) != 1 {
		t.Fatalf("%d writers won, %d changes; want one of each", won, len(changes(t, s)))
	}
}
