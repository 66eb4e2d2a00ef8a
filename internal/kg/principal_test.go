package kg

import (
	"context"
	"testing"
)

func TestRoleAllows(t *testing.T) {
	cases := []struct {
		have, need Role
		want       bool
	}{
		{RoleReader, RoleReader, true}, {RoleReader, RoleEditor, false}, {RoleReader, RoleAdmin, false},
		{RoleEditor, RoleReader, true}, {RoleEditor, RoleEditor, true}, {RoleEditor, RoleAdmin, false},
		{RoleAdmin, RoleReader, true}, {RoleAdmin, RoleEditor, true}, {RoleAdmin, RoleAdmin, true},
		{"", RoleReader, false}, {"root", RoleReader, false},
	}
	for _, c := range cases {
		if got := c.have.Allows(c.need); got != c.want {
			t.Errorf("%q.Allows(%q) = %v, want %v", c.have, c.need, got, c.want)
		}
	}
}

func TestRequire(t *testing.T) {
	ctx := context.Background()
	if got := ErrorCode(Require(ctx, RoleReader)); got != EUNAUTHENTICATED {
		t.Errorf("no principal: %q, want %s", got, EUNAUTHENTICATED)
	}
	anon := WithPrincipal(ctx, Principal{ID: "anon:127.0.0.1", Method: AuthNone})
	if got := ErrorCode(Require(anon, RoleEditor)); got != EUNAUTHENTICATED {
		t.Errorf("anonymous: %q, want %s", got, EUNAUTHENTICATED)
	}
	reader := WithPrincipal(ctx, Principal{ID: "key:1", Name: "r", Role: RoleReader, Method: AuthAPIKey})
	if got := ErrorCode(Require(reader, RoleEditor)); got != EFORBIDDEN {
		t.Errorf("reader: %q, want %s", got, EFORBIDDEN)
	}
	editor := WithPrincipal(ctx, Principal{ID: "key:2", Name: "e", Role: RoleEditor, Method: AuthAPIKey})
	if err := Require(editor, RoleEditor); err != nil {
		t.Errorf("editor: %v", err)
	}
	if got := ErrorCode(Require(editor, RoleAdmin)); got != EFORBIDDEN {
		t.Errorf("editor as admin: %q, want %s", got, EFORBIDDEN)
	}
	if p := PrincipalFrom(editor); p.ID != "key:2" || p.Anonymous() {
		t.Errorf("PrincipalFrom = %+v", p)
	}
}
