package seedfile

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kgql/kgql/internal/kg"
)

const testRegistry = `entities:
  - id: country/pakistan
    kind: Country
    name: Pakistan
  - id: org/pta
    kind: Organization
    name: Pakistan Telecommunication Authority
    aliases: [PTA]
`

const testText = "ISLAMABAD: The PTA regulates telecoms in Pakistan. Trade was $5 million in 2024.\nIt grew.\n\nJane Doe met the PTA in December 2024.\nFollow\n"

const testDocument = `document:
  id: doc/test-article
  title: A test article
  publishedAt: 2024-12-17
  text: sources/test.txt
  noFacts:
    - text: Follow
      reason: page furniture
entities:
  - id: person/jane-doe
    kind: Person
    name: Jane Doe
    title: Dr.
    evidence:
      - excerpt: "ISLAMABAD: The PTA regulates telecoms in Pakistan."
  - id: event/test-meeting
    kind: Event
    name: Test meeting
    startDate: 2024-12
    evidence:
      - excerpt: Jane Doe met the PTA in December 2024.
relations:
  - type: PART_OF
    from: org/pta
    to: country/pakistan
    role: telecom regulator
    evidence:
      - excerpt: "ISLAMABAD: The PTA regulates telecoms in Pakistan."
  - type: TRADES_WITH
    from: country/pakistan
    to: org/pta
    amount: 5 million USD
    pointInTime: 2024
    evidence:
      - excerpt: Trade was $5 million in 2024.
        date: 2024-12
  - type: PARTICIPATED_IN
    from: person/jane-doe
    to: event/test-meeting
    evidence:
      - excerpt: Jane Doe met the PTA in December 2024.
`

// testSeed returns a valid seed in which the document file is doc.
func testSeed(doc string) fstest.MapFS {
	return fstest.MapFS{
		"entities.yaml":       {Data: []byte(testRegistry)},
		"documents/test.yaml": {Data: []byte(doc)},
		"sources/test.txt":    {Data: []byte(testText)},
	}
}

func TestReadValidSeed(t *testing.T) {
	g, err := Read(testSeed(testDocument))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(g.Entities); got != 5 {
		t.Errorf("entities = %d, want 5 (2 registry, 1 document, 1 person, 1 event)", got)
	}
	if doc := findEntity(g, "doc/test-article"); doc == nil || doc.Text != testText {
		t.Errorf("the document's Text should be its source file, as stored: %+v", doc)
	}
	trade := findRelation(g, "country/pakistan>TRADES_WITH>org/pta")
	if trade == nil {
		t.Fatal("TRADES_WITH relation missing")
	}
	if trade.Amount == nil || trade.Amount.Value != 5e6 || trade.Amount.Currency != "USD" {
		t.Errorf("amount = %+v, want 5000000 USD", trade.Amount)
	}
	if ev := trade.Evidence[0]; ev.DocumentID != "doc/test-article" || ev.Date.String() != "2024-12" || ev.Date.Precision != kg.PrecisionMonth {
		t.Errorf("evidence = %+v, want doc/test-article dated 2024-12 (month)", ev)
	}
	part := findRelation(g, "org/pta>PART_OF>country/pakistan")
	if part == nil || part.Evidence[0].Date.String() != "2024-12-17" {
		t.Fatalf("PART_OF evidence should default to the document's publishedAt: %+v", part)
	}
	if trade.PointInTime == nil || trade.PointInTime.String() != "2024" {
		t.Errorf("pointInTime = %v, want 2024", trade.PointInTime)
	}
	if first, last := trade.Window(); first != "" || last != "" {
		t.Errorf("window = %q..%q: a measured value's date is not the fact's validity, which is open", first, last)
	}
	// Evidence offsets index the raw text in code points.
	if ev := trade.Evidence[0]; ev.Start != strings.Index(testText, "Trade") || string([]rune(testText)[ev.Start:ev.End]) != ev.Excerpt {
		t.Errorf("offsets %d..%d do not frame %q", ev.Start, ev.End, ev.Excerpt)
	}
	met := findRelation(g, "person/jane-doe>PARTICIPATED_IN>event/test-meeting")
	if met == nil || met.ValidFrom == nil || met.ValidTo == nil || met.ValidFrom.String() != "2024-12" || met.ValidTo.String() != "2024-12" {
		t.Errorf("taking part in an event dated 2024-12 holds in 2024-12: %+v", met)
	}
	mention := findRelation(g, "doc/test-article>MENTIONS>person/jane-doe")
	if mention == nil {
		t.Error("the document should mention the person whose attributes it backs")
	}
	for _, r := range g.Relations {
		if len(r.Evidence) == 0 {
			t.Errorf("relation %s has no evidence", r.ID)
		}
	}
}

