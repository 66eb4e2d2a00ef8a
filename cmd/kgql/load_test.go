package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/neo4jtest"
	"github.com/kgql/kgql/internal/seedfile"
	"github.com/kgql/kgql/seed"
)

// copySeed copies ../../seed into a temporary directory and returns it.
func copySeed(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := os.CopyFS(dir, os.DirFS("../../seed"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

const badDocument = `document:
  id: doc/bad-article
  title: A bad article
  publishedAt: 2025-01-01
entities:
  - id: person/someone
    kind: Person
    name: Someone
relations:
  - type: MET_WITH
    from: person/someone
    to: person/someone-else
    evidence:
      - excerpt: Someone met someone else.
`

// TestLoadRefusesBadSeedAndWritesNothing loads the seed, then adds a file
// with one class of bad input at a time: each load must fail naming the
// file, the line and the id, and leave the database as it was.
func TestLoadRefusesBadSeedAndWritesNothing(t *testing.T) {
	neo4jtest.Open(t) // an empty database
	ctx := context.Background()
	dir := copySeed(t)
	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"load", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("load: %v\n%s", err, stderr.String())
	}
	before := neo4jtest.Fingerprint(t)

	bad := func(old, new string) string {
		if !strings.Contains(badDocument, old) {
			t.Fatalf("%q not in the bad document", old)
		}
		return strings.Replace(badDocument, old, new, 1)
	}
	withEntity := strings.Replace(badDocument, "relations:", "  - id: person/someone-else\n    kind: Person\n    name: Someone Else\nrelations:", 1)
	for _, tc := range []struct {
		name, file, want string
	}{
		{"dangling reference", badDocument, `bad.yaml:12: person/someone>MET_WITH>person/someone-else: to "person/someone-else" names no entity`},
		{"unknown kind", bad("kind: Person", "kind: Alien"), `bad.yaml:7: person/someone: unknown kind "Alien"`},
		{"unknown relation type", strings.Replace(withEntity, "MET_WITH", "LOVES", 1), `bad.yaml:13: person/someone>LOVES>person/someone-else: unknown relation type "LOVES"`},
		{"duplicate id", bad("id: person/someone", "id: country/pakistan\n    kind: Country\n    name: Pakistan again\n  - id: person/someone"), `bad.yaml:6: country/pakistan: duplicate entity id`},
		{"malformed date", strings.Replace(withEntity, "    evidence:", "    validFrom: 2025-02-30\n    evidence:", 1), `bad.yaml:16: person/someone>MET_WITH>person/someone-else: validFrom: malformed date "2025-02-30"`},
		{"malformed amount", strings.Replace(withEntity, "    evidence:", "    amount: lots\n    evidence:", 1), `bad.yaml:16: person/someone>MET_WITH>person/someone-else: malformed amount "lots"`},
		{"relation without evidence", strings.Replace(withEntity, "    evidence:\n      - excerpt: Someone met someone else.\n", "", 1), `bad.yaml:13: person/someone>MET_WITH>person/someone-else: a relation needs evidence`},
		{"malformed YAML", bad("kind: Person", "kind: [Person"), `bad.yaml:`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "documents", "zz-bad.yaml")
			if err := os.WriteFile(path, []byte(tc.file), 0o644); err != nil {
				t.Fatal(err)
			}
			defer os.Remove(path)
			var stdout, stderr bytes.Buffer
			err := run(ctx, []string{"load", dir}, &stdout, &stderr)
			var exit exitError
			if !errors.As(err, &exit) || exit != 1 {
				t.Fatalf("load of a bad seed: err = %v, want exit status 1", err)
			}
			if !strings.Contains(stderr.String(), "documents/zz-"+tc.want) {
				t.Errorf("stderr does not name documents/zz-%s:\n%s", tc.want, stderr.String())
			}
			if !strings.Contains(stderr.String(), "nothing was written") {
				t.Errorf("stderr does not say that nothing was written:\n%s", stderr.String())
			}
			if after := neo4jtest.Fingerprint(t); !slices.Equal(before, after) {
				t.Error("a refused load changed the database")
			}
		})
	}
}

