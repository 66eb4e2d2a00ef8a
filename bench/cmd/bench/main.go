// Command bench runs the benchmark: it starts the systems under test
// (kgql over Neo4j, kgql on the embedded store, the floor, @neo4j/graphql),
// drives each shape on each system in turn with the same parameters
// (bench/internal/workload, picked with a fixed seed from the loaded
// graph) and the same load (bench/internal/loadgen), prints one table and
// writes a JSON file. bench/run.sh prepares what it needs (Neo4j, the
// graph, the binaries, npm ci) and calls it.
//
// main.go runs the steps; systems.go starts and stops the servers,
// measure.go samples the parameters and drives the runs, report.go and
// meta.go say what was measured, where.
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgql/kgql/bench/internal/loadgen"
	"github.com/kgql/kgql/bench/internal/workload"
)

// System names, in table order.
const (
	sysFloor    = "floor"
	sysKGQL     = "kgql"
	sysEmbedded = "kgql-embedded"
	sysNeo      = "neo4j-graphql"
)

var allSystems = []string{sysFloor, sysKGQL, sysEmbedded, sysNeo}

type options struct {
	systems       []string
	shapes        []workload.Shape
	clients       int
	warmup, dur   time.Duration
	seed          uint64
	kgqlBin       string
	kgqlProfBin   string
	floorBin      string
	ngqlDir       string
	embeddedData  string
	neo4jPIDFile  string
	outDir        string
	label         string
	profileDir    string
	portBase      int
	startTimeout  time.Duration
	requestTimout time.Duration
	order         string
}

func main() {
	var o options
	systems := flag.String("systems", strings.Join(allSystems, ","), "systems to run, comma-separated")
	shapes := flag.String("shapes", "all", "shapes to run, comma-separated (all, or any of "+fmt.Sprint(workload.Shapes)+", mix)")
	flag.IntVar(&o.clients, "clients", 4, "concurrent clients")
	flag.DurationVar(&o.warmup, "warmup", 5*time.Second, "warm-up of each run (not measured)")
	flag.DurationVar(&o.dur, "duration", 20*time.Second, "measured time of each run")
	flag.Uint64Var(&o.seed, "seed", 1, "seed of the parameters (ids, names, pairs)")
	flag.StringVar(&o.kgqlBin, "kgql", "bin/kgql", "the kgql binary")
	flag.StringVar(&o.kgqlProfBin, "kgqlprof", "", "the kgqlprof binary (with --profile)")
	flag.StringVar(&o.floorBin, "floor", "bin/floor", "the floor binary")
	flag.StringVar(&o.ngqlDir, "neo4j-graphql", "bench/neo4j-graphql", "the @neo4j/graphql server's directory (npm ci done)")
	flag.StringVar(&o.embeddedData, "embedded-data", "", "the embedded store's directory (empty: no kgql-embedded)")
	flag.StringVar(&o.neo4jPIDFile, "neo4j-pidfile", "", "Neo4j's pid file (scripts/neo4j.sh), for its CPU and memory")
	flag.StringVar(&o.outDir, "out", "bench/out", "where to write the JSON, the logs and profiles")
	flag.StringVar(&o.label, "label", "", "name of the run (default: the dataset's size)")
	flag.StringVar(&o.profileDir, "profile", "", "take a CPU profile of kgql (over Neo4j) during each of its runs, into this directory")
	flag.IntVar(&o.portBase, "port-base", 18090, "systems listen on port-base+1... (bench/run.sh: BENCH_HTTP_PORT)")
	flag.DurationVar(&o.startTimeout, "start-timeout", 15*time.Minute, "how long a system may take to be ready")
	flag.DurationVar(&o.requestTimout, "request-timeout", 60*time.Second, "per request")
	flag.StringVar(&o.order, "order", "shape", "shape: all systems run at once, each shape on each system in turn (they see the same background);\n"+
		"system: one system at a time, all its shapes, then it stops (less memory: for 1M entities)")
	flag.Parse()
	o.systems = strings.Split(*systems, ",")
	var err error
	if o.shapes, err = workload.ParseShapes(*shapes); err != nil {
		fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		fatal(err)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}

// neo4jQuery runs a read query on the benchmark's Neo4j.
type neo4jQuery func(q string) ([]*neo4j.Record, error)

func run(ctx context.Context, o options) error {
	if err := os.MkdirAll(filepath.Join(o.outDir, "logs"), 0o755); err != nil {
		return err
	}
	user := os.Getenv("NEO4J_USER")
	if user == "" {
		user = "neo4j"
	}
	driver, err := neo4j.NewDriverWithContext(os.Getenv("NEO4J_URI"), neo4j.BasicAuth(user, os.Getenv("NEO4J_PASSWORD"), ""))
	if err != nil {
		return err
	}
	defer driver.Close(ctx)
	query := func(q string) ([]*neo4j.Record, error) {
		res, err := neo4j.ExecuteQuery(ctx, driver, q, nil, neo4j.EagerResultTransformer)
		if err != nil {
			return nil, err
		}
		return res.Records, nil
	}

	meta := collectMeta(ctx, o, query)
	if o.label == "" {
		o.label = sizeLabel(meta.Graph["entities"])
	}
	meta.Label = o.label
	params, err := sampleParams(o, meta, query)
	if err != nil {
		return err
	}
	if err := warmNeo4j(query); err != nil {
		return err
	}
	neoPID := readPID(o.neo4jPIDFile)
	report := Report{Skipped: map[string]string{}}
	cfg := loadgen.Config{Clients: o.clients, Warmup: o.warmup, Duration: o.dur, Params: params, NeoPID: neoPID, Timeout: o.requestTimout}
	if err := measureAll(ctx, o, cfg, &report); err != nil {
		return err
	}
	// Table order: by shape, then system.
	slices.SortStableFunc(report.Results, func(a, b loadgen.Stats) int {
		return cmp.Or(cmp.Compare(slices.Index(o.shapes, workload.Shape(a.Shape)), slices.Index(o.shapes, workload.Shape(b.Shape))),
			cmp.Compare(slices.Index(o.systems, a.System), slices.Index(o.systems, b.System)))
	})
	meta.Neo4jRSSMB = loadgen.RSSMB(neoPID)
	report.Meta = meta
	report.Ratios = ratios(report.Results)
	report.Targets = targets(report, meta)

	printTable(os.Stdout, report)
	name := filepath.Join(o.outDir, fmt.Sprintf("bench-%s-%s.json", o.label, time.Now().UTC().Format("20060102-150405")))
	b, _ := json.MarshalIndent(report, "", "  ")
	if err := os.WriteFile(name, b, 0o644); err != nil {
		return err
	}
	os.WriteFile(filepath.Join(o.outDir, "latest.json"), b, 0o644)
	fmt.Printf("\nJSON: %s\n", name)
	return nil
}
