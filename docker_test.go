package kgql

import (
	"bufio"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
	"go.yaml.in/yaml/v3"
)

// dockerignore returns Docker's matcher of .dockerignore's patterns.
func dockerignore(t *testing.T) *patternmatcher.PatternMatcher {
	t.Helper()
	f, err := os.Open(".dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	patterns, err := ignorefile.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	pm, err := patternmatcher.New(patterns)
	if err != nil {
		t.Fatal(err)
	}
	return pm
}

// TestDockerIgnore: the build context leaves out every node_modules, the
// local Neo4j's data and logs at any depth, the benchmark's data and
// output, Neo4j's Maven build and .git, and keeps every file git holds.
func TestDockerIgnore(t *testing.T) {
	pm := dockerignore(t)
	for _, p := range []string{
		".git/HEAD", "node_modules/x/package.json", "tools/audit/node_modules/graphql-http/package.json",
		"internal/explore/node_modules/esbuild/bin/esbuild", "tests/browser/node_modules/playwright-core/index.js",
		".neo4j-data/databases/neo4j/neostore", ".neo4j-run/neo4j.log", "bench/.neo4j-data/x", "bench/.data/bin/kgql",
		"bench/out/run.json", "tools/neo4j/target/neo4j-local.jar",
	} {
		if out, err := pm.MatchesOrParentMatches(p); err != nil || !out {
			t.Errorf("%s is in the build context (%v)", p, err)
		}
	}
	files, err := exec.Command("git", "ls-files").Output()
	if err != nil {
		t.Skipf("git ls-files: %v", err)
	}
	for _, p := range strings.Fields(string(files)) {
		if out, err := pm.MatchesOrParentMatches(p); err != nil || out {
			t.Errorf("%s, which git holds, is left out of the build context (%v)", p, err)
		}
	}
}

// TestDockerBuildContext copies the build context as .dockerignore leaves
// it and runs the Dockerfile's build stage in it: its RUN commands, with
// its flags, /out/ being a temporary directory. The binary it builds
// answers kgql --help.
func TestDockerBuildContext(t *testing.T) {
	if testing.Short() {
		t.Skip("builds kgql: not in -short")
	}
	pm := dockerignore(t)
	ctxDir, out := t.TempDir(), t.TempDir()
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == "." {
			return err
		}
		if skip, err := pm.MatchesOrParentMatches(filepath.ToSlash(p)); err != nil || skip {
			if d.IsDir() && err == nil {
				return filepath.SkipDir
			}
			return err
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		return copyFile(p, filepath.Join(ctxDir, p))
	})
	if err != nil {
		t.Fatal(err)
	}
	runs := buildStageRuns(t)
	if len(runs) == 0 || !strings.Contains(runs[len(runs)-1], "go build") {
		t.Fatalf("the Dockerfile's build stage has no RUN go build: %q", runs)
	}
	for _, run := range runs {
		cmd := exec.Command("sh", "-c", strings.ReplaceAll(run, "/out/", out+"/"))
		cmd.Dir = ctxDir
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("RUN %s: %v\n%s", run, err, b)
		}
	}
	help, err := exec.Command(filepath.Join(out, "kgql"), "--help").Output()
	if err != nil || !strings.Contains(string(help), "Commands:") {
		t.Errorf("the built kgql --help: %v\n%s", err, help)
	}
}

// buildStageRuns returns the RUN commands of the Dockerfile's build stage
// (FROM … AS build), their continuation lines joined.
func buildStageRuns(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var runs []string
	inBuild, line := false, ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line += sc.Text()
		if strings.HasSuffix(line, `\`) {
			line = strings.TrimSuffix(line, `\`) + " "
			continue
		}
		fields := strings.Fields(line)
		switch {
		case len(fields) > 0 && strings.EqualFold(fields[0], "FROM"):
			inBuild = len(fields) == 4 && strings.EqualFold(fields[2], "AS") && fields[3] == "build"
		case inBuild && len(fields) > 1 && strings.EqualFold(fields[0], "RUN"):
			runs = append(runs, strings.TrimSpace(line[strings.Index(line, "RUN")+3:]))
		}
		line = ""
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return runs
}

func copyFile(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// TestComposeFile checks what docker-compose.yml promises without Docker:
// the API listens on every interface of its container and is published on
// the host's 127.0.0.1, restarts unless stopped, waits for Neo4j's health
// and for the one-shot load to succeed, checks /readyz, and is given
// longer than its shutdown grace to stop.
func TestComposeFile(t *testing.T) {
	b, err := os.ReadFile("docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	type dependency struct{ Condition string }
	var compose struct {
		Services map[string]struct {
			Command     []string
			Environment map[string]string
			Ports       []string
			Restart     string
			DependsOn   map[string]dependency `yaml:"depends_on"`
			Healthcheck struct{ Test []string }
			StopGrace   string `yaml:"stop_grace_period"`
		}
	}
	if err := yaml.Unmarshal(b, &compose); err != nil {
		t.Fatal(err)
	}
	api, load := compose.Services["api"], compose.Services["load"]
	if api.Environment["KGQL_ADDR"] != "0.0.0.0:8080" {
		t.Errorf("api: KGQL_ADDR = %q, want 0.0.0.0:8080", api.Environment["KGQL_ADDR"])
	}
	for name, s := range compose.Services {
		for _, p := range s.Ports {
			if !strings.HasPrefix(p, "127.0.0.1:") {
				t.Errorf("%s publishes %s on every interface of the host", name, p)
			}
		}
	}
	if api.Restart != "unless-stopped" {
		t.Errorf("api: restart %q", api.Restart)
	}
	if api.DependsOn["neo4j"].Condition != "service_healthy" || api.DependsOn["load"].Condition != "service_completed_successfully" {
		t.Errorf("api depends on %+v", api.DependsOn)
	}
	if test := strings.Join(api.Healthcheck.Test, " "); !regexp.MustCompile(`wget .*http://127\.0\.0\.1:8080/readyz`).MatchString(test) {
		t.Errorf("api: healthcheck %q does not ask /readyz", test)
	}
	if api.StopGrace != "30s" {
		t.Errorf("api: stop_grace_period %q, want 30s (above kgql's shutdown grace of 20s)", api.StopGrace)
	}
	if strings.Join(load.Command, " ") != "kgql load" || load.Restart != "no" || load.DependsOn["neo4j"].Condition != "service_healthy" {
		t.Errorf("load: %+v", load)
	}
}

// TestComposeConfig: `docker compose config` accepts the compose file,
// where Docker and its compose plugin are installed.
func TestComposeConfig(t *testing.T) {
	if err := exec.Command("docker", "compose", "version").Run(); err != nil {
		t.Skipf("docker compose config not run: docker compose is not installed (docker compose version: %v)", err)
	}
	if b, err := exec.Command("docker", "compose", "-f", "docker-compose.yml", "config", "-q").CombinedOutput(); err != nil {
		t.Errorf("docker compose config: %v\n%s", err, b)
	}
}
