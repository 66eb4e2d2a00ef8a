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

// reopen closes s and opens its directory again.
func reopen(t *testing.T, s *memstore.Store, dir string) *memstore.Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestWritesSurviveReopen writes to a store with a file, reopens it, and
// finds the same graph, the same log, the revs (an expectedRev holds),
// the retraction (still hidden) and the idempotency keys (a retry
// answers the first result and records nothing).
func TestWritesSurviveReopen(t *testing.T) {
	dir := t.TempDir()
	s, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := editorCtx()
	if _, err := s.Load(ctx, seedGraph(t), nil); err != nil {
		t.Fatal(err)
	}
	seedView := readAll(t, s)
	ing, err := s.IngestDocument(ctx, forum("k1"))
	if err != nil {
		t.Fatal(err)
	}
	d := "the regulator"
	if _, err := s.UpdateEntity(ctx, kg.UpdateEntityInput{ID: "org/pta", Description: &d}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RetractRelation(ctx, kg.RetractRelationInput{Request: kg.Request{Reason: "wrong"}, ID: ing.Relations[0]}); err != nil {
		t.Fatal(err)
	}
	before, log := readAll(t, s), storetest.View(changes(t, s))

	s = reopen(t, s, dir)
	if readAll(t, s) != before {
		t.Fatal("the graph differs after a reopen")
	}
	if storetest.View(changes(t, s)) != log {
		t.Fatal("the change log differs after a reopen")
	}
	nodes, err := s.Nodes(ctx, []string{ing.Relations[0]}, nil, wholeRel)
	if err != nil || nodes[0].Relation != nil {
		t.Fatalf("the retracted relation after a reopen: %+v, %v", nodes[0], err)
	}
	again, err := s.IngestDocument(ctx, forum("k1"))
	if err != nil || again.Change == nil || again.Change.Seq != ing.Change.Seq {
		t.Fatalf("the retry after a reopen: %+v, %v", again, err)
	}
	_, err = s.UpdateEntity(ctx, kg.UpdateEntityInput{ID: "org/pta", ExpectedRev: ptr(1), Description: &d})
	if e := userError(t, err); e.Code != kg.ECONFLICT || *e.CurrentRev != 2 {
		t.Fatalf("a stale rev after a reopen: %+v", e)
	}
	res, err := s.RetractRelation(ctx, kg.RetractRelationInput{Request: kg.Request{Reason: "again"}, ID: ing.Relations[0]})
	if err != nil || res.Change != nil || res.Rev != 2 {
		t.Fatalf("retracting again after a reopen: %+v, %v", res, err)
	}
	next, err := s.CreateEntity(ctx, kg.CreateEntityInput{Entity: kg.EntityInput{Kind: kg.KindPerson, Name: "Someone New"}})
	if err != nil || next.Change.Seq != 4 {
		t.Fatalf("the next change after a reopen: %+v, %v", next, err)
	}
	// the log's images read back from the file are what the graph holds:
	// every change reverts, from the last, and the store reads as before
	for seq := int64(4); seq > 0; seq-- {
		if _, err := s.RevertChange(ctx, kg.RevertChangeInput{ID: kg.ChangeID(seq)}); err != nil {
			t.Fatalf("revert change %d after a reopen: %v", seq, err)
		}
	}
	s = reopen(t, s, dir)
	if readAll(t, s) != seedView {
		t.Fatal("reverting every change after a reopen did not restore the seed")
	}
}

const writeCrashDirEnv = "MEMSTORE_WRITE_CRASH_DIR"

// TestWriteCrashChild ingests the forum into a store directory and waits
// to be killed (TestKillIngest).
func TestWriteCrashChild(t *testing.T) {
	dir := os.Getenv(writeCrashDirEnv)
	if dir == "" {
		t.Skip("runs as the child of TestKillIngest")
	}
	s, err := memstore.Open(dir)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	if _, err := s.IngestDocument(editorCtx(), forum("")); err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("ingested")
	time.Sleep(time.Hour) // until killed
}

// TestKillIngest kills a child ingesting a document, once in the middle
// of the write's transaction (its change written, not committed) and
// once after it: reopened, the store holds the document, its entity, its
// relation and its change, or none of them.
func TestKillIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	for _, tc := range []struct {
		killAt, pause string
		whole         bool
	}{{"paused at change-written", "change-written", false}, {"ingested", "", true}} {
		t.Run(tc.killAt, func(t *testing.T) {
			dir := t.TempDir()
			s, err := memstore.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Load(context.Background(), seedGraph(t), nil); err != nil {
				t.Fatal(err)
			}
			s.Close()
			cmd := exec.Command(os.Args[0], "-test.run=^TestWriteCrashChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), writeCrashDirEnv+"="+dir, memstore.PauseEnv+"="+tc.pause)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = cmd.Stdout
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			for lines := bufio.NewScanner(out); lines.Scan(); {
				if line := lines.Text(); strings.HasPrefix(line, "error") {
					t.Fatal(line)
				} else if strings.Contains(line, tc.killAt) {
					break
				}
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()

			s, err = memstore.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			ids := []string{"doc/2026-03-01-a-forum-in-islamabad", "org/islamabad-digital-policy-forum", "org/islamabad-digital-policy-forum>LOCATED_IN>city/islamabad"}
			nodes, err := s.Nodes(context.Background(), ids, named, wholeRel)
			if err != nil {
				t.Fatal(err)
			}
			n := len(changes(t, s))
			for i, v := range nodes {
				if there := v.Entity != nil || v.Relation != nil; there != tc.whole {
					t.Errorf("killed at %q: %s there: %v", tc.killAt, ids[i], there)
				}
			}
			if want := map[bool]int{true: 1, false: 0}[tc.whole]; n != want {
				t.Errorf("killed at %q: %d changes, want %d", tc.killAt, n, want)
			}
		})
	}
}
