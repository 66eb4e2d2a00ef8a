package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestGraphQLOverHTTPAudit runs the GraphQL-over-HTTP audit
// (tools/audit: graphql-http's serverAudits, every MUST, SHOULD and MAY)
// against kgql serving with its defaults, and requires every audit to
// pass. make test installs the audit (npm ci in tools/audit) and sets
// KGQL_REQUIRE_AUDIT=1, under which a missing audit fails the test.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	_, nodeErr := exec.LookPath("node")
	_, modulesErr := os.Stat("../../tools/audit/node_modules/graphql-http")
	if nodeErr != nil || modulesErr != nil {
		if os.Getenv("KGQL_REQUIRE_AUDIT") != "" {
			t.Fatalf("the audit needs node and tools/audit/node_modules (npm ci in tools/audit): %v %v", nodeErr, modulesErr)
		}
		t.Skip("no audit: npm ci in tools/audit, or make test")
	}
	t.Setenv("NEO4J_URI", "")
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"--addr", addr}, io.Discard, io.Discard) }()
	defer func() { cancel(); <-done }()
	waitReady(t, addr)
	out, err := exec.Command("node", "../../tools/audit/audit.mjs", "http://"+addr+"/graphql").CombinedOutput()
	if err != nil {
		t.Fatalf("the audit fails: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	t.Log(lines[len(lines)-1])
}
