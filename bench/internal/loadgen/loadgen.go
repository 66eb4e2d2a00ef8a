// Package loadgen drives one system with one shape: N closed-loop clients
// (each sends a request, waits for the answer, sends the next) over HTTP
// keep-alive connections, a warm-up whose requests are not counted, then a
// measured window. It records every latency (percentiles are exact), the
// errors, kgql's round trips, the server's memory (VmRSS) and the CPU
// time of the server, of Neo4j, of the load generator and of everything
// else on the machine (others' load skews a run; the JSON says how much).
package loadgen

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kgql/kgql/bench/internal/workload"
)

// Target is a system under test.
type Target struct {
	Name     string
	BaseURL  string // http://127.0.0.1:port
	Protocol workload.Protocol
	PID      int // the server process (0: unknown)
}

// Config is how to drive it.
type Config struct {
	Clients  int
	Warmup   time.Duration
	Duration time.Duration
	Params   *workload.Params
	NeoPID   int           // Neo4j's process, for its CPU time (0: none)
	Timeout  time.Duration // per request
}

// Stats is the outcome of one run.
type Stats struct {
	System         string         `json:"system"`
	Shape          string         `json:"shape"`
	Clients        int            `json:"clients"`
	Seconds        float64        `json:"seconds"`
	Requests       int            `json:"requests"` // completed in the window, errors included
	Errors         int            `json:"errors"`
	Throughput     float64        `json:"throughput"` // successful requests per second
	P50            float64        `json:"p50Ms"`
	P95            float64        `json:"p95Ms"`
	P99            float64        `json:"p99Ms"`
	Max            float64        `json:"maxMs"`
	Mean           float64        `json:"meanMs"`
	RoundTrips     float64        `json:"roundTrips"` // mean of extensions.roundTrips; -1: not reported
	FoundRate      float64        `json:"foundRate"`  // path: share with a path; search: share whose misspelt entity is in the top 10; -1: n/a
	RSSMaxMB       float64        `json:"rssMaxMB"`
	RSSEndMB       float64        `json:"rssEndMB"`
	ServerCPUms    float64        `json:"serverCpuMsPerReq"` // server CPU per successful request
	Neo4jCPUms     float64        `json:"neo4jCpuMsPerReq"`
	LoadgenCores   float64        `json:"loadgenCores"`    // cores the load generator used
	OtherCores     float64        `json:"otherCores"`      // cores used by anything else on the machine
	Unfinished     int            `json:"unfinished"`      // requests still running when the window closed (cut off)
	UnfinishedMs   float64        `json:"unfinishedMinMs"` // how long the youngest of them had been running
	FirstError     string         `json:"firstError,omitempty"`
	ErrorsByReason map[string]int `json:"errorsByReason,omitempty"`
}

type sample struct {
	lat        time.Duration
	ok         bool
	rt         int
	found      bool
	err        string
	unfinished bool // cut off at the end of the window; lat is its age then
}

// Run drives t with shape s.
func Run(ctx context.Context, t Target, s workload.Shape, cfg Config) Stats {
	if cfg.Timeout == 0 {
		cfg.Timeout = 60 * time.Second
	}
	transport := &http.Transport{MaxIdleConnsPerHost: 2 * cfg.Clients, MaxConnsPerHost: 2 * cfg.Clients, DisableCompression: true, IdleConnTimeout: time.Minute}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: cfg.Timeout}

	start := time.Now()
	measureFrom := start.Add(cfg.Warmup)
	measureTo := measureFrom.Add(cfg.Duration)
	runCtx, cancel := context.WithDeadline(ctx, measureTo)
	defer cancel()

	var mu sync.Mutex
	var all []sample
	var wg sync.WaitGroup
	for c := range cfg.Clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got := drive(runCtx, client, t, s, cfg, c, measureFrom, measureTo)
			mu.Lock()
			all = append(all, got...)
			mu.Unlock()
		}()
	}

	// Resources: sampled through the measured window.
	var rssMax, rssEnd float64
	waitUntil(ctx, measureFrom)
	cpu0 := readCPU(t.PID, cfg.NeoPID)
	tick := time.NewTicker(200 * time.Millisecond)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
