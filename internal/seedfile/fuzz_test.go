package seedfile

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/ndjson"
)

// FuzzRead reads a seed whose document file is the fuzzer's (beside a
// registry and a source text): Read never panics and returns either
// Problems or a graph that every store holds: within kg's limits, loaded
// by the embedded store, and written as a stream that reads back valid.
// Its seed corpus (below, and testdata/fuzz/FuzzRead) runs with go test;
// go test -fuzz FuzzRead ./internal/seedfile searches further.
func FuzzRead(f *testing.F) {
	f.Add([]byte(testDocument))
	for _, change := range [][2]string{
		{"amount: 5 million USD", "amount: 1.7976931348623157e308 USD"},
		{"name: Jane Doe", "name: \"Jane\\0Doe\""},
		{"name: Jane Doe", "name: \"Jane\\x01Doe\\uFFFD\""},
		{"name: Jane Doe", "name: " + strings.Repeat("J", kg.MaxNameChars+1)},
		{"role: telecom regulator", "role: \"\\U0001F600\""},
		{"startDate: 2024-12", "startDate: 0000-01"},
		{"title: Dr.", "title: [Dr.]"},
		{"    evidence:\n      - excerpt: Trade was", "    key: \"a>b#c\"\n    evidence:\n      - excerpt: Trade was"},
		{"    evidence:\n      - excerpt: Trade was", "    rank: 99999999999999999999\n    evidence:\n      - excerpt: Trade was"},
		{"pointInTime: 2024", "pointInTime: 2024\n    count: over 99999999999999999999"},
	} {
		if !strings.Contains(testDocument, change[0]) {
			f.Fatalf("%q is not in the test document", change[0])
		}
		f.Add([]byte(strings.Replace(testDocument, change[0], change[1], 1)))
	}
	f.Add([]byte("document: {id: doc/x, title: X, publishedAt: 2024, text: sources/test.txt}\nrelations: [{}]\n"))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, doc []byte) {
		g, err := Read(testSeed(string(doc)))
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) || kg.ErrorCode(err) != kg.EINVALID {
				t.Fatalf("Read: %v, want Problems", err)
			}
			return
		}
		if err := kg.CheckValues(g); err != nil {
			t.Fatalf("Read accepted what stores refuse: %v", err)
		}
		store, err := memstore.Open("")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.Load(context.Background(), g, nil); err != nil {
			t.Fatalf("the embedded store refuses what Read accepted: %v", err)
		}
		var buf bytes.Buffer
		if err := ndjson.WriteGraph(&buf, nil, g); err != nil {
			t.Fatal(err)
		}
		if _, _, err := ndjson.ReadGraph(&buf, 10); err != nil {
			t.Fatalf("the stream of what Read accepted is refused: %v", err)
		}
	})
}
