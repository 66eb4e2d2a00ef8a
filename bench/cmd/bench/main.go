// Command bench runs the benchmark: it starts the systems under test
// (kgql over Neo4j, kgql on the embedded store, the floor, @neo4j/graphql),
// drives each shape on each system in turn with the same parameters
// (bench/internal/workload, picked with a fixed seed from the loaded
// graph) and the same load (bench/internal/loadgen), prints one table and
// writes a JSON file. bench/run.sh prepares what it needs (Neo4j, the
// graph, the binaries, npm ci) and calls it.
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgql/kgql/bench/internal/loadgen"
	"github.com/kgql/kgql/bench/internal/workload"
	"github.com/kgql/kgql/internal/kg"
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
	flag.IntVar(&o.portBase, "port-base", 18090, "systems listen on port-base+1...")
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

// Report is the JSON file.
type Report struct {
	Meta    Meta              `json:"meta"`
	Results []loadgen.Stats   `json:"results"`
	Ratios  []Ratio           `json:"ratios"`
	Targets []Target          `json:"targets"`
	Skipped map[string]string `json:"skipped,omitempty"`
}

// Meta says what ran where.
type Meta struct {
	Label      string                       `json:"label"`
	Time       string                       `json:"time"`
	Command    string                       `json:"command"`
	Machine    map[string]string            `json:"machine"`
	Versions   map[string]string            `json:"versions"`
	Dataset    json.RawMessage              `json:"dataset,omitempty"`
	Graph      map[string]int64             `json:"graph"`
	Clients    int                          `json:"clients"`
	Warmup     string                       `json:"warmup"`
	Duration   string                       `json:"duration"`
	Seed       uint64                       `json:"seed"`
	Neo4jRSSMB float64                      `json:"neo4jRssMB"`
	Queries    map[string]map[string]string `json:"queries"`
}

// Ratio compares kgql with the floor and the library on one shape.
type Ratio struct {
	Shape             string  `json:"shape"`
	KGQLOverFloorP50  float64 `json:"kgqlOverFloorP50"`               // target <= 1.15
	KGQLOverNeoThru   float64 `json:"kgqlOverNeo4jGraphqlThroughput"` // target >= 3
	NeoBound          bool    `json:"neo4jGraphqlBound,omitempty"`    // the library finished no request: the ratios to it are lower bounds
	EmbeddedOverFloor float64 `json:"embeddedOverFloorP50"`
	EmbeddedOverNeo   float64 `json:"embeddedOverNeo4jGraphqlThroughput"`
}

// Target is one of the targets, met or not.
type Target struct {
	What   string  `json:"what"`
	Want   string  `json:"want"`
	Got    float64 `json:"got"`
	Met    bool    `json:"met"`
	Detail string  `json:"detail,omitempty"`
}

