package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// FulltextIndex is the name of the full-text index over entity names and
// aliases that search uses.
const FulltextIndex = "entity_search"

// EntityIDConstraint is the uniqueness constraint on entity ids.
const EntityIDConstraint = "entity_id_unique"

// schemaStatements creates what the store needs and is missing. Every
// entity has the label Entity besides its kind's, so one constraint and one
// full-text index cover all kinds.
func schemaStatements() []string {
	stmts := []string{
		fmt.Sprintf("CREATE CONSTRAINT %s IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE", EntityIDConstraint),
		// entity_names indexed the raw names, whose tokens were not the
		// ranking's: replaced by FulltextIndex.
		"DROP INDEX entity_names IF EXISTS",
		fmt.Sprintf("CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR (n:Entity) ON EACH [n.searchText]", FulltextIndex),
	}
	for _, k := range kg.Kinds {
		stmts = append(stmts, fmt.Sprintf("CREATE INDEX %s_name IF NOT EXISTS FOR (n:%s) ON (n.name)", k.Label(), k.Label()))
	}
	// Relation ids are unique by construction (kg.RelationID); the
	// constraint's index is what a load looks relations up by. Until
	// then a range index, rel_<TYPE>_id, served: on an empty store the
	// planner scanned it for every row of a MERGE (bench/RESULTS.md,
	// "Loading").
	for _, t := range kg.RelationTypes {
		stmts = append(stmts,
			fmt.Sprintf("DROP INDEX rel_%s_id IF EXISTS", t.CypherType()),
			fmt.Sprintf("CREATE CONSTRAINT rel_%s_id_unique IF NOT EXISTS FOR ()-[r:%s]-() REQUIRE r.id IS UNIQUE", t.CypherType(), t.CypherType()))
	}
	return append(stmts, readSchemaStatements()...)
}

// Indexes of the read side (the properties are props.go's).
const (
	// EntityNameIndex orders a page of entities of every kind by name
	// (each kind has its own, <Kind>_name).
	EntityNameIndex = "Entity_name"
	// NameKeyIndex finds the entities a name names: one keyword term per
	// element of nameKeys, so a query for a key matches it exactly.
	NameKeyIndex = "entity_name_keys"
	// DescriptionIndex finds entities by the words of their description.
	DescriptionIndex = "entity_description"
	// SaidIndex finds facts (every type but MENTIONS) by the words of
	// their excerpts and note.
	SaidIndex = "relation_said"
)

// readSchemaStatements creates the indexes that the read side's queries
// need beyond the write side's constraints.
func readSchemaStatements() []string {
	facts := make([]string, len(kg.FactTypes))
	for i, t := range kg.FactTypes {
		facts[i] = t.CypherType()
	}
	// The terms are stored split as kg.SearchTerms splits them, so the
	// whitespace analyzer's tokens are the ranking's words.
	const words = "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}"
	return []string{
		fmt.Sprintf("CREATE INDEX %s IF NOT EXISTS FOR (n:Entity) ON (n.name)", EntityNameIndex),
		fmt.Sprintf("CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR (n:Entity) ON EACH [n.nameKeys] OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}", NameKeyIndex),
		fmt.Sprintf("CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR (n:Entity) ON EACH [n.descText] %s", DescriptionIndex, words),
		fmt.Sprintf("CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR ()-[r:%s]-() ON EACH [r.searchText] %s", SaidIndex, strings.Join(facts, "|"), words),
	}
}

// EnsureSchema creates the constraint and indexes that are missing and
// waits until they are online.
func (s *Store) EnsureSchema(ctx context.Context) error {
	for _, stmt := range schemaStatements() {
		if _, err := s.query(ctx, stmt, nil, false); err != nil {
			return fmt.Errorf("schema: %s: %w", stmt, err)
		}
	}
	_, err := s.query(ctx, "CALL db.awaitIndexes(300)", nil, false)
	return err
}
