package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// genFile writes kgql gen's output for the arguments into a file.
func genFile(t *testing.T, args ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "graph.ndjson")
	var stderr bytes.Buffer
	if err := run(context.Background(), append([]string{"gen", "--quiet", "--out", path}, args...), &bytes.Buffer{}, &stderr); err != nil {
		t.Fatalf("gen: %v\n%s", err, stderr.String())
	}
	return path
}

func TestGenIsDeterministic(t *testing.T) {
	a, _ := os.ReadFile(genFile(t, "--entities", "300", "--seed", "5"))
	b, _ := os.ReadFile(genFile(t, "--entities", "300", "--seed", "5"))
	c, _ := os.ReadFile(genFile(t, "--entities", "300", "--seed", "6"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("two runs with the same options differ")
	}
	if bytes.Equal(a, c) {
		t.Error("another seed gives the same graph")
	}
	if first, _, _ := strings.Cut(string(a), "\n"); !strings.Contains(first, `"header"`) || !strings.Contains(first, `"seed":5`) {
		t.Errorf("first line is not a header with the options: %s", first)
	}
}

// TestLoadStreamFlags: `kgql load FILE.ndjson` reaches internal/loadstream
// with its flags; the pipeline's own tests are there.
func TestLoadStreamFlags(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	path := genFile(t, "--entities", "200")
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"load", "--check", path}, &stdout, &stderr); err != nil {
		t.Fatalf("load --check: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "200 entities") || !strings.Contains(stdout.String(), "valid") {
		t.Errorf("stdout = %q", stdout.String())
	}

	bad := filepath.Join(t.TempDir(), "bad.ndjson")
	os.WriteFile(bad, []byte(`{"entity":{"id":"person/x"}}`+"\n"), 0o644)
	err := run(context.Background(), []string{"load", "--check", bad}, &stdout, &stderr)
	var exit exitError
	if !errors.As(err, &exit) || exit != 1 || !strings.Contains(stderr.String(), bad+":1: ") {
		t.Errorf("load --check of a bad stream: err = %v, want exit status 1 naming line 1\n%s", err, stderr.String())
	}

	err = run(context.Background(), []string{"load", "--bulk", "--data", t.TempDir(), path}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "--bulk") {
		t.Errorf("load --bulk --data: err = %v, want a refusal naming --bulk", err)
	}
}
