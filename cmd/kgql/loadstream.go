package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"github.com/kgql/kgql/internal/loadstream"
	"github.com/kgql/kgql/internal/neo4jstore"
)

// isStreamLoad reports whether `kgql load` was given an NDJSON stream
// rather than a seed directory: --ndjson, "-" (stdin) or a file named
// *.ndjson, *.jsonl (optionally .gz).
func isStreamLoad(args []string) bool {
	for _, a := range args {
		switch {
		case a == "--ndjson", a == "-ndjson", strings.HasPrefix(a, "--ndjson="), strings.HasPrefix(a, "-ndjson="):
			return true
		case a != "-" && strings.HasPrefix(a, "-"):
		case loadstream.IsStream(a):
			return true
		}
	}
	return false
}

// streamFlags are the flags of `kgql load FILE.ndjson`.
type streamFlags struct {
	check, bulk                *bool
	file, data, launcher, prof *string
	batch, writers, resume     *int
	progress                   *time.Duration
}

func newStreamFlags() (*flag.FlagSet, *streamFlags) {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	f := &streamFlags{
		check:    fs.Bool("check", false, "validate the stream only; connect to no store, write nothing"),
		file:     fs.String("ndjson", "", "the NDJSON file to load; - for stdin"),
		data:     fs.String("data", "", "load into the embedded store kept in this directory instead of Neo4j"),
		bulk:     fs.Bool("bulk", false, "load into an EMPTY Neo4j of the local launcher through Neo4j's importer (it restarts Neo4j)"),
		launcher: fs.String("launcher", "scripts/neo4j.sh", "the local Neo4j launcher, for --bulk"),
		batch:    fs.Int("batch", neo4jstore.BatchSize, "items per write transaction"),
		writers:  fs.Int("writers", 2, "concurrent write transactions"),
		progress: fs.Duration("progress", 2*time.Second, "progress interval (0: none)"),
		prof:     fs.String("cpuprofile", "", "write a CPU profile of the load to this file"),
		resume:   fs.Int("resume-after", 0, "read the items on lines up to this one but do not write them: a load cut short says through which line it wrote everything"),
	}
	fs.Usage = func() {
		w := fs.Output()
		streamUsage(w)
		printEnv(w, neo4jEnv)
	}
	return fs, f
}

// streamUsage writes what `kgql load FILE.ndjson` does and its flags.
func streamUsage(w io.Writer) {
	fs, _ := newStreamFlags()
	fs.SetOutput(w)
	fmt.Fprintln(w, "Usage: kgql load [--check] [--data DIR | --bulk] [--resume-after LINE] FILE.ndjson|-\n\n"+
		"Streams an NDJSON graph (kgql gen's output; the format is documented in\n"+
		"internal/ndjson; .jsonl and .gz too) into Neo4j (NEO4J_URI), or with --data into\n"+
		"the embedded store. Items are merged on their ids: loading twice changes nothing,\n"+
		"and a load cut short completes by loading again (or --resume-after the line it\n"+
		"names). With --bulk, into an empty Neo4j started by the launcher (make neo4j-up),\n"+
		"through Neo4j's importer. With --check it validates and writes nothing.\n\nFlags:")
	printFlags(fs)
}

// loadStream wires the flags of `kgql load FILE.ndjson` to loadstream.
func loadStream(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags, f := newStreamFlags()
	rest, err := parseFlags(flags, args, stdout, stderr)
	if err != nil {
		return err
	}
	name := *f.file
	if name == "" && len(rest) == 1 {
		name = rest[0]
	}
	if name == "" || len(rest) > 1 || (*f.file != "" && len(rest) > 0) {
		fmt.Fprintln(stderr, "kgql: load takes one stream, FILE.ndjson or - (kgql load -h)")
		return exitError(2)
	}
	if *f.prof != "" {
		out, err := os.Create(*f.prof)
		if err != nil {
			return err
		}
		defer out.Close()
		if err := pprof.StartCPUProfile(out); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	err = loadstream.Run(ctx, loadstream.Options{
		File: name, Check: *f.check, Data: *f.data, Neo4j: neo4jConfigFromEnv(),
		Bulk: *f.bulk, Launcher: *f.launcher,
		Batch: *f.batch, Writers: *f.writers, Progress: *f.progress, ResumeAfter: *f.resume,
	}, stdout, stderr)
	if errors.Is(err, loadstream.ErrRefused) {
		return exitError(1)
	}
	return err
}
