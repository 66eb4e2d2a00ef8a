package loadstream_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
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
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
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

// TestLoadStopsAtTheFirstProblem: the batches before a bad line stay,
// none after it is written, and the output says exactly what was
// written (every item through a line, and how many of later lines) and
// how to complete the load; resuming after that line with the fix
// completes it.
func TestLoadStopsAtTheFirstProblem(t *testing.T) {
	neo4jtest.Open(t)
	path := streamFile(t, generated(t, 300))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	good := lines[400]
	lines[400] = `{"relation":{"id":"x"}}`
	bad := filepath.Join(t.TempDir(), "bad.ndjson")
	os.WriteFile(bad, []byte(strings.Join(lines, "\n")), 0o644)
	opts := options(bad)
	opts.Neo4j = neo4jtest.Config(t)
	var stdout, stderr bytes.Buffer
	if err := loadstream.Run(context.Background(), opts, &stdout, &stderr); !errors.Is(err, loadstream.ErrRefused) {
		t.Fatalf("err = %v, want ErrRefused\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), bad+":401: ") || !strings.Contains(stderr.String(), "load again") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	through := checkWritten(t, stderr.String(), bad, neo4jIDs(t))
	if through == 0 || through >= 401 {
		t.Fatalf("written through line %d: want some lines, and none from the bad one", through)
	}

	lines[400] = good
	os.WriteFile(bad, []byte(strings.Join(lines, "\n")), 0o644)
	opts.ResumeAfter = through
	stdout.Reset()
	if err := loadstream.Run(context.Background(), opts, &stdout, &stderr); err != nil {
		t.Fatalf("resumed load: %v\n%s", err, stderr.String())
	}
	nodes, rels := neo4jtest.Counts(t)
	items := itemsByLine(t, bad)
	if int(nodes+rels) != len(items) {
		t.Errorf("after the resumed load Neo4j holds %d items; the stream has %d", nodes+rels, len(items))
	}
	checkWritten(t, "every item of lines 1-"+strconv.Itoa(len(lines))+" was written", bad, neo4jIDs(t))
}

// streamItem is the id of the item on a line of a stream.
type streamItem struct {
	id     string
	entity bool
}

// itemsByLine reads the id of the item on each line of a stream.
func itemsByLine(t *testing.T, path string) map[int]streamItem {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int]streamItem{}
	for i, line := range strings.Split(string(data), "\n") {
		var l struct {
			Entity, Relation *struct{ ID string }
		}
		if json.Unmarshal([]byte(line), &l) != nil {
			continue
		}
		switch {
		case l.Entity != nil:
			out[i+1] = streamItem{l.Entity.ID, true}
		case l.Relation != nil && l.Relation.ID != "":
			out[i+1] = streamItem{l.Relation.ID, false}
		}
	}
	return out
}

var writtenPattern = regexp.MustCompile(`every item of lines 1-(\d+) was written(?: \((\d+) entities, (\d+) relations\), and of later lines (\d+) entities and (\d+) relations)?`)

// checkWritten checks what a load's report says was written against the
// ids the store holds: every item of the lines it names, and as many of
// later lines as it says. It returns the line.
func checkWritten(t *testing.T, report, path string, stored map[string]bool) int {
	t.Helper()
	m := writtenPattern.FindStringSubmatch(report)
	if m == nil {
		t.Fatalf("the report does not say what was written:\n%s", report)
	}
	through, _ := strconv.Atoi(m[1])
	var later [2]int
	for line, it := range itemsByLine(t, path) {
		switch {
		case line <= through && !stored[it.id]:
			t.Errorf("line %d (%s) is said written but is not in the store", line, it.id)
		case line > through && stored[it.id] && it.entity:
			later[0]++
		case line > through && stored[it.id]:
			later[1]++
		}
	}
	if m[4] != "" && (strconv.Itoa(later[0]) != m[4] || strconv.Itoa(later[1]) != m[5]) {
		t.Errorf("the store holds %d entities and %d relations of lines after %d; the report says %s and %s", later[0], later[1], through, m[4], m[5])
	}
	return through
}

// neo4jIDs returns the ids of every entity and relation in Neo4j.
func neo4jIDs(t *testing.T) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	for _, row := range neo4jtest.Query(t, "MATCH (n:Entity) RETURN n.id AS id UNION ALL MATCH ()-[r]->() RETURN r.id AS id", nil) {
		ids[row["id"].(string)] = true
	}
	return ids
}
