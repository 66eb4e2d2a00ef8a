package httpapi

import (
	"bytes"
	"net/http"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
)

// schemaSDL serves the schema as SDL (GET /schema.graphql), printed by
// gqlparser's formatter from the schema the server executes: what codegen
// tools and graphql-inspector fetch. It is the schema that introspection
// gives (the tests build a schema from the introspection answer and
// compare), and it is served only when introspection is on.
func schemaSDL(schema *ast.Schema) http.Handler {
	var b bytes.Buffer
	formatter.NewFormatter(&b, formatter.WithIndent("  "), formatter.WithNonIntrospectionBuiltin()).FormatSchema(schema)
	sdl := b.Bytes()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write(sdl)
	})
}
