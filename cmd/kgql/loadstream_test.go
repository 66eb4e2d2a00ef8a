package main

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
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/neo4jtest"
)

// genFile writes kgql gen's output for the arguments into a file.
func genFile(t *testing.T, args ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "graph.ndjson")
	var stderr bytes.Buffer
	if err := run(context.Background(), append([]string{"gen", "--quiet", "--out", path}, args...), &bytes.Buffer{}, &stderr); err != nil {
		t.Fatalf("gen: %v\n%s", err, stderr.String())
	}
	return path
}

func TestGenIsDeterministic(t *testing.T) {
	a, _ := os.ReadFile(genFile(t, "--entities", "300", "--seed", "5"))
	b, _ := os.ReadFile(genFile(t, "--entities", "300", "--seed", "5"))
	c, _ := os.ReadFile(genFile(t, "--entities", "300", "--seed", "6"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("two runs with the same options differ")
	}
	if bytes.Equal(a, c) {
		t.Error("another seed gives the same graph")
	}
	if first, _, _ := strings.Cut(string(a), "\n"); !strings.Contains(first, `"header"`) || !strings.Contains(first, `"seed":5`) {
		t.Errorf("first line is not a header with the options: %s", first)
	}
}

func TestLoadStreamCheck(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	path := genFile(t, "--entities", "200")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"load", "--check", path}, &stdout, &stderr); err != nil {
		t.Fatalf("load --check: %v\n%s", err, stderr.String())
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
	err := run(context.Background(), []string{"load", "--check", bad}, &stdout, &stderr)
	var exit exitError
	if !errors.As(err, &exit) || exit != 1 {
		t.Fatalf("load --check of a bad stream: err = %v, want exit status 1", err)
	}
	if !strings.Contains(stderr.String(), bad+":250: ") || !strings.Contains(stderr.String(), "dangling reference") {
		t.Errorf("stderr does not name line 250 and the dangling reference:\n%s", stderr.String())
	}
}

func TestLoadStreamIntoEmbeddedStore(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	path := genFile(t, "--entities", "300")
	dir := t.TempDir()
	var out1, out2, stderr bytes.Buffer
	if err := run(context.Background(), []string{"load", "--data", dir, path}, &out1, &stderr); err != nil {
		t.Fatalf("load: %v\n%s", err, stderr.String())
	}
	if err := run(context.Background(), []string{"load", "--data", dir, path}, &out2, &stderr); err != nil {
		t.Fatalf("second load: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(out1.String(), "relations/s") || !strings.Contains(out1.String(), " created, 0 updated, 0 unchanged") {
		t.Errorf("first load:\n%s", out1.String())
	}
	if !strings.Contains(out2.String(), "no changes") {
		t.Errorf("second load should change nothing:\n%s", out2.String())
	}
	s, err := memstore.Open(dir)
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

func TestLoadStreamIntoNeo4j(t *testing.T) {
	neo4jtest.Open(t) // an empty database
	path := genFile(t, "--entities", "300")
	var out1, out2, stderr bytes.Buffer
	if err := run(context.Background(), []string{"load", path}, &out1, &stderr); err != nil {
		t.Fatalf("load: %v\n%s", err, stderr.String())
	}
	nodes, rels := neo4jtest.Counts(t)
	if nodes != 300 || !strings.Contains(out1.String(), "300 entities, "+strconv.FormatInt(rels, 10)+" relations") {
		t.Errorf("Neo4j holds %d nodes, %d relationships; load said:\n%s", nodes, rels, out1.String())
	}
	if err := run(context.Background(), []string{"load", "--writers", "1", "--batch", "100", path}, &out2, &stderr); err != nil {
		t.Fatalf("second load: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(out2.String(), "no changes") || !strings.Contains(out2.String(), "0 created, 0 updated") {
		t.Errorf("second load should change nothing:\n%s", out2.String())
	}
	if n2, r2 := neo4jtest.Counts(t); n2 != nodes || r2 != rels {
		t.Errorf("counts changed: %d/%d, then %d/%d", nodes, rels, n2, r2)
	}
}
