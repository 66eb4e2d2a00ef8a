package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestVersion: kgql version and kgql --version print the revision that
// git holds for HEAD and the commit's time, as the Go toolchain stamps a
// build from a clone (-buildvcs=true, whatever GOFLAGS says), and the
// first log line of kgql serve carries the same. The toolchain stamps
// nothing in a git worktree (whose .git is a file) or outside git: there
// the build is "unknown" and the test checks that.
func TestVersion(t *testing.T) {
	revision := "unknown"
	if top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output(); err == nil {
		if st, err := os.Stat(filepath.Join(strings.TrimSpace(string(top)), ".git")); err == nil && st.IsDir() {
			head, err := exec.Command("git", "rev-parse", "HEAD").Output()
			if err != nil {
				t.Fatal(err)
			}
			revision = strings.TrimSpace(string(head))
		}
	}
	when := `\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`
	if revision == "unknown" {
		t.Log("not a git clone: the build carries no VCS information")
		when = "unknown"
	}
	bin := filepath.Join(t.TempDir(), "kgql")
	if out, err := exec.Command("go", "build", "-buildvcs=true", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	want := regexp.MustCompile(`^kgql \S+ \(revision ` + revision + `, built from a commit of ` + when + `, modified (true|false)\)\n$`)
	for _, args := range [][]string{{"version"}, {"--version"}} {
		stdout, stderr, status := cli(t, bin, dir, nil, args...)
		if status != 0 || stderr != "" || !want.MatchString(stdout) {
			t.Errorf("kgql %v: exit status %d, stdout %q, stderr %q; want %s", args, status, stdout, stderr, want)
		}
	}

	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), "NEO4J_URI=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer cmd.Process.Kill()
	first, err := bufio.NewReader(stderr).ReadString('\n')
	if err != nil {
		t.Fatalf("kgql serve wrote no line: %v", err)
	}
	if !strings.Contains(first, "msg=kgql ") || !strings.Contains(first, "revision="+revision) || !strings.Contains(first, "version=") {
		t.Errorf("kgql serve's first log line lacks the build: %s", first)
	}
}