type system struct {
	name    string
	target  loadgen.Target
	cmd     *exec.Cmd
	log     *os.File
	stopped bool
	exited  chan struct{} // closed when the process has exited
	waitErr error
}

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

	meta := Meta{Time: time.Now().UTC().Format(time.RFC3339), Command: strings.Join(os.Args, " "),
		Clients: o.clients, Warmup: o.warmup.String(), Duration: o.dur.String(), Seed: o.seed,
		Machine: machine(), Versions: versions(ctx, o, query), Graph: map[string]int64{}, Queries: map[string]map[string]string{}}
	if recs, err := query("MATCH (m:KgqlBenchDataset) RETURN m.json"); err == nil && len(recs) > 0 {
		if s, ok := recs[0].Values[0].(string); ok {
			meta.Dataset = json.RawMessage(s)
		}
	}
	for what, q := range map[string]string{"entities": "MATCH (n:Entity) RETURN count(n)", "relations": "MATCH ()-[r]->() RETURN count(r)"} {
		if recs, err := query(q); err == nil {
			meta.Graph[what] = recs[0].Values[0].(int64)
		}
	}
	if o.label == "" {
		o.label = sizeLabel(meta.Graph["entities"])
	}
	meta.Label = o.label
	for _, s := range workload.Shapes {
		meta.Queries[string(s)] = map[string]string{"kgql": workload.KGQLQuery(s), "neo4j-graphql": workload.NeoGraphQLQuery(s)}
	}

	fmt.Fprintf(os.Stderr, "bench: sampling parameters (seed %d) from %d entities\n", o.seed, meta.Graph["entities"])
	recs, err := query("MATCH (n:Entity) WHERE NOT n:Document RETURN n.id, n.name, n.kind ORDER BY n.id")
	if err != nil {
		return fmt.Errorf("read the entities: %w", err)
	}
	pop := make([]workload.Entity, len(recs))
	for i, r := range recs {
		name, _ := r.Values[1].(string)
		kind, _ := r.Values[2].(string)
		pop[i] = workload.Entity{ID: r.Values[0].(string), Name: name, Kind: kg.Kind(kind)}
	}
	params, err := workload.Sample(pop, o.seed, 20000)
	if err != nil {
		return err
	}
	pop, recs = nil, nil

	// Warm Neo4j's page cache, so that the first system measured does not
	// pay for the disk reads of all: entities, their id index, relations.
	warm := time.Now()
	for _, q := range []string{
		"MATCH (n:Entity) WHERE n.id >= '' RETURN count(*)",
		"MATCH (n:Entity) RETURN count(n.name), count(n.kind)",
		"MATCH ()-[r]->() RETURN count(r.id)",
	} {
		if _, err := query(q); err != nil {
			return fmt.Errorf("warm-up: %w", err)
		}
	}
	fmt.Fprintf(os.Stderr, "bench: Neo4j's page cache warmed in %s\n", time.Since(warm).Round(time.Second))

	neoPID := readPID(o.neo4jPIDFile)
	report := Report{Skipped: map[string]string{}}
	cfg := loadgen.Config{Clients: o.clients, Warmup: o.warmup, Duration: o.dur, Params: params, NeoPID: neoPID, Timeout: o.requestTimout}
	var started []*system
	defer func() {
		for _, s := range started {
			s.stop()
		}
	}()
	start := func(names []string) ([]*system, error) {
		var out []*system
		for _, name := range names {
			i := slices.Index(o.systems, name)
			s, why := startSystem(ctx, o, name, o.portBase+1+i)
			if why != "" {
				fmt.Fprintf(os.Stderr, "bench: %s skipped: %s\n", name, why)
				report.Skipped[name] = why
				continue
			}
			started = append(started, s)
			out = append(out, s)
		}
		for _, s := range out {
			if err := s.waitReady(ctx, o.startTimeout); err != nil {
				return nil, fmt.Errorf("%s: %w (log: %s)", s.name, err, s.log.Name())
			}
			fmt.Fprintf(os.Stderr, "bench: %s ready (pid %d, %.0f MB)\n", s.name, s.target.PID, loadgen.RSSMB(s.target.PID))
		}
		return out, nil
	}
	measure := func(s *system, shape workload.Shape) {
		var profDone chan struct{}
		if o.profileDir != "" && s.name == sysKGQL {
			profDone = profile(ctx, s, o, shape)
		}
		st := loadgen.Run(ctx, s.target, shape, cfg)
		if profDone != nil {
			<-profDone
		}
		report.Results = append(report.Results, st)
		fmt.Fprintf(os.Stderr, "bench: %-13s %-14s %8.1f req/s  p50 %7.2f ms  p99 %8.2f ms  errors %d%s\n",
			shape, s.name, st.Throughput, st.P50, st.P99, st.Errors, errNote(st))
	}
	if o.order == "system" {
		for _, name := range o.systems {
			systems, err := start([]string{name})
			if err != nil {
				return err
			}
			for _, s := range systems {
				for _, shape := range o.shapes {
					if ctx.Err() != nil {
						return ctx.Err()
					}
					measure(s, shape)
				}
				s.stop()
			}
		}
	} else {
		systems, err := start(o.systems)
		if err != nil {
			return err
		}
		for _, shape := range o.shapes {
			for _, s := range systems {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				measure(s, shape)
			}
		}
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

func errNote(st loadgen.Stats) string {
	if st.FirstError == "" {
		return ""
	}
	return " (first: " + st.FirstError + ")"
}

func sizeLabel(n int64) string {
	switch {
	case n >= 1000000 && n%1000000 == 0:
		return fmt.Sprintf("%dM", n/1000000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return strconv.FormatInt(n, 10)
}

func readPID(file string) int {
	if file == "" {
		return 0
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	pid, _ := strconv.Atoi(f[0])
	return pid
}

// startSystem starts a system's server; a non-empty reason says why it
// cannot run.
func startSystem(ctx context.Context, o options, name string, port int) (*system, string) {
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	base := "http://" + addr
	neoEnv := []string{"NEO4J_URI=" + os.Getenv("NEO4J_URI"), "NEO4J_USER=" + os.Getenv("NEO4J_USER"), "NEO4J_PASSWORD=" + os.Getenv("NEO4J_PASSWORD")}
	var cmd *exec.Cmd
	var proto workload.Protocol
	switch name {
	case sysFloor:
		cmd = exec.Command(o.floorBin, "--addr", addr)
		cmd.Env = append(os.Environ(), neoEnv...)
		proto = workload.Floor{}
	case sysKGQL:
		bin := o.kgqlBin
		if o.profileDir != "" {
			if o.kgqlProfBin == "" {
				return nil, "--profile needs --kgqlprof"
			}
			bin = o.kgqlProfBin
		}
		cmd = exec.Command(bin, "--addr", addr)
		cmd.Env = append(os.Environ(), neoEnv...)
		proto = workload.KGQL{}
	case sysEmbedded:
		if o.embeddedData == "" {
			return nil, "no embedded store (--embedded-data)"
		}
		cmd = exec.Command(o.kgqlBin, "--addr", addr, "--data", o.embeddedData)
		cmd.Env = append(withoutNeo4j(os.Environ()), "NEO4J_URI=")
		proto = workload.KGQL{}
	case sysNeo:
		if _, err := os.Stat(filepath.Join(o.ngqlDir, "node_modules", "@neo4j", "graphql")); err != nil {
			return nil, "node_modules missing in " + o.ngqlDir + " (npm ci)"
		}
		node, err := exec.LookPath("node")
		if err != nil {
			return nil, "node not found"
		}
		cmd = exec.Command(node, "server.mjs")
		cmd.Dir = o.ngqlDir
		cmd.Env = append(os.Environ(), append(neoEnv, "PORT="+strconv.Itoa(port), "NODE_ENV=production")...)
		proto = workload.NeoGraphQL{}
	default:
		return nil, "unknown system"
	}
	logf, err := os.Create(filepath.Join(o.outDir, "logs", name+".log"))
	if err != nil {
		return nil, err.Error()
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, err.Error()
	}
	s := &system{name: name, cmd: cmd, log: logf, exited: make(chan struct{}),
		target: loadgen.Target{Name: name, BaseURL: base, Protocol: proto, PID: cmd.Process.Pid}}
	go func() { s.waitErr = cmd.Wait(); close(s.exited) }()
	return s, ""
}

func withoutNeo4j(env []string) []string {
	var out []string
	for _, e := range env {
		if !strings.HasPrefix(e, "NEO4J_") {
			out = append(out, e)
		}
	}
	return out
}

// waitReady polls the server until it answers a request of its protocol.
func (s *system) waitReady(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: 5 * time.Second}
	for {
		ok := false
		switch s.name {
		case sysFloor:
			ok = get(client, s.target.BaseURL+"/healthz")
		case sysKGQL, sysEmbedded:
			ok = get(client, s.target.BaseURL+"/readyz")
		case sysNeo:
			resp, err := client.Post(s.target.BaseURL+"/", "application/json", strings.NewReader(`{"query":"{ __typename }"}`))
			if err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				ok = resp.StatusCode == 200
			}
		}
		if ok {
			return nil
		}
		select {
		case <-s.exited:
			return fmt.Errorf("exited before it was ready: %v", s.waitErr)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(300 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return errors.New("not ready in time")
		}
	}
}

func get(client *http.Client, url string) bool {
	resp, err := client.Get(url)
	if err != nil {
		return false
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == 200
}

func (s *system) stop() {
	if s.stopped {
		return
	}
	s.stopped = true
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
	}
	s.log.Close()
}

// profile takes a CPU profile of kgql during the measured window of a run.
func profile(ctx context.Context, s *system, o options, shape workload.Shape) chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		select {
		case <-ctx.Done():
			return
		case <-time.After(o.warmup):
		}
		secs := int(o.dur.Seconds())
		client := &http.Client{Timeout: o.dur + 30*time.Second}
		resp, err := client.Get(fmt.Sprintf("%s/debug/pprof/profile?seconds=%d", s.target.BaseURL, max(secs, 1)))
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench: profile:", err)
			return
		}
		defer resp.Body.Close()
		os.MkdirAll(o.profileDir, 0o755)
		f, err := os.Create(filepath.Join(o.profileDir, fmt.Sprintf("kgql-%s-%s.pprof", o.label, shape)))
		if err != nil {
			return
		}
		io.Copy(f, resp.Body)
		f.Close()
	}()
	return done
}

