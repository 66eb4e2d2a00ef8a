package main

import (
	"fmt"
	"maps"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/kgql/kgql/bench/internal/loadgen"
	"github.com/kgql/kgql/bench/internal/workload"
)

// report is a soak's results file.
type report struct {
	opts                  options
	command               string
	start, end            time.Time
	loadBefore, loadAfter string
	entities              int
	calibration           []calibration
	normal                loadgen.Stats
	samples               []sample
	hostile               [][3]string
	logLines              logLines
}

func (r *report) markdown() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	n := r.normal
	w("# Soak: kgql at saturation with hostile requests\n\n")
	w("Written by `make soak` (bench/cmd/soak): %s, from %s to %s UTC.\n\n", "`"+r.command+"`", r.start.UTC().Format("2006-01-02 15:04"), r.end.UTC().Format("15:04"))
	w("kgql serves the embedded store (`--data`, a generated graph of %d entities besides documents) with its default limits (README: Limits). ", r.entities)
	w("%d closed-loop clients send the benchmark's mix (bench/README.md) for %s after %s of warm-up, while hostile clients send the requests of issue 10 alongside. ", r.opts.clients, r.opts.duration, r.opts.warmup)
	w("Machine: %d CPUs (%s); load average (1, 5, 15 min) %s before, %s after; other processes ran on it (other cores used: %.2f on average).\n\n",
		runtime.NumCPU(), cpuModel(), r.loadBefore, r.loadAfter, n.OtherCores)

	w("## Normal requests\n\n| requests | errors | unfinished | req/s | p50 ms | p95 ms | p99 ms | max ms | RSS max MB |\n|---|---|---|---|---|---|---|---|---|\n")
	w("| %d | %d | %d | %.0f | %.1f | %.1f | %.1f | %.0f | %.0f |\n\n", n.Requests, n.Errors, n.Unfinished, n.Throughput, n.P50, n.P95, n.P99, n.Max, n.RSSMaxMB)
	if n.Errors > 0 {
		w("First error: `%s`; by reason: %v.\n\n", n.FirstError, n.ErrorsByReason)
	}

	w("## kgql over time\n\nRSS, goroutines and open file descriptors of kgql, and the hostile connections open at the time.\n\n")
	w("| time | RSS MB | goroutines | open files | held connections | slow readers |\n|---|---|---|---|---|---|\n")
	for _, s := range r.samples {
		w("| %s | %.0f | %d | %d | %d | %d |\n", s.at, s.rssMB, s.goroutines, s.fds, s.heldOpen, s.slowOpen)
	}

	w("\n## Hostile requests\n\nWhat became of each kind (HTTP status, extensions.code, the limit).\n\n| request | outcome | count |\n|---|---|---|\n")
	for _, row := range r.hostile {
		w("| %s | %s | %s |\n", row[0], row[1], row[2])
	}

	w("\nkgql's log: ")
	for i, level := range slices.Sorted(maps.Keys(r.logLines.byLevel)) {
		if i > 0 {
			w(", ")
		}
		w("%d lines at %s", r.logLines.byLevel[level], level)
	}
	w("; %d lines hold the secret of the malformed body.\n", r.logLines.secret)

	w("\n## The cost model's calibration\n\nEach shape alone, %d times on entities picked at random, before the load: its price (extensions.cost) and its median time, and the time per unit of cost. The prices of scans and walks in internal/httpapi/cost.go are set against the pages'.\n\n", calibrationRuns)
	w("%s", r.calibrationTable())
	w("\nThe mix's queries: ")
	for i, s := range workload.Shapes {
		if i > 0 {
			w(", ")
		}
		w("%s %d%%", s, workload.MixWeights[s])
	}
	w(" (bench/internal/workload).\n")
	return b.String()
}

// calibrationTable is the calibration's shapes, each a row.
func (r *report) calibrationTable() string {
	var b strings.Builder
	b.WriteString("| shape | cost | median ms | µs per unit |\n|---|---|---|---|\n")
	for _, c := range r.calibration {
		fmt.Fprintf(&b, "| %s | %d | %.2f | %.3f |\n", c.shape, c.cost, c.medianMs, c.usPerUnit())
	}
	return b.String()
}

// calibrationMarkdown is the file of a calibration alone (make calibrate).
func (r *report) calibrationMarkdown() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# The cost model's calibration\n\n")
	w("Written by `make calibrate` (bench/cmd/soak --calibrate-only): %s, from %s to %s UTC.\n\n", "`"+r.command+"`", r.start.UTC().Format("2006-01-02 15:04"), r.end.UTC().Format("15:04"))
	w("kgql serves the embedded store (`--data`, a generated graph of %d entities besides documents) with its default limits (README: Limits), and nothing else asks it anything. ", r.entities)
	w("Each shape runs alone, %d times on entities picked at random: its price (extensions.cost), its median time, and the time per unit of cost. ", calibrationRuns)
	w("The prices of scans and walks in internal/httpapi/cost.go are set against the pages'. ")
	w("Machine: %d CPUs (%s); load average (1, 5, 15 min) %s before, %s after (other processes ran on it).\n\n", runtime.NumCPU(), cpuModel(), r.loadBefore, r.loadAfter)
	w("%s", r.calibrationTable())
	return b.String()
}

// cpuModel is the model name of the machine's CPU.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}
