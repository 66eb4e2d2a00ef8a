package seedfile

import "github.com/kgql/kgql/internal/kg"

// Sentence is one segment of a source text (kg.Sentence).
type Sentence = kg.Sentence

// Segment splits a source text into its sentences with kg's segmenter
// (kg.Sentences), the one every mutation's evidence is checked with.
func Segment(text string) []Sentence { return kg.Sentences(text) }