sampling:
	for {
		if v := rssMB(t.PID); v > 0 {
			rssEnd = v
			rssMax = max(rssMax, v)
		}
		select {
		case <-done:
			break sampling
		case <-tick.C:
			if time.Now().After(measureTo) {
				break sampling
			}
		}
	}
	tick.Stop()
	cpu1 := readCPU(t.PID, cfg.NeoPID)
	<-done
	elapsed := cfg.Duration.Seconds()

	st := Stats{System: t.Name, Shape: string(s), Clients: cfg.Clients, Seconds: elapsed, RoundTrips: -1, FoundRate: -1,
		RSSMaxMB: rssMax, RSSEndMB: rssEnd}
	var lats []float64
	var rtSum, rtN, found, foundN int
	reasons := map[string]int{}
	for _, x := range all {
		if x.unfinished {
			ms := float64(x.lat.Microseconds()) / 1000
			if st.Unfinished == 0 || ms < st.UnfinishedMs {
				st.UnfinishedMs = ms
			}
			st.Unfinished++
			continue
		}
		st.Requests++
		if !x.ok {
			st.Errors++
			if st.FirstError == "" {
				st.FirstError = x.err
			}
			reasons[reason(x.err)]++
			continue
		}
		lats = append(lats, float64(x.lat.Microseconds())/1000)
		if x.rt >= 0 {
			rtSum += x.rt
			rtN++
		}
		if s == workload.Path || s == workload.Search {
			foundN++
			if x.found {
				found++
			}
		}
	}
	if len(reasons) > 0 {
		st.ErrorsByReason = reasons
	}
	ok := len(lats)
	st.Throughput = float64(ok) / elapsed
	if ok > 0 {
		slices.Sort(lats)
		st.P50, st.P95, st.P99, st.Max = pct(lats, 50), pct(lats, 95), pct(lats, 99), lats[ok-1]
		sum := 0.0
		for _, l := range lats {
			sum += l
		}
		st.Mean = sum / float64(ok)
		st.ServerCPUms = 1000 * (cpu1.server - cpu0.server) / float64(ok)
		st.Neo4jCPUms = 1000 * (cpu1.neo4j - cpu0.neo4j) / float64(ok)
	}
	if rtN > 0 {
		st.RoundTrips = float64(rtSum) / float64(rtN)
	}
	if foundN > 0 {
		st.FoundRate = float64(found) / float64(foundN)
	}
	wall := cpu1.wall.Sub(cpu0.wall).Seconds()
	if wall > 0 {
		self := cpu1.self - cpu0.self
		st.LoadgenCores = self / wall
		st.OtherCores = max(0, (cpu1.machine-cpu0.machine)-(cpu1.server-cpu0.server)-(cpu1.neo4j-cpu0.neo4j)-self) / wall
	}
	return st
}

// reason shortens an error message to its kind, for counting.
func reason(msg string) string {
	if len(msg) > 60 {
		msg = msg[:60]
	}
	return msg
}

func pct(sorted []float64, p float64) float64 {
	i := int(float64(len(sorted))*p/100+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func waitUntil(ctx context.Context, t time.Time) {
	select {
	case <-ctx.Done():
	case <-time.After(time.Until(t)):
	}
}

// drive is one client: it sends requests until the window ends and keeps
// those completed within it.
func drive(ctx context.Context, client *http.Client, t Target, s workload.Shape, cfg Config, c int, from, to time.Time) []sample {
	var out []sample
	p := cfg.Params
	walks, page := 0, 0 // list walks of this client
	var cursor string
	kind := p.Kinds[c%len(p.Kinds)]
	for k := 0; ctx.Err() == nil; k++ {
		i := c + k*cfg.Clients
		shape := s
		if s == workload.Mix {
			shape = p.MixOrder[i%len(p.MixOrder)]
		}
		req := workload.Req{
			ID:     p.IDs[i%len(p.IDs)],
			Search: p.Searches[i%len(p.Searches)],
			Pair:   p.Pairs[i%len(p.Pairs)],
			Kind:   kind,
			After:  cursor,
		}
		path, body := t.Protocol.Request(shape, req)
		t0 := time.Now()
		status, resp, err := post(ctx, client, t.BaseURL+path, body)
		lat := time.Since(t0)
		end := t0.Add(lat)
		if err != nil && ctx.Err() != nil {
			// The window closed during the request: a slow one is cut off,
			// and says so.
			if lat >= 100*time.Millisecond {
				out = append(out, sample{lat: lat, unfinished: true})
			}
			break
		}
		var res workload.Result
		if err != nil {
			res = workload.Result{Err: err.Error(), RoundTrips: -1}
		} else {
			res = t.Protocol.Check(shape, req, status, resp)
		}
		if !end.Before(from) && !end.After(to) {
			out = append(out, sample{lat: lat, ok: res.Err == "", rt: res.RoundTrips, found: res.Found, err: res.Err})
		}
		if shape == workload.List {
			page++
			cursor = res.EndCursor
			if res.Err != "" || !res.HasNext || cursor == "" || page >= workload.PagesPerWalk {
				walks++
				page, cursor = 0, ""
				kind = p.Kinds[(c+walks*cfg.Clients)%len(p.Kinds)]
			}
		}
	}
	return out
}

func post(ctx context.Context, client *http.Client, url string, body []byte) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// cpuTimes are CPU seconds consumed so far.
type cpuTimes struct {
	server, neo4j, self, machine float64
	wall                         time.Time
}

var clockTicks = 100.0 // USER_HZ: 100 on Linux

func readCPU(server, neo int) cpuTimes {
	return cpuTimes{server: procCPU(server), neo4j: procCPU(neo), self: procCPU(os.Getpid()), machine: machineCPU(), wall: time.Now()}
}

// procCPU is utime+stime of a process, in seconds (0 when unknown).
func procCPU(pid int) float64 {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command may hold spaces: fields start after the last ')'.
	s := string(b)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 13 {
		return 0
	}
	u, _ := strconv.ParseFloat(fields[11], 64)
	st, _ := strconv.ParseFloat(fields[12], 64)
	return (u + st) / clockTicks
}

// machineCPU is the busy CPU time of the whole machine, in seconds.
func machineCPU() float64 {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	fields := strings.Fields(line)
	if len(fields) < 8 || fields[0] != "cpu" {
		return 0
	}
	busy := 0.0
	// user nice system idle iowait irq softirq steal (guest time is in user)
	for i, f := range fields[1:min(9, len(fields))] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		v, _ := strconv.ParseFloat(f, 64)
		busy += v
	}
	return busy / clockTicks
}

// rssMB is VmRSS of a process in MB (0 when unknown).
func rssMB(pid int) float64 {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// RSSMB is rssMB, for the orchestrator.
func RSSMB(pid int) float64 { return rssMB(pid) }
