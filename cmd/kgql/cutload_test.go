package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/testwait"
)

// TestCutLoadIsNotReady: a streamed load into --data that stops half way
// leaves a mark; a kgql started on the store says so in its log and its
// /readyz answers 503 with the command that completes the load, unless
// started with --accept-partial-load; completing the load clears it.
func TestCutLoadIsNotReady(t *testing.T) {
	good := genFile(t, "--entities", "400", "--seed", "3")
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	lines[len(lines)/2] = `{"entity": {"id": "not an id"}}` // stops the load there
	cut := good + ".cut.ndjson"
	if err := os.WriteFile(cut, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var stderr bytes.Buffer
	if err := run(context.Background(), []string{"load", "--data", dir, "--batch", "10", cut}, &bytes.Buffer{}, &stderr); err == nil {
		t.Fatal("a stream with a bad line loaded")
	}

	held := startKgql(t, []string{"NEO4J_URI="}, "--data", dir)
	held.waitLog(t, "the store holds part of a load", 30*time.Second)
	waitServing(t, held)
	if status, body := readyz(t, held.addr); status != http.StatusServiceUnavailable || strings.Contains(body, dir) {
		t.Errorf("the public /readyz of a cut store: %d %s, want 503 without the details", status, body)
	}
	if status, body := readyz(t, held.admin); status != http.StatusServiceUnavailable || !strings.Contains(body, "kgql load --data "+dir+" "+cut) || !strings.Contains(body, "--accept-partial-load") {
		t.Errorf("the admin /readyz of a cut store: %d %s, want 503 with the command that completes the load", status, body)
	}
	held.kill()

	accepted := startKgql(t, []string{"NEO4J_URI="}, "--data", dir, "--accept-partial-load")
	waitReady(t, accepted.addr)
	accepted.waitLog(t, "served as it is", 10*time.Second)
	accepted.kill()

	stderr.Reset()
	if err := run(context.Background(), []string{"load", "--data", dir, good}, &bytes.Buffer{}, &stderr); err != nil {
		t.Fatalf("completing the load: %v\n%s", err, stderr.String())
	}
	done := startKgql(t, []string{"NEO4J_URI="}, "--data", dir)
	waitReady(t, done.addr)
	if strings.Contains(done.log.String(), "part of a load") {
		t.Errorf("a completed load is still reported:\n%s", done.log.String())
	}
}

// waitServing waits for the process to serve /healthz.
func waitServing(t *testing.T, p *process) {
	t.Helper()
	testwait.Until(t, "kgql serves /healthz", 30*time.Second, func() bool {
		res, err := http.Get("http://" + p.addr + "/healthz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == http.StatusOK
	})
}
