package kg_test

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kgql/kgql/internal/kg"
)

// Fuzz targets of what clients send as text: cursors, dates and search
// text. `go test` runs their seed corpora (the f.Add calls and
// testdata/fuzz/<target>/); `go test -fuzz=FuzzX ./internal/kg` searches
// for more.

// FuzzDecodeCursor: any string decodes to a key of the length asked for
// or to EINVALID, never a panic; every key survives a round trip.
func FuzzDecodeCursor(f *testing.F) {
	for _, s := range []string{"", "WyJhIl0", kg.EncodeCursor("Hafeez Ur Rehman", "person/hafeez-ur-rehman"), "not a cursor", "W10", "bnVsbA", "WyJcdTAwMDAiXQ", "====", "WzEsMl0"} {
		f.Add(s, 2)
	}
	f.Fuzz(func(t *testing.T, cursor string, n int) {
		n = n % 4
		key, err := kg.DecodeCursor(cursor, n)
		if err != nil {
			if kg.ErrorCode(err) != kg.EINVALID {
				t.Fatalf("%q: %v, want %s", cursor, err, kg.EINVALID)
			}
			return
		}
		if len(key) != n {
			t.Fatalf("%q: a key of %d parts, want %d", cursor, len(key), n)
		}
		again, err := kg.DecodeCursor(kg.EncodeCursor(key...), n)
		if err != nil || !slices.Equal(again, key) {
			t.Fatalf("%q: key %q comes back as %q, %v", cursor, key, again, err)
		}
	})
}

// FuzzParseDate: any string is a date in its canonical form, or an
// error; a date's span is the days it covers, first not after last.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024", "2025-09", "2024-12-17", "2024-02-29", "2023-02-29", "0000", "+202", "-001", "2024-13", "2024-1-01", " 2024", "2024-12-17T00:00", "９９９９", "1e03"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := kg.ParseDate(s)
		if err != nil {
			return
		}
		if d.String() != s {
			t.Fatalf("%q is accepted as %q: only the canonical form is a date", s, d.String())
		}
		first, err1 := time.Parse("2006-01-02", d.First())
		last, err2 := time.Parse("2006-01-02", d.Last())
		if err1 != nil || err2 != nil || last.Before(first) {
			t.Fatalf("%q covers %s..%s", s, d.First(), d.Last())
		}
		if !strings.HasPrefix(d.First(), s) || !strings.HasPrefix(d.Last(), s) {
			t.Fatalf("%q covers %s..%s, days outside it", s, d.First(), d.Last())
		}
	})
}

// FuzzSearch: any text and candidate name give terms of letters and
// digits, a score in [0, 1], and a ranking of at most first hits, best
// first, each above the minimum score.
func FuzzSearch(f *testing.F) {
	for _, c := range [][2]string{
		{"kazakstan", "Kazakhstan"}, {"hafeez ur-rehman", "Hafeez Ur Rehman"}, {"", "x"}, {"PTA", ""},
		{`name:"x" OR *~ AND (a)`, "Pakistan Telecommunication Authority"}, {"\x00\xff\xfe", "\x00"}, {"ǅǆǄ İı", "İstanbul"},
		{strings.Repeat("a", 300), strings.Repeat("a", 299) + "b"},
	} {
		f.Add(c[0], c[1], 3)
	}
	f.Fuzz(func(t *testing.T, text, name string, first int) {
		first = 1 + abs(first)%kg.MaxSearch
		query := kg.SearchTerms(text)
		for _, q := range query {
			if q == "" || !utf8.ValidString(q) && utf8.ValidString(text) {
				t.Fatalf("%q: term %q", text, q)
			}
		}
		score := kg.Score(query, name)
		text2 := kg.TextScore(query, name)
		for _, s := range []float64{score, text2} {
			if math.IsNaN(s) || s < 0 || s > 1 {
				t.Fatalf("%q against %q: score %v", text, name, s)
			}
		}
		cands := []kg.SearchCandidate{
			{EntityID: "e/1", Name: name, Aliases: []string{text}},
			{EntityID: "e/2", Name: text, Description: name},
			{RelationID: "a>R>b", Excerpts: []string{name, text}, Note: name},
		}
		hits := kg.RankSearch(text, cands, first)
		if len(hits) > first {
			t.Fatalf("%d hits for first %d", len(hits), first)
		}
		for i, h := range hits {
			if h.Score < kg.MinScore || h.Candidate < 0 || h.Candidate >= len(cands) || i > 0 && h.Score > hits[i-1].Score {
				t.Fatalf("hits %+v", hits)
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		if n == math.MinInt {
			return 0
		}
		return -n
	}
	return n
}
