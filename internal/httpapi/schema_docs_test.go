package httpapi_test

import (
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/memstore"
)

// TestSchemaIsDescribed walks the schema as a client sees it
// (introspection over HTTP) and fails on any type, field, argument, input
// field or enum value without a description: the playground's docs panel
// is how most people learn the API.
func TestSchemaIsDescribed(t *testing.T) {
	store, err := memstore.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	a := newAPI(t, store)
	r := a.ok(t, `{ __schema { types {
		name description
		fields(includeDeprecated: true) { name description args { name description } }
		inputFields { name description }
		enumValues(includeDeprecated: true) { name description } } } }`, nil)
	var missing []string
	described := func(v any, what string) {
		if d, _ := v.(map[string]any)["description"].(string); strings.TrimSpace(d) == "" {
			missing = append(missing, what)
		}
	}
	types := list(t, r.Data, "__schema.types")
	for _, ty := range types {
		name := at(t, ty, "name").(string)
		if strings.HasPrefix(name, "__") {
			continue // the GraphQL spec's introspection types, not kgql's schema
		}
		described(ty, name)
		for _, f := range listOrNil(ty, "fields") {
			fname := name + "." + at(t, f, "name").(string)
			described(f, fname)
			for _, arg := range listOrNil(f, "args") {
				described(arg, fname+"("+at(t, arg, "name").(string)+")")
			}
		}
		for _, f := range listOrNil(ty, "inputFields") {
			described(f, name+"."+at(t, f, "name").(string))
		}
		for _, v := range listOrNil(ty, "enumValues") {
			described(v, name+"."+at(t, v, "name").(string))
		}
	}
	if len(types) < 30 {
		t.Fatalf("%d types: the walk proves little", len(types))
	}
	if len(missing) > 0 {
		t.Errorf("%d without a description (schema.graphqls):\n%s", len(missing), strings.Join(missing, "\n"))
	}
}

// listOrNil is a list field of an introspection object, nil when null.
func listOrNil(v any, key string) []any {
	l, _ := v.(map[string]any)[key].([]any)
	return l
}
