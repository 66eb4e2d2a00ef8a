package memstore

import (
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// textIndex finds fact relations by the words of what was said of them:
// their statements' excerpts and their notes. Those texts are interned
// strings, most of them quoted by several relations, so the words index
// the distinct texts (by their number in the string table) and each text
// lists the relations that say it. MENTIONS are never filed: they repeat
// the excerpts of the facts.
type textIndex struct {
	words wordIndex
	rels  [][]int32 // per string number: the fact relations that say it, ascending
}

func newTextIndex() textIndex { return textIndex{words: newWordIndex()} }

// texts returns the distinct string numbers of a record's excerpts and
// note.
func (g *graph) texts(rec *relation) []uint32 {
	var out []uint32
	add := func(t uint32) {
		if t != 0 && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	for _, ev := range g.statements(rec) {
		add(ev.excerpt)
	}
	add(g.quals[rec.q].note)
	return out
}

// file files fact relation ri under its texts, indexing the words of the
// texts it is the first to say.
func (x *textIndex) file(ri int32, texts []uint32, strs *strtab) {
	for _, t := range texts {
		for len(x.rels) <= int(t) {
			x.rels = append(x.rels, nil)
		}
		list := x.rels[t]
		if len(list) == 0 {
			for _, w := range kg.SearchTerms(strs.get(t)) {
				x.words.add(w, int32(t))
			}
		}
		if i, found := slices.BinarySearch(list, ri); !found {
			x.rels[t] = slices.Insert(list, i, ri)
		}
	}
}

// unfile takes relation ri from under its old texts. A text no relation
// says any more stays under its words and finds nothing.
func (x *textIndex) unfile(ri int32, texts []uint32) {
	for _, t := range texts {
		if int(t) < len(x.rels) {
			if i, found := slices.BinarySearch(x.rels[t], ri); found {
				x.rels[t] = slices.Delete(x.rels[t], i, i+1)
			}
		}
	}
}
