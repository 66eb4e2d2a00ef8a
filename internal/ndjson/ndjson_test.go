package ndjson_test

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/ndjson"
	"github.com/kgql/kgql/internal/seedfile"
	"github.com/kgql/kgql/internal/synth"
	"github.com/kgql/kgql/seed"
)

// normalize makes empty lists nil: the stream does not tell them apart.
func normalize(g *kg.Graph) *kg.Graph {
	for _, e := range g.Entities {
		if len(e.Aliases) == 0 {
			e.Aliases = nil
		}
		if len(e.Evidence) == 0 {
			e.Evidence = nil
		}
	}
	for _, r := range g.Relations {
		if len(r.Evidence) == 0 {
			r.Evidence = nil
		}
	}
	return g
}

// roundTrip writes g and reads it back, failing on any problem.
func roundTrip(t *testing.T, g *kg.Graph) *kg.Graph {
	t.Helper()
	var buf bytes.Buffer
	h := &ndjson.Header{Generator: "test", Options: map[string]any{"n": 1}}
	if err := ndjson.WriteGraph(&buf, h, g); err != nil {
		t.Fatal(err)
	}
	got, gotH, err := ndjson.ReadGraph(&buf, 10)
	if err != nil {
		t.Fatalf("read back: %v", err)
	}
	if gotH == nil || gotH.Format != ndjson.Format || gotH.Generator != "test" {
		t.Errorf("header = %+v", gotH)
	}
	return got
}

// Every field of every entity and relation of the seed survives the trip,
// the typed values and the evidence included.
func TestSeedRoundTrip(t *testing.T) {
	g, err := seedfile.Read(seed.FS)
	if err != nil {
		t.Fatal(err)
	}
	got := roundTrip(t, g)
	normalize(g)
	if !reflect.DeepEqual(got, g) {
		for i := range g.Entities {
			if !reflect.DeepEqual(got.Entities[i], g.Entities[i]) {
				t.Fatalf("entity %d:\n got %+v\nwant %+v", i, got.Entities[i], g.Entities[i])
			}
		}
		for i := range g.Relations {
			if !reflect.DeepEqual(got.Relations[i], g.Relations[i]) {
				t.Fatalf("relation %d:\n got %+v\nwant %+v", i, got.Relations[i], g.Relations[i])
			}
		}
		t.Fatal("graphs differ")
	}
}

func TestSynthRoundTrip(t *testing.T) {
	g := synth.Generate(synth.Options{Entities: 2000, Seed: 7})
	got := roundTrip(t, g)
	normalize(g)
	if len(got.Entities) != len(g.Entities) || len(got.Relations) != len(g.Relations) {
		t.Fatalf("got %d/%d, want %d/%d", len(got.Entities), len(got.Relations), len(g.Entities), len(g.Relations))
	}
	for i := range g.Entities {
		if !reflect.DeepEqual(got.Entities[i], g.Entities[i]) {
			t.Fatalf("entity %d:\n got %+v\nwant %+v", i, got.Entities[i], g.Entities[i])
		}
	}
	for i := range g.Relations {
		if !reflect.DeepEqual(got.Relations[i], g.Relations[i]) {
			t.Fatalf("relation %d:\n got %+v\nwant %+v", i, got.Relations[i], g.Relations[i])
		}
	}
}

const good = `{"header":{"format":"kgql-ndjson/1"}}
{"entity":{"id":"person/a","kind":"Person","name":"A","evidence":[{"doc":"doc/d","excerpt":"A is a person.","date":"2024"}]}}
{"entity":{"id":"person/b","kind":"Person","name":"B"}}
{"entity":{"id":"doc/d","kind":"Document","name":"D","title":"D","publishedAt":"2024-01-02"}}

{"relation":{"id":"person/a>MET_WITH>person/b","type":"MET_WITH","from":"person/a","to":"person/b","evidence":[{"doc":"doc/d","excerpt":"A met B.","date":"2024-01-02","saidBy":"person/b"}]}}
`

