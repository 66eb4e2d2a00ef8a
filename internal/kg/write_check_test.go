package kg

import (
	"strings"
	"testing"
)

// TestWriteChecks: each input is valid as given; each case breaks one
// rule and expects its one user error at its path.
func TestWriteChecks(t *testing.T) {
	rel := "org/a>MEMBER_OF>org/b"
	for _, tc := range []struct {
		name        string
		check       func() error
		field, want string // field "" : valid
	}{
		{"update: valid", func() error {
			return CheckUpdateEntity(&UpdateEntityInput{ID: "org/pta", ExpectedRev: ptr(3), AddAliases: []string{"PTA"}})
		}, "", ""},
		{"update: no id", func() error { return CheckUpdateEntity(&UpdateEntityInput{ID: "pta", Name: ptr("P")}) }, "input.id", "no entity's id"},
		{"update: nothing", func() error { return CheckUpdateEntity(&UpdateEntityInput{ID: "org/pta"}) }, "input", "nothing to change"},
		{"update: rev 0", func() error {
			return CheckUpdateEntity(&UpdateEntityInput{ID: "org/pta", ExpectedRev: ptr(0), Name: ptr("P")})
		}, "input.expectedRev", "revs start at 1"},
		{"update: blank name", func() error { return CheckUpdateEntity(&UpdateEntityInput{ID: "org/pta", Name: ptr(" ")}) }, "input.name", "blank"},
		{"update: unknown attribute to clear", func() error {
			return CheckUpdateEntity(&UpdateEntityInput{ID: "org/pta", Clear: []string{"colour"}})
		}, "input.clear.0", "unknown attribute"},
		{"update: unknown status", func() error {
			return CheckUpdateEntity(&UpdateEntityInput{ID: "event/x", Attributes: Attributes{Status: ptr(Status("rumoured"))}})
		}, "input.attributes.status", "unknown status"},
		{"update: alias added and removed", func() error {
			return CheckUpdateEntity(&UpdateEntityInput{ID: "org/pta", AddAliases: []string{"PTA"}, RemoveAliases: []string{"PTA"}})
		}, "input.addAliases.0", "both added and removed"},
		{"update: alias too long", func() error {
			return CheckUpdateEntity(&UpdateEntityInput{ID: "org/pta", AddAliases: []string{strings.Repeat("a", MaxNameChars+1)}})
		}, "input.addAliases.0", "at most 1000"},
		{"retract: valid", func() error {
			return CheckRetractRelation(&RetractRelationInput{Request: Request{Reason: "wrong"}, ID: rel, SupersededBy: "org/a>PART_OF>org/b"})
		}, "", ""},
		{"retract: no reason", func() error { return CheckRetractRelation(&RetractRelationInput{ID: rel}) }, "input.reason", "needs a reason"},
		{"retract: not a relation id", func() error {
			return CheckRetractRelation(&RetractRelationInput{Request: Request{Reason: "r"}, ID: "org/a"})
		}, "input.id", "no relation's id"},
		{"retract: superseded by itself", func() error {
			return CheckRetractRelation(&RetractRelationInput{Request: Request{Reason: "r"}, ID: rel, SupersededBy: rel})
		}, "input.supersededBy", "itself"},
		{"delete: valid", func() error { return CheckDeleteDocument(&DeleteDocumentInput{ID: "doc/x"}) }, "", ""},
		{"delete: not a document", func() error { return CheckDeleteDocument(&DeleteDocumentInput{ID: "org/x"}) }, "input.id", "no document's id"},
		{"merge: valid", func() error { return CheckMergeEntities(&MergeEntitiesInput{Keep: "org/a", Drop: "PTA", DryRun: true}) }, "", ""},
		{"merge: no drop", func() error { return CheckMergeEntities(&MergeEntitiesInput{Keep: "org/a"}) }, "input.drop", "name the entity"},
		{"merge: into itself", func() error { return CheckMergeEntities(&MergeEntitiesInput{Keep: "org/a", Drop: "org/a"}) }, "input.drop", "itself"},
		{"merge: rev 0", func() error {
			return CheckMergeEntities(&MergeEntitiesInput{Keep: "org/a", Drop: "org/b", DropRev: ptr(0)})
		}, "input.dropRev", "revs start at 1"},
		{"revert: valid", func() error { return CheckRevertChange(&RevertChangeInput{ID: ChangeID(12)}) }, "", ""},
		{"revert: not a change id", func() error { return CheckRevertChange(&RevertChangeInput{ID: "change/012"}) }, "input.id", "no change's id"},
	} {
		err := tc.check()
		es, _ := AsUserErrors(err)
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.field != "" && (len(es) != 1 || strings.Join(es[0].Field, ".") != tc.field || !strings.Contains(es[0].Message, tc.want)):
			t.Errorf("%s: %v, want one error at %s with %q", tc.name, err, tc.field, tc.want)
		}
	}
	if seq, ok := ParseChangeID(ChangeID(42)); !ok || seq != 42 {
		t.Errorf("ParseChangeID(ChangeID(42)) = %d, %v", seq, ok)
	}
}
