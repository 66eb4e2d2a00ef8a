package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/neo4jstore"
	"github.com/kgql/kgql/internal/seedfile"
	"github.com/kgql/kgql/seed"
)

func load(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if isStreamLoad(args) {
		return loadStream(ctx, args, stdout, stderr) // loadstream.go
	}
	flags := flag.NewFlagSet("load", flag.ContinueOnError)
	check := flags.Bool("check", false, "validate the seed only; open no store, write nothing")
	data := flags.String("data", "", "load into the embedded store kept in this directory instead of Neo4j")
	flags.Usage = func() {
		w := flags.Output()
		fmt.Fprintln(w, "Usage: kgql load [--check] [--data DIR] [SEED]\n\n"+
			"Validates every seed file of the directory SEED (default ./seed, else the seed\n"+
			"built into the binary), then loads them in one transaction into Neo4j\n"+
			"(NEO4J_URI), or with --data into the embedded store kept in DIR (stop the kgql\n"+
			"that serves it first). With --check it validates and writes nothing.\n"+
			"Flags may come before or after SEED.\n\nFlags:")
		printFlags(flags)
		fmt.Fprintln(w)
		streamUsage(w)
		printEnv(w, neo4jEnv)
	}
	rest, err := parseFlags(flags, args, stdout, stderr)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		fmt.Fprintf(stderr, "kgql: load takes one seed directory, not %d arguments (kgql load -h)\n", len(rest))
		return exitError(2)
	}
	dir := ""
	if len(rest) == 1 {
		dir = rest[0]
	}
	fsys, where, err := seedSource(dir)
	if err != nil {
		return err
	}
	g, err := seedfile.Read(fsys)
	var problems seedfile.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Fprintf(stderr, "%s%s\n", where, p)
		}
		fmt.Fprintf(stderr, "kgql: %d problem(s) in the seed; nothing was written\n", len(problems))
		return exitError(1)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %d entities, %d relations, valid\n", strings.TrimSpace(where), len(g.Entities), len(g.Relations))
	if *check {
		return nil
	}
	store, closeStore, err := openLoader(ctx, *data)
	if err != nil {
		return err
	}
	defer closeStore()
	start := time.Now()
	report, err := store.Load(ctx, g, progressPrinter(stderr))
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	fmt.Fprintf(stdout, "entities: %s\nrelations: %s\n", report.Entities, report.Relations)
	fmt.Fprintf(stdout, "loaded in %s (%.0f entities/s, %.0f relations/s)\n", elapsed.Round(time.Millisecond),
		float64(len(g.Entities))/elapsed.Seconds(), float64(len(g.Relations))/elapsed.Seconds())
	if !report.Changed() {
		fmt.Fprintln(stdout, "no changes: the store already held this seed")
	}
	return nil
}

// openLoader opens the store a seed goes into: the embedded store kept in
// dataDir when it is set, else Neo4j.
func openLoader(ctx context.Context, dataDir string) (kg.Loader, func(), error) {
	if dataDir != "" {
		store, err := memstore.Open(dataDir)
		if err != nil {
			return nil, nil, err
		}
		return store, func() { store.Close() }, nil
	}
	cfg := neo4jConfigFromEnv()
	if cfg.URI == "" {
		return nil, nil, kg.Errorf(kg.EINVALID, "NEO4J_URI is not set: start Neo4j with 'eval \"$(make -s neo4j-up)\"', use --data DIR for the embedded store, or --check")
	}
	store, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	return store, func() { store.Close(context.WithoutCancel(ctx)) }, nil
}

// seedSource picks the seed to read: DIR when given, else ./seed when it
// exists (a developer editing it), else the seed built into the binary;
// and how to name it before a file's name: the directory with its slash
// ("seed/"), or "(built-in seed) ".
func seedSource(dir string) (fs.FS, string, error) {
	if dir == "" {
		if st, err := os.Stat("seed"); err == nil && st.IsDir() {
			dir = "seed"
		} else {
			return seed.FS, "(built-in seed) ", nil
		}
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, "", kg.Errorf(kg.EINVALID, "no seed directory %q", dir)
	}
	return os.DirFS(dir), strings.TrimSuffix(dir, "/") + "/", nil
}

// progressPrinter reports long loads every two seconds, and never short
// ones.
func progressPrinter(w io.Writer) kg.Progress {
	start, last := time.Now(), time.Now()
	return func(done, total int) {
		if time.Since(last) < 2*time.Second && done < total {
			return
		}
		if done == total && time.Since(start) < 2*time.Second {
			return
		}
		last = time.Now()
		rate := float64(done) / time.Since(start).Seconds()
		fmt.Fprintf(w, "  %d/%d written (%.0f%%, %.0f items/s)\n", done, total, 100*float64(done)/float64(total), rate)
	}
}
