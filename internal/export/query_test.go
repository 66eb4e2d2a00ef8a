package export_test

import (
	"strings"
	"testing"

	"github.com/kgql/kgql/graph/generated"
	"github.com/kgql/kgql/internal/export"
)

func TestInstrument(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	for _, c := range []struct {
		query, field                     string
		entities, relations              int // spreads of each fragment
		entityFragment, relationFragment bool
	}{
		{`{ stats { entities } }`, "stats", 0, 0, false, false},
		{`{ entity(id: "PTA") { id neighbors { edges { node { name } } } } }`, "entity", 2, 0, true, false},
		{`{ relations { edges { relation { id } node { id } } } }`, "relations", 1, 1, true, true},
		{`{ node(id: "org/pta") { id } }`, "node", 1, 1, true, true},
		{`query q { a: neighborhood(ids: ["PTA"]) { nodes { ...F } } } fragment F on Entity { id }`, "neighborhood", 1, 0, true, false},
	} {
		out, field, errs := export.Instrument(schema, c.query, "", 5000)
		if errs != nil {
			t.Errorf("%s: %v", c.query, errs)
			continue
		}
		if field != c.field || strings.Count(out, "... _kgqlEntity\n") != c.entities || strings.Count(out, "... _kgqlRelation\n") != c.relations {
			t.Errorf("%s: field %q\n%s", c.query, field, out)
		}
		if strings.Contains(out, "fragment _kgqlEntity") != c.entityFragment || strings.Contains(out, "fragment _kgqlRelation") != c.relationFragment {
			t.Errorf("%s: fragments added where unused or missing where used:\n%s", c.query, out)
		}
	}
	for _, bad := range []string{`{ nope }`, `{ entity(id: "PTA") { id }`, `{ entity(id: "PTA") { ..._kgqlX } } fragment _kgqlX on Entity { id }`} {
		if _, _, errs := export.Instrument(schema, bad, "", 5000); errs == nil {
			t.Errorf("%s: instrumented", bad)
		}
	}
}
