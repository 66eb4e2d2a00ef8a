// Package loadstream loads an NDJSON graph (internal/ndjson, as `kgql gen`
// writes it) into a store while reading it: it holds the ids it has read,
// not the graph. Into Neo4j it writes batches in transactions, merged on
// id (Sink); into an empty local Neo4j it can instead write the files of
// Neo4j's offline importer and have the launcher import them (bulk.go).
package loadstream

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/neo4jstore"
)

// Options say what to load, where and how.
type Options struct {
	File  string // the stream: a file name (*.gz is gunzipped), or "-" for stdin
	Check bool   // validate the stream only; connect to no store

	Data  string            // load into the embedded store kept in this directory
	Neo4j neo4jstore.Config // otherwise into this Neo4j

	// Bulk loads into an empty Neo4j of the local launcher through
	// Neo4j's importer (bulk.go); Launcher is the launcher's script.
	Bulk     bool
	Launcher string

	Batch    int           // items per write transaction
	Writers  int           // concurrent write transactions
	Progress time.Duration // how often to print progress on stderr; 0: never

	// ResumeAfter skips writing the items on lines up to it (they are
	// read and checked): a load cut short says through which line it
	// wrote everything.
	ResumeAfter int
}

// ErrRefused is returned after the problems of a stream have been
// printed.
var ErrRefused = errors.New("the stream has problems")

// Run loads the stream opts.File and prints what it did: the result on
// stdout, progress and problems on stderr. A problem in the stream stops
// the writing at once, and so does a store that fails or an interrupt:
// the batches committed before stay, and Run says exactly what they hold
// (every item through a line, and how many of later lines) and how to
// complete the load: loading again, as every item is merged on its id, or
// resuming after that line (ResumeAfter). A bulk load imports nothing
// then. After a problem the reading goes on to report up to 20 of them.
func Run(ctx context.Context, opts Options, stdout, stderr io.Writer) error {
	if opts.Batch < 1 || opts.Writers < 1 {
		return kg.Errorf(kg.EINVALID, "--batch and --writers must be positive")
	}
	if opts.Bulk && (opts.Check || opts.Data != "" || opts.ResumeAfter > 0) {
		return kg.Errorf(kg.EINVALID, "--bulk loads into an empty Neo4j: it goes with neither --check, --data nor --resume-after")
	}
	if opts.ResumeAfter < 0 {
		return kg.Errorf(kg.EINVALID, "--resume-after must not be negative")
	}
	in, err := open(opts.File)
	if err != nil {
		return err
	}
	defer in.Close()
	if opts.Bulk {
		return runBulk(ctx, opts, in, stdout, stderr)
	}

	var sink Sink
	var marker kg.LoadMarker // where the load says it is in progress
	switch {
	case opts.Check:
	case opts.Data != "":
		ms, err := memstore.Open(opts.Data)
		if err != nil {
			return err
		}
		defer ms.Close()
		sink, marker = ms, ms
		opts.Writers = 1 // the embedded store takes one writer at a time anyway
	default:
		store, err := openNeo4j(ctx, opts.Neo4j)
		if err != nil {
			return err
		}
		defer store.Close(context.WithoutCancel(ctx))
		if err := store.EnsureSchema(ctx); err != nil {
			return err
		}
		sink, marker = store, store
	}
	p, err := stream(ctx, opts, in, sink, marker, stderr)
	if err != nil {
		return err // the mark stays: the store holds part of the stream
	}
	if marker != nil {
		if err := marker.ClearLoad(context.WithoutCancel(ctx)); err != nil {
			return err
		}
	}
	printStream(stdout, opts, p)
	if sink == nil {
		return nil
	}
	fmt.Fprintf(stdout, "entities: %s\nrelations: %s\n", p.report.Entities, p.report.Relations)
	ents, rels := p.r.Counts()
	entDur, relDur := p.phases()
	fmt.Fprintf(stdout, "loaded in %s: entities in %s (%.0f entities/s), relations in %s (%.0f relations/s)\n",
		(entDur + relDur).Round(time.Millisecond),
		entDur.Round(time.Millisecond), rate(ents, entDur), relDur.Round(time.Millisecond), rate(rels, relDur))
	if n, median, longest := p.batchLatency(); n > 0 {
		fmt.Fprintf(stdout, "relation batches: %d, median %s, longest %s\n", n, median.Round(time.Millisecond), longest.Round(time.Millisecond))
	}
	if !p.report.Changed() {
		fmt.Fprintln(stdout, "no changes: the store already held this graph")
	}
	return nil
}

