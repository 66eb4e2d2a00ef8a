package kg

import "testing"

func TestEventValidity(t *testing.T) {
	date := func(s string) *Date { d := MustDate(s); return &d }
	workshop := &Entity{ID: "event/w", Kind: KindEvent, StartDate: date("2024-12-17"), EndDate: date("2024-12-18")}
	visit := &Entity{ID: "event/v", Kind: KindEvent, StartDate: date("2025-09")}
	undated := &Entity{ID: "event/u", Kind: KindEvent}
	person := &Entity{ID: "person/p", Kind: KindPerson}
	initiative := &Entity{ID: "initiative/i", Kind: KindInitiative, StartDate: date("2020")}
	for _, tc := range []struct {
		name     string
		r        *Relation
		from, to *Entity
		want     string // "" when the rule does not apply
	}{
		{"participation takes the event's days", &Relation{Type: ParticipatedIn}, person, workshop, "2024-12-17..2024-12-18"},
		{"a start date alone is the whole span", &Relation{Type: ParticipatedIn}, person, visit, "2025-09..2025-09"},
		{"the event at the From end", &Relation{Type: LocatedIn}, visit, person, "2025-09..2025-09"},
		{"both ends dated: the From end's", &Relation{Type: PartOf}, visit, workshop, "2025-09..2025-09"},
		{"own validity wins", &Relation{Type: ParticipatedIn, ValidFrom: date("2024")}, person, workshop, ""},
		{"own end alone wins too", &Relation{Type: ParticipatedIn, ValidTo: date("2024")}, person, workshop, ""},
		{"an undated event gives none", &Relation{Type: ParticipatedIn}, person, undated, ""},
		{"only events count", &Relation{Type: ParticipatedIn}, person, initiative, ""},
		{"never a mention", &Relation{Type: Mentions}, &Entity{Kind: KindDocument}, workshop, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			from, to, ok := EventValidity(tc.r, tc.from, tc.to)
			got := ""
			if ok {
				got = from.String() + ".." + to.String()
			}
			if got != tc.want {
				t.Errorf("EventValidity = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestWindowIsValidityOnly(t *testing.T) {
	date := func(s string) *Date { d := MustDate(s); return &d }
	stated := []Evidence{{Date: MustDate("2026-02-02")}}
	for _, tc := range []struct {
		name        string
		r           Relation
		first, last string
	}{
		{"no validity is open at both ends, whatever the statements' dates", Relation{Evidence: stated}, "", ""},
		{"a measured value's date is no validity", Relation{PointInTime: date("2024"), Evidence: stated}, "", ""},
		{"from a month, open", Relation{ValidFrom: date("1991-12"), Evidence: stated}, "1991-12-01", ""},
		{"first to last day", Relation{ValidFrom: date("2025-09"), ValidTo: date("2025-09")}, "2025-09-01", "2025-09-30"},
	} {
		if first, last := tc.r.Window(); first != tc.first || last != tc.last {
			t.Errorf("%s: window %q..%q, want %q..%q", tc.name, first, last, tc.first, tc.last)
		}
	}
}
