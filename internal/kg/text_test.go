package kg_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// TestTextDropsCodes: the codes meant for GraphQL's extensions.code do
// not reach a person's message, wherever they stand in the chain.
func TestTextDropsCodes(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{kg.Errorf(kg.EINVALID, "seed directory %q not found", "x"), `seed directory "x" not found`},
		{fmt.Errorf("load x.ndjson: %w", kg.Errorf(kg.EINVALID, "line 3: bad")), "load x.ndjson: line 3: bad"},
		{errors.Join(kg.Errorf(kg.EUNAVAILABLE, "The graph store is unavailable."), errors.New("locked")), "The graph store is unavailable.\nlocked"},
		{kg.Timeout(context.DeadlineExceeded), "context deadline exceeded"},
		{errors.New("plain"), "plain"},
	} {
		if got := kg.Text(tc.err); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.err, got, tc.want)
		}
	}
}
