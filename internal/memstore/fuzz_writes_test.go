package memstore_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/kgql/kgql/internal/kg"
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
