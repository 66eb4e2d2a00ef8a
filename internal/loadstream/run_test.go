package loadstream_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/loadstream"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/ndjson"
	"github.com/kgql/kgql/internal/neo4jtest"
	"github.com/kgql/kgql/internal/synth"
)

// generated returns a synthetic graph of n entities.
func generated(t *testing.T, n int) *kg.Graph {
	t.Helper()
	g := &kg.Graph{}
	err := synth.Stream(synth.Options{Entities: n, Seed: 3},
		func(e *kg.Entity) error { g.Entities = append(g.Entities, e); return nil },
		func(r *kg.Relation) error { g.Relations = append(g.Relations, r); return nil })
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// streamFile writes g as an NDJSON stream into a file.
func streamFile(t *testing.T, g *kg.Graph) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "graph.ndjson")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := ndjson.WriteGraph(f, &ndjson.Header{Format: ndjson.Format, Generator: "test"}, g); err != nil {
		t.Fatal(err)
	}
	return path
}

func options(file string) loadstream.Options {
	return loadstream.Options{File: file, Batch: 100, Writers: 2}
}

func TestCheckNamesTheLineOfAProblem(t *testing.T) {
	path := streamFile(t, generated(t, 200))
	var stdout, stderr bytes.Buffer
	opts := options(path)
	opts.Check = true
	if err := loadstream.Run(context.Background(), opts, &stdout, &stderr); err != nil {
		t.Fatalf("check: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "200 entities") || !strings.Contains(stdout.String(), "valid") {
		t.Errorf("stdout = %q", stdout.String())
	}

	// A relation naming an entity that is not in the stream, on line 250.
	data, _ := os.ReadFile(path)
	lines := strings.Split(string(data), "\n")
	if !strings.Contains(lines[249], `"relation"`) {
		t.Fatalf("line 250 is not a relation: %s", lines[249])
	}
	lines[249] = strings.Replace(lines[249], `"to":"`, `"to":"person/nobody-`, 1)
	bad := filepath.Join(t.TempDir(), "bad.ndjson")
	os.WriteFile(bad, []byte(strings.Join(lines, "\n")), 0o644)
	stdout.Reset()
	stderr.Reset()
	opts.File = bad
	if err := loadstream.Run(context.Background(), opts, &stdout, &stderr); !errors.Is(err, loadstream.ErrRefused) {
		t.Fatalf("check of a bad stream: err = %v, want ErrRefused", err)
	}
	if !strings.Contains(stderr.String(), bad+":250: ") || !strings.Contains(stderr.String(), "dangling reference") {
		t.Errorf("stderr does not name line 250 and the dangling reference:\n%s", stderr.String())
	}
}

func TestLoadIntoEmbeddedStoreTwice(t *testing.T) {
	path := streamFile(t, generated(t, 300))
	opts := options(path)
	opts.Data = t.TempDir()
	var out1, out2, stderr bytes.Buffer
	if err := loadstream.Run(context.Background(), opts, &out1, &stderr); err != nil {
		t.Fatalf("load: %v\n%s", err, stderr.String())
	}
	if err := loadstream.Run(context.Background(), opts, &out2, &stderr); err != nil {
		t.Fatalf("second load: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(out1.String(), "relations/s") || !strings.Contains(out1.String(), " created, 0 updated, 0 unchanged") {
		t.Errorf("first load:\n%s", out1.String())
	}
	if !strings.Contains(out2.String(), "no changes") {
		t.Errorf("second load should change nothing:\n%s", out2.String())
	}
	s, err := memstore.Open(opts.Data)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background(), kg.StatsQuery{})
	if err != nil {
		t.Fatal(err)
	}
	relations := 0 // MENTIONS included: Stats.Relations counts facts only
	for _, n := range st.ByType {
		relations += n
	}
	if st.Entities != 300 || !strings.Contains(out1.String(), "300 entities, "+strconv.Itoa(relations)+" relations") {
		t.Errorf("store holds %d entities, %d relations; load said:\n%s", st.Entities, relations, out1.String())
	}
}

func TestLoadIntoNeo4jTwice(t *testing.T) {
	neo4jtest.Open(t) // an empty database
	path := streamFile(t, generated(t, 300))
	opts := options(path)
	opts.Neo4j = neo4jtest.Config(t)
	var out1, out2, stderr bytes.Buffer
	if err := loadstream.Run(context.Background(), opts, &out1, &stderr); err != nil {
		t.Fatalf("load: %v\n%s", err, stderr.String())
	}
	nodes, rels := neo4jtest.Counts(t)
	if nodes != 300 || !strings.Contains(out1.String(), "300 entities, "+strconv.FormatInt(rels, 10)+" relations") {
		t.Errorf("Neo4j holds %d nodes, %d relationships; load said:\n%s", nodes, rels, out1.String())
	}
	if !strings.Contains(out1.String(), "relation batches: ") {
		t.Errorf("the load does not report its batches' latency:\n%s", out1.String())
	}
	opts.Writers, opts.Batch = 1, 37
	if err := loadstream.Run(context.Background(), opts, &out2, &stderr); err != nil {
		t.Fatalf("second load: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(out2.String(), "no changes") || !strings.Contains(out2.String(), "0 created, 0 updated") {
		t.Errorf("second load should change nothing:\n%s", out2.String())
	}
	if n2, r2 := neo4jtest.Counts(t); n2 != nodes || r2 != rels {
		t.Errorf("counts changed: %d/%d, then %d/%d", nodes, rels, n2, r2)
	}
}

// TestLoadStopsAtTheFirstProblem: the batches before a bad line stay, none
// after it is written, and the output says how to complete the load.
func TestLoadStopsAtTheFirstProblem(t *testing.T) {
	neo4jtest.Open(t)
	path := streamFile(t, generated(t, 300))
	data, _ := os.ReadFile(path)
	lines := strings.Split(string(data), "\n")
	lines[400] = `{"relation":{"id":"x"}}`
	bad := filepath.Join(t.TempDir(), "bad.ndjson")
	os.WriteFile(bad, []byte(strings.Join(lines, "\n")), 0o644)
	opts := options(bad)
	opts.Neo4j = neo4jtest.Config(t)
	var stdout, stderr bytes.Buffer
	if err := loadstream.Run(context.Background(), opts, &stdout, &stderr); !errors.Is(err, loadstream.ErrRefused) {
		t.Fatalf("err = %v, want ErrRefused\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), bad+":401: ") || !strings.Contains(stderr.String(), "load again after the fix") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	if _, rels := neo4jtest.Counts(t); rels >= 400 {
		t.Errorf("%d relationships written: the lines after the problem were written too", rels)
	}
}