func TestLoadTwiceReportsNoChanges(t *testing.T) {
	neo4jtest.Open(t)
	ctx := context.Background()
	var out1, out2, stderr bytes.Buffer
	if err := run(ctx, []string{"load", "../../seed"}, &out1, &stderr); err != nil {
		t.Fatalf("first load: %v\n%s", err, stderr.String())
	}
	n1, r1 := neo4jtest.Counts(t)
	if err := run(ctx, []string{"load", "../../seed"}, &out2, &stderr); err != nil {
		t.Fatalf("second load: %v\n%s", err, stderr.String())
	}
	n2, r2 := neo4jtest.Counts(t)
	if n1 != n2 || r1 != r2 || n1 == 0 || r1 == 0 {
		t.Errorf("counts: %d/%d after the first load, %d/%d after the second", n1, r1, n2, r2)
	}
	if !strings.Contains(out1.String(), " created, 0 updated, 0 unchanged") {
		t.Errorf("first load should create everything:\n%s", out1.String())
	}
	if !strings.Contains(out2.String(), "no changes") || !strings.Contains(out2.String(), "0 created, 0 updated") {
		t.Errorf("second load should report no changes:\n%s", out2.String())
	}
}

func TestLoadCheckNeedsNoDatabase(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"load", "--check", "../../seed"}, &stdout, &stderr); err != nil {
		t.Fatalf("load --check: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "valid") {
		t.Errorf("stdout = %q", stdout.String())
	}
}

// validDocument is a seed document that loads; its values are replaced
// one at a time below.
const validDocument = `document:
  id: doc/big-article
  title: A big article
  publishedAt: 2025-01-01
  text: sources/zz-big.txt
entities:
  - id: person/someone
    kind: Person
    name: Someone
  - id: person/someone-else
    kind: Person
    name: Someone Else
relations:
  - type: MET_WITH
    from: person/someone
    to: person/someone-else
    evidence:
      - excerpt: Someone met someone else.
`

// TestLoadRefusesWhatNeo4jWouldRefuse: a seed that is valid but for a
// value Neo4j cannot take (a title of 50 MB or a name over the key limit
// of its indexes, which Neo4j refused part-way, after writing the people,
// as the document is written last) or that is not UTF-8 is refused by
// validation, with file, line and field, and nothing is written.
func TestLoadRefusesWhatNeo4jWouldRefuse(t *testing.T) {
	neo4jtest.Open(t)
	ctx := context.Background()
	dir := copySeed(t)
	if err := run(ctx, []string{"load", dir}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	before := neo4jtest.Fingerprint(t)
	text := "Someone met someone else.\n"
	doc := filepath.Join(dir, "documents", "zz-big.yaml")
	write := func(name, content string) {
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "sources", "zz-big.txt"), text)
	write(doc, validDocument)
	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"load", "--check", dir}, &stdout, &stderr); err != nil {
		t.Fatalf("the document the cases change is not valid: %v\n%s", err, stderr.String())
	}
	for _, tc := range []struct{ name, old, new, text, want string }{
		{"title of 50 MB", "title: A big article", "title: " + strings.Repeat("t", 50<<20), text,
			`zz-big.yaml:3: doc/big-article: title: 52428800 characters, at most 1000`},
		{"name over the index key limit", "name: Someone\n", "name: " + strings.Repeat("n", 9000) + "\n", text,
			`zz-big.yaml:9: person/someone: name: 9000 characters, at most 1000`},
		{"name not UTF-8", "name: Someone\n", "name: Some\xffone\n", text,
			`zz-big.yaml:9: not valid UTF-8`},
		{"text not UTF-8", "", "", text + "Not \xff text.\n",
			`zz-big.yaml:5: doc/big-article: text: not valid UTF-8`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			write(doc, strings.Replace(validDocument, tc.old, tc.new, 1))
			write(filepath.Join(dir, "sources", "zz-big.txt"), tc.text)
			var stdout, stderr bytes.Buffer
			err := run(ctx, []string{"load", dir}, &stdout, &stderr)
			var exit exitError
			if !errors.As(err, &exit) || exit != 1 {
				t.Fatalf("err = %v, want exit status 1\n%.2000s", err, stderr.String())
			}
			if !strings.Contains(stderr.String(), "documents/"+tc.want) || !strings.Contains(stderr.String(), "nothing was written") {
				t.Errorf("stderr does not say documents/%s and that nothing was written:\n%.2000s", tc.want, stderr.String())
			}
			if after := neo4jtest.Fingerprint(t); !slices.Equal(before, after) {
				t.Errorf("a refused load changed the database: %d items before, %d after", len(before), len(after))
			}
		})
	}
}

