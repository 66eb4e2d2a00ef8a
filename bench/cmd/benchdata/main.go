// Command benchdata makes sure the benchmark's graph is loaded, once: it
// records what it loaded (the generator's options) in a marker, in Neo4j
// a node (:KgqlBenchDataset) that kgql never reads, in the embedded
// store a file next to it, and loads (kgql gen | kgql load -) only when
// the marker is missing, incomplete or names other options. Into an empty
// Neo4j of the local launcher (--bulk-launcher) it loads with kgql load
// --bulk, through Neo4j's importer.
//
//	benchdata --kgql bin/kgql --entities 100000 --seed 1 [--wipe] [--bulk-launcher scripts/neo4j.sh]   # Neo4j (NEO4J_*)
//	benchdata --kgql bin/kgql --entities 100000 --seed 1 --data DIR           # embedded store
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgql/kgql/internal/neo4jstore"
)

// Dataset is what a marker records.
type Dataset struct {
	Entities           int     `json:"entities"`
	Seed               uint64  `json:"seed"`
	RelationsPerEntity float64 `json:"relationsPerEntity"`
	StoreFormat        string  `json:"storeFormat,omitempty"` // Neo4j: neo4jstore.StoreFormat() of the loader
	Complete           bool    `json:"complete"`
	LoadedAt           string  `json:"loadedAt,omitempty"`
	LoadSeconds        float64 `json:"loadSeconds,omitempty"`
	LoadReport         string  `json:"loadReport,omitempty"` // kgql load's summary lines, of the last load
	// FreshLoadReport is LoadReport of the load into an empty store: the
	// loader's rate (a reload rewrites only what changed).
	FreshLoadReport string `json:"freshLoadReport,omitempty"`
}

func (d Dataset) same(o Dataset) bool {
	return d.Entities == o.Entities && d.Seed == o.Seed && d.RelationsPerEntity == o.RelationsPerEntity
}

func main() {
	kgql := flag.String("kgql", "bin/kgql", "the kgql binary")
	entities := flag.Int("entities", 100000, "entities of the generated graph")
	seed := flag.Uint64("seed", 1, "generator seed")
	rpe := flag.Float64("relations-per-entity", 7, "relations per entity")
	data := flag.String("data", "", "the embedded store's directory (instead of Neo4j)")
	wipe := flag.Bool("wipe", false, "Neo4j: delete a graph that is not the wanted one")
	launcher := flag.String("bulk-launcher", "", "Neo4j: the launcher (scripts/neo4j.sh) whose Neo4j NEO4J_URI is: load an empty one with kgql load --bulk")
	flag.Parse()
	want := Dataset{Entities: *entities, Seed: *seed, RelationsPerEntity: *rpe}
	if *data == "" {
		want.StoreFormat = neo4jstore.StoreFormat()
	}
	ctx := context.Background()
	var err error
	if *data != "" {
		err = embedded(ctx, *kgql, *data, want)
	} else {
		err = neo4jData(ctx, *kgql, want, *wipe, *launcher)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchdata:", err)
		os.Exit(1)
	}
}

func genArgs(d Dataset) []string {
	return []string{"gen", "--quiet", "--entities", fmt.Sprint(d.Entities), "--seed", fmt.Sprint(d.Seed),
		"--relations-per-entity", fmt.Sprint(d.RelationsPerEntity)}
}

// pipeLoad runs kgql gen | kgql load [extra...] -, echoing load's output,
// and returns its summary lines.
func pipeLoad(ctx context.Context, kgql string, d Dataset, extra ...string) (string, error) {
	gen := exec.CommandContext(ctx, kgql, genArgs(d)...)
	load := exec.CommandContext(ctx, kgql, append(append([]string{"load", "--progress", "15s"}, extra...), "-")...)
	pr, pw := io.Pipe()
	gen.Stdout, gen.Stderr = pw, os.Stderr
	load.Stdin, load.Stderr = pr, os.Stderr
	out, err := load.StdoutPipe()
	if err != nil {
		return "", err
	}
	if err := gen.Start(); err != nil {
		return "", err
	}
	if err := load.Start(); err != nil {
		return "", err
	}
	genDone := make(chan error, 1)
	go func() { err := gen.Wait(); pw.CloseWithError(err); genDone <- err }()
	var summary strings.Builder
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		fmt.Println(sc.Text())
		summary.WriteString(sc.Text() + "\n")
	}
	loadErr := load.Wait()
	pr.Close()
	if err := <-genDone; err != nil && loadErr == nil {
		return "", fmt.Errorf("kgql gen: %w", err)
	}
	if loadErr != nil {
		return "", fmt.Errorf("kgql load: %w", loadErr)
	}
	return summary.String(), nil
}

