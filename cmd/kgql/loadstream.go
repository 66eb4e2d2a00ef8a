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

// loadStream wires the flags of `kgql load FILE.ndjson` to loadstream.
func loadStream(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("load", flag.ContinueOnError)
	flags.SetOutput(stderr)
	check := flags.Bool("check", false, "validate the stream only; connect to no store")
	file := flags.String("ndjson", "", "the NDJSON file to load; - for stdin")
	data := flags.String("data", "", "load into the embedded store kept in this directory instead of Neo4j")
	bulk := flags.Bool("bulk", false, "load into an EMPTY Neo4j of the local launcher through Neo4j's importer (it restarts Neo4j)")
	launcher := flags.String("launcher", "scripts/neo4j.sh", "the local Neo4j launcher, for --bulk")
	batch := flags.Int("batch", neo4jstore.BatchSize, "items per write transaction")
	writers := flags.Int("writers", 2, "concurrent write transactions")
	progressEvery := flags.Duration("progress", 2*time.Second, "progress interval (0: none)")
	cpuProfile := flags.String("cpuprofile", "", "write a CPU profile of the load to this file")
	resumeAfter := flags.Int("resume-after", 0, "read the items on lines up to this one but do not write them: a load cut short says through which line it wrote everything")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "Usage: kgql load [--check] [--data DIR | --bulk] [--resume-after LINE] FILE.ndjson|-\n\n"+
			"Streams an NDJSON graph (kgql gen's output; the format is documented in\n"+
			"internal/ndjson) into Neo4j (NEO4J_URI), or with --data into the embedded store.\n"+
			"Items are merged on their ids: loading twice changes nothing, and a load cut\n"+
			"short completes by loading again (or --resume-after the line it names). With\n"+
			"--bulk, into an empty Neo4j started by the launcher (make neo4j-up), through\n"+
			"Neo4j's importer.")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return exitError(2)
	}
	name := *file
	if name == "" {
		name = flags.Arg(0)
	}
	if name == "" || flags.NArg() > 1 || (*file != "" && flags.NArg() > 0) {
		flags.Usage()
		return exitError(2)
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	err := loadstream.Run(ctx, loadstream.Options{
		File: name, Check: *check, Data: *data, Neo4j: neo4jConfigFromEnv(),
		Bulk: *bulk, Launcher: *launcher,
		Batch: *batch, Writers: *writers, Progress: *progressEvery, ResumeAfter: *resumeAfter,
	}, stdout, stderr)
	if errors.Is(err, loadstream.ErrRefused) {
		return exitError(1)
	}
	return err
}
