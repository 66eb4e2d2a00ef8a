package httpapi

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/kgql/kgql/graph/generated"
	"github.com/kgql/kgql/internal/kg"
)

// TestEveryListFieldIsPriced: every field of the schema that returns a
// list of objects has a rule of the cost model (a list without one would
// be priced as one object), and every rule names a field that exists.
func TestEveryListFieldIsPriced(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	for _, def := range schema.Types {
		if strings.HasPrefix(def.Name, "__") || (def.Kind != ast.Object && def.Kind != ast.Interface) {
			continue // introspection is priced by walking the schema
		}
		for _, f := range def.Fields {
			if f.Type.Elem == nil || strings.HasPrefix(f.Name, "__") {
				continue
			}
			elem := schema.Types[f.Type.Elem.Name()]
			if elem.Kind == ast.Scalar || elem.Kind == ast.Enum {
				continue // a list of scalars is one value of the answer
			}
			if ruleFor(schema, def.Name, f.Name) == nil {
				t.Errorf("%s.%s returns a list of %s and has no price", def.Name, f.Name, elem.Name)
			}
		}
	}
	for key := range rules {
		typeName, field, _ := strings.Cut(key, ".")
		if def := schema.Types[typeName]; def == nil || def.Fields.ForName(field) == nil {
			t.Errorf("the rule %s names no field of the schema", key)
		}
	}
}

// TestSubgraphCapsAreDescribed: the schema says how many relations a
// subgraph's or an expansion's limit allows, with kg's caps.
func TestSubgraphCapsAreDescribed(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	perEntity := fmt.Sprintf("%d relations for each entity of the limit", kg.EdgesPerEntity)
	inAll := fmt.Sprintf("%d", kg.MaxSubgraphEdges)
	for _, d := range []string{
		schema.Query.Fields.ForName("neighborhood").Arguments.ForName("limit").Description,
		schema.Query.Fields.ForName("expand").Arguments.ForName("limit").Description,
		schema.Types["Subgraph"].Fields.ForName("truncated").Description,
		schema.Types["Expansion"].Fields.ForName("truncated").Description,
	} {
		if !strings.Contains(d, perEntity) || !strings.Contains(d, inAll) {
			t.Errorf("%q does not say %q and %s", d, perEntity, inAll)
		}
	}
}
