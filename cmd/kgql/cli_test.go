package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jtest"
)

// buildKgql builds the kgql binary into a temporary directory, as a user
// gets it from go build.
func buildKgql(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "kgql")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// cli runs the binary in dir with env added and returns its stdout,
// stderr and exit status.
func cli(t *testing.T, bin, dir string, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()
}

// codes are the extensions.code values, which a person's message must not
// carry ("BAD_USER_INPUT: …").
var codes = []string{kg.EINVALID, kg.ENOTFOUND, kg.EUNAVAILABLE, kg.ETIMEOUT, kg.EINTERNAL}

// checkPlain fails when text repeats a word ("seed seed") or carries an
// error code.
func checkPlain(t *testing.T, what, text string) {
	t.Helper()
	for _, line := range strings.Split(text, "\n") {
		words := strings.Fields(line)
		for i := 1; i < len(words); i++ {
			if strings.EqualFold(words[i], words[i-1]) && regexp.MustCompile(`^[A-Za-z]+$`).MatchString(words[i]) {
				t.Errorf("%s repeats %q: %s", what, words[i], line)
			}
		}
		for _, c := range codes {
			if strings.Contains(line, c+":") {
				t.Errorf("%s carries the code %s: %s", what, c, line)
			}
		}
	}
}

// TestCLIHelp: kgql --help, -h and help list the subcommands and exit 0;
// each subcommand's help (kgql help SUB, kgql SUB -h) gives its inputs,
// flags and environment variables with their defaults, and exits 0; an
// unknown subcommand gets the usage and exit status 2.
func TestCLIHelp(t *testing.T) {
	bin, dir := buildKgql(t), t.TempDir()
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		stdout, stderr, status := cli(t, bin, dir, nil, args...)
		if status != 0 || stderr != "" {
			t.Errorf("kgql %v: exit status %d, stderr %q", args, status, stderr)
		}
		for _, c := range commands {
			if !regexp.MustCompile(`(?m)^  ` + c.name + ` +\S`).MatchString(stdout) {
				t.Errorf("kgql %v does not list %s:\n%s", args, c.name, stdout)
			}
		}
		checkPlain(t, "kgql "+strings.Join(args, " "), stdout)
	}
	for sub, want := range map[string][]string{
		"serve":   {"\n  --addr", "(default \"" + defaultAddr + "\")", "KGQL_ADDR", "\n  --shutdown-grace", "KGQL_SHUTDOWN_GRACE", "\n  --drain-delay", "\n  --max-cost", "(default 100000)", "NEO4J_URI", "NEO4J_DATABASE", "(default: neo4j)"},
		"load":    {"[SEED]", "FILE.ndjson", "\n  --check", "\n  --data", "\n  --resume-after", "(default 5000)", "NEO4J_URI", "NEO4J_PASSWORD", "(default: neo4j)"},
		"gen":     {"\n  --entities", "(default 10000)", "\n  --out"},
		"version": {"kgql --version", "VCS revision and its commit time"},
	} {
		for _, args := range [][]string{{"help", sub}, {sub, "-h"}, {sub, "--help"}} {
			stdout, stderr, status := cli(t, bin, dir, nil, args...)
			if status != 0 || stderr != "" {
				t.Errorf("kgql %v: exit status %d, stderr %q", args, status, stderr)
			}
			for _, w := range want {
				if !strings.Contains(stdout, w) {
					t.Errorf("kgql %v does not say %q:\n%s", args, w, stdout)
				}
			}
			// Every flag as the usage lines write it: --addr, never -addr.
			if single := regexp.MustCompile(`(?m)^  -\w.*$`).FindString(stdout); single != "" {
				t.Errorf("kgql %v writes a flag with one dash: %s", args, single)
			}
		}
	}
	for _, args := range [][]string{{"bogus"}, {"help", "bogus"}} {
		stdout, stderr, status := cli(t, bin, dir, nil, args...)
		if status != 2 || stdout != "" || !strings.Contains(stderr, `no command "bogus"`) || !strings.Contains(stderr, "Commands:") {
			t.Errorf("kgql %v: exit status %d, stdout %q, stderr:\n%s", args, status, stdout, stderr)
		}
	}
}

