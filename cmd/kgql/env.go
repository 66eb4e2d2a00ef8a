package main

import (
	"fmt"
	"io"
	"os"

	"github.com/kgql/kgql/internal/neo4jstore"
)

// envVar is an environment variable kgql reads, with its default and
// what it means: the one list both the code and the help read.
type envVar struct{ name, fallback, what string }

func (v envVar) get() string { return envOr(v.name, v.fallback) }

// Neo4j's connection; NEO4J_URI unset means the embedded store.
var (
	neo4jURI      = envVar{"NEO4J_URI", "", "Neo4j's URI: bolt://host:7687, or a routing URI neo4j://host or neo4j+s://host (a cluster, Aura); unset: the embedded store"}
	neo4jUser     = envVar{"NEO4J_USER", "neo4j", "Neo4j user"}
	neo4jPassword = envVar{"NEO4J_PASSWORD", "", "Neo4j password"}
	neo4jDatabase = envVar{"NEO4J_DATABASE", "neo4j", "Neo4j database"}
	neo4jEnv      = []envVar{neo4jURI, neo4jUser, neo4jPassword, neo4jDatabase}
)

// neo4jConfigFromEnv reads the NEO4J_* variables; URI is empty when Neo4j
// is not configured.
func neo4jConfigFromEnv() neo4jstore.Config {
	return neo4jstore.Config{
		URI:      neo4jURI.get(),
		User:     neo4jUser.get(),
		Password: neo4jPassword.get(),
		Database: neo4jDatabase.get(),
	}
}

// printEnv writes the variables of a subcommand's help, with their
// defaults.
func printEnv(w io.Writer, vars []envVar) {
	fmt.Fprintln(w, "\nEnvironment:")
	for _, v := range vars {
		def := "none"
		if v.fallback != "" {
			def = v.fallback
		}
		fmt.Fprintf(w, "  %-15s %s (default: %s)\n", v.name, v.what, def)
	}
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
