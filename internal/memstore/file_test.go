package memstore_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/storetest"
)

// TestFileKeepsUpdates reopens a store after an update: the file holds
// the changed values, not only the first ones.
func TestFileKeepsUpdates(t *testing.T) {
	dir, ctx := t.TempDir(), context.Background()
	g := seedGraph(t)
	s, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(ctx, g, nil); err != nil {
		t.Fatal(err)
	}
	changed := modified(g)
	if _, err := s.Load(ctx, changed, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sameAnswers(t, s, open(t, changed), changed, 6, 20)
	if report, err := s.Load(ctx, changed, nil); err != nil || report.Changed() {
		t.Errorf("loading the graph the file holds changed %+v (%v)", report, err)
	}
}

// TestLimitsFitTheFile: a graph with every value at kg's limits goes
// into the file and reads back unchanged; one character more is refused
// before anything is written.
func TestLimitsFitTheFile(t *testing.T) {
	dir, ctx := t.TempDir(), context.Background()
	s, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	over := storetest.LimitsGraph()
	over.Relations[0].Role += "x"
	if _, err := s.Load(ctx, over, nil); kg.ErrorCode(err) != kg.EINVALID || !strings.Contains(err.Error(), "role: 1001 characters, at most 1000") {
		t.Fatalf("a role of 1,001 characters: err = %v, want EINVALID naming it", err)
	}
	g := storetest.LimitsGraph()
	if _, err := s.Load(ctx, g, nil); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = memstore.Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	report, err := s.Load(ctx, g, nil)
	if err != nil || report.Changed() || report.Entities.Unchanged != len(g.Entities) || report.Relations.Unchanged != len(g.Relations) {
		t.Errorf("loading the graph the file holds again: %+v, %v; want all unchanged", report, err)
	}
}

func TestFileInUse(t *testing.T) {
	dir := t.TempDir()
	s, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := memstore.Open(dir); kg.ErrorCode(err) != kg.EUNAVAILABLE {
		t.Errorf("second open of %s: %v, want EUNAVAILABLE", dir, err)
	}
}

// The crash tests run this test binary again as a child that loads a
// graph into a store directory and is killed with SIGKILL, either in the
// middle of the load's transaction (stopped there by PauseEnv) or after
// it: the file must hold none of the load or all of it.
const crashDirEnv = "MEMSTORE_CRASH_DIR"

func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("runs as the child of TestKill")
	}
	s, err := memstore.Open(dir)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	if _, err = s.Load(context.Background(), syntheticGraph(), nil); err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("loaded")
	time.Sleep(time.Hour) // until killed
}

// TestKill kills a child loading a graph, once in the middle of the load
// (after its entities were written to the file, before its relations
// were) and once after it, and reopens the store: it holds nothing of
// the load, or all of it; loading again completes the graph.
func TestKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	g, ctx := syntheticGraph(), context.Background()
	for _, tc := range []struct {
		killAt, pause string
		whole         bool
	}{{"paused at entities-written", "entities-written", false}, {"loaded", "", true}} {
		t.Run(tc.killAt, func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), crashDirEnv+"="+dir, memstore.PauseEnv+"="+tc.pause)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = cmd.Stdout // the pause says so on stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(out)
			for lines.Scan() {
				line := lines.Text()
				if strings.HasPrefix(line, "error") {
					t.Fatal(line)
				}
				if strings.Contains(line, tc.killAt) {
					break
				}
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()

			s, err := memstore.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			st, err := s.Stats(ctx, kg.StatsQuery{Filter: kg.StepFilter{Direction: kg.Both, Types: kg.RelationTypes}})
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			if tc.whole {
				want = len(g.Entities) + len(g.Relations)
			}
			if st.Entities+st.Relations != want {
				t.Fatalf("killed at %q, the file holds %d entities and %d relations; want %d items in all",
					tc.killAt, st.Entities, st.Relations, want)
			}
			report, err := s.Load(ctx, g, nil)
			if err != nil {
				t.Fatal(err)
			}
			if report.Entities.Updated+report.Relations.Updated != 0 ||
				report.Entities.Unchanged+report.Relations.Unchanged != st.Entities+st.Relations {
				t.Errorf("reloading after the crash: %+v; what survived should be unchanged", report)
			}
			sameAnswers(t, s, open(t, g), g, 7, 10)
		})
	}
}
