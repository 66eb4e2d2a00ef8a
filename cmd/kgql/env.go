package main

import (
	"os"

	"github.com/kgql/kgql/internal/neo4jstore"
)

// neo4jConfigFromEnv reads the NEO4J_* variables; URI is empty when Neo4j
// is not configured.
func neo4jConfigFromEnv() neo4jstore.Config {
	return neo4jstore.Config{
		URI:      os.Getenv("NEO4J_URI"),
		User:     envOr("NEO4J_USER", "neo4j"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: envOr("NEO4J_DATABASE", "neo4j"),
	}
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
