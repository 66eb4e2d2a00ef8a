package memstore

import (
	"math/bits"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

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
	num    map[string]int32
	terms  []string
	post   [][]int32 // entity numbers per term, ascending
	masks  []uint64
	sorted []int32   // term numbers by term
	byLen  [][]int32 // term numbers by length in runes
	fresh  []int32   // terms added since finish
}

func newTermIndex() termIndex { return termIndex{num: map[string]int32{}} }

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
		id, ok := x.num[t]
		if !ok {
			id = int32(len(x.terms))
			x.num[t] = id
			x.terms = append(x.terms, t)
			x.post = append(x.post, nil)
			x.masks = append(x.masks, letterMask(t))
			x.fresh = append(x.fresh, id)
		}
		p := x.post[id]
		if i, found := slices.BinarySearch(p, n); !found {
			x.post[id] = slices.Insert(p, i, n)
		}
	}
}

func (x *termIndex) remove(n int32, e *kg.Entity) {
	for _, t := range entityTerms(e) {
		id, ok := x.num[t]
		if !ok {
			continue
		}
		if i, found := slices.BinarySearch(x.post[id], n); found {
			x.post[id] = slices.Delete(x.post[id], i, i+1)
		}
	}
}

// finish files the terms added since the last call in the sorted and
// by-length lists.
func (x *termIndex) finish() {
	if len(x.fresh) == 0 {
		return
	}
	for _, id := range x.fresh {
		l := len([]rune(x.terms[id]))
		for len(x.byLen) <= l {
			x.byLen = append(x.byLen, nil)
		}
		x.byLen[l] = append(x.byLen[l], id)
	}
	x.sorted = mergeSorted(x.sorted, x.fresh, func(a, b int32) int { return strings.Compare(x.terms[a], x.terms[b]) })
	x.fresh = nil
}

// match calls fn with every term kg.Score accepts for the query term q
// (possibly twice).
func (x *termIndex) match(q string, fn func(term int32)) {
	if id, ok := x.num[q]; ok {
		fn(id)
	}
	if len(q) >= 2 {
		i, _ := slices.BinarySearchFunc(x.sorted, q, func(id int32, q string) int { return strings.Compare(x.terms[id], q) })
		for ; i < len(x.sorted) && strings.HasPrefix(x.terms[x.sorted[i]], q); i++ {
			fn(x.sorted[i])
		}
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
			for _, r := range x.terms[id] {
				buf = append(buf, r)
			}
			var dist int
			dist, row0, row1 = kg.EditDistance(qr, buf, d, row0, row1)
			if dist <= d {
				fn(id)
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
