package kg

import (
	"strings"
	"testing"
)

func TestCheckCreateEntity(t *testing.T) {
	valid := func() *CreateEntityInput {
		return &CreateEntityInput{Entity: EntityInput{Kind: KindCountry, Name: "Pakistan", Aliases: []string{"PK"},
			Attributes: Attributes{Independence: ptr(MustDate("1947-08-14"))}}}
	}
	if err := CheckCreateEntity(valid()); err != nil {
		t.Fatalf("valid input: %v", err)
	}
	for _, tc := range []struct {
		name        string
		edit        func(in *CreateEntityInput)
		field, want string
	}{
		{"a ref", func(in *CreateEntityInput) { in.Entity.Ref = "pk" }, "input.entity.ref", "takes none"},
		{"unknown kind", func(in *CreateEntityInput) { in.Entity.Kind = "Planet" }, "input.entity.kind", "unknown kind"},
		{"a document", func(in *CreateEntityInput) { in.Entity.Kind, in.Entity.Attributes = KindDocument, Attributes{} }, "input.entity.kind", "ingestDocument"},
		{"no name", func(in *CreateEntityInput) { in.Entity.Name = "\n" }, "input.entity.name", "needs a name"},
		{"an attribute of another kind", func(in *CreateEntityInput) { in.Entity.Attributes.Founded = ptr(MustDate("1990")) }, "input.entity.attributes.founded", "attribute of Organization"},
		{"an alias too long", func(in *CreateEntityInput) { in.Entity.Aliases[0] = strings.Repeat("a", MaxNameChars+1) }, "input.entity.aliases.0", "at most 1000"},
	} {
		in := valid()
		tc.edit(in)
		es, _ := AsUserErrors(CheckCreateEntity(in))
		if len(es) != 1 || strings.Join(es[0].Field, ".") != tc.field || !strings.Contains(es[0].Message, tc.want) {
			t.Errorf("%s: %v, want one error at %s with %q", tc.name, es, tc.field, tc.want)
		}
	}
}
