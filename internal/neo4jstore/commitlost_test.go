package neo4jstore_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jstore"
	"github.com/kgql/kgql/internal/neo4jtest"
)

// boltCommit is a Bolt COMMIT message in its chunk: size 2, the struct
// marker of no fields and the COMMIT signature, then the end of message.
var boltCommit = []byte{0x00, 0x02, 0xB0, 0x12, 0x00, 0x00}

// commitCutter is a TCP proxy in front of Neo4j that, when cutAt is k,
// passes k-1 COMMITs and drops the connection that sends the k-th before
// Neo4j reads it: the client sees its connection die during the commit,
// as when Neo4j crashes then.
type commitCutter struct {
	ln    net.Listener
	cutAt atomic.Int32 // 0: pass every COMMIT
	cuts  atomic.Int32
	wg    sync.WaitGroup
}

func newCommitCutter(t *testing.T, target string) *commitCutter {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c := &commitCutter{ln: ln}
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			server, err := net.Dial("tcp", target)
			if err != nil {
				client.Close()
				continue
			}
			c.wg.Add(2)
			go func() { defer c.wg.Done(); io.Copy(client, server); client.Close() }()
			go func() { defer c.wg.Done(); c.forward(server, client) }()
		}
	}()
	t.Cleanup(func() { ln.Close(); c.wg.Wait() })
	return c
}

// forward copies what the client sends to Neo4j, but closes both ends
// instead of passing on the COMMIT that cutAt names.
func (c *commitCutter) forward(server, client net.Conn) {
	defer server.Close()
	defer client.Close()
	buf := make([]byte, 64<<10)
	for {
		n, err := client.Read(buf)
		if n > 0 && bytes.Contains(buf[:n], boltCommit) && c.cut() {
			return
		}
		if n > 0 {
			if _, err := server.Write(buf[:n]); err != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// cut counts a COMMIT down and reports whether it is the one to drop.
func (c *commitCutter) cut() bool {
	for {
		k := c.cutAt.Load()
		if k == 0 {
			return false
		}
		if c.cutAt.CompareAndSwap(k, k-1) {
			if k == 1 {
				c.cuts.Add(1)
			}
			return k == 1
		}
	}
}

// TestCommitLost: Neo4j lost during a commit. A write answers an
// *kg.UnknownOutcome (UNAVAILABLE, saying that whether it happened is
// unknown) and is not run again; a read is run again on a fresh
// connection and answers; neither is INTERNAL.
func TestCommitLost(t *testing.T) {
	neo4jtest.Open(t) // wipes the database
	cfg := neo4jtest.Config(t)
	host := strings.TrimPrefix(strings.TrimPrefix(cfg.URI, "bolt://"), "neo4j://")
	cut := newCommitCutter(t, host)
	cfg.URI = "bolt://" + cut.ln.Addr().String()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	store, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(context.Background())
	key := kg.APIKey{ID: "commitlost", Name: "commit lost", Role: kg.RoleReader, Hash: []byte{0}, Created: time.Now()}
	cut.cutAt.Store(2) // CreateKey commits its constraint, then the key
	err = store.CreateKey(ctx, key)
	var unknown *kg.UnknownOutcome
	if !errors.As(err, &unknown) || kg.ErrorCode(err) != kg.EUNAVAILABLE {
		t.Fatalf("a write whose commit was lost: %v (code %q), want an UnknownOutcome, UNAVAILABLE", err, kg.ErrorCode(err))
	}
	if cut.cuts.Load() != 1 {
		t.Fatalf("%d commits cut, want 1", cut.cuts.Load())
	}
	// The proxy dropped the COMMIT: the key was not stored, and the write
	// was not run again behind the caller's back.
	if _, err := store.KeyByID(ctx, key.ID); kg.ErrorCode(err) != kg.ENOTFOUND {
		t.Fatalf("the key after a lost commit: %v, want NOT_FOUND (not retried)", err)
	}

	cut.cutAt.Store(1)
	page, err := store.FindEntities(ctx, kg.EntityFilter{OrderBy: kg.OrderByID, Page: kg.Page{First: 1}}, true, nil)
	if err != nil {
		t.Fatalf("a read whose commit was lost: %v (code %q), want it run again and answered", err, kg.ErrorCode(err))
	}
	if cut.cuts.Load() != 2 || page.TotalCount != 0 {
		t.Fatalf("%d commits cut, total %d: want the read's cut and an empty graph", cut.cuts.Load(), page.TotalCount)
	}
}

// TestDriverErrorNames: the driver's error types that neo4jstore knows
// by name (driverError) are declared in the driver this module builds
// with, so that upgrading it cannot silently make them unknown.
func TestDriverErrorNames(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-json", "github.com/neo4j/neo4j-go-driver/v5").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil || mod.Dir == "" {
		t.Fatalf("go list: %s: %v", out, err)
	}
	files, _ := filepath.Glob(filepath.Join(mod.Dir, "neo4j", "internal", "errorutil", "*.go"))
	var src []byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src = append(src, b...)
	}
	for _, name := range neo4jstore.DriverErrorNames {
		if !bytes.Contains(src, []byte("type "+name+" struct")) {
			t.Errorf("the driver's errorutil declares no %s", name)
		}
	}
}
