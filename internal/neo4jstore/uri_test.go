package neo4jstore_test

import (
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/neo4jstore"
)

// TestRedactURI: a URI is logged without the credentials it may carry.
func TestRedactURI(t *testing.T) {
	for uri, want := range map[string]string{
		"bolt://127.0.0.1:7687":                  "bolt://127.0.0.1:7687",
		"neo4j://neo4j:s3cret@db.example:7687":   "neo4j://db.example:7687",
		"bolt+s://only-user@db.example":          "bolt+s://db.example",
		"bolt://u:s3cret@db.example/?x=1":        "bolt://db.example/?x=1",
		"bolt://u:s3cret@db.example:notaport%zz": "(a malformed URI)",
	} {
		if got := neo4jstore.RedactURI(uri); got != want {
			t.Errorf("RedactURI(%q) = %q, want %q", uri, got, want)
		}
	}
	_, err := neo4jstore.New(neo4jstore.Config{URI: "nope://u:s3cret@db.example"})
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("a bad URI's error: %v", err)
	}
}
