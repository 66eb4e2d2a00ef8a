package kg

import "testing"

func TestParseDate(t *testing.T) {
	for s, want := range map[string][3]string{
		"2025":       {"YEAR", "2025-01-01", "2025-12-31"},
		"2025-09":    {"MONTH", "2025-09-01", "2025-09-30"},
		"2024-02":    {"MONTH", "2024-02-01", "2024-02-29"},
		"1992-02-24": {"DAY", "1992-02-24", "1992-02-24"},
	} {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		if got := [3]string{string(d.Precision), d.First(), d.Last()}; got != want || d.String() != s {
			t.Errorf("%s: %v %s, want %v", s, got, d, want)
		}
	}
	for _, bad := range []string{"", "24", "2024-13", "2025-02-30", "2024/12/17", "September 2025", "0000"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
}

func TestParseMoneyAndCount(t *testing.T) {
	m, err := ParseMoney("53.7 million USD")
	if err != nil || m.Value != 53.7e6 || m.Currency != "USD" || m.String() != "53700000 USD" {
		t.Errorf("money = %+v, %v", m, err)
	}
	for _, bad := range []string{"53.7", "lots USD", "5 zillion USD", "-1 USD", "5 usd", "5 DOLLARS", "1e300 trillion USD", "1.7976931348623157e308 USD", "NaN USD", "Inf USD"} {
		if _, err := ParseMoney(bad); err == nil {
			t.Errorf("ParseMoney(%q) accepted", bad)
		}
	}
	c, err := ParseCount("over 300")
	if err != nil || c.Value != 300 || c.Qualifier != CountOver || c.String() != "over 300" {
		t.Errorf("count = %+v, %v", c, err)
	}
	if c, err := ParseCount("57"); err != nil || c.Qualifier != CountExact || c.String() != "57" {
		t.Errorf("count = %+v, %v", c, err)
	}
	for _, bad := range []string{"many", "over", "-3", "over -3"} {
		if _, err := ParseCount(bad); err == nil {
			t.Errorf("ParseCount(%q) accepted", bad)
		}
	}
}

func TestRelationWindow(t *testing.T) {
	r := Relation{ValidFrom: ptr(MustDate("1992-02-24"))}
	if f, l := r.Window(); f != "1992-02-24" || l != "" {
		t.Errorf("open validity: %s..%s", f, l)
	}
	// Statement dates are stated time, not valid time: unknown validity is open.
	r = Relation{Evidence: []Evidence{{Date: MustDate("2024-12-17")}, {Date: MustDate("2026-02")}}}
	if f, l := r.Window(); f != "" || l != "" {
		t.Errorf("statement dates made validity: %s..%s", f, l)
	}
	w := Window{Since: "2026-01-01"}
	if w.Admits("2024-12-17", "2024-12-17") || !w.Admits("2024-12-17", "2026-02-28") || !w.Admits("1992-02-24", "") {
		t.Error("Window.Admits")
	}
}

func TestScore(t *testing.T) {
	q := SearchTerms
	for _, c := range []struct {
		query, name string
		min, max    float64
	}{
		{"PTA", "PTA", 1, 1},
		{"rehman", "Hafeez Ur Rehman", 0.8, 0.9},
		{"kazakstan", "Kazakhstan", 0.6, 0.7},
		{"haf", "Hafeez Ur Rehman", 0.6, 0.8},
		{"pta", "Pakistan", 0, 0},
		{"xyz", "Kazakhstan", 0, 0},
	} {
		if s := Score(q(c.query), c.name); s < c.min || s > c.max {
			t.Errorf("Score(%q, %q) = %v, want in [%v, %v]", c.query, c.name, s, c.min, c.max)
		}
	}
	if Score(q("pakistan"), "Pakistan") <= Score(q("pakistan"), "Pakistan Telecommunication Authority") {
		t.Error("an exact name must outrank a longer one")
	}
}

func ptr[T any](v T) *T { return &v }

func TestParseRelationID(t *testing.T) {
	for id, want := range map[string][3]string{
		"person/a>HOLDS_POSITION>org/b":                      {"person/a", "HOLDS_POSITION", "org/b"},
		"country/a>EXPORTS>commodity/c#country/b":            {"country/a", "EXPORTS", "commodity/c"},
		RelationID("country/a", TradesWith, "country/b", ""): {"country/a", "TRADES_WITH", "country/b"},
	} {
		from, typ, to, ok := ParseRelationID(id)
		if !ok || [3]string{from, string(typ), to} != want {
			t.Errorf("ParseRelationID(%q) = %s %s %s %v", id, from, typ, to, ok)
		}
	}
	for _, bad := range []string{"", "org/pta", "a>B", ">B>c", "a>B>"} {
		if _, _, _, ok := ParseRelationID(bad); ok {
			t.Errorf("ParseRelationID(%q) accepted", bad)
		}
	}
}
