package kg

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
)

// Search ranks entities by how well their name or one of their aliases
// matches a text, tolerating typos, or the words of their description;
// and relations by the words of what was said of them (their evidence's
// excerpts, their note). A store only finds candidates; the ranking is
// this file's (RankSearch), the same for both stores.

// SearchTerms splits a text into lower-case terms of letters and digits.
func SearchTerms(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// MaxEdits is the number of typos a term of its length may carry: none up
// to 3 characters, one up to 6, two from 7 ("kazakstan" finds Kazakhstan;
// "onions" does not find "union", two edits away).
func MaxEdits(term string) int {
	switch n := len([]rune(term)); {
	case n <= 3:
		return 0
	case n <= 6:
		return 1
	default:
		return 2
	}
}

// Score says how well the query terms match a name or alias: 1 when all
// its terms are the query's; otherwise the mean, over the query terms, of
// their best match (exact 1, prefix 0.8, one typo 0.7, two 0.55), scaled
// down a little for names with terms the query does not cover. 0 means no
// term matched.
func Score(query []string, name string) float64 {
	terms := SearchTerms(name)
	if len(query) == 0 || len(terms) == 0 {
		return 0
	}
	if slices.Equal(query, terms) {
		return 1
	}
	sum, covered := 0.0, map[int]bool{}
	for _, q := range query {
		best, bestAt := 0.0, -1
		for i, t := range terms {
			var s float64
			switch {
			case q == t:
				s = 1
			case len([]rune(q)) >= 2 && strings.HasPrefix(t, q): // characters, as the stores' candidates count them
				s = 0.8
			default:
				maxEdits := MaxEdits(q)
				if d := editDistance(q, t, maxEdits); d == 1 && maxEdits >= 1 {
					s = 0.7
				} else if d == 2 && maxEdits >= 2 {
					s = 0.55
				}
			}
			if s > best {
				best, bestAt = s, i
			}
		}
		sum += best
		if bestAt >= 0 {
			covered[bestAt] = true
		}
	}
	if sum == 0 {
		return 0
	}
	score := 0.9 * sum / float64(len(query)) * (0.9 + 0.1*float64(len(covered))/float64(len(terms)))
	return math.Round(score*10000) / 10000
}

// editDistance is the Levenshtein distance of a and b, or max+1 when it
// is more than max.
func editDistance(a, b string, max int) int {
	d, _, _ := EditDistance([]rune(a), []rune(b), max, nil, nil)
	return d
}

// EditDistance is the Levenshtein distance of a and b in runes, or max+1
// when it is more than max (it stops as soon as it knows). prev and cur
// are scratch rows, returned grown for reuse by a caller that compares
// many terms (the embedded store's search index).
func EditDistance(a, b []rune, max int, prev, cur []int) (int, []int, []int) {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1, prev, cur
	}
	prev, cur = slices.Grow(prev[:0], len(b)+1)[:len(b)+1], slices.Grow(cur[:0], len(b)+1)[:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > max {
			return max + 1, prev, cur
		}
		prev, cur = cur, prev
	}
	return prev[len(b)], prev, cur
}

// MinScore is the least score of a hit: below it a match is noise (a
// short word two typos from a long name's word), and nonsense finds
// nothing.
const MinScore = 0.5

// textWeight scales matches in what was said (descriptions, excerpts,
// notes) below matches of names: an exact word in a sentence is 0.7, a
// prefix of one 0.56.
const textWeight = 0.7

// TextScore says how well the query terms match the words of a text: the
// mean, over the query terms, of their best match (the word itself 1, a
// word it begins, for terms of 3 or more characters, 0.8; no typos),
// scaled by textWeight. 0 means no term matched.
func TextScore(query []string, text string) float64 {
	if len(query) == 0 {
		return 0
	}
	words := map[string]bool{}
	for _, w := range SearchTerms(text) {
		words[w] = true
	}
	sum := 0.0
	for _, q := range query {
		best := 0.0
		if words[q] {
			best = 1
		} else if len([]rune(q)) >= 3 {
			for w := range words {
				if strings.HasPrefix(w, q) {
					best = 0.8
					break
				}
			}
		}
		sum += best
	}
	return math.Round(textWeight*sum/float64(len(query))*10000) / 10000
}

// SearchCandidate is an entity or a relation that a store found for a
// search, with the texts RankSearch reads of it.
type SearchCandidate struct {
	EntityID    string // an entity's id, or
	RelationID  string // a relation's id
	Name        string // an entity's name; aliases follow it
	Aliases     []string
	Description string
	Excerpts    []string // a relation's evidence excerpts
	Note        string
}

// RankedHit is a candidate that RankSearch kept: its index in the
// candidates, its score and what matched.
type RankedHit struct {
	Candidate int
	Score     float64
	Field     SearchField
	Matched   string
}

// RankSearch ranks the candidates for a text: the best first hits scoring
// at least MinScore, by score, then entities before relations, then by
// entity name and id, or by relation id.
func RankSearch(text string, cands []SearchCandidate, first int) []RankedHit {
	query := SearchTerms(text)
	var hits []RankedHit
	for i, c := range cands {
		h := RankedHit{Candidate: i}
		consider := func(score float64, field SearchField, matched string) {
			if score > h.Score {
				h.Score, h.Field, h.Matched = score, field, matched
			}
		}
		if c.EntityID != "" {
			consider(Score(query, c.Name), MatchedName, c.Name)
			for _, a := range c.Aliases {
				consider(Score(query, a), MatchedAlias, a)
			}
			consider(TextScore(query, c.Description), MatchedDescription, c.Description)
		} else {
			for _, ex := range c.Excerpts {
				consider(TextScore(query, ex), MatchedExcerpt, ex)
			}
			consider(TextScore(query, c.Note), MatchedNote, c.Note)
		}
		if h.Score >= MinScore {
			hits = append(hits, h)
		}
	}
	slices.SortFunc(hits, func(a, b RankedHit) int {
		ca, cb := &cands[a.Candidate], &cands[b.Candidate]
		return cmp.Or(
			cmp.Compare(b.Score, a.Score),
			cmp.Compare(relationRank(ca), relationRank(cb)), // entities first
			cmp.Compare(ca.Name, cb.Name),
			cmp.Compare(ca.EntityID, cb.EntityID),
			cmp.Compare(ca.RelationID, cb.RelationID))
	})
	if len(hits) > first {
		hits = hits[:first]
	}
	return hits
}

// relationRank sorts entities (0) before relations (1).
func relationRank(c *SearchCandidate) int {
	if c.RelationID != "" {
		return 1
	}
	return 0
}
