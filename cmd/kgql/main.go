// Command kgql serves the knowledge graph over GraphQL and loads seed
// files into its store. `kgql help` lists the subcommands.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/kgql/kgql/internal/neo4jstore"
)

const usage = `kgql: a GraphQL API over a knowledge graph of actors and their relations.

Usage:
  kgql [serve] [flags]     serve the API and the playground (see kgql serve -h)
  kgql load [flags] [SEED] validate the seed in SEED (default: ./seed, else the
                           seed built into the binary) and load it into Neo4j in
                           one transaction, or with --data DIR into the embedded store
  kgql load [flags] FILE.ndjson|-
                           stream an NDJSON graph (kgql gen's output) into Neo4j,
                           or with --data DIR into the embedded store
  kgql gen --entities N    write a synthetic graph as NDJSON (see kgql gen -h)
  kgql help                this text

Neo4j is configured by NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE;
'eval "$(make -s neo4j-up)"' starts a local one and sets them.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		var exit exitError
		if errors.As(err, &exit) {
			os.Exit(int(exit))
		}
		fmt.Fprintln(os.Stderr, "kgql:", kgMessage(err))
		os.Exit(1)
	}
}

// exitError ends the program with a status after its message was printed.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && (args[0] == "" || args[0][0] != '-') {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, stdout, stderr)
	case "load":
		return load(ctx, args, stdout, stderr)
	case "gen":
		return gen(ctx, args, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprintf(stderr, "kgql: unknown command %q\n\n%s", cmd, usage)
		return exitError(2)
	}
}

// kgMessage is what the operator sees of an error that ends kgql: the
// whole chain, with what to do when Neo4j is unreachable. A store that
// cannot be used says why (neo4jstore.Unavailable: unreachable at the
// URI, authentication refused, …; memstore.LockedError: its file held by
// another process).
func kgMessage(err error) string {
	var u *neo4jstore.Unavailable
	if errors.As(err, &u) && u.Reason == neo4jstore.Unreachable {
		return u.Error() + "\nIs Neo4j running? Start one with: eval \"$(make -s neo4j-up)\""
	}
	return err.Error()
}
