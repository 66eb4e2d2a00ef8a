// Command soak holds kgql at saturation for a long time with hostile
// requests mixed in (make soak; bench/SOAK.md has a run): the benchmark's
// mix of normal requests from closed-loop clients, and at the same time
// the amplification shapes of issue 10, malformed and oversized bodies,
// clients that never read their answers and connections held open
// without a request. It records the errors of the normal requests (there
// must be none), kgql's RSS and goroutines over time (they must stay
// flat), what became of the hostile requests, and, before the load, what
// each priced shape costs and takes (the cost model's calibration).
// With --calibrate-only it calibrates and stops (make calibrate writes
// bench/CALIBRATION.md so).
//
//	go run ./bench/cmd/soak --kgql bin/kgql --data DIR --duration 10m --out bench/SOAK.md
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/kgql/kgql/bench/internal/loadgen"
	"github.com/kgql/kgql/bench/internal/workload"
)

type options struct {
	kgql, data, out string
	log             string
	entities        int
	duration        time.Duration
	warmup          time.Duration
	clients         int
	held            int
	calibrateOnly   bool
	sampleEvery     time.Duration
}

func main() {
	var o options
	flag.StringVar(&o.kgql, "kgql", "", "the kgql binary")
	flag.StringVar(&o.data, "data", "", "the embedded store's directory (made with kgql gen | kgql load --data when it holds no graph)")
	flag.IntVar(&o.entities, "entities", 50000, "entities of the generated graph")
	flag.DurationVar(&o.duration, "duration", 10*time.Minute, "how long the load lasts")
	flag.DurationVar(&o.warmup, "warmup", 15*time.Second, "load before the measured window")
	flag.IntVar(&o.clients, "clients", 16, "closed-loop clients of normal requests")
	flag.IntVar(&o.held, "held", 1500, "connections held open without a request (above kgql's max-conns)")
	flag.DurationVar(&o.sampleEvery, "sample", 30*time.Second, "how often RSS and goroutines are recorded")
	flag.BoolVar(&o.calibrateOnly, "calibrate-only", false, "only calibrate the cost model (no load): --out gets the calibration table (make calibrate)")
	flag.StringVar(&o.out, "out", "bench/SOAK.md", "the results file")
	flag.StringVar(&o.log, "log", "bench/out/soak-kgql.log", "kgql's log (one line per request: large)")
	flag.Parse()
	if o.kgql == "" || o.data == "" {
		fmt.Fprintln(os.Stderr, "soak: --kgql and --data are needed")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "soak: "+format+"\n", args...)
}

func run(ctx context.Context, o options) error {
	if err := ensureGraph(ctx, o); err != nil {
		return err
	}
	srv, err := start(ctx, o)
	if err != nil {
		return err
	}
	defer srv.stop()
	r := &report{opts: o, start: time.Now(), loadBefore: loadAverage(), command: strings.Join(os.Args, " ")}

	logf("reading the graph's entities for the workload")
	pop, err := population(ctx, srv.base)
	if err != nil {
		return err
	}
	params, err := workload.Sample(pop, 1, 20000)
	if err != nil {
		return err
	}
	r.entities = len(pop)

	logf("calibrating the cost model (sequential, before the load)")
	if r.calibration, err = calibrate(ctx, srv.base, pop); err != nil {
		return err
	}
	if o.calibrateOnly {
		r.end, r.loadAfter = time.Now(), loadAverage()
		srv.stop()
		if err := os.WriteFile(o.out, []byte(r.calibrationMarkdown()), 0o644); err != nil {
			return err
		}
		logf("wrote %s: %d shapes calibrated", o.out, len(r.calibration))
		return nil
	}

	logf("load: %d clients of the mix for %s (after %s of warm-up), hostile requests alongside", o.clients, o.duration, o.warmup)
	loadCtx, cancelLoad := context.WithCancel(ctx)
	defer cancelLoad()
	h := newHostile(srv.base, o.held)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); h.run(loadCtx) }()
	samplesDone := make(chan []sample, 1)
	go func() { samplesDone <- sampleServer(loadCtx, srv, o.sampleEvery, h) }()

	r.normal = loadgen.Run(ctx, loadgen.Target{Name: "kgql-embedded", BaseURL: srv.base, Protocol: workload.KGQL{}, PID: srv.pid()},
		workload.Mix, loadgen.Config{Clients: o.clients, Warmup: o.warmup, Duration: o.duration, Params: params, Timeout: 30 * time.Second})
	cancelLoad()
	wg.Wait()
	r.samples = <-samplesDone
	r.hostile = h.tally()
	r.end = time.Now()
	r.loadAfter = loadAverage()
	srv.stop()
	if r.logLines, err = readLog(o.log); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err := os.WriteFile(o.out, []byte(r.markdown()), 0o644); err != nil {
		return err
	}
	logf("wrote %s: %d normal requests, %d errors", o.out, r.normal.Requests, r.normal.Errors)
	if r.normal.Errors > 0 {
		return fmt.Errorf("%d normal requests failed (first: %s)", r.normal.Errors, r.normal.FirstError)
	}
	return nil
}

