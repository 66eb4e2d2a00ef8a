package memstore

import (
	"math/bits"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// wordIndex maps words (kg.SearchTerms of some texts) to the ascending
// numbers of what holds them (entities, or texts), and lists the words in
// order so that the words a query term begins are one range of them.
type wordIndex struct {
	num    map[string]int32
	words  []string
	post   [][]int32 // per word, ascending
	sorted []int32   // word numbers by word
	fresh  []int32   // words added since finish
}

func newWordIndex() wordIndex { return wordIndex{num: map[string]int32{}} }

// add files number n under word w.
func (x *wordIndex) add(w string, n int32) {
	id, ok := x.num[w]
	if !ok {
		id = int32(len(x.words))
		x.num[w] = id
		x.words = append(x.words, w)
		x.post = append(x.post, nil)
		x.fresh = append(x.fresh, id)
	}
	p := x.post[id]
	if len(p) > 0 && p[len(p)-1] < n { // numbers mostly arrive in order
		x.post[id] = append(p, n)
	} else if i, found := slices.BinarySearch(p, n); !found {
		x.post[id] = slices.Insert(p, i, n)
	}
}

// remove takes number n from under word w.
func (x *wordIndex) remove(w string, n int32) {
	if id, ok := x.num[w]; ok {
		if i, found := slices.BinarySearch(x.post[id], n); found {
			x.post[id] = slices.Delete(x.post[id], i, i+1)
		}
	}
}

// finish files the words added since the last call in the sorted list
// and returns them.
func (x *wordIndex) finish() []int32 {
	fresh := x.fresh
	if len(fresh) > 0 {
		x.sorted = mergeSorted(x.sorted, fresh, func(a, b int32) int { return strings.Compare(x.words[a], x.words[b]) })
		x.fresh = nil
	}
	return fresh
}

// exact is the postings of word q.
func (x *wordIndex) exact(q string) []int32 {
	if id, ok := x.num[q]; ok {
		return x.post[id]
	}
	return nil
}

// prefixed calls fn with every word that starts with q (q itself
// included).
func (x *wordIndex) prefixed(q string, fn func(word int32)) {
	i, _ := slices.BinarySearchFunc(x.sorted, q, func(id int32, q string) int { return strings.Compare(x.words[id], q) })
	for ; i < len(x.sorted) && strings.HasPrefix(x.words[x.sorted[i]], q); i++ {
		fn(x.sorted[i])
	}
}

// termIndex finds the entities whose name or alias has a term that
// kg.Score accepts for a query term: the term itself, a longer term it
// starts, or a term within kg.MaxEdits edits. Terms are kg.SearchTerms of
// the names, so the index and the ranking split text alike.
//
// Prefixes come from the terms in sorted order; typos from the terms of
// the lengths within reach, filtered by a letter mask (a letter of one
// term that the other lacks costs an edit) before the edit distance is
// computed.
type termIndex struct {
	wordIndex
	masks []uint64
	byLen [][]int32 // term numbers by length in runes
}

func newTermIndex() termIndex { return termIndex{wordIndex: newWordIndex()} }

// entityTerms returns the distinct terms of an entity's name and aliases.
func entityTerms(e *kg.Entity) []string {
	var terms []string
	for _, name := range append([]string{e.Name}, e.Aliases...) {
		for _, t := range kg.SearchTerms(name) {
			if !slices.Contains(terms, t) {
				terms = append(terms, t)
			}
		}
	}
	return terms
}

func (x *termIndex) add(n int32, e *kg.Entity) {
	for _, t := range entityTerms(e) {
		x.wordIndex.add(t, n)
	}
}

func (x *termIndex) remove(n int32, e *kg.Entity) {
	for _, t := range entityTerms(e) {
		x.wordIndex.remove(t, n)
	}
}

// finish files the terms added since the last call in the sorted and
// by-length lists.
func (x *termIndex) finish() {
	fresh := x.wordIndex.finish() // in word order
	for len(x.masks) < len(x.words) {
		x.masks = append(x.masks, 0)
	}
	for _, id := range fresh {
		x.masks[id] = letterMask(x.words[id])
		l := len([]rune(x.words[id]))
		for len(x.byLen) <= l {
			x.byLen = append(x.byLen, nil)
		}
		x.byLen[l] = append(x.byLen[l], id)
	}
}

// match calls fn with every term kg.Score accepts for the query term q,
// and how well it matches as kg.Score rates a term (1 itself, 0.8 a term
// it begins, 0.7 or 0.55 one or two typos), possibly more than once. The
// search's bounds rest on these ratings being kg.Score's:
// TestSearchRanksEveryCandidate holds them to it.
func (x *termIndex) match(q string, fn func(term int32, quality float32)) {
	if id, ok := x.num[q]; ok {
		fn(id, 1)
	}
	if len(q) >= 2 {
		x.prefixed(q, func(id int32) {
			if x.words[id] != q {
				fn(id, 0.8)
			}
		})
	}
	d := kg.MaxEdits(q)
	if d == 0 {
		return
	}
	qr := []rune(q)
	mq := letterMask(q)
	var buf []rune
	var row0, row1 []int
	for l := max(len(qr)-d, 1); l <= len(qr)+d && l < len(x.byLen); l++ {
		for _, id := range x.byLen[l] {
			mt := x.masks[id]
			if bits.OnesCount64(mq&^mt) > d || bits.OnesCount64(mt&^mq) > d {
				continue
			}
			buf = buf[:0]
			for _, r := range x.words[id] {
				buf = append(buf, r)
			}
			var dist int
			dist, row0, row1 = kg.EditDistance(qr, buf, d, row0, row1)
			switch dist {
			case 1:
				fn(id, 0.7)
			case 2:
				fn(id, 0.55)
			}
		}
	}
}

// letterMask has a bit for each letter and digit a term holds (other
// runes share bits, which only weakens the filter).
func letterMask(s string) uint64 {
	var m uint64
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			m |= 1 << (r - 'a')
		case r >= '0' && r <= '9':
			m |= 1 << (26 + r - '0')
		default:
			m |= 1 << (36 + r%28)
		}
	}
	return m
}
