package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/kgql/kgql/internal/auth"
	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/neo4jstore"
)

// keys manages API keys in the store kgql serves: Neo4j when NEO4J_URI is
// set, else the embedded store's --data directory (a store in memory keeps
// no keys across runs: use KGQL_ADMIN_KEY there).
func keys(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("keys", flag.ContinueOnError)
	data := flags.String("data", os.Getenv("KGQL_DATA"), "the embedded store's directory (KGQL_DATA), when NEO4J_URI is not set")
	name := flags.String("name", "", "create: who or what will use the key")
	role := flags.String("role", string(kg.RoleReader), "create: reader, editor or admin")
	flags.Usage = func() {
		w := flags.Output()
		fmt.Fprintln(w, "Usage: kgql keys create --name NAME --role reader|editor|admin [--data DIR]\n"+
			"       kgql keys list [--data DIR]\n"+
			"       kgql keys revoke ID [--data DIR]\n\n"+
			"Manages the API keys of the store kgql serves: Neo4j when NEO4J_URI is set, else\n"+
			"the embedded store in --data (stop the kgql serving it first: it holds the file).\n"+
			"create prints the new key once; only its SHA-256 is stored. list shows id, name,\n"+
			"role, created and revoked, never a secret. revoke refuses the key from the next\n"+
			"request on. Callers send it as Authorization: Bearer <key>.\n\nFlags:")
		flags.PrintDefaults()
		printEnv(w, neo4jEnv)
	}
	rest, err := parseFlags(flags, args, stdout, stderr)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		flags.Usage()
		stderr.Write([]byte("kgql keys: say create, list or revoke\n"))
		return exitError(2)
	}
	store, closeStore, err := openKeyStore(*data)
	if err != nil {
		return err
	}
	defer closeStore()
	switch {
	case rest[0] == "create" && len(rest) == 1:
		text, k, err := auth.NewKey(*name, kg.Role(*role), time.Now())
		if err != nil {
			return err
		}
		if err := store.CreateKey(ctx, k); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "created key %s (%s, %s); it is shown once, keep it now:\n", k.ID, k.Name, k.Role)
		fmt.Fprintln(stdout, text)
		return nil
	case rest[0] == "list" && len(rest) == 1:
		list, err := store.ListKeys(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tROLE\tCREATED\tREVOKED")
		for _, k := range list {
			revoked := "-"
			if !k.Live() {
				revoked = k.Revoked.UTC().Format(time.RFC3339)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, k.Role, k.Created.UTC().Format(time.RFC3339), revoked)
		}
		return tw.Flush()
	case rest[0] == "revoke" && len(rest) == 2:
		if err := store.RevokeKey(ctx, rest[1], time.Now()); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "revoked key %s\n", rest[1])
		return nil
	}
	fmt.Fprintf(stderr, "kgql keys: %q is not create, list or revoke ID (kgql help keys)\n", rest)
	return exitError(2)
}

// openKeyStore opens the store whose keys the command manages.
func openKeyStore(dataDir string) (kg.KeyStore, func(), error) {
	if cfg := neo4jConfigFromEnv(); cfg.URI != "" {
		store, err := neo4jstore.New(cfg)
		if err != nil {
			return nil, nil, err
		}
		return store, func() { store.Close(context.Background()) }, nil
	}
	if dataDir == "" {
		return nil, nil, errors.New("keys: no store keeps keys: set NEO4J_URI, or --data DIR for the embedded store (a store in memory has only the bootstrap key of KGQL_ADMIN_KEY)")
	}
	store, err := memstore.Open(dataDir)
	if err != nil {
		return nil, nil, err
	}
	return store, func() { store.Close() }, nil
}
