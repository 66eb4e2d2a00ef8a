package kg

import "testing"

// TestRelationKey: each qualifier tells facts apart; the note, the
// evidence and the case of a role do not.
func TestRelationKey(t *testing.T) {
	base := func() *Relation {
		return &Relation{Type: HoldsPosition, From: "person/a", To: "org/b", Role: "Chairman"}
	}
	for _, tc := range []struct {
		name string
		edit func(r *Relation)
		same bool
	}{
		{"the note", func(r *Relation) { r.Note = "acting" }, true},
		{"the evidence", func(r *Relation) { r.Evidence = []Evidence{{DocumentID: "doc/x"}} }, true},
		{"the case of the role", func(r *Relation) { r.Role = "chairman" }, true},
		{"the type", func(r *Relation) { r.Type = MemberOf }, false},
		{"the from end", func(r *Relation) { r.From = "person/c" }, false},
		{"the to end", func(r *Relation) { r.To = "org/c" }, false},
		{"the role", func(r *Relation) { r.Role = "Member" }, false},
		{"the status", func(r *Relation) { r.Status = StatusPlanned }, false},
		{"valid from", func(r *Relation) { r.ValidFrom = ptr(MustDate("2020")) }, false},
		{"valid to", func(r *Relation) { r.ValidTo = ptr(MustDate("2020")) }, false},
		{"point in time", func(r *Relation) { r.PointInTime = ptr(MustDate("2020")) }, false},
		{"the amount", func(r *Relation) { r.Amount = &Money{Value: 1, Currency: "USD"} }, false},
		{"the rank", func(r *Relation) { r.Rank = ptr(1) }, false},
		{"the previous rank", func(r *Relation) { r.PreviousRank = ptr(1) }, false},
		{"the count", func(r *Relation) { r.Count = &Count{Value: 3} }, false},
		{"the counterpart", func(r *Relation) { r.Counterpart = "country/c" }, false},
	} {
		r := base()
		tc.edit(r)
		if same := RelationKey(r) == RelationKey(base()); same != tc.same {
			t.Errorf("%s: same key = %v, want %v", tc.name, same, tc.same)
		}
	}
}
