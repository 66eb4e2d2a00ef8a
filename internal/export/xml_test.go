package export

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"testing"
)

// nmtoken is XML's Nmtoken, as GraphML's ids must be, for ASCII (every
// other character is escaped).
var nmtoken = regexp.MustCompile(`^[A-Za-z0-9._:-]+$`)

func TestGraphMLIDRoundTrip(t *testing.T) {
	for _, id := range []string{
		"person/hafeez-ur-rehman",
		"person/hafeez-ur-rehman>HOLDS_POSITION>org/pta",
		"a>MET_WITH>b#2",
		"under_score_x0041_",
		"ünïcødé/名字/😀",
		"space and\ttab",
		"_",
		"x",
	} {
		enc := GraphMLID(id)
		if !nmtoken.MatchString(enc) {
			t.Errorf("%q encodes as %q, not a name token", id, enc)
		}
		if back, err := ParseGraphMLID(enc); err != nil || back != id {
			t.Errorf("%q -> %q -> %q, %v", id, enc, back, err)
		}
	}
	for _, bad := range []string{"_x", "_x12", "_xZZZZ_", "a_b"} {
		if _, err := ParseGraphMLID(bad); err == nil {
			t.Errorf("%q decodes", bad)
		}
	}
}

// TestGEXFSpells: open ends are left out of the spell; an edge valid at
// no known time has none.
func TestGEXFSpells(t *testing.T) {
	g := &Graph{
		Nodes: []*Node{{ID: "a", Values: map[string]any{"name": "A"}}, {ID: "b", Values: map[string]any{}}},
		Edges: []*Edge{
			{ID: "a>X>b", Source: "a", Target: "b", Values: map[string]any{"type": "X"}, Valid: Spell{Start: "2025-09-01"}},
			{ID: "a>Y>b", Source: "a", Target: "b", Values: map[string]any{"type": "Y"}, Valid: Spell{End: "2024-12-31"}},
			{ID: "a>Z>b", Source: "a", Target: "b", Values: map[string]any{"type": "Z", "rank": 3}},
		},
	}
	var b bytes.Buffer
	if err := WriteGEXF(&b, g); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Edges []struct {
			ID     string `xml:"id,attr"`
			Spells []struct {
				Start *string `xml:"start,attr"`
				End   *string `xml:"end,attr"`
			} `xml:"spells>spell"`
		} `xml:"graph>edges>edge"`
	}
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	x, y, z := doc.Edges[0], doc.Edges[1], doc.Edges[2]
	if len(x.Spells) != 1 || *x.Spells[0].Start != "2025-09-01" || x.Spells[0].End != nil {
		t.Errorf("since 2025-09: %+v", x)
	}
	if len(y.Spells) != 1 || y.Spells[0].Start != nil || *y.Spells[0].End != "2024-12-31" {
		t.Errorf("until 2024: %+v", y)
	}
	if len(z.Spells) != 0 {
		t.Errorf("always: %+v", z)
	}
}
