package kg

import (
	"strings"
	"testing"
)

// BenchmarkCheckIngestAtTheCaps checks the slowest input the caps admit:
// a text of about MaxDocumentChars, and MaxInputRelations relations of
// MaxInputEvidence evidence each, every one a bad span across the whole
// text, or an excerpt that nearly occurs everywhere. Before the sentence
// index each such input took 2 to 30 s; the check is refused, as it should
// be, in a fraction of a second.
func BenchmarkCheckIngestAtTheCaps(b *testing.B) {
	text := strings.Repeat("Abc def ghi. ", MaxDocumentChars/13-1)
	whole := len(text) - 1
	for _, ev := range []EvidenceInput{{Start: &[]int{0}[0], End: &whole}, {Excerpt: "ghi. Abc def ghX"}} {
		in := IngestDocumentInput{Document: DocumentInput{Title: "t", Text: text}}
		for range MaxInputRelations {
			r := RelationInput{Type: MetWith, From: "person/a", To: "person/b"}
			for range MaxInputEvidence {
				r.Evidence = append(r.Evidence, ev)
			}
			in.Relations = append(in.Relations, r)
		}
		name := "spans"
		if ev.Excerpt != "" {
			name = "excerpts"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := CheckIngest(&in); err == nil {
					b.Fatal("a bad input passed")
				}
			}
		})
	}
}