// TestCLIMessages: what kgql says when it refuses carries no error code
// and repeats no word.
func TestCLIMessages(t *testing.T) {
	bin, dir := buildKgql(t), t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "seed"), os.DirFS("../../seed")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		env    []string
		args   []string
		status int
		stdout string // a part of it
		stderr string // a part of it
	}{
		{[]string{"NEO4J_URI="}, []string{"load", "seed", "--check"}, 0, "seed/: ", ""},
		{[]string{"NEO4J_URI="}, []string{"load", "--check"}, 0, "seed/: ", ""},
		{[]string{"NEO4J_URI="}, []string{"load", "nosuch"}, 1, "", "kgql: no seed directory \"nosuch\"\n"},
		{[]string{"NEO4J_URI="}, []string{"load", "seed"}, 1, "valid", "kgql: NEO4J_URI is not set: "},
		{[]string{"NEO4J_URI=bolt://127.0.0.1:1"}, []string{"load", "seed"}, 1, "valid", "kgql: Neo4j at bolt://127.0.0.1:1 is unreachable"},
		{nil, []string{"load", "nosuch.ndjson"}, 1, "", "kgql: open nosuch.ndjson: no such file or directory\n"},
		{nil, []string{"load", "a", "b"}, 2, "", "kgql: load takes one seed directory, not 2 arguments"},
		{nil, []string{"gen", "--entities", "0"}, 1, "", "kgql: --entities and --relations-per-entity must be positive\n"},
		{nil, []string{"gen", "extra"}, 2, "", `kgql: gen takes no arguments, not "extra"`},
		{nil, []string{"serve", "extra"}, 2, "", `kgql: serve takes no arguments, not "extra"`},
		{nil, []string{"--max-cost", "0"}, 2, "", "kgql: max-cost must be positive\n"},
	} {
		stdout, stderr, status := cli(t, bin, dir, tc.env, tc.args...)
		if status != tc.status || !strings.Contains(stdout, tc.stdout) || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("kgql %v: exit status %d (want %d)\nstdout: %s\nstderr: %s\nwant stdout to hold %q and stderr %q",
				tc.args, status, tc.status, stdout, stderr, tc.stdout, tc.stderr)
		}
		checkPlain(t, "stdout of kgql "+strings.Join(tc.args, " "), stdout)
		checkPlain(t, "stderr of kgql "+strings.Join(tc.args, " "), stderr)
	}
}

// TestCLILoadCheckWritesNothing: `kgql load seed --check`, the form the
// issue gave (the flag after the directory), validates and writes
// nothing, into Neo4j (NEO4J_URI set) or into the embedded store (--data:
// not even its file is created).
func TestCLILoadCheckWritesNothing(t *testing.T) {
	neo4jtest.Open(t) // an empty database, which NEO4J_URI names
	bin, dir := buildKgql(t), t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "seed"), os.DirFS("../../seed")); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, "data")
	for _, args := range [][]string{{"load", "seed", "--check"}, {"load", "seed", "--check", "--data", data}, {"load", "--data", data, "seed", "--check"}} {
		stdout, stderr, status := cli(t, bin, dir, nil, args...)
		if status != 0 || !strings.Contains(stdout, "valid") || strings.Contains(stdout, "created") {
			t.Errorf("kgql %v: exit status %d\n%s%s", args, status, stdout, stderr)
		}
		if nodes, rels := neo4jtest.Counts(t); nodes+rels != 0 {
			t.Errorf("kgql %v wrote %d nodes and %d relationships into Neo4j", args, nodes, rels)
		}
		if _, err := os.Stat(data); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("kgql %v created %s (%v)", args, data, err)
		}
	}
	// The same command without --check writes: the check above can fail.
	if _, stderr, status := cli(t, bin, dir, nil, "load", "seed"); status != 0 {
		t.Fatalf("kgql load seed: exit status %d\n%s", status, stderr)
	}
	if nodes, _ := neo4jtest.Counts(t); nodes == 0 {
		t.Error("kgql load seed wrote nothing")
	}
}
