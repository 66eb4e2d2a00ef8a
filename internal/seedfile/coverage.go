package seedfile

import (
	"io/fs"

	"github.com/kgql/kgql/internal/kg"
)

// Coverage says how the evidence of a seed covers the sentences of one
// document's text: each sentence should be quoted by some evidence or
// listed in the document's noFacts, so that a fact the seed missed shows
// as a sentence by name.
type Coverage struct {
	Document  string // its id
	File      string // its text, in the seed
	Sentences int    // sentences of the text (Segment), repeats counted
	Quoted    int    // of them, quoted by evidence (wherever the same sentence stands)
	NoFacts   int    // of them, listed as stating no fact
	Missed    []Sentence
}

// ReadCoverage reads and validates the seed in fsys, as Read does, and
// returns the coverage of each document with a text, in the seed's order.
func ReadCoverage(fsys fs.FS) ([]Coverage, error) {
	g, v, err := read(fsys)
	if err != nil {
		return nil, err
	}
	var out []Coverage
	for _, e := range g.Entities {
		src := v.sources[e.ID]
		if e.Kind != kg.KindDocument || src == nil {
			continue
		}
		c := Coverage{Document: e.ID, File: src.file, Sentences: len(src.sentences)}
		for _, sen := range src.sentences {
			_, listed := src.noFacts[sen.Text]
			switch {
			case src.cited[sen.Text]:
				c.Quoted++
			case listed:
				c.NoFacts++
			default:
				c.Missed = append(c.Missed, sen)
			}
		}
		out = append(out, c)
	}
	return out, nil
}
