package observe

import (
	"reflect"
	"slices"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// TestStoreCallsAreTheStoreMethods holds the call label's list to the
// kg.Store interface, which the decorator implements method by method.
func TestStoreCallsAreTheStoreMethods(t *testing.T) {
	typ := reflect.TypeFor[kg.Store]()
	var methods []string
	for i := range typ.NumMethod() {
		methods = append(methods, typ.Method(i).Name)
	}
	got := slices.Sorted(slices.Values(storeCalls))
	if !slices.Equal(got, methods) {
		t.Errorf("storeCalls = %v, kg.Store has %v", got, methods)
	}
}

// TestWriterCallsAreTheWriterMethods holds the writes' call labels to
// the kg.Writer interface, which the write decorator implements.
func TestWriterCallsAreTheWriterMethods(t *testing.T) {
	typ := reflect.TypeFor[kg.Writer]()
	var methods []string
	for i := range typ.NumMethod() {
		methods = append(methods, typ.Method(i).Name)
	}
	got := slices.Sorted(slices.Values(writerCalls))
	if !slices.Equal(got, methods) {
		t.Errorf("writerCalls = %v, kg.Writer has %v", got, methods)
	}
}

func TestNameSet(t *testing.T) {
	s := &nameSet{max: 2, seen: map[string]struct{}{}}
	for _, c := range []struct{ name, want string }{
		{"", opAnonymous}, {"A", "A"}, {"B", "B"}, {"C", opOther}, {"A", "A"}, {string(make([]byte, maxNameBytes+1)), opOther},
	} {
		if got := s.label(c.name, true); got != c.want {
			t.Errorf("label(%.10q) = %q, want %q", c.name, got, c.want)
		}
	}
	if got := s.label("A", false); got != opOther {
		t.Errorf("an anonymous client's known name: %q, want %q", got, opOther)
	}
}
