package storetest

import (
	"context"
	"reflect"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// Compare makes every call on both stores and fails t for each one they
// answer differently: another error code, or another answer. With strict,
// answers must be deep-equal (two stores of the contract); otherwise
// their Views must be equal (a store against the Reference, whose values
// are the graph's own, nil where a store has an empty list). It returns
// how many calls failed in both stores alike, to show the calls that
// must fail do.
func Compare(t *testing.T, got, want kg.Store, calls []Call, strict bool) (refused int) {
	t.Helper()
	ctx := context.Background()
	failures := 0
	for _, c := range calls {
		gv, gerr := c.Do(ctx, got)
		wv, werr := c.Do(ctx, want)
		if kg.ErrorCode(gerr) != kg.ErrorCode(werr) {
			t.Errorf("%s: error %v, want %v", c.Name, gerr, werr)
			failures++
		} else if gerr != nil {
			refused++
		} else if gs, ws := View(gv), View(wv); gs != ws || strict && !reflect.DeepEqual(gv, wv) {
			if gs == ws {
				t.Errorf("%s: the answers view alike but are not deep-equal (nil against empty?): %s", c.Name, gs)
			} else {
				t.Errorf("%s: answers differ at %s", c.Name, firstDifference(gs, ws))
			}
			failures++
		}
		if failures >= 10 {
			t.Fatal("too many differences: stopping")
		}
	}
	return refused
}
