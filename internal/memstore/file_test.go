package memstore_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
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
	if report, _ := s.Load(ctx, changed, nil); report.Changed() {
		t.Errorf("loading the graph the file holds changed %+v", report)
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
// graph into a store directory, printing its progress, and is killed with
// SIGKILL: what Load had reported done must be in the file.
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
	_, err = s.Load(context.Background(), syntheticGraph(), func(done, total int) {
		fmt.Printf("done %d %d\n", done, total)
	})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("loaded")
	time.Sleep(time.Hour) // until killed
}

// TestKill kills a child loading a graph, once in the middle of the load
// and once after it, and reopens the store: every batch reported done is
// there, nothing half-written is, and loading again completes the graph.
func TestKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	g, ctx := syntheticGraph(), context.Background()
	for _, killAt := range []string{"middle", "loaded"} {
		t.Run(killAt, func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), crashDirEnv+"="+dir)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			reported := 0
			lines := bufio.NewScanner(out)
			for lines.Scan() {
				line := lines.Text()
				if strings.HasPrefix(line, "error") {
					t.Fatal(line)
				}
				if f := strings.Fields(line); len(f) == 3 && f[0] == "done" {
					reported, _ = strconv.Atoi(f[1])
					total, _ := strconv.Atoi(f[2])
					if killAt == "middle" && reported > len(g.Entities) && reported < total {
						break
					}
				}
				if line == killAt {
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
			t.Logf("killed after %d items reported done; the file holds %d entities, %d relations", reported, st.Entities, st.Relations)
			if st.Entities+st.Relations < reported {
				t.Fatalf("the file holds %d items, %d were reported done", st.Entities+st.Relations, reported)
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