// TestReadRefusesBadInput checks that each class of bad input is refused
// with the file, the line and the id it concerns.
func TestReadRefusesBadInput(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		at             string // the text of the line the problem names; new's first line when empty
		id, message    string
	}{
		{"unknown kind", "kind: Person", "kind: Wizard", "", "person/jane-doe", `unknown kind "Wizard"`},
		{"unknown relation type", "type: PART_OF", "type: OWNS", "", "org/pta>OWNS>country/pakistan", `unknown relation type "OWNS"`},
		{"dangling reference", "to: country/pakistan\n    role", "to: country/atlantis\n    role", "", "org/pta>PART_OF>country/atlantis", "names no entity"},
		{"duplicate id", "id: person/jane-doe\n    kind: Person", "id: org/pta\n    kind: Organization", "", "org/pta", "duplicate entity id: first declared at entities.yaml:5"},
		{"malformed date", "pointInTime: 2024", "pointInTime: 2024-13", "", "country/pakistan>TRADES_WITH>org/pta", "malformed date"},
		{"malformed amount", "amount: 5 million USD", "amount: five dollars", "", "country/pakistan>TRADES_WITH>org/pta", "malformed amount"},
		{"relation without evidence", "    role: telecom regulator\n    evidence:\n      - excerpt: \"ISLAMABAD: The PTA regulates telecoms in Pakistan.\"\n", "    role: telecom regulator\n", "- type: PART_OF", "org/pta>PART_OF>country/pakistan", "needs evidence"},
		{"unknown field", "role: telecom regulator", "rolle: telecom regulator", "", "org/pta>PART_OF>country/pakistan", `unknown field "rolle"`},
		{"excerpt not in text", "excerpt: Trade was $5 million in 2024.", "excerpt: Trade was $6 million in 2024.", "", "country/pakistan>TRADES_WITH>org/pta",
			`excerpt is not a sentence of sources/test.txt; the closest is "Trade was $5 million in 2024."`},
		{"excerpt cut mid-sentence", "excerpt: Trade was $5 million in 2024.", "excerpt: Trade was $5 million", "", "country/pakistan>TRADES_WITH>org/pta",
			`excerpt is part of a sentence: quote the whole sentence "Trade was $5 million in 2024."`},
		{"excerpt cut with an ellipsis", "excerpt: Trade was $5 million in 2024.", "excerpt: Trade was ... in 2024.", "", "country/pakistan>TRADES_WITH>org/pta",
			`excerpt is cut with an ellipsis: quote the whole sentence "Trade was $5 million in 2024."`},
		{"noFacts entry that is not a sentence", "- text: Follow", "- text: Follow us", "", "doc/test-article",
			`noFacts text is not a sentence of sources/test.txt; the closest is "Follow"`},
		{"noFacts entry that evidence quotes", "- text: Follow", "- text: It grew.\n    - text: Trade was $5 million in 2024.", "- text: Trade was", "doc/test-article",
			`noFacts lists "Trade was $5 million in 2024.", which evidence quotes`},
		{"noFacts entry without a reason", "      reason: page furniture\n", "", "- text: Follow", "doc/test-article", "needs a reason"},
		{"unknown noFacts field", "reason: page furniture", "why: page furniture", "", "doc/test-article", `unknown noFacts field "why"`},
		{"document without text", "  text: sources/test.txt\n", "", "id: doc/test-article", "doc/test-article", "a document needs text"},
		{"pointInTime without a measured value", "    amount: 5 million USD\n", "", "pointInTime: 2024", "country/pakistan>TRADES_WITH>org/pta", "pointInTime dates a measured value"},
		{"attribute of another kind", "title: Dr.", "participants: 300", "", "person/jane-doe", "a Person has no attribute participants"},
		{"malformed id", "id: person/jane-doe", "id: Person/Jane Doe", "", "Person/Jane Doe", "malformed id"},
		{"wrong id prefix", "id: person/jane-doe", "id: org/jane-doe", "", "org/jane-doe", `a Person id starts with "person/"`},
		{"two sentences", "excerpt: Trade was $5 million in 2024.", "excerpt: \"Trade was $5 million in 2024. It grew.\"", "", "country/pakistan>TRADES_WITH>org/pta",
			`excerpt holds more than one sentence: quote one, such as "Trade was $5 million in 2024."`},
		{"evidence from unknown document", "      - excerpt: Trade was $5 million in 2024.", "      - doc: doc/nowhere\n        excerpt: Trade was $5 million in 2024.", "", "country/pakistan>TRADES_WITH>org/pta", `evidence doc "doc/nowhere" names no document`},
		{"MENTIONS written by hand", "type: PART_OF", "type: MENTIONS", "", "org/pta>MENTIONS>country/pakistan", "derived"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(testDocument, tc.old) {
				t.Fatalf("test case does not apply: %q not in the document", tc.old)
			}
			doc := strings.Replace(testDocument, tc.old, tc.new, 1)
			g, err := Read(testSeed(doc))
			if g != nil {
				t.Fatal("a bad seed gave a graph")
			}
			var problems Problems
			if !errors.As(err, &problems) {
				t.Fatalf("err = %v, want Problems", err)
			}
			if kg.ErrorCode(err) != kg.EINVALID {
				t.Errorf("code = %s, want %s", kg.ErrorCode(err), kg.EINVALID)
			}
			line := lineOf(doc, tc.at, tc.new)
			for _, p := range problems {
				if p.File == "documents/test.yaml" && p.Line == line && p.ID == tc.id && strings.Contains(p.Message, tc.message) {
					return
				}
			}
			t.Errorf("want documents/test.yaml:%d: %s: ...%s...; got:\n%v", line, tc.id, tc.message, err)
		})
	}
}