func embedded(ctx context.Context, kgql, dir string, want Dataset) error {
	markerPath := filepath.Join(dir, "bench-dataset.json")
	var have Dataset
	if b, err := os.ReadFile(markerPath); err == nil {
		if json.Unmarshal(b, &have) == nil && have.same(want) && have.Complete {
			fmt.Printf("benchdata: %s already holds the graph (%d entities, seed %d, loaded %s)\n", dir, want.Entities, want.Seed, have.LoadedAt)
			return nil
		}
	}
	// Anything else: start afresh (an embedded load is fast enough).
	os.Remove(markerPath)
	if err := os.RemoveAll(filepath.Join(dir, "kgql.db")); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	fmt.Printf("benchdata: loading %d entities (seed %d) into the embedded store in %s\n", want.Entities, want.Seed, dir)
	start := time.Now()
	summary, err := pipeLoad(ctx, kgql, want, "--data", dir)
	if err != nil {
		return err
	}
	want.Complete, want.LoadedAt, want.LoadSeconds, want.LoadReport = true, time.Now().UTC().Format(time.RFC3339), time.Since(start).Seconds(), summary
	b, _ := json.MarshalIndent(want, "", "  ")
	return os.WriteFile(markerPath, b, 0o644)
}

const markerLabel = "KgqlBenchDataset"

func neo4jData(ctx context.Context, kgql string, want Dataset, wipe bool, launcher string) error {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		return errors.New("NEO4J_URI is not set")
	}
	user := os.Getenv("NEO4J_USER")
	if user == "" {
		user = "neo4j"
	}
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, os.Getenv("NEO4J_PASSWORD"), ""))
	if err != nil {
		return err
	}
	defer driver.Close(ctx)
	query := func(q string, params map[string]any) ([]*neo4j.Record, error) {
		res, err := neo4j.ExecuteQuery(ctx, driver, q, params, neo4j.EagerResultTransformer)
		if err != nil {
			return nil, err
		}
		return res.Records, nil
	}
	recs, err := query("MATCH (m:"+markerLabel+") RETURN m.json AS json", nil)
	if err != nil {
		return err
	}
	var have *Dataset
	if len(recs) > 0 {
		s, _ := recs[0].Values[0].(string)
		var d Dataset
		if json.Unmarshal([]byte(s), &d) == nil {
			have = &d
		}
	}
	switch {
	case have != nil && have.same(want) && have.Complete && have.StoreFormat == want.StoreFormat:
		fmt.Printf("benchdata: Neo4j already holds the graph (%d entities, seed %d, loaded %s)\n", want.Entities, want.Seed, have.LoadedAt)
		return nil
	case have != nil && have.same(want) && !have.Complete:
		fmt.Println("benchdata: resuming an incomplete load (items merge on their ids)")
	case have != nil && have.same(want):
		// kgql now writes the graph otherwise (a property, an index):
		// loading again rewrites what changed and nothing else.
		fmt.Println("benchdata: the graph was loaded by a kgql that stored it otherwise: loading it again (changed items only)")
	default:
		recs, err := query("MATCH (n) RETURN count(n) AS n", nil)
		if err != nil {
			return err
		}
		if n := recs[0].Values[0].(int64); n > 0 {
			if !wipe {
				return fmt.Errorf("Neo4j (%s) holds %d nodes that are not the benchmark's graph; pass --wipe (BENCH_WIPE=1) to delete them", uri, n)
			}
			fmt.Printf("benchdata: deleting the %d nodes of another graph\n", n)
			if err := wipeAll(ctx, driver); err != nil {
				return err
			}
		}
	}
	fresh := true
	if have != nil && have.same(want) {
		fresh = false
		want.FreshLoadReport = have.FreshLoadReport
	}
	mark := func(d Dataset) error {
		// A new driver: a bulk load restarts Neo4j.
		driver, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(user, os.Getenv("NEO4J_PASSWORD"), ""))
		if err != nil {
			return err
		}
		defer driver.Close(ctx)
		b, _ := json.Marshal(d)
		_, err = neo4j.ExecuteQuery(ctx, driver, "MERGE (m:"+markerLabel+" {key: 'bench'}) SET m.json = $json",
			map[string]any{"json": string(b)}, neo4j.EagerResultTransformer)
		return err
	}
	var extra []string
	if fresh && launcher != "" {
		// The import replaces the database: the marker is written after.
		extra = []string{"--bulk", "--launcher", launcher}
	} else if err := mark(want); err != nil { // incomplete until the load ends
		return err
	}
	fmt.Printf("benchdata: loading %d entities (seed %d) into Neo4j (%s) %v\n", want.Entities, want.Seed, uri, extra)
	start := time.Now()
	summary, err := pipeLoad(ctx, kgql, want, extra...)
	if err != nil {
		return err
	}
	want.Complete, want.LoadedAt, want.LoadSeconds, want.LoadReport = true, time.Now().UTC().Format(time.RFC3339), time.Since(start).Seconds(), summary
	if fresh {
		want.FreshLoadReport = summary
	}
	return mark(want)
}

// wipeAll deletes every node in batches (an auto-commit query: CALL IN
// TRANSACTIONS needs one).
func wipeAll(ctx context.Context, driver neo4j.DriverWithContext) error {
	s := driver.NewSession(ctx, neo4j.SessionConfig{})
	defer s.Close(ctx)
	res, err := s.Run(ctx, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS", nil)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}