func find(results []loadgen.Stats, system, shape string) *loadgen.Stats {
	for i := range results {
		if results[i].System == system && results[i].Shape == shape {
			return &results[i]
		}
	}
	return nil
}

func div(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func ratios(results []loadgen.Stats) []Ratio {
	var out []Ratio
	seen := map[string]bool{}
	for _, r := range results {
		if seen[r.Shape] {
			continue
		}
		seen[r.Shape] = true
		q := Ratio{Shape: r.Shape}
		floor, k, e, n := find(results, sysFloor, r.Shape), find(results, sysKGQL, r.Shape), find(results, sysEmbedded, r.Shape), find(results, sysNeo, r.Shape)
		if k != nil && floor != nil {
			q.KGQLOverFloorP50 = div(k.P50, floor.P50)
		}
		neoThru := 0.0
		if n != nil {
			neoThru = n.Throughput
			if neoThru == 0 && n.Unfinished > 0 && n.UnfinishedMs > 0 {
				// Nothing finished: its throughput is below unfinished
				// requests over the time they had been running.
				neoThru, q.NeoBound = float64(n.Unfinished)/(n.UnfinishedMs/1000), true
			}
		}
		if k != nil && n != nil {
			q.KGQLOverNeoThru = div(k.Throughput, neoThru)
		}
		if e != nil && floor != nil {
			q.EmbeddedOverFloor = div(e.P50, floor.P50)
		}
		if e != nil && n != nil {
			q.EmbeddedOverNeo = div(e.Throughput, neoThru)
		}
		out = append(out, q)
	}
	return out
}

var loadRate = regexp.MustCompile(`\(([0-9.]+) relations/s\)`)

func targets(r Report, meta Meta) []Target {
	var out []Target
	for _, q := range r.Ratios {
		if q.KGQLOverFloorP50 > 0 {
			out = append(out, Target{What: "kgql p50 / floor p50, " + q.Shape, Want: "<= 1.15", Got: q.KGQLOverFloorP50, Met: q.KGQLOverFloorP50 <= 1.15})
		}
		if q.KGQLOverNeoThru > 0 {
			t := Target{What: "kgql / @neo4j/graphql throughput, " + q.Shape, Want: ">= 3", Got: q.KGQLOverNeoThru, Met: q.KGQLOverNeoThru >= 3}
			if q.NeoBound {
				t.Detail = "at least: @neo4j/graphql finished no request in the window"
			}
			out = append(out, t)
		}
	}
	if meta.Graph["entities"] >= 1000000 {
		for _, t := range []struct {
			shape string
			ms    float64
		}{{string(workload.OneHop), 10}, {string(workload.Neighborhood), 50}, {string(workload.Path), 100}} {
			for _, sys := range []string{sysKGQL, sysEmbedded} {
				if st := find(r.Results, sys, t.shape); st != nil {
					out = append(out, Target{What: fmt.Sprintf("%s p99, %s (1M)", sys, t.shape), Want: fmt.Sprintf("<= %.0f ms", t.ms), Got: st.P99, Met: st.P99 <= t.ms})
				}
			}
		}
	}
	var ds struct{ LoadReport, FreshLoadReport string }
	if json.Unmarshal(meta.Dataset, &ds) == nil {
		if ds.FreshLoadReport != "" {
			ds.LoadReport = ds.FreshLoadReport
		} else {
			ds.LoadReport = "" // a reload (of changed items only) says nothing of the loader's rate
		}
		if m := loadRate.FindStringSubmatch(ds.LoadReport); m != nil {
			v, _ := strconv.ParseFloat(m[1], 64)
			detail := ""
			for _, line := range strings.Split(ds.LoadReport, "\n") {
				if strings.HasPrefix(line, "loaded in") {
					detail = line
				}
			}
			out = append(out, Target{What: "loader into Neo4j, relations/s", Want: ">= 50000", Got: v, Met: v >= 50000, Detail: "(" + detail + ")"})
		}
	}
	return out
}

func printTable(w io.Writer, r Report) {
	m := r.Meta
	fmt.Fprintf(w, "\nkgql benchmark %s: %d entities, %d relations; %d clients, %s warm-up, %s measured per run\n\n",
		m.Label, m.Graph["entities"], m.Graph["relations"], m.Clients, m.Warmup, m.Duration)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "shape\tsystem\treq/s\tp50 ms\tp95 ms\tp99 ms\tn\terrors\tcut off\tRT/req\tfound\tRSS MB\tsrv CPU ms/req\tneo4j CPU ms/req\tother cores\t")
	for _, s := range r.Results {
		rt, found := "-", "-"
		if s.RoundTrips >= 0 {
			rt = fmt.Sprintf("%.1f", s.RoundTrips)
		}
		if s.FoundRate >= 0 {
			found = fmt.Sprintf("%.0f%%", 100*s.FoundRate)
		}
		cut := "-"
		if s.Unfinished > 0 {
			cut = fmt.Sprintf("%d (>%s)", s.Unfinished, (time.Duration(s.UnfinishedMs) * time.Millisecond).Round(100*time.Millisecond))
		}
		ok := s.Requests - s.Errors
		lat := func(v float64) string {
			if ok == 0 {
				return "-"
			}
			return fmt.Sprintf("%.2f", v)
		}
		fmt.Fprintf(tw, "%s\t%s\t%.1f\t%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t%.0f\t%.2f\t%.2f\t%.2f\t\n",
			s.Shape, s.System, s.Throughput, lat(s.P50), lat(s.P95), lat(s.P99), ok, s.Errors, cut, rt, found, s.RSSMaxMB, s.ServerCPUms, s.Neo4jCPUms, s.OtherCores)
	}
	tw.Flush()
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "shape\tkgql/floor p50\tkgql÷neo4j-graphql req/s\tembedded/floor p50\tembedded÷neo4j-graphql req/s\t")
	f := func(v float64) string {
		if v == 0 {
			return "-"
		}
		return fmt.Sprintf("%.2f", v)
	}
	for _, q := range r.Ratios {
		bound := ""
		if q.NeoBound {
			bound = "≥ "
		}
		fmt.Fprintf(tw, "%s\t%s\t%s%s\t%s\t%s%s\t\n", q.Shape, f(q.KGQLOverFloorP50), bound, f(q.KGQLOverNeoThru), f(q.EmbeddedOverFloor), bound, f(q.EmbeddedOverNeo))
	}
	tw.Flush()
	fmt.Fprintln(w)
	for _, t := range r.Targets {
		mark := "MISSED"
		if t.Met {
			mark = "met"
		}
		fmt.Fprintf(w, "  %-6s %-55s want %-9s got %.2f %s\n", mark, t.What, t.Want, t.Got, t.Detail)
	}
	for name, why := range r.Skipped {
		fmt.Fprintf(w, "  skipped %s: %s\n", name, why)
	}
}

