package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/kgql/kgql/bench/internal/loadgen"
	"github.com/kgql/kgql/bench/internal/workload"
)

// Process control: the servers under test, started, awaited and stopped.

type system struct {
	name    string
	target  loadgen.Target
	cmd     *exec.Cmd
	log     *os.File
	stopped bool
	exited  chan struct{} // closed when the process has exited
	waitErr error
}

// startSystem starts a system's server; a non-empty reason says why it
// cannot run.
func startSystem(o options, name string, port int) (*system, string) {
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	base := "http://" + addr
	neoEnv := []string{"NEO4J_URI=" + os.Getenv("NEO4J_URI"), "NEO4J_USER=" + os.Getenv("NEO4J_USER"), "NEO4J_PASSWORD=" + os.Getenv("NEO4J_PASSWORD")}
	// The operator's listener on a port of its own (a bench run may start
	// a kgql before the last one let go of its ports), and the budgets
	// off: the benchmark is one client that measures throughput.
	anyAdminPort := "KGQL_ADMIN_ADDR=127.0.0.1:0"
	budgetsOff := []string{"KGQL_REQUESTS_PER_SECOND=0", "KGQL_COST_PER_SECOND=0", "KGQL_MAX_COST_IN_FLIGHT=0"}
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
		cmd.Env = append(append(append(os.Environ(), neoEnv...), anyAdminPort), budgetsOff...)
		proto = workload.KGQL{}
	case sysEmbedded:
		if o.embeddedData == "" {
			return nil, "no embedded store (--embedded-data)"
		}
		cmd = exec.Command(o.kgqlBin, "--addr", addr, "--data", o.embeddedData)
		cmd.Env = append(append(withoutNeo4j(os.Environ()), "NEO4J_URI=", anyAdminPort), budgetsOff...)
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
	// The port in the name: two runs on one machine (bench/run.sh, BENCH_HTTP_PORT) keep their logs apart.
	logf, err := os.Create(filepath.Join(o.outDir, "logs", fmt.Sprintf("%s-%d.log", name, port)))
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