func TestReadGood(t *testing.T) {
	g, h, err := ndjson.ReadGraph(strings.NewReader(good), 0)
	if err != nil {
		t.Fatal(err)
	}
	if h == nil || len(g.Entities) != 3 || len(g.Relations) != 1 {
		t.Fatalf("h=%v, %d entities, %d relations", h, len(g.Entities), len(g.Relations))
	}
	if ev := g.Relations[0].Evidence[0]; ev.SaidBy != "person/b" || ev.Date != kg.MustDate("2024-01-02") {
		t.Errorf("evidence = %+v", ev)
	}
}

// Each bad line is reported with its line number and id.
func TestReadProblems(t *testing.T) {
	rel := `{"relation":{"id":"person/a>MET_WITH>person/b","type":"MET_WITH","from":"person/a","to":"person/b","evidence":[{"doc":"doc/d","excerpt":"A met B.","date":"2024-01-02"}]}}`
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"unknown kind", `"kind":"Person","name":"B"`, `"kind":"Alien","name":"B"`, `line 3: person/b: unknown kind "Alien"`},
		{"id of another kind", `"id":"person/b","kind":"Person"`, `"id":"org/b","kind":"Person"`, `line 3: org/b: a Person id starts with "person/"`},
		{"malformed id", `"id":"person/b","kind":"Person"`, `"id":"person/B c","kind":"Person"`, `line 3: person/B c: malformed id`},
		{"duplicate entity", `"id":"person/b"`, `"id":"person/a"`, `line 3: person/a: duplicate entity id`},
		{"unknown field", `"name":"B"}`, `"name":"B","age":3}`, `line 3: malformed JSON: unknown field "age"`},
		{"attribute of another kind", `"name":"B"}`, `"name":"B","founded":"2001"}`, `line 3: person/b: a Person has no attribute founded`},
		{"malformed date", `"date":"2024-01-02","saidBy"`, `"date":"2024-02-30","saidBy"`, `line 6: person/a>MET_WITH>person/b: evidence 0: date: malformed date "2024-02-30"`},
		{"unknown type", `"type":"MET_WITH"`, `"type":"LOVES"`, `line 6: person/a>MET_WITH>person/b: unknown relation type "LOVES"`},
		{"dangling to", `"to":"person/b"`, `"to":"person/c"`, `line 6: person/a>MET_WITH>person/b: id is not "person/a>MET_WITH>person/c"`},
		{"dangling saidBy", `"saidBy":"person/b"`, `"saidBy":"person/z"`, `line 6: person/a>MET_WITH>person/b: evidence 0: saidBy "person/z" names no entity (dangling reference)`},
		{"entity evidence not a document", `{"doc":"doc/d","excerpt":"A is a person."`, `{"doc":"person/b","excerpt":"A is a person."`, `line 2: person/a: evidence 0: evidence doc "person/b" names no document`},
		{"no evidence", `,"evidence":[{"doc":"doc/d","excerpt":"A met B.","date":"2024-01-02","saidBy":"person/b"}]`, ``, `line 6: person/a>MET_WITH>person/b: a relation needs evidence`},
		{"bad JSON", `"name":"B"}}`, `"name":"B"}`, `line 3: malformed JSON`},
		{"two kinds of line", `{"entity":{"id":"person/b"`, `{"relation":{},"entity":{"id":"person/b"`, `line 3: want exactly one of`},
		{"header not first", `{"header":{"format":"kgql-ndjson/1"}}` + "\n", `{"entity":{"id":"person/z","kind":"Person","name":"Z"}}` + "\n" + `{"header":{"format":"kgql-ndjson/1"}}` + "\n", `line 2: a header must be the first line`},
		{"duplicate relation", rel, rel + "\n" + rel, `line 7: person/a>MET_WITH>person/b: duplicate relation id`},
		// What a store would refuse, or load other than it is written.
		{"not UTF-8", `"name":"B"`, "\"name\":\"B\xff\"", `line 3: not valid UTF-8 (at byte 53)`},
		{"half a surrogate pair", `"name":"B"`, `"name":"B\ud800"`, `line 3: a \u escape of half a UTF-16 surrogate pair (at byte 53)`},
		{"a low surrogate alone", `"name":"B"`, `"name":"\\\udc00"`, `line 3: a \u escape of half a UTF-16 surrogate pair (at byte 54)`},
		{"name over the limit", `"name":"B"`, `"name":"` + strings.Repeat("b", kg.MaxNameChars+1) + `"`, `line 3: person/b: name: 1001 characters, at most 1000`},
		{"id over the limit", `"id":"person/b"`, `"id":"person/` + strings.Repeat("b", kg.MaxEntityIDBytes) + `"`, `: id: 207 bytes, at most 200`},
		{"excerpt over the limit", `"excerpt":"A met B."`, `"excerpt":"` + strings.Repeat("é", kg.MaxExcerptChars+1) + `"`, `line 6: person/a>MET_WITH>person/b: evidence.0.excerpt: 4001 characters, at most 4000`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := good
			if tc.name == "duplicate relation" {
				in = strings.Replace(in, `{"relation":{"id":"person/a>MET_WITH>person/b","type":"MET_WITH","from":"person/a","to":"person/b","evidence":[{"doc":"doc/d","excerpt":"A met B.","date":"2024-01-02","saidBy":"person/b"}]}}`, rel, 1)
			}
			if !strings.Contains(in, tc.old) {
				t.Fatalf("%q not in the input", tc.old)
			}
			in = strings.Replace(in, tc.old, tc.new, 1)
			_, _, err := ndjson.ReadGraph(strings.NewReader(in), 0)
			var ps ndjson.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("err = %v, want problems", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("problems:\n%v\nwant one containing %q", err, tc.want)
			}
		})
	}
}