func TestSameFactFromTwoDocumentsKeepsBothSources(t *testing.T) {
	seed := testSeed(testDocument)
	second := strings.NewReplacer("doc/test-article", "doc/second-article", "sources/test.txt", "sources/second.txt",
		"person/jane-doe", "person/john-roe", "name: Jane Doe", "name: John Roe", "event/test-meeting", "event/second-meeting").Replace(testDocument)
	seed["documents/second.yaml"] = &fstest.MapFile{Data: []byte(second)}
	seed["sources/second.txt"] = &fstest.MapFile{Data: []byte(testText)}
	g, err := Read(seed)
	if err != nil {
		t.Fatal(err)
	}
	part := findRelation(g, "org/pta>PART_OF>country/pakistan")
	if docs := part.Documents(); len(docs) != 2 || docs[0] != "doc/second-article" || docs[1] != "doc/test-article" {
		t.Errorf("documents = %v, want both articles in file order", docs)
	}

	conflicting := strings.Replace(second, "role: telecom regulator", "role: ministry", 1)
	seed["documents/second.yaml"] = &fstest.MapFile{Data: []byte(conflicting)}
	if _, err := Read(seed); err == nil || !strings.Contains(err.Error(), "other qualifiers (role ministry vs telecom regulator)") {
		t.Errorf("conflicting statements of one fact: err = %v", err)
	}
}

func findEntity(g *kg.Graph, id string) *kg.Entity {
	for _, e := range g.Entities {
		if e.ID == id {
			return e
		}
	}
	return nil
}

func findRelation(g *kg.Graph, id string) *kg.Relation {
	for _, r := range g.Relations {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// lineOf returns the 1-based number of the first line of doc that contains
// at, or else the first line of new.
func lineOf(doc, at, new string) int {
	if at == "" {
		at, _, _ = strings.Cut(strings.TrimSpace(new), "\n")
	}
	for i, l := range strings.Split(doc, "\n") {
		if strings.Contains(l, at) {
			return i + 1
		}
	}
	return -1
}
