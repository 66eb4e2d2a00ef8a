package storetest

import (
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// TestSuiteOnReference runs the whole contract on the Reference: its
// seed and edge facts are worked out by hand from the articles and the
// graphs, so the Reference passing them checks it; its random calls
// compared with itself check that the calls run, refuse what they must,
// and cover every capability and code.
func TestSuiteOnReference(t *testing.T) {
	Run(t, func(_ *testing.T, g *kg.Graph) kg.Store { return NewReference(g) })
}