func openNeo4j(ctx context.Context, cfg neo4jstore.Config) (*neo4jstore.Store, error) {
	if cfg.URI == "" {
		return nil, kg.Errorf(kg.EINVALID, "NEO4J_URI is not set: start Neo4j with 'eval \"$(make -s neo4j-up)\"', use --data DIR for the embedded store, or --check")
	}
	return neo4jstore.Open(ctx, cfg)
}

// stream runs the pipeline over the whole stream into sink (nil: check
// only). It prints the problems of a refused stream and returns
// ErrRefused.
func stream(ctx context.Context, opts Options, in *input, sink Sink, marker kg.LoadMarker, stderr io.Writer) (*pipeline, error) {
	p := newPipeline(ctx, in, sink, opts.Batch, opts.Writers, opts.ResumeAfter)
	stopMarking := func() {}
	if marker != nil {
		var err error
		stopMarking, err = p.marking(ctx, marker, kg.LoadMark{Source: opts.File, Started: time.Now(), Resume: loadCommand(opts) + " " + opts.File})
		if err != nil {
			return nil, err
		}
	}
	stopProgress := p.progress(stderr, in, opts.Progress)
	problems, readErr := p.read()
	writeErr := p.finish()
	stopProgress()
	stopMarking()

	where := streamName(opts.File)
	if len(problems) > 0 {
		for _, pr := range problems {
			fmt.Fprintf(stderr, "%s:%s\n", where, strings.TrimPrefix(pr.String(), "line "))
		}
		more := ""
		if len(problems) == maxProblems {
			more = " (reading stopped there)"
		}
		fmt.Fprintf(stderr, "kgql: %d problem(s) in %s%s\n", len(problems), where, more)
		switch {
		case opts.Bulk:
			fmt.Fprintln(stderr, "kgql: nothing was imported")
		case sink != nil:
			fmt.Fprintf(stderr, "kgql: writing stopped when line %d was read; fix it, then load again\n"+
				"      ('kgql load --check' validates the whole stream without writing)\n", p.stopLine)
			fmt.Fprint(stderr, p.ledger.cutReport(loadCommand(opts), opts.File))
		}
		return nil, ErrRefused
	}
	err := writeErr
	if readErr != nil {
		err = fmt.Errorf("read %s: %w", where, readErr)
	}
	if err != nil {
		if sink != nil && !opts.Bulk {
			fmt.Fprintf(stderr, "kgql: writing stopped: %s\n", kg.Text(err))
			fmt.Fprint(stderr, p.ledger.cutReport(loadCommand(opts), opts.File))
		}
		return nil, err
	}
	return p, nil
}

// loadCommand is the command that loads into the store of opts.
func loadCommand(opts Options) string {
	if opts.Data != "" {
		return "kgql load --data " + opts.Data
	}
	return "kgql load"
}

func streamName(file string) string {
	if file == "-" {
		return "stdin"
	}
	return file
}

// printStream says what the stream held.
func printStream(stdout io.Writer, opts Options, p *pipeline) {
	where := streamName(opts.File)
	if p.header != nil && p.header.Generator != "" {
		fmt.Fprintf(stdout, "stream %s: from %s %v\n", where, p.header.Generator, p.header.Options)
	}
	ents, rels := p.r.Counts()
	fmt.Fprintf(stdout, "stream %s: %d entities, %d relations, valid\n", where, ents, rels)
}
