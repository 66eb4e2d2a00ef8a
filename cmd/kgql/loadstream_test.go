package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/testwait"
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
	read := func(path string) []byte {
		t.Helper()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	a := read(genFile(t, "--entities", "300", "--seed", "5"))
	b := read(genFile(t, "--entities", "300", "--seed", "5"))
	c := read(genFile(t, "--entities", "300", "--seed", "6"))
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

// TestStreamLoadKilledSaysWhatLanded kills `kgql load --data` with SIGKILL
// in the middle of a stream (stopped, by KGQL_TEST_PAUSE, in the
// transaction of its first batch of relations): what its last progress
// line said was written is in the store, nothing of the batch it was
// writing is, and resuming after that line completes the load.
func TestStreamLoadKilledSaysWhatLanded(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	path, dir := genFile(t, "--entities", "500"), t.TempDir()
	p := startKgql(t, []string{memstore.PauseEnv + "=relations-written"},
		"load", "--data", dir, "--batch", "100", "--progress", "10ms", path)
	p.waitLog(t, "paused at relations-written", 30*time.Second)
	before := len(p.log.String())
	testwait.Until(t, "a progress line printed while paused", 30*time.Second, func() bool {
		return strings.Contains(p.log.String()[before:], "every item of lines")
	})
	p.kill()
	progress := regexp.MustCompile(`every item of lines 1-(\d+),`).FindAllStringSubmatch(p.log.String(), -1)
	if len(progress) == 0 {
		t.Fatalf("no progress line says what was written:\n%s", p.log.String())
	}
	through, _ := strconv.Atoi(progress[len(progress)-1][1])
	if through != 501 { // the header, then the 500 entities; no batch of relations committed
		t.Errorf("the last progress line says lines 1-%d were written; want 1-501:\n%s", through, p.log.String())
	}

	store, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Stats(context.Background(), kg.StatsQuery{Filter: kg.StepFilter{Direction: kg.Both, Types: kg.RelationTypes}})
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	if st.Entities != 500 || st.Relations != 0 {
		t.Errorf("after the kill the store holds %d entities and %d relations; want 500 and 0", st.Entities, st.Relations)
	}
	var stdout, stderr bytes.Buffer
	args := []string{"load", "--data", dir, "--resume-after", strconv.Itoa(through), path}
	if err := run(context.Background(), args, &stdout, &stderr); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "entities: 0 created, 0 updated, 0 unchanged") || strings.Contains(stdout.String(), "relations: 0 created") {
		t.Errorf("the resumed load should write the relations only:\n%s", stdout.String())
	}
}
