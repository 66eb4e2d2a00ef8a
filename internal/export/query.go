package export

import (
	"fmt"
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"
)

// An export runs the client's GraphQL query with what the export reads
// added to it: every selection of an entity, a relation or a node gets a
// spread of a fragment that reads the attributes (NodeAttrs, EdgeAttrs),
// under aliases of their own (Prefix), so that the client's selection
// decides which entities and relations are exported and never which of
// their fields are. A relation's fragment reads its two ends as entities
// too, so that every exported edge's ends are exported nodes.

// Prefix begins the aliases and fragment names the export adds; a query
// must not use it.
const Prefix = "_kgql"

const (
	entityFragment   = Prefix + "Entity"
	relationFragment = Prefix + "Relation"
	typenameAlias    = Prefix + "_typename"
)

// alias is the response name of an attribute the export reads.
func alias(name string) string { return Prefix + "_" + name }

// EntityFragment and RelationFragment are the GraphQL fragments that read
// what the export writes of each entity and relation.
var EntityFragment, RelationFragment = fragments()

func fragments() (string, string) {
	var e strings.Builder
	fmt.Fprintf(&e, "fragment %s on Entity { %s: __typename %s: id", entityFragment, typenameAlias, alias("id"))
	on := map[string][]string{}
	var types []string
	for _, a := range NodeAttrs {
		f := selection(a)
		if a.On == "" {
			e.WriteString(" " + f)
			continue
		}
		if on[a.On] == nil {
			types = append(types, a.On)
		}
		on[a.On] = append(on[a.On], f)
	}
	for _, t := range types {
		fmt.Fprintf(&e, " ... on %s { %s }", t, strings.Join(on[t], " "))
	}
	e.WriteString(" }")
	var r strings.Builder
	fmt.Fprintf(&r, "fragment %s on Relation { %s: __typename %s: id %s: source %s: target", relationFragment,
		typenameAlias, alias("id"), alias("source"), alias("target"))
	for _, a := range EdgeAttrs {
		r.WriteString(" " + selection(a))
	}
	fmt.Fprintf(&r, " %s: validFrom { first } %s: validTo { last }", alias("spellStart"), alias("spellEnd"))
	fmt.Fprintf(&r, " %s: from { ...%s } %s: to { ...%s } }", alias("from"), entityFragment, alias("to"), entityFragment)
	return e.String(), r.String()
}

func selection(a Attr) string {
	if a.Sub == "" {
		return alias(a.Name) + ": " + a.Name
	}
	return fmt.Sprintf("%s: %s { %s }", alias(a.Name), a.Name, a.Sub)
}

// Instrument returns query with the export's fragments spread into every
// selection of an entity, a relation or a node, and the name of the
// first root field of the operation (for a file name). It returns the
// parser's or validator's errors for a query that is not valid against
// schema; maxTokens is the parser's token limit.
func Instrument(schema *ast.Schema, query, operationName string, maxTokens int) (string, string, gqlerror.List) {
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: query}, maxTokens)
	if err != nil {
		return "", "", gqlerror.List{gqlerror.WrapIfUnwrapped(err)}
	}
	if errs := validator.ValidateWithRules(schema, doc, nil); len(errs) > 0 {
		return "", "", errs
	}
	for _, f := range doc.Fragments {
		if strings.HasPrefix(f.Name, Prefix) {
			return "", "", gqlerror.List{gqlerror.Errorf("fragment names beginning with %s are the export's", Prefix)}
		}
	}
	in := &instrumenter{schema: schema}
	for _, op := range doc.Operations {
		in.walk(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		in.walk(f.SelectionSet)
	}
	var b strings.Builder
	formatter.NewFormatter(&b).FormatQueryDocument(doc)
	// A fragment that nothing spreads is a validation error: add only
	// those used (the relation's reads its ends with the entity's).
	if in.relations {
		b.WriteString("\n" + RelationFragment + "\n" + EntityFragment + "\n")
	} else if in.entities {
		b.WriteString("\n" + EntityFragment + "\n")
	}
	return b.String(), rootField(doc, operationName), nil
}

type instrumenter struct {
	schema              *ast.Schema
	entities, relations bool
}

// walk spreads the fragments into the selection sets of every field
// whose type is an entity, a relation or a node.
func (in *instrumenter) walk(set ast.SelectionSet) {
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			if s.Definition != nil {
				s.SelectionSet = in.spread(s.Definition.Type.Name(), s.SelectionSet)
			}
			in.walk(s.SelectionSet)
		case *ast.InlineFragment:
			in.walk(s.SelectionSet)
		}
	}
}

func (in *instrumenter) spread(typeName string, set ast.SelectionSet) ast.SelectionSet {
	def := in.schema.Types[typeName]
	if def == nil || len(set) == 0 {
		return set
	}
	isEntity := typeName == "Entity" || slices.Contains(def.Interfaces, "Entity")
	switch {
	case typeName == "Relation":
		in.relations = true
		return append(set, &ast.FragmentSpread{Name: relationFragment})
	case typeName == "Node":
		in.relations, in.entities = true, true
		return append(set, &ast.FragmentSpread{Name: entityFragment}, &ast.FragmentSpread{Name: relationFragment})
	case isEntity:
		in.entities = true
		return append(set, &ast.FragmentSpread{Name: entityFragment})
	}
	return set
}

// rootField is the name of the first field of the operation named name
// (or of the only one), "export" when there is none.
func rootField(doc *ast.QueryDocument, name string) string {
	op := doc.Operations.ForName(name)
	if op == nil && len(doc.Operations) > 0 {
		op = doc.Operations[0]
	}
	if op != nil {
		for _, s := range op.SelectionSet {
			if f, ok := s.(*ast.Field); ok && !strings.HasPrefix(f.Name, "__") {
				return f.Name
			}
		}
	}
	return "export"
}
