package loadstream

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jlocal"
	"github.com/kgql/kgql/internal/neo4jstore"
)

// runBulk loads the stream into an empty Neo4j of the local launcher:
// it writes the importer's CSV files (neo4jstore.BulkWriter) while it
// reads, and only when the whole stream is valid has the launcher stop
// Neo4j, import them and start it again; then it creates the schema and
// waits for the indexes. It refuses a Neo4j that is not the launcher's
// (the importer needs its files) or that holds a node (the import
// replaces the database).
func runBulk(ctx context.Context, opts Options, in *input, stdout, stderr io.Writer) error {
	cfg := opts.Neo4j
	if cfg.Database != "" && cfg.Database != "neo4j" {
		return kg.Errorf(kg.EINVALID, "--bulk imports into the database neo4j (Community's one), not %q", cfg.Database)
	}
	launcher := neo4jlocal.Launcher{Script: opts.Launcher, Stderr: stderr}
	store, err := openNeo4j(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() { store.Close(context.WithoutCancel(ctx)) }()
	port, err := launcher.Owns(ctx, cfg.URI)
	if err != nil {
		return err
	}
	nodes, rels, err := store.Size(ctx)
	if err != nil {
		return err
	}
	if nodes > 0 {
		return kg.Errorf(kg.EINVALID, "--bulk replaces the database, so it loads only into an empty one, and %s holds %d entities and %d relations: "+
			"load without --bulk (it merges), or empty the store first (make neo4j-reset)", cfg.URI, nodes, rels)
	}

	start := time.Now()
	dir, err := os.MkdirTemp("", "kgql-bulk-")
	if err != nil {
		return err
	}
	w, err := neo4jstore.NewBulkWriter(dir)
	if err != nil {
		os.RemoveAll(dir)
		return err
	}
	opts.Writers = 1                                          // one file, written in order
	p, err := stream(ctx, opts, in, bulkSink{w}, nil, stderr) // a bulk load imports all or nothing: no mark
	if closeErr := w.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		os.RemoveAll(dir)
		return err
	}
	printStream(stdout, opts, p)
	written := time.Now()

	store.Close(ctx) // Neo4j restarts: its connections end
	if err := launcher.Import(dir, port); err != nil {
		return fmt.Errorf("%w (the importer's files are kept in %s)", err, dir)
	}
	os.RemoveAll(dir)
	imported := time.Now()
	if store, err = neo4jstore.Open(ctx, cfg); err != nil {
		return err
	}
	if err := store.EnsureSchema(ctx); err != nil {
		return err
	}
	indexed := time.Now()

	ents, relsWritten := w.Counts()
	gotNodes, gotRels, err := store.Size(ctx)
	if err != nil {
		return err
	}
	if gotNodes != int64(ents) || gotRels != int64(relsWritten) {
		return fmt.Errorf("the import holds %d entities and %d relations, the stream %d and %d", gotNodes, gotRels, ents, relsWritten)
	}
	fmt.Fprintf(stdout, "entities: %s\nrelations: %s\n", kg.Changes{Created: ents}, kg.Changes{Created: relsWritten})
	total := indexed.Sub(start)
	fmt.Fprintf(stdout, "bulk loaded in %s (%.0f entities/s, %.0f relations/s): read and wrote CSV in %s, imported (Neo4j stopped and started) in %s, schema and indexes in %s\n",
		total.Round(time.Millisecond), rate(ents, total), rate(relsWritten, total),
		written.Sub(start).Round(time.Millisecond), imported.Sub(written).Round(time.Millisecond), indexed.Sub(imported).Round(time.Millisecond))
	return nil
}
