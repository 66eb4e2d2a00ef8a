package synth

import (
	"fmt"

	"github.com/kgql/kgql/internal/kg"
)

// The entity numbers 0..n-1 are laid out in blocks, one per kind in the
// order of kg.Kinds, so that documents (the last kind) form the tail and
// any entity's kind and id follow from its number alone: no table is
// needed to generate entity i or to name the target of a relation.

const (
	kPerson = iota
	kOrganization
	kCountry
	kCity
	kRegion
	kEvent
	kCommodity
	kInitiative
	kIndex
	kDocument
	numKinds
)

// idLetters is the short prefix of each kind's slug: person/p-000123.
var idLetters = [numKinds]string{"p", "o", "c", "ci", "r", "e", "cm", "i", "x", "d"}

// MinEntities is the smallest graph Generate makes: one of every kind and
// enough documents for two stories.
const MinEntities = 40

type layout struct {
	n        int
	count    [numKinds]int
	start    [numKinds]int
	subjects int // entities that are not documents: 0..subjects-1
	docs     int
	stories  int // two documents each (the last may have one)
}

func newLayout(n int) layout {
	n = max(n, MinEntities)
	var l layout
	l.n = n
	c := &l.count
	c[kCountry] = clamp(n/50, 3, 200)
	c[kRegion] = clamp(n/400, 2, 40)
	c[kCommodity] = clamp(n/80, 3, 400)
	c[kIndex] = clamp(n/250, 1, 300)
	c[kDocument] = max(4, n*12/100)
	c[kCity] = max(2, n*5/100)
	c[kEvent] = max(1, n*9/100)
	c[kInitiative] = max(1, n*6/100)
	c[kOrganization] = max(2, n*18/100)
	c[kPerson] = n
	for k := 1; k < numKinds; k++ {
		c[kPerson] -= c[k]
	}
	for k := 1; k < numKinds; k++ {
		l.start[k] = l.start[k-1] + c[k-1]
	}
	l.docs = c[kDocument]
	l.subjects = n - l.docs
	l.stories = (l.docs + 1) / 2
	return l
}

func clamp(v, lo, hi int) int { return min(max(v, lo), hi) }

// kindOf returns the kind block of entity i and i's number within it.
func (l *layout) kindOf(i int) (kind, local int) {
	for k := numKinds - 1; k > 0; k-- {
		if i >= l.start[k] {
			return k, i - l.start[k]
		}
	}
	return kPerson, i
}

func (l *layout) global(kind, local int) int { return l.start[kind] + local }

// id is the id of entity i: country/c-0007, person/p-000123.
func (l *layout) id(i int) string {
	k, local := l.kindOf(i)
	width := 6
	if k == kCountry || k == kRegion {
		width = 4
	}
	return fmt.Sprintf("%s/%s-%0*d", kg.Kinds[k].IDPrefix(), idLetters[k], width, local)
}

// doc returns the entity number of document j.
func (l *layout) doc(j int) int { return l.start[kDocument] + j }

// subjectStart is the first subject of story s; story s's subjects are
// subjectStart(s) .. subjectStart(s+1)-1.
func (l *layout) subjectStart(s int) int {
	return int(int64(s) * int64(l.subjects) / int64(l.stories))
}

// storyOf returns the story whose subjects include entity i (i < subjects).
func (l *layout) storyOf(i int) int {
	s := int(int64(i) * int64(l.stories) / int64(l.subjects))
	for s+1 < l.stories && l.subjectStart(s+1) <= i {
		s++
	}
	for s > 0 && l.subjectStart(s) > i {
		s--
	}
	return s
}

// storyDocs returns the document numbers (0..docs-1) of story s.
func (l *layout) storyDocs(s int) []int {
	if 2*s+1 < l.docs {
		return []int{2 * s, 2*s + 1}
	}
	return []int{2 * s}
}
