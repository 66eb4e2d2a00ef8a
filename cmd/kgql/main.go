// Command kgql serves the knowledge graph over GraphQL and loads seed
// files into its store. `kgql help` lists the subcommands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/neo4jstore"
	"github.com/kgql/kgql/internal/observe"
)

// command is a subcommand of kgql.
type command struct {
	name, summary string
	run           func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands lists kgql's subcommands in the order `kgql help` shows them.
var commands = []command{
	{"serve", "serves the API, the playground and the explorer (the default command)", serve},
	{"load", "validates a seed directory or an NDJSON stream and loads it into Neo4j or the embedded store", load},
	{"gen", "writes a synthetic graph as NDJSON", gen},
	{"keys", "creates, lists and revokes API keys (kgql keys create --name NAME --role ROLE)", keys},
	{"version", "prints the module version, VCS revision and build time (also: kgql --version)", version},
}

func usage(w io.Writer) {
	fmt.Fprint(w, "kgql: a GraphQL API over a knowledge graph of actors and their relations.\n\n"+
		"Usage: kgql [COMMAND] [flags] [arguments]\n\nCommands:\n")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-7s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "  help    prints this text; 'kgql help COMMAND' or 'kgql COMMAND -h' for its arguments, flags and environment\n\n"+
		"With no command (or only flags) kgql serves, on "+defaultAddr+" unless --addr or KGQL_ADDR says otherwise,\n"+
		"from Neo4j when NEO4J_URI is set, else from the embedded store with the seed built into the binary.\n")
}

func main() {
	ctx := notifyShutdown()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		var exit exitError
		if errors.As(err, &exit) {
			os.Exit(int(exit))
		}
		fmt.Fprintln(os.Stderr, "kgql:", kgMessage(err))
		os.Exit(1)
	}
}

// exitError ends the program with a status after its message (or help)
// was printed; exitError(0) ends it successfully.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-version") {
		return version(ctx, args[1:], stdout, stderr)
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && !isHelpFlag(args[0]) {
		return serve(ctx, args, stdout, stderr)
	}
	name, args := args[0], args[1:]
	if name == "help" || isHelpFlag(name) {
		if name == "help" && len(args) > 0 {
			if c, ok := lookup(args[0]); ok {
				return c.run(ctx, []string{"-h"}, stdout, stderr)
			}
			fmt.Fprintf(stderr, "kgql: no command %q\n\n", args[0])
			usage(stderr)
			return exitError(2)
		}
		usage(stdout)
		return nil
	}
	if c, ok := lookup(name); ok {
		return c.run(ctx, args, stdout, stderr)
	}
	fmt.Fprintf(stderr, "kgql: no command %q\n\n", name)
	usage(stderr)
	return exitError(2)
}

func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func isHelpFlag(a string) bool { return a == "-h" || a == "--help" || a == "-help" }

// kgMessage is what the operator sees of an error that ends kgql: the
// whole chain without the codes meant for GraphQL, with what to do when
// Neo4j is unreachable. A store that cannot be used says why
// (neo4jstore.Unavailable: unreachable at the URI, authentication
// refused, …; memstore.LockedError: its file held by another process).
func kgMessage(err error) string {
	var u *neo4jstore.Unavailable
	if errors.As(err, &u) && u.Reason == neo4jstore.Unreachable {
		return kg.Text(u) + "\nIs Neo4j running? Start one with: eval \"$(make -s neo4j-up)\""
	}
	return kg.Text(err)
}

// version prints the build (observe.Build: the module version, the VCS
// revision and commit time, whether the tree was modified), as the first
// log line of serve and the kgql_build_info gauge give it.
func version(_ context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("version", flag.ContinueOnError)
	flags.Usage = func() {
		fmt.Fprintln(flags.Output(), "Usage: kgql version (or kgql --version)\n\n"+
			"Prints the module version, the VCS revision and its commit time, and whether the work tree\n"+
			"held uncommitted changes, as the Go toolchain recorded them in the binary (unknown when not).")
	}
	rest, err := parseFlags(flags, args, stdout, stderr)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "kgql: version takes no arguments, not %q\n", rest[0])
		return exitError(2)
	}
	fmt.Fprintln(stdout, observe.Build())
	return nil
}
