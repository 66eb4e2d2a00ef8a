package loadstream_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/loadstream"
	"github.com/kgql/kgql/internal/neo4jlocal"
	"github.com/kgql/kgql/internal/neo4jstore"
	"github.com/kgql/kgql/internal/neo4jtest"
)

// launcher is the repository's scripts/neo4j.sh, seen from this package.
const launcher = "../../scripts/neo4j.sh"

// bulkOptions returns the options of a bulk load into the test Neo4j, or
// skips the test when that Neo4j is not the launcher's (NEO4J_URI names
// another one): the importer writes the launcher's files.
func bulkOptions(t *testing.T, file string) loadstream.Options {
	t.Helper()
	cfg := neo4jtest.Config(t)
	if _, err := (neo4jlocal.Launcher{Script: launcher}).Owns(context.Background(), cfg.URI); err != nil {
		t.Skipf("the bulk path needs the launcher's Neo4j: %v", err)
	}
	opts := options(file)
	opts.Neo4j, opts.Bulk, opts.Launcher = cfg, true, launcher
	return opts
}

// awkward adds values that CSV must quote or escape and the importer must
// read back exactly: quotes, commas, semicolons, line breaks, non-ASCII
// text, evidence where only some statements name a speaker.
func awkward(g *kg.Graph) {
	e := g.Entities[0]
	e.Description = "A \"quoted\", multi-line\r\ndescription; with ünïcode ✓ and a trailing space "
	e.Aliases = append(e.Aliases, "semi;colon", `back\slash`, "comma, too")
	for _, r := range g.Relations {
		if len(r.Evidence) > 1 {
			r.Evidence[0].SaidBy = r.From
			r.Evidence[1].SaidBy = ""
			r.Evidence[1].Excerpt = `He said "no", then 'yes'` + "\n" + "on a new line."
			r.Note = "a note, \"quoted\""
			return
		}
	}
}

// TestBulkLoadEqualsLoad: a bulk load through Neo4j's importer and a
// transactional load of the same stream give the same database, property
// for property (fingerprints included, so a transactional load over the
// bulk-loaded store changes nothing), and the bulk load creates the
// schema.
func TestBulkLoadEqualsLoad(t *testing.T) {
	neo4jtest.Open(t) // an empty database
	g := generated(t, 1000)
	awkward(g)
	path := streamFile(t, g)
	opts := bulkOptions(t, path)
	ctx := context.Background()

	var stdout, stderr bytes.Buffer
	if err := loadstream.Run(ctx, opts, &stdout, &stderr); err != nil {
		t.Fatalf("bulk load: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "bulk loaded in") {
		t.Errorf("stdout:\n%s", stdout.String())
	}
	bulk := neo4jtest.Fingerprint(t)
	if want := len(g.Entities) + len(g.Relations); len(bulk) != want {
		t.Fatalf("after the bulk load: %d nodes and relationships, want %d", len(bulk), want)
	}
	for _, covered := range []string{`"amount":`, `"rank":`, `"evSaidBy":["`, `\r\n`, `\"quoted\"`, `semi;colon`, `"membersQualifier":`} {
		if !slices.ContainsFunc(bulk, func(s string) bool { return strings.Contains(s, covered) }) {
			t.Errorf("no item has %s: the test does not cover it", covered)
		}
	}
	rows := neo4jtest.Query(t, "SHOW INDEXES YIELD name, state WHERE name IN [$ft, $c] RETURN name, state",
		map[string]any{"ft": neo4jstore.FulltextIndex, "c": neo4jstore.EntityIDConstraint})
	if len(rows) != 2 || rows[0]["state"] != "ONLINE" || rows[1]["state"] != "ONLINE" {
		t.Errorf("after the bulk load, the full-text index and the id constraint: %v", rows)
	}

	opts.Bulk = false
	stdout.Reset()
	if err := loadstream.Run(ctx, opts, &stdout, &stderr); err != nil {
		t.Fatalf("load over the bulk load: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "no changes") {
		t.Errorf("a load over the bulk-loaded store should change nothing:\n%s", stdout.String())
	}

	neo4jtest.Wipe(t)
	if err := loadstream.Run(ctx, opts, &stdout, &stderr); err != nil {
		t.Fatalf("load: %v\n%s", err, stderr.String())
	}
	loaded := neo4jtest.Fingerprint(t)
	if !slices.Equal(bulk, loaded) {
		for i := range min(len(bulk), len(loaded)) {
			if bulk[i] != loaded[i] {
				t.Fatalf("the databases differ; first difference:\nbulk: %s\nload: %s", bulk[i], loaded[i])
			}
		}
		t.Fatalf("the databases differ: %d items after the bulk load, %d after the load", len(bulk), len(loaded))
	}
}

// TestBulkLoadRefusesAStoreThatIsNotEmpty: the import would replace the
// database, so a store with a node is refused before anything is read.
func TestBulkLoadRefusesAStoreThatIsNotEmpty(t *testing.T) {
	neo4jtest.Open(t)
	neo4jtest.Query(t, "CREATE (:Entity {id: 'person/someone'})", nil)
	before := neo4jtest.Fingerprint(t)
	opts := bulkOptions(t, streamFile(t, generated(t, 100)))
	var stdout, stderr bytes.Buffer
	err := loadstream.Run(context.Background(), opts, &stdout, &stderr)
	if kg.ErrorCode(err) != kg.EINVALID || !strings.Contains(err.Error(), "only into an empty one") {
		t.Fatalf("err = %v, want EINVALID saying the store is not empty", err)
	}
	if after := neo4jtest.Fingerprint(t); !slices.Equal(before, after) {
		t.Error("a refused bulk load changed the database")
	}
}
