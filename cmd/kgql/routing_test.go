package main

import (
	"bytes"
	"context"
	"io"
	"net/url"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/neo4jtest"
)

// TestNeo4jRoutingURI: kgql loads and serves through a routing URI
// (neo4j://, as for a cluster or Aura), here the local Neo4j's: the
// driver asks it for its routing table and sends reads to its readers
// and the load to its writer, which for one server is itself.
func TestNeo4jRoutingURI(t *testing.T) {
	neo4jtest.Open(t) // an empty database
	u, err := url.Parse(neo4jtest.Config(t).URI)
	if err != nil {
		t.Fatal(err)
	}
	u.Scheme = "neo4j"
	t.Setenv("NEO4J_URI", u.String())

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr bytes.Buffer
	if err := run(ctx, []string{"load", "../../seed"}, &stdout, &stderr); err != nil {
		t.Fatalf("load through %s: %v\n%s", u, err, stderr.String())
	}
	if !strings.Contains(stdout.String(), " created") {
		t.Errorf("load through %s:\n%s", u, stdout.String())
	}
	addr, log := freeAddr(t), &lockedWriter{w: new(bytes.Buffer)}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"--addr", addr}, io.Discard, log) }()
	waitReady(t, addr)
	if got := whoChairsPTA(t, addr); got != "Hafeez Ur Rehman" {
		t.Errorf("through %s PTA is chaired by %q", u, got)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	if !strings.Contains(log.String(), "uri="+u.String()) {
		t.Errorf("kgql did not serve through the routing URI:\n%s", log.String())
	}
}