func machine() map[string]string {
	m := map[string]string{"cpus": strconv.Itoa(runtime.NumCPU()), "os": runtime.GOOS + "/" + runtime.GOARCH}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m["cpu"] = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		line, _, _ := strings.Cut(string(b), "\n")
		m["memory"] = strings.Join(strings.Fields(line)[1:], " ")
	}
	if h, err := os.Hostname(); err == nil {
		m["host"] = h
	}
	return m
}

func versions(ctx context.Context, o options, query func(string) ([]*neo4j.Record, error)) map[string]string {
	v := map[string]string{"go": runtime.Version()}
	if recs, err := query("CALL dbms.components() YIELD name, versions, edition RETURN name + ' ' + versions[0] + ' ' + edition"); err == nil && len(recs) > 0 {
		v["neo4j"], _ = recs[0].Values[0].(string)
	}
	if out, err := exec.CommandContext(ctx, "node", "--version").Output(); err == nil {
		v["node"] = strings.TrimSpace(string(out))
	}
	for _, pkg := range []string{"@neo4j/graphql", "@apollo/server", "neo4j-driver", "graphql"} {
		var p struct{ Version string }
		if b, err := os.ReadFile(filepath.Join(o.ngqlDir, "node_modules", pkg, "package.json")); err == nil && json.Unmarshal(b, &p) == nil {
			v[pkg] = p.Version
		}
	}
	if out, err := exec.CommandContext(ctx, "git", "describe", "--always", "--dirty").Output(); err == nil {
		v["kgql"] = strings.TrimSpace(string(out))
	}
	return v
}