// ensureGraph generates and loads the graph when the directory holds
// none.
func ensureGraph(ctx context.Context, o options) error {
	if _, err := os.Stat(filepath.Join(o.data, "kgql.db")); err == nil {
		return nil
	}
	logf("generating %d entities into %s", o.entities, o.data)
	gen := exec.CommandContext(ctx, o.kgql, "gen", "--entities", strconv.Itoa(o.entities))
	load := exec.CommandContext(ctx, o.kgql, "load", "--data", o.data, "-")
	load.Env = withoutNeo4j(os.Environ())
	pipe, err := gen.StdoutPipe()
	if err != nil {
		return err
	}
	load.Stdin, load.Stderr, gen.Stderr = pipe, os.Stderr, os.Stderr
	if err := gen.Start(); err != nil {
		return err
	}
	if err := load.Run(); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	return gen.Wait()
}

// server is the kgql under soak.
type server struct {
	cmd     *exec.Cmd
	base    string
	debug   string
	exited  chan struct{}
	log     *os.File
	stopped bool
}

func (s *server) pid() int { return s.cmd.Process.Pid }

func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// start runs kgql on the embedded store with its default limits, and its
// profiles on a debug address (for the goroutine count).
func start(ctx context.Context, o options) (*server, error) {
	addr, err := freePort()
	if err != nil {
		return nil, err
	}
	debug, err := freePort()
	if err != nil {
		return nil, err
	}
	logPath := o.log
	if err := os.MkdirAll(filepath.Dir(logPath), 0o755); err != nil {
		return nil, err
	}
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(o.kgql, "--addr", addr, "--data", o.data, "--admin-addr", debug)
	// The budgets off: the soak's clients share one address, and what it
	// measures is memory and goroutines under load, not admission.
	cmd.Env = append(withoutNeo4j(os.Environ()), "KGQL_REQUESTS_PER_SECOND=0", "KGQL_COST_PER_SECOND=0", "KGQL_MAX_COST_IN_FLIGHT=0")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, base: "http://" + addr, debug: "http://" + debug, exited: make(chan struct{}), log: logFile}
	go func() { cmd.Wait(); close(s.exited) }()
	client := &http.Client{Timeout: 5 * time.Second}
	for deadline := time.Now().Add(2 * time.Minute); ; {
		if res, err := client.Get(s.base + "/readyz"); err == nil {
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		select {
		case <-s.exited:
			return nil, fmt.Errorf("kgql exited before it was ready (log: %s)", logPath)
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, errors.New("kgql not ready in 2 minutes")
		}
	}
}

func (s *server) stop() {
	if s.stopped {
		return
	}
	s.stopped = true
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
	}
	s.log.Close()
}

func withoutNeo4j(env []string) []string {
	var out []string
	for _, e := range env {
		if !strings.HasPrefix(e, "NEO4J_") {
			out = append(out, e)
		}
	}
	return append(out, "NEO4J_URI=")
}

// loadAverage is the machine's 1, 5 and 15 minute load averages.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// logLines counts kgql's log lines by level, and those that hold the
// secret a hostile body carried (there must be none).
type logLines struct {
	byLevel map[string]int
	secret  int
}

func readLog(path string) (logLines, error) {
	f, err := os.Open(path)
	if err != nil {
		return logLines{}, err
	}
	defer f.Close()
	out := logLines{byLevel: map[string]int{}}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		line := sc.Text()
		level := "other"
		if _, rest, ok := strings.Cut(line, "level="); ok {
			level, _, _ = strings.Cut(rest, " ")
		}
		out.byLevel[level]++
		if strings.Contains(line, hostileSecret) {
			out.secret++
		}
	}
	return out, sc.Err()
}
