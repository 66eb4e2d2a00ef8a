package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// process is kgql run as a child process (the test binary as kgql, see
// TestMain), with its log.
type process struct {
	cmd   *exec.Cmd
	log   *lockedWriter
	addr  string
	admin string // the operator's listener (--admin-addr)
}

// startKgql runs kgql with args and the environment plus env, and kills it
// when the test ends.
func startKgql(t *testing.T, env []string, args ...string) *process {
	t.Helper()
	p := &process{log: &lockedWriter{w: new(bytes.Buffer)}}
	if len(args) == 0 || args[0] != "load" {
		p.addr, p.admin = freeAddr(t), freeAddr(t)
		args = append([]string{"--addr", p.addr, "--admin-addr", p.admin}, args...)
	}
	p.cmd = exec.Command(os.Args[0], args...)
	p.cmd.Env = append(append(os.Environ(), "KGQL_TEST_MAIN=1"), env...)
	p.cmd.Stderr = p.log
	p.cmd.Stdout = p.log
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.kill)
	return p
}

func (p *process) kill() {
	p.cmd.Process.Signal(syscall.SIGKILL)
	p.cmd.Wait()
}

// waitLog waits until the log holds s, looking again at each write,
// and fails the test after timeout.
func (p *process) waitLog(t *testing.T, s string, timeout time.Duration) {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		found, grew := p.log.holds(s)
		if found {
			return
		}
		select {
		case <-grew:
		case <-deadline.C:
			t.Fatalf("after %s the log does not say %q:\n%s", timeout, s, p.log.String())
		}
	}
}

// waitExit waits for the process to end and returns its exit status.
func (p *process) waitExit(t *testing.T, timeout time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case <-done:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(timeout):
		t.Fatalf("kgql still runs after %s:\n%s", timeout, p.log.String())
		return 0
	}
}

// graphql posts a query and returns the decoded answer and how long it
// took.
func graphql(t *testing.T, addr, query string) (answer, time.Duration) {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	start := time.Now()
	res, err := http.Post("http://"+addr+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	took := time.Since(start)
	b, _ := io.ReadAll(res.Body)
	var a answer
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatalf("answer %s: %v", b, err)
	}
	return a, took
}

// answer is a GraphQL response.
type answer struct {
	Data   json.RawMessage
	Errors []struct {
		Message    string
		Extensions struct{ Code string }
	}
}

func (a answer) code() string {
	if len(a.Errors) == 0 {
		return ""
	}
	return a.Errors[0].Extensions.Code
}

// readyz returns the status and the body of /readyz.
func readyz(t *testing.T, addr string) (int, string) {
	t.Helper()
	res, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}
