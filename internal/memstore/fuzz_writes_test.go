package memstore_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
)

// FuzzIngestDocument: any ingest input, decoded from JSON, either writes
// (recording one change, or answering the stored document) or is
// refused with user errors of the caller's codes, the graph and the log
// left as they were. Its seeds (the README's example and broken forms of
// it) run in make test.
func FuzzIngestDocument(f *testing.F) {
	seeds := []kg.IngestDocumentInput{forum("")}
	bad := forum("")
	bad.Relations[0].Evidence[0].End = ptr(7) // not a whole sentence
	seeds = append(seeds, bad)
	bad = forum("")
	bad.Relations[0].To = "Nobody Anywhere"
	seeds = append(seeds, bad)
	bad = forum("")
	bad.Entities = append(bad.Entities, bad.Entities[0]) // a ref twice
	seeds = append(seeds, bad)
	bad = forum("")
	bad.Document.Text = ""
	seeds = append(seeds, bad)
	bad = forum("")
	bad.Relations[0].Type = kg.Mentions // derived, never stated
	seeds = append(seeds, bad)
	for _, in := range seeds {
		b, err := json.Marshal(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	g := seedGraph(f)
	f.Fuzz(func(t *testing.T, input string) {
		var in kg.IngestDocumentInput
		if json.Unmarshal([]byte(input), &in) != nil {
			return
		}
		s := open(t, g)
		before := readAll(t, s)
		res, err := s.IngestDocument(editorCtx(), in)
		if err == nil {
			if res == nil || res.Change == nil && !res.Existing {
				t.Fatalf("a write that recorded nothing and is not the stored document: %+v", res)
			}
			return
		}
		es, ok := kg.AsUserErrors(err)
		if !ok || len(es) == 0 {
			t.Fatalf("a refusal that is no user error: %v", err)
		}
		for _, e := range es {
			if !slices.Contains([]string{kg.EINVALID, kg.ENOTFOUND, kg.EAMBIGUOUS, kg.ECONFLICT}, e.Code) || len(e.Field) == 0 {
				t.Fatalf("a user error of no caller's code or without its field: %+v", e)
			}
		}
		if after := readAll(t, s); after != before {
			t.Fatal("a refused ingest changed the graph")
		}
		if n := len(changes(t, s)); n != 0 {
			t.Fatalf("a refused ingest recorded %d changes", n)
		}
	})
}

// writeOps are kg.Writer's mutations but ingest (FuzzIngestDocument's),
// each decoding its input from JSON; FuzzMutations picks one by a byte.
var writeOps = []struct {
	name string
	run  func(s *memstore.Store, input []byte) (bool, error) // decoded, and the write's error
}{
	{"createEntity", fuzzOp(func(s *memstore.Store, in kg.CreateEntityInput) error {
		_, err := s.CreateEntity(editorCtx(), in)
		return err
	})},
	{"updateEntity", fuzzOp(func(s *memstore.Store, in kg.UpdateEntityInput) error {
		_, err := s.UpdateEntity(editorCtx(), in)
		return err
	})},
	{"assertRelation", fuzzOp(func(s *memstore.Store, in kg.AssertRelationInput) error {
		_, err := s.AssertRelation(editorCtx(), in)
		return err
	})},
	{"retractRelation", fuzzOp(func(s *memstore.Store, in kg.RetractRelationInput) error {
		_, err := s.RetractRelation(editorCtx(), in)
		return err
	})},
	{"deleteDocument", fuzzOp(func(s *memstore.Store, in kg.DeleteDocumentInput) error {
		_, err := s.DeleteDocument(editorCtx(), in)
		return err
	})},
	{"mergeEntities", fuzzOp(func(s *memstore.Store, in kg.MergeEntitiesInput) error {
		_, err := s.MergeEntities(editorCtx(), in)
		return err
	})},
	{"revertChange", fuzzOp(func(s *memstore.Store, in kg.RevertChangeInput) error {
		_, err := s.RevertChange(editorCtx(), in)
		return err
	})},
}

func fuzzOp[In any](write func(*memstore.Store, In) error) func(*memstore.Store, []byte) (bool, error) {
	return func(s *memstore.Store, input []byte) (bool, error) {
		var in In
		if json.Unmarshal(input, &in) != nil {
			return false, nil
		}
		return true, write(s, in)
	}
}

// FuzzMutations: any input of every other mutation, decoded from JSON,
// either writes or is refused with user errors of the caller's codes at
// a field, the graph and the log left as they were. Its seeds (a right
// and a wrong input of each) run in make test.
func FuzzMutations(f *testing.F) {
	pta, comstech := "org/pta", "org/comstech"
	relation := "country/pakistan>RANKED_IN>index/global-cybersecurity-index-2024"
	name := "Pakistan Telecom Authority"
	seeds := map[string][]any{
		"createEntity": {
			kg.CreateEntityInput{Entity: kg.EntityInput{Kind: kg.KindPerson, Name: "Ada Example", Aliases: []string{"A. Example"}}},
			kg.CreateEntityInput{Entity: kg.EntityInput{Kind: kg.KindPerson}},
		},
		"updateEntity": {
			kg.UpdateEntityInput{ID: pta, Name: &name, AddAliases: []string{"the regulator"}},
			kg.UpdateEntityInput{ID: pta, ExpectedRev: ptr(7)},
		},
		"assertRelation": {
			kg.AssertRelationInput{Relation: kg.RelationInput{Type: kg.PartOf, From: pta, To: comstech,
				Evidence: []kg.EvidenceInput{{Document: "doc/2026-02-02-kazakhstan-president-state-visit", Start: ptr(0), End: ptr(12)}}}},
			kg.AssertRelationInput{Relation: kg.RelationInput{Type: kg.Mentions, From: pta, To: comstech}},
		},
		"retractRelation": {
			kg.RetractRelationInput{Request: kg.Request{Reason: "wrong"}, ID: relation},
			kg.RetractRelationInput{ID: relation, ExpectedRev: ptr(0)},
		},
		"deleteDocument": {
			kg.DeleteDocumentInput{ID: "doc/2026-02-02-kazakhstan-president-state-visit"},
			kg.DeleteDocumentInput{ID: pta},
		},
		"mergeEntities": {
			kg.MergeEntitiesInput{Keep: pta, Drop: comstech, DryRun: true},
			kg.MergeEntitiesInput{Keep: pta, Drop: pta},
		},
		"revertChange": {
			kg.RevertChangeInput{ID: "change/1"},
			kg.RevertChangeInput{ID: "yesterday"},
		},
	}
	for i, op := range writeOps {
		if len(seeds[op.name]) == 0 {
			f.Fatalf("no seeds for %s", op.name)
		}
		for _, in := range seeds[op.name] {
			b, err := json.Marshal(in)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(byte(i), string(b))
		}
	}
	g := seedGraph(f)
	f.Fuzz(func(t *testing.T, pick byte, input string) {
		op := writeOps[int(pick)%len(writeOps)]
		s := open(t, g)
		before := readAll(t, s)
		decoded, err := op.run(s, []byte(input))
		if !decoded || err == nil {
			return
		}
		es, ok := kg.AsUserErrors(err)
		if !ok || len(es) == 0 {
			t.Fatalf("%s: a refusal that is no user error: %v", op.name, err)
		}
		for _, e := range es {
			if !slices.Contains([]string{kg.EINVALID, kg.ENOTFOUND, kg.EAMBIGUOUS, kg.ECONFLICT}, e.Code) || len(e.Field) == 0 {
				t.Fatalf("%s: a user error of no caller's code or without its field: %+v", op.name, e)
			}
		}
		if after := readAll(t, s); after != before {
			t.Fatalf("a refused %s changed the graph", op.name)
		}
		if n := len(changes(t, s)); n != 0 {
			t.Fatalf("a refused %s recorded %d changes", op.name, n)
		}
	})
}
