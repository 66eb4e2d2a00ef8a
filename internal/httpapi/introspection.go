package httpapi

import (
	"math"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// Introspection is priced by what it really does: the schema is walked as
// gqlgen's introspection answers it (graphql/introspection), and each
// value of the answer costs 1. The walk stops once past its budget.

// introValue is a value of an introspection answer: the schema, a type (a
// named definition, or a list or non-null wrapper), a field, an input
// value (an argument or an input field: its type), an enum value, a
// directive.
type introValue struct {
	schema    bool
	def       *ast.Definition
	wrapped   *ast.Type
	field     *ast.FieldDefinition
	input     *ast.Type // the type of an input value
	directive *ast.DirectiveDefinition
}

func (l *limiter) introspectionCost(doc *ast.QueryDocument, vars map[string]any, f *responseField, budget int) (int, bool) {
	var root []introValue
	if f.name == "__schema" {
		root = []introValue{{schema: true}}
	} else if name, _ := f.fields[0].ArgumentMap(vars)["name"].(string); l.schema.Types[name] != nil {
		root = []introValue{{def: l.schema.Types[name]}}
	}
	c, ok := l.introSet(doc, f.selections(), root, budget-1)
	return 1 + c, ok
}

// introSet prices a selection over each of the values.
func (l *limiter) introSet(doc *ast.QueryDocument, sets []ast.SelectionSet, values []introValue, budget int) (int, bool) {
	if len(sets) == 0 {
		return 0, true
	}
	fields := collect(doc, sets)
	total := 0
	for _, v := range values {
		for _, f := range fields {
			total++
			if children := l.introChildren(v, f); children != nil {
				c, ok := l.introSet(doc, f.selections(), children, budget-total)
				total = min(total+c, math.MaxInt32)
				if !ok {
					return total, false
				}
			}
			if total > budget {
				return total, false
			}
		}
	}
	return total, true
}

// introChildren returns the values of an object or list field of v, nil
// for a scalar or a null.
func (l *limiter) introChildren(v introValue, f *responseField) []introValue {
	s := l.schema
	switch {
	case v.schema:
		switch f.name {
		case "types":
			out := make([]introValue, 0, len(s.Types))
			for _, def := range s.Types {
				out = append(out, introValue{def: def})
			}
			return out
		case "queryType":
			return defValue(s.Query)
		case "mutationType":
			return defValue(s.Mutation)
		case "subscriptionType":
			return defValue(s.Subscription)
		case "directives":
			out := make([]introValue, 0, len(s.Directives))
			for _, d := range s.Directives {
				out = append(out, introValue{directive: d})
			}
			return out
		}
	case v.wrapped != nil:
		if f.name == "ofType" {
			if v.wrapped.NonNull {
				inner := *v.wrapped
				inner.NonNull = false
				return l.typeValue(&inner)
			}
			return l.typeValue(v.wrapped.Elem)
		}
	case v.def != nil:
		return l.typeChildren(v.def, f.name)
	case v.field != nil:
		switch f.name {
		case "args":
			return inputValues(v.field.Arguments)
		case "type":
			return l.typeValue(v.field.Type)
		}
	case v.input != nil:
		if f.name == "type" {
			return l.typeValue(v.input)
		}
	case v.directive != nil:
		if f.name == "args" {
			return inputValues(v.directive.Arguments)
		}
	}
	return nil
}

// typeChildren are the lists of a named type, as introspection lists them.
func (l *limiter) typeChildren(def *ast.Definition, field string) []introValue {
	var out []introValue
	composite := def.Kind == ast.Object || def.Kind == ast.Interface
	switch field {
	case "fields":
		if composite {
			for _, fd := range def.Fields {
				if !strings.HasPrefix(fd.Name, "__") {
					out = append(out, introValue{field: fd})
				}
			}
		}
	case "interfaces":
		if composite {
			for _, name := range def.Interfaces {
				out = append(out, defValue(l.schema.Types[name])...)
			}
		}
	case "possibleTypes":
		if def.Kind == ast.Interface || def.Kind == ast.Union {
			for _, pt := range l.schema.GetPossibleTypes(def) {
				out = append(out, introValue{def: pt})
			}
		}
	case "enumValues":
		for range def.EnumValues {
			out = append(out, introValue{})
		}
	case "inputFields":
		if def.Kind == ast.InputObject {
			for _, fd := range def.Fields {
				out = append(out, introValue{input: fd.Type})
			}
		}
	}
	return out
}

// typeValue is the introspection value of a type reference: a wrapper, or
// the named definition.
func (l *limiter) typeValue(t *ast.Type) []introValue {
	if t == nil {
		return nil
	}
	if t.NonNull || t.Elem != nil {
		return []introValue{{wrapped: t}}
	}
	return defValue(l.schema.Types[t.NamedType])
}

func defValue(def *ast.Definition) []introValue {
	if def == nil {
		return nil
	}
	return []introValue{{def: def}}
}

func inputValues(args ast.ArgumentDefinitionList) []introValue {
	out := make([]introValue, len(args))
	for i, a := range args {
		out[i] = introValue{input: a.Type}
	}
	return out
}
