package httpapi_test

import (
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"testing"
)

// exampleBlock is a graphql code block of the README followed by the json
// block of its answer.
var exampleBlock = regexp.MustCompile("(?s)```graphql\n(.*?)```\\s*```json\n(.*?)```")

// TestREADMEExamples runs every example of the README against the API on
// the seed and compares the answer with the one the README shows, so that
// the README stays true.
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
			if len(r.Errors) > 0 {
				t.Errorf("example fails: %+v\n%s", r.Errors, query)
				continue
			}
			if !reflect.DeepEqual(normalize(t, got), normalize(t, want)) {
				b, _ := json.MarshalIndent(got, "", "  ")
				t.Errorf("the README's answer is out of date for\n%s\ngot:\n%s", query, b)
			}
		}
	})
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
