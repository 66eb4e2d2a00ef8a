package httpapi

import "github.com/vektah/gqlparser/v2/ast"

// responseField is one field of a selection set as the executor will
// answer it: the fields of the same response key and name, merged across
// the set's fragments, whose selections it answers together.
type responseField struct {
	key, name string
	fields    []*ast.Field
}

// aliased reports whether the field is asked for under another name.
func (f *responseField) aliased() bool { return f.key != f.name }

// selections are the merged selections of the field's occurrences.
func (f *responseField) selections() []ast.SelectionSet {
	out := make([]ast.SelectionSet, 0, len(f.fields))
	for _, x := range f.fields {
		if len(x.SelectionSet) > 0 {
			out = append(out, x.SelectionSet)
		}
	}
	return out
}

// collect merges the selection sets into the fields the executor answers,
// in order, with fragments and inline fragments spread in whatever their
// type condition (the limits take the widest case) and @skip/@include
// ignored (the same). Each fragment is spread once per collection, as the
// executor does, so a fragment spread many times costs its fields once.
func collect(doc *ast.QueryDocument, sets []ast.SelectionSet) []*responseField {
	var out []*responseField
	index := map[[2]string]*responseField{}
	spread := map[string]bool{}
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch s := sel.(type) {
			case *ast.Field:
				key := s.Alias
				if key == "" {
					key = s.Name
				}
				id := [2]string{key, s.Name}
				f := index[id]
				if f == nil {
					f = &responseField{key: key, name: s.Name}
					index[id] = f
					out = append(out, f)
				}
				f.fields = append(f.fields, s)
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			case *ast.FragmentSpread:
				if spread[s.Name] {
					continue
				}
				spread[s.Name] = true
				if def := doc.Fragments.ForName(s.Name); def != nil {
					walk(def.SelectionSet)
				}
			}
		}
	}
	for _, set := range sets {
		walk(set)
	}
	return out
}

// introspective reports whether a root field reads the schema (__schema,
// __type), which the cost model prices by the schema itself.
func introspective(name string) bool { return name == "__schema" || name == "__type" }