// TestLoadCheckWritesNothing: --check validates a seed directory or a
// stream and writes nothing, whether the store would be Neo4j (NEO4J_URI
// is set) or the embedded one (--data: not even its file is created).
func TestLoadCheckWritesNothing(t *testing.T) {
	neo4jtest.Open(t) // an empty database, which NEO4J_URI names
	ctx := context.Background()
	stream := genFile(t, "--entities", "100")
	for _, source := range []string{"../../seed", stream} {
		for _, store := range [][]string{nil, {"--data", filepath.Join(t.TempDir(), "data")}} {
			args := append(append([]string{"load", "--check"}, store...), source)
			var stdout, stderr bytes.Buffer
			if err := run(ctx, args, &stdout, &stderr); err != nil || !strings.Contains(stdout.String(), "valid") {
				t.Fatalf("%v: %v\n%s%s", args, err, stdout.String(), stderr.String())
			}
			if nodes, rels := neo4jtest.Counts(t); nodes+rels != 0 {
				t.Errorf("%v wrote %d nodes and %d relationships into Neo4j", args, nodes, rels)
			}
			if store != nil {
				if _, err := os.Stat(store[1]); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("%v created %s (%v)", args, store[1], err)
				}
			}
		}
	}
}

// TestLoadSeedRepairsAnEmbeddedStore: `kgql load --data DIR` writes a seed
// directory into the embedded store: it completes a store that holds only
// part of the seed (as a first load cut short by an older kgql left it),
// and a second load changes nothing.
func TestLoadSeedRepairsAnEmbeddedStore(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	ctx, dir := context.Background(), t.TempDir()
	g, err := seedfile.Read(seed.FS)
	if err != nil {
		t.Fatal(err)
	}
	partial, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := partial.Load(ctx, &kg.Graph{Entities: g.Entities}, nil); err != nil {
		t.Fatal(err)
	}
	partial.Close()

	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"load", "--data", dir, "../../seed"}, &stdout, &stderr); err != nil {
		t.Fatalf("load --data: %v\n%s", err, stderr.String())
	}
	want := fmt.Sprintf("entities: 0 created, 0 updated, %d unchanged\nrelations: %d created, 0 updated, 0 unchanged", len(g.Entities), len(g.Relations))
	if !strings.Contains(stdout.String(), want) {
		t.Errorf("stdout:\n%s\nwant %s", stdout.String(), want)
	}
	stdout.Reset()
	if err := run(ctx, []string{"load", "--data", dir, "../../seed"}, &stdout, &stderr); err != nil || !strings.Contains(stdout.String(), "no changes") {
		t.Errorf("second load --data: %v\n%s", err, stdout.String())
	}
	p := startKgql(t, nil, "--data", dir)
	waitReady(t, p.addr)
	if got := whoChairsPTA(t, p.addr); got != "Hafeez Ur Rehman" {
		t.Errorf("the repaired store says PTA is chaired by %q", got)
	}
}