func TestDanglingEntityEvidence(t *testing.T) {
	in := strings.Replace(good, `{"doc":"doc/d","excerpt":"A is a person."`, `{"doc":"doc/x","excerpt":"A is a person."`, 1)
	_, _, err := ndjson.ReadGraph(strings.NewReader(in), 0)
	if err == nil || !strings.Contains(err.Error(), `line 2: person/a: evidence 0: evidence doc "doc/x" names no document (dangling reference)`) {
		t.Errorf("err = %v", err)
	}
}

func TestValidEntityID(t *testing.T) {
	for id, want := range map[string]bool{
		"person/a": true, "org/pta": true, "country/c-0001": true, "person/hafeez-ur-rehman": true,
		"person/": false, "/a": false, "person/a-": false, "person/-a": false, "person/a--b": false,
		"Person/a": false, "person/A": false, "person/a b": false, "person": false, "person/a/b": false,
	} {
		if got := kg.ValidEntityID(id); got != want {
			t.Errorf("ValidEntityID(%q) = %v, want %v", id, got, want)
		}
	}
}

// A surrogate pair, an escaped backslash before a u and U+FFFD itself are
// text, read as written.
func TestReadEscapes(t *testing.T) {
	for escaped, want := range map[string]string{
		`B\ud83d\ude00`: "B\U0001F600", `B\\ud800`: `B\ud800`, `B\ufffd`: "B\uFFFD", "B\uFFFD": "B\uFFFD",
	} {
		in := strings.Replace(good, `"name":"B"`, `"name":"`+escaped+`"`, 1)
		g, _, err := ndjson.ReadGraph(strings.NewReader(in), 0)
		if err != nil {
			t.Fatalf("%s: %v", escaped, err)
		}
		if got := g.Entities[1].Name; got != want {
			t.Errorf("%s reads as %q, want %q", escaped, got, want)
		}
	}
}
