package ndjson_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/ndjson"
)

// FuzzReader reads a fuzzed stream: the reader never panics, and a graph
// it accepts holds the text the stream holds (no U+FFFD put for what was
// not UTF-8), is one every store holds (within kg's limits, loaded by the
// embedded store) and reads back unchanged once written. Its seed
// corpus (below, and testdata/fuzz/FuzzReader) runs with go test; go test
// -fuzz FuzzReader ./internal/ndjson searches further.
func FuzzReader(f *testing.F) {
	f.Add([]byte(good))
	for _, change := range [][2]string{
		{`"name":"B"`, `"name":"B\ud83d\ude00\u0000"`},
		{`"name":"B"`, `"name":"B","aliases":["B","",""]`},
		{`"date":"2024"`, `"date":"0000"`},
		{`"saidBy":"person/b"`, `"saidBy":"person/b","start":5,"end":3`},
		{`"type":"MET_WITH"`, `"type":"MET_WITH","amount":"1e300 trillion USD"`},
		{`"type":"MET_WITH"`, `"type":"MET_WITH","rank":-1,"count":"over 99999999999999999999"`},
		{`"id":"person/a>MET_WITH>person/b"`, `"id":"person/a>MET_WITH>person/b#k>x"`},
		{`"id":"person/a>MET_WITH>person/b"`, `"id":"person/a>MET_WITH>person/b#"`},
		{"\n\n", "\n" + `{"relation":{"id":"person/a>MET_WITH>person/a","type":"MET_WITH","from":"person/a","to":"person/a","evidence":[{"doc":"doc/d","excerpt":"A.","date":"2024"}]}}` + "\n"},
	} {
		if !strings.Contains(good, change[0]) {
			f.Fatalf("%q is not in the stream", change[0])
		}
		f.Add([]byte(strings.Replace(good, change[0], change[1], 1)))
	}
	f.Add([]byte(`{"header":{"format":"kgql-ndjson/1"}}{"entity":{}}`))
	f.Add([]byte("\n\n\r\n"))
	f.Fuzz(func(t *testing.T, stream []byte) {
		g, _, err := ndjson.ReadGraph(bytes.NewReader(stream), 0)
		if err != nil {
			var ps ndjson.Problems
			if !errors.As(err, &ps) && !strings.Contains(err.Error(), "longer than") {
				t.Fatalf("ReadGraph: %v, want Problems", err)
			}
			return
		}
		if err := kg.CheckValues(g); err != nil {
			t.Fatalf("the reader accepted what stores refuse: %v", err)
		}
		// encoding/json reads bytes that are not UTF-8, and half a
		// surrogate pair, as U+FFFD: the stream would load other text.
		text, _ := json.Marshal(g)
		if replacement := "\uFFFD"; strings.Contains(string(text), replacement) &&
			!strings.Contains(string(stream), replacement) && !strings.Contains(strings.ToLower(string(stream)), `\ufffd`) {
			t.Fatalf("the reader replaced text it could not read by U+FFFD")
		}
		store, err := memstore.Open("")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.Load(context.Background(), g, nil); err != nil {
			t.Fatalf("the embedded store refuses what the reader accepted: %v", err)
		}
		var buf bytes.Buffer
		if err := ndjson.WriteGraph(&buf, nil, g); err != nil {
			t.Fatal(err)
		}
		back, _, err := ndjson.ReadGraph(&buf, 10)
		if err != nil {
			t.Fatalf("what the reader accepted, written, is refused: %v\n%s", err, buf.String())
		}
		if normalize(back); !reflect.DeepEqual(back, normalize(g)) {
			t.Fatalf("what the reader accepted reads back otherwise once written:\n%s", buf.String())
		}
	})
}
