package httpapi_test

import (
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"testing"
)

// exampleBlock is a graphql code block of the README followed by the json
// block of its answer; a graphql block without one (the Curating
// section's mutations, which TestREADMECurating runs) is not an example,
// and the match never runs through one into the next.
var exampleBlock = regexp.MustCompile("(?s)```graphql\n((?:[^`]|`[^`]|``[^`])*?)```\\s*```json\n(.*?)```")

// TestREADMEExamples runs every example of the README against the API on
// the seed and compares the answer with the one the README shows, so that
// the README stays true. An answer shown with errors is compared by their
// messages and the extensions it shows (a request id differs each time);
// one shown with extensions.cost, by its price as well.
func TestREADMEExamples(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	examples := exampleBlock.FindAllStringSubmatch(string(readme), -1)
	if len(examples) < 10 {
		t.Fatalf("found %d examples in the README", len(examples))
	}
	forEachStore(t, func(t *testing.T, a *api) {
		for _, ex := range examples {
			query, answer := ex[1], ex[2]
			var want map[string]any
			if err := json.Unmarshal([]byte(answer), &want); err != nil {
				t.Fatalf("README answer is not JSON: %v\n%s", err, answer)
			}
			r := a.query(t, query, nil)
			got := map[string]any{"data": any(r.Data)}
			if wantErrors, ok := want["errors"].([]any); ok {
				got = map[string]any{"errors": shownErrors(r.Errors, wantErrors)}
			} else if len(r.Errors) > 0 {
				t.Errorf("example fails: %+v\n%s", r.Errors, query)
				continue
			}
			if ext, ok := want["extensions"].(map[string]any); ok {
				got["extensions"] = shown(r.Extensions, ext)
			}
			if !reflect.DeepEqual(normalize(t, got), normalize(t, want)) {
				b, _ := json.MarshalIndent(got, "", "  ")
				t.Errorf("the README's answer is out of date for\n%s\ngot:\n%s", query, b)
			}
		}
	})
}

// shownErrors is what of the errors the README shows: each message, and
// the extensions that it shows of the error at the same place.
func shownErrors(errs []gqlError, want []any) []any {
	out := make([]any, len(errs))
	for i, e := range errs {
		var ext map[string]any
		if i < len(want) {
			w, _ := want[i].(map[string]any)
			ext, _ = w["extensions"].(map[string]any)
		}
		out[i] = map[string]any{"message": e.Message, "extensions": shown(e.Extensions, ext)}
	}
	return out
}

// shown keeps the keys of m that want has.
func shown(m, want map[string]any) map[string]any {
	out := map[string]any{}
	for k := range want {
		if v, ok := m[k]; ok {
			out[k] = v
		}
	}
	return out
}

// normalize round-trips through JSON so that numbers and maps compare alike.
func normalize(t *testing.T, v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	json.Unmarshal(b, &out)
	return out
}
