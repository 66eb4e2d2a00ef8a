package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/kgql/kgql/bench/internal/loadgen"
	"github.com/kgql/kgql/bench/internal/workload"
	"github.com/kgql/kgql/internal/kg"
)

// Measurement: the parameters, the warm-up and the runs.

// sampleParams picks the parameters of every request from the graph's
// entities (documents aside), with the run's seed.
func sampleParams(o options, meta Meta, query neo4jQuery) (*workload.Params, error) {
	fmt.Fprintf(os.Stderr, "bench: sampling parameters (seed %d) from %d entities\n", o.seed, meta.Graph["entities"])
	recs, err := query("MATCH (n:Entity) WHERE NOT n:Document RETURN n.id, n.name, n.kind ORDER BY n.id")
	if err != nil {
		return nil, fmt.Errorf("read the entities: %w", err)
	}
	pop := make([]workload.Entity, len(recs))
	for i, r := range recs {
		name, _ := r.Values[1].(string)
		kind, _ := r.Values[2].(string)
		pop[i] = workload.Entity{ID: r.Values[0].(string), Name: name, Kind: kg.Kind(kind)}
	}
	return workload.Sample(pop, o.seed, 20000)
}

// warmNeo4j reads entities, their id index and relations once, so that
// the first system measured does not pay for the disk reads of all.
func warmNeo4j(query neo4jQuery) error {
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
	return nil
}

// measureAll runs every shape on every system, in the order o.order says,
// and adds the results (and the systems that could not run) to report.
func measureAll(ctx context.Context, o options, cfg loadgen.Config, report *Report) error {
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
			s, why := startSystem(o, name, o.portBase+1+i)
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
		return nil
	}
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
	return nil
}

func errNote(st loadgen.Stats) string {
	if st.FirstError == "" {
		return ""
	}
	return " (first: " + st.FirstError + ")"
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
