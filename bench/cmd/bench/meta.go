package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/kgql/kgql/bench/internal/workload"
)

// What ran where: the machine, the versions, the dataset.

// collectMeta says what runs where: the machine, the versions, the
// dataset's marker (bench/cmd/benchdata), the graph's size and the
// queries of each shape.
func collectMeta(ctx context.Context, o options, query neo4jQuery) Meta {
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
	for _, s := range workload.Shapes {
		meta.Queries[string(s)] = map[string]string{"kgql": workload.KGQLQuery(s), "neo4j-graphql": workload.NeoGraphQLQuery(s)}
	}
	return meta
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

func versions(ctx context.Context, o options, query neo4jQuery) map[string]string {
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
