// Package neo4jlocal drives the local Neo4j launcher, scripts/neo4j.sh,
// which runs Neo4j Community embedded (tools/neo4j) for development, tests
// and the benchmark: which port its Neo4j serves, and an offline import
// into it.
package neo4jlocal

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Launcher is the launcher's script. Its data and run directories come
// from the environment (NEO4J_DATA_DIR, NEO4J_RUN_DIR), as when it is run
// by hand.
type Launcher struct {
	Script string
	Stderr io.Writer // the script's diagnostics
}

// Port returns the Bolt port of the launcher's running Neo4j. Returns
// EINVALID when the script is missing or its Neo4j is not running.
func (l Launcher) Port(ctx context.Context) (int, error) {
	if _, err := os.Stat(l.Script); err != nil {
		return 0, kg.Errorf(kg.EINVALID, "the Neo4j launcher %s is not there (run kgql from the repository's root, or name it with --launcher)", l.Script)
	}
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, l.Script, "port")
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return 0, kg.Errorf(kg.EINVALID, "the Neo4j of %s is not running (%s)", l.Script, strings.TrimSpace(errOut.String()))
	}
	port, err := strconv.Atoi(strings.TrimSpace(out.String()))
	if err != nil {
		return 0, fmt.Errorf("%s port: %q is not a port", l.Script, out.String())
	}
	return port, nil
}

// Owns returns the port of the launcher's running Neo4j when uri is its
// Bolt address, and EINVALID naming both otherwise.
func (l Launcher) Owns(ctx context.Context, uri string) (int, error) {
	port, err := l.Port(ctx)
	if err != nil {
		return 0, err
	}
	u, err := url.Parse(uri)
	if err == nil {
		host, p := u.Hostname(), u.Port()
		ip := net.ParseIP(host)
		if (host == "localhost" || (ip != nil && ip.IsLoopback())) && p == strconv.Itoa(port) {
			return port, nil
		}
	}
	return 0, kg.Errorf(kg.EINVALID, "NEO4J_URI %s is not the Neo4j of %s, which serves bolt://127.0.0.1:%d", uri, l.Script, port)
}

// Import has the launcher replace the database of its Neo4j on port by
// the importer's files in dir (neo4jstore.BulkWriter), restarting it. It
// is not cancelled with a context: stopped halfway, it would leave no
// database; an interrupt from the terminal reaches the script itself.
func (l Launcher) Import(dir string, port int) error {
	cmd := exec.Command(l.Script, "import", dir)
	cmd.Env = append(os.Environ(), "NEO4J_BOLT_PORT="+strconv.Itoa(port))
	cmd.Stdout = io.Discard // the exports of `up`: the caller knows them
	cmd.Stderr = l.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s import %s: %w", l.Script, dir, err)
	}
	return nil
}

// Down stops the launcher's Neo4j (SIGTERM; the script waits until the
// process is gone).
func (l Launcher) Down() error { return l.run("down", 0) }

// Up starts the launcher's Neo4j on port and returns once a Bolt query
// succeeds.
func (l Launcher) Up(port int) error { return l.run("up", port) }

func (l Launcher) run(verb string, port int) error {
	cmd := exec.Command(l.Script, verb)
	cmd.Env = os.Environ()
	if port != 0 {
		cmd.Env = append(cmd.Env, "NEO4J_BOLT_PORT="+strconv.Itoa(port))
	}
	cmd.Stdout = io.Discard // the exports of `up`: the caller knows them
	cmd.Stderr = l.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w", l.Script, verb, err)
	}
	return nil
}
