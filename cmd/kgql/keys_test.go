package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/neo4jtest"
)

// kgqlCmd runs the test binary as kgql with args and returns its stdout,
// stderr and exit status.
func kgqlCmd(t *testing.T, env []string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "KGQL_TEST_MAIN=1", "NEO4J_URI="), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Run()
	return stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()
}

// bearerQuery posts the stats query with the credentials (none when
// empty) and returns the status and the answer.
func bearerQuery(t *testing.T, addr, bearer string) (int, answer) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, "http://"+addr+"/graphql", strings.NewReader(`{"query":"{ stats { entities } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var a answer
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatalf("answer %s: %v", b, err)
	}
	return res.StatusCode, a
}

func createKey(t *testing.T, dir, name, role string) string {
	t.Helper()
	out, errOut, code := kgqlCmd(t, nil, "keys", "create", "--data", dir, "--name", name, "--role", role)
	key := strings.TrimSpace(out)
	if code != 0 || !strings.HasPrefix(key, "kgql_") || strings.Count(key, "\n") != 0 {
		t.Fatalf("keys create: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	return key
}

// TestKeysSurviveRestartAndRevoke: keys made by `kgql keys create` in a
// --data store are accepted by the kgql serving it, across a restart; a
// revoked one is refused; reads need a key with --reads=reader.
func TestKeysSurviveRestartAndRevoke(t *testing.T) {
	dir := t.TempDir()
	reader := createKey(t, dir, "dashboard", "reader")
	editor := createKey(t, dir, "curator", "editor")
	serveOnce := func() *process {
		p := startKgql(t, []string{"NEO4J_URI="}, "--data", dir, "--reads", "reader")
		waitReady(t, p.addr)
		return p
	}
	p := serveOnce()
	if status, a := bearerQuery(t, p.addr, ""); status != http.StatusUnauthorized || a.code() != "UNAUTHENTICATED" {
		t.Errorf("no credentials with --reads=reader: %d %+v", status, a)
	}
	if status, a := bearerQuery(t, p.addr, reader); status != http.StatusOK || a.Data == nil {
		t.Errorf("a reader key: %d %+v", status, a)
	}
	p.kill()

	out, _, code := kgqlCmd(t, nil, "keys", "list", "--data", dir)
	if code != 0 || !strings.Contains(out, "dashboard") || !strings.Contains(out, "curator") || !strings.Contains(out, "reader") {
		t.Fatalf("keys list: exit %d:\n%s", code, out)
	}
	for _, k := range []string{reader, editor} {
		secret := k[strings.LastIndex(k, "_")+1:]
		if strings.Contains(out, secret) {
			t.Errorf("keys list shows a secret:\n%s", out)
		}
	}
	readerID := strings.Split(reader, "_")[1]
	if _, errOut, code := kgqlCmd(t, nil, "keys", "revoke", "--data", dir, readerID); code != 0 {
		t.Fatalf("keys revoke: exit %d: %s", code, errOut)
	}
	out, _, _ = kgqlCmd(t, nil, "keys", "list", "--data", dir)
	if line := lineWith(out, readerID); strings.HasSuffix(strings.TrimSpace(line), "-") {
		t.Errorf("keys list does not show the revocation: %q", line)
	}

	p = serveOnce()
	if status, a := bearerQuery(t, p.addr, reader); status != http.StatusUnauthorized || a.code() != "UNAUTHENTICATED" {
		t.Errorf("the revoked key after a restart: %d %+v", status, a)
	}
	if status, a := bearerQuery(t, p.addr, editor); status != http.StatusOK || a.Data == nil {
		t.Errorf("the editor key after a restart: %d %+v", status, a)
	}
	if strings.Contains(p.log.String(), editor) || strings.Contains(p.log.String(), reader) {
		t.Errorf("the log holds a key:\n%s", p.log.String())
	}
}

func lineWith(text, s string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// TestBootstrapKey: a weak KGQL_ADMIN_KEY stops kgql at start with a
// message; a strong one is an admin's key for the in-memory store.
func TestBootstrapKey(t *testing.T) {
	weak := startKgql(t, []string{"NEO4J_URI=", "KGQL_ADMIN_KEY=secret123"})
	if code := weak.waitExit(t, 30*time.Second); code != 2 || !strings.Contains(weak.log.String(), "KGQL_ADMIN_KEY") {
		t.Errorf("a weak admin key: exit %d:\n%s", code, weak.log.String())
	}
	strong := "Zq3v9XkP2mLr7TbN4cWy8HsJ6dFa1GeU"
	p := startKgql(t, []string{"NEO4J_URI=", "KGQL_ADMIN_KEY=" + strong}, "--reads", "reader")
	waitReady(t, p.addr)
	if status, a := bearerQuery(t, p.addr, strong); status != http.StatusOK || a.Data == nil {
		t.Errorf("the bootstrap key: %d %+v", status, a)
	}
	if status, a := bearerQuery(t, p.addr, strong[:31]+"x"); status != http.StatusUnauthorized || a.code() != "UNAUTHENTICATED" {
		t.Errorf("a wrong bootstrap key: %d %+v", status, a)
	}
	if status, a := bearerQuery(t, p.addr, "kgql_abcdefghijklmnop_"+strings.Repeat("a", 52)); status != http.StatusUnauthorized || a.code() != "UNAUTHENTICATED" {
		t.Errorf("an API key where the store is in memory: %d %+v", status, a)
	}
	if _, errOut, code := kgqlCmd(t, nil, "keys", "list"); code == 0 || !strings.Contains(errOut, "KGQL_ADMIN_KEY") {
		t.Errorf("keys list without a store that keeps keys: exit %d, %s", code, errOut)
	}
	if strings.Contains(p.log.String(), strong) {
		t.Errorf("the log holds the bootstrap key:\n%s", p.log.String())
	}
}

// TestKeysInNeo4jRevokedWhileServing: with Neo4j, kgql keys works beside
// the serving kgql, and a key it revokes is refused on the next request,
// without a restart.
func TestKeysInNeo4jRevokedWhileServing(t *testing.T) {
	cfg := neo4jtest.Config(t)
	neo4jtest.Wipe(t)
	env := []string{"NEO4J_URI=" + cfg.URI, "NEO4J_USER=" + cfg.User, "NEO4J_PASSWORD=" + cfg.Password}
	out, errOut, code := kgqlCmd(t, env, "keys", "create", "--name", "ops", "--role", "reader")
	key := strings.TrimSpace(out)
	if code != 0 || !strings.HasPrefix(key, "kgql_") {
		t.Fatalf("keys create: exit %d, %q, %s", code, out, errOut)
	}
	p := startKgql(t, env, "--reads", "reader")
	waitReady(t, p.addr)
	if status, a := bearerQuery(t, p.addr, key); status != http.StatusOK || a.Data == nil {
		t.Fatalf("a reader key from Neo4j: %d %+v", status, a)
	}
	if _, errOut, code := kgqlCmd(t, env, "keys", "revoke", strings.Split(key, "_")[1]); code != 0 {
		t.Fatalf("keys revoke: exit %d: %s", code, errOut)
	}
	if status, a := bearerQuery(t, p.addr, key); status != http.StatusUnauthorized || a.code() != "UNAUTHENTICATED" {
		t.Errorf("the key revoked while kgql serves, on the next request: %d %+v", status, a)
	}
}
