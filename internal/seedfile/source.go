package seedfile

import (
	"fmt"
	"strings"
	"unicode"
)

// source is a document's text as evidence is checked against it: its
// sentences (Segment), which of them evidence quotes and which the
// document file lists as stating no fact.
type source struct {
	docID     string
	file      string // the text's path in the seed
	sentences []Sentence
	first     map[string]int      // sentence text -> index of its first occurrence
	cited     map[string]bool     // sentence texts some evidence quotes
	noFacts   map[string]location // sentence texts listed in noFacts, and where
}

func newSource(docID, file, text string) *source {
	s := &source{docID: docID, file: file, sentences: Segment(text),
		first: map[string]int{}, cited: map[string]bool{}, noFacts: map[string]location{}}
	for i, sen := range s.sentences {
		if _, seen := s.first[sen.Text]; !seen {
			s.first[sen.Text] = i
		}
	}
	return s
}

// sentence returns the sentence whose text is text (folded), at its first
// occurrence, or a message saying why text is not one.
func (s *source) sentence(text string) (Sentence, string) {
	text = fold(text)
	if i, ok := s.first[text]; ok {
		return s.sentences[i], ""
	}
	closest := s.closest(text)
	switch {
	case closest.Text == "":
		return Sentence{}, fmt.Sprintf("is not a sentence of %s, which has no sentence like it", s.file)
	case strings.Contains(text, "...") || strings.Contains(text, "…"):
		return Sentence{}, fmt.Sprintf("is cut with an ellipsis: quote the whole sentence %q", closest.Text)
	case len(Segment(text)) > 1:
		return Sentence{}, fmt.Sprintf("holds more than one sentence: quote one, such as %q", s.closest(Segment(text)[0].Text).Text)
	}
	for _, sen := range s.sentences {
		if strings.Contains(sen.Text, text) {
			return Sentence{}, fmt.Sprintf("is part of a sentence: quote the whole sentence %q", sen.Text)
		}
	}
	return Sentence{}, fmt.Sprintf("is not a sentence of %s; the closest is %q", s.file, closest.Text)
}

// closest is the sentence that shares the most words with text (Dice's
// coefficient over distinct lower-case words), the first of equals.
func (s *source) closest(text string) Sentence {
	want := words(text)
	var best Sentence
	bestScore := 0.0
	for _, sen := range s.sentences {
		have := words(sen.Text)
		common := 0
		for w := range want {
			if have[w] {
				common++
			}
		}
		if score := 2 * float64(common) / float64(len(want)+len(have)); score > bestScore {
			best, bestScore = sen, score
		}
	}
	return best
}

func words(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		set[w] = true
	}
	return set
}
