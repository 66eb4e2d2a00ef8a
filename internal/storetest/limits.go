package storetest

import (
	"fmt"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// wide is a letter of four bytes in UTF-8 (CJK Extension B), so that a
// text of n of them is as long in bytes as n characters can be.
const wide = "\U00020000"

// LimitsGraph is a graph whose every value is as large as kg's limits let
// it be, in bytes: ids, names, aliases, texts, excerpts, statements.
func LimitsGraph() *kg.Graph {
	id := func(prefix string, fill byte) string {
		return prefix + "/" + strings.Repeat(string(fill), kg.MaxEntityIDBytes-len(prefix)-1)
	}
	name := func(extra string) string { return extra + strings.Repeat(wide, kg.MaxNameChars-len([]rune(extra))) }
	doc := &kg.Entity{ID: id("doc", 'd'), Kind: kg.KindDocument, Name: name("doc"), Title: name("doc"),
		Publisher: name("p"), URL: "https://example.org/" + strings.Repeat("u", kg.MaxURLChars-20),
		Text: strings.Repeat(wide, kg.MaxDocumentChars), PublishedAt: ptr(kg.MustDate("2025"))}
	// The text is the statements, one a line, the longest first: each
	// evidence quotes a whole sentence of it at its offsets.
	var text strings.Builder
	var evs []kg.Evidence
	for i := range kg.MaxEvidence {
		excerpt := fmt.Sprintf("Statement %d.", i)
		if i == 0 {
			excerpt = strings.Repeat(wide, kg.MaxExcerptChars-1) + "."
		}
		start := len([]rune(text.String()))
		text.WriteString(excerpt + "\n")
		evs = append(evs, kg.Evidence{DocumentID: doc.ID, Excerpt: excerpt, Date: kg.MustDate("2025"),
			Start: start, End: start + len([]rune(excerpt))})
	}
	doc.Text = text.String() + strings.Repeat(wide, kg.MaxDocumentChars-len([]rune(text.String())))
	a := &kg.Entity{ID: id("person", 'a'), Kind: kg.KindPerson, Name: name("a"), Title: name("t"),
		Description: strings.Repeat(wide, kg.MaxTextChars), Evidence: evs[1:2]}
	for i := range kg.MaxAliases {
		a.Aliases = append(a.Aliases, name(fmt.Sprint(i)))
	}
	b := &kg.Entity{ID: id("person", 'b'), Kind: kg.KindPerson, Name: name("b")}
	key := strings.Repeat("k", kg.MaxRelationIDBytes-len(kg.RelationID(a.ID, kg.MetWith, b.ID, ""))-1)
	r := &kg.Relation{ID: kg.RelationID(a.ID, kg.MetWith, b.ID, key), Type: kg.MetWith, From: a.ID, To: b.ID,
		Role: name("r"), Note: strings.Repeat(wide, kg.MaxTextChars)}
	for _, ev := range evs {
		ev.SaidBy = a.ID
		r.Evidence = append(r.Evidence, ev)
	}
	return &kg.Graph{Entities: []*kg.Entity{doc, a, b}, Relations: []*kg.Relation{r}}
}

func ptr[T any](v T) *T { return &v }
