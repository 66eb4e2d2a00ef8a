package kg

import (
	"context"
	"math"
	"slices"
	"strings"
	"unicode"
)

// Search ranks entities by how well their name or one of their aliases
// matches a text, tolerating typos. The store only finds candidates
// (Store.SearchCandidates); the ranking is this file's, the same for both
// stores.

// SearchHit is one entity found by Search.
type SearchHit struct {
	Entity  *Entity
	Score   float64 // in (0, 1]; 1 is an exact match of a name or alias
	Matched string  // the name or alias that matched best
}

// MaxSearchText is the longest text Search takes, in characters.
const MaxSearchText = 200

// SearchTerms splits a text into lower-case terms of letters and digits.
func SearchTerms(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// MaxEdits is the number of typos a term of its length may carry: none up
// to 3 characters, one up to 5, two from 6 ("kazakstan" finds Kazakhstan).
func MaxEdits(term string) int {
	switch n := len([]rune(term)); {
	case n <= 3:
		return 0
	case n <= 5:
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
			case len(q) >= 2 && strings.HasPrefix(t, q):
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

// Search returns the entities that best match text, best first (ties by
// name, then id), at most first of them.
func Search(ctx context.Context, s Store, text string, kinds []Kind, first int) ([]SearchHit, error) {
	if err := CheckRange("first", first, 1, MaxSearch); err != nil {
		return nil, err
	}
	if len([]rune(text)) > MaxSearchText {
		return nil, Errorf(EINVALID, "text must be at most %d characters", MaxSearchText)
	}
	query := SearchTerms(text)
	if len(query) == 0 {
		return nil, Errorf(EINVALID, "text must contain a letter or a digit")
	}
	cands, err := s.SearchCandidates(ctx, text, kinds, SearchCandidates)
	if err != nil {
		return nil, err
	}
	var hits []SearchHit
	for _, e := range cands {
		hit := SearchHit{Entity: e}
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			if sc := Score(query, name); sc > hit.Score {
				hit.Score, hit.Matched = sc, name
			}
		}
		if hit.Score > 0 {
			hits = append(hits, hit)
		}
	}
	slices.SortFunc(hits, func(a, b SearchHit) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		if c := strings.Compare(a.Entity.Name, b.Entity.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Entity.ID, b.Entity.ID)
	})
	if len(hits) > first {
		hits = hits[:first]
	}
	return hits, nil
}
