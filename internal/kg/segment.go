package kg

import (
	"regexp"
	"strings"
	"unicode"
)

// FoldSpace collapses every run of white space to one space and trims the
// ends, so that an excerpt compares with its source whatever the line
// breaks.
func FoldSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// Sentence is one segment of a source text: a sentence, or a line that
// stands alone without final punctuation (a headline, a bullet, a caption
// credit, page furniture).
type Sentence struct {
	Text       string // whitespace folded (FoldSpace)
	Start, End int    // code points into the raw text, End exclusive
}

// Sentences splits a source text into its sentences, deterministically,
// by these rules. Evidence is one whole sentence by them: the seed reader
// and every mutation check it with this one segmenter.
//
//   - A sentence ends at ., !, ? or … (with any closing quotes and
//     brackets after it) that is followed by white space and then a
//     capital, a digit or an opening quote or bracket; or at the end of a
//     line that ends with such punctuation.
//   - A full stop after an abbreviation (abbreviations: Prof., Feb., a
//     single capital as an initial, dotted forms such as U.S. or e.g.) ends
//     no sentence.
//   - A line that holds no finished sentence (a headline, a bullet, a
//     caption, "Follow") is a segment by itself, and so is a bracketed
//     aside that follows a finished sentence at the end of its line (a
//     photo credit: "(COMSTECH)").
//   - A line of prose (one that finishes a sentence) whose last sentence is
//     unfinished continues on the next non-blank line: the source broke the
//     sentence there, across any blank lines. So does any line followed by
//     one that starts in lower case. A bullet never continues a sentence.
//   - A list marker (•, -, *, …) at the start of a line is not part of its
//     segment.
//
// Sources are expected one paragraph a line: a hard-wrapped line that
// finishes no sentence and is followed by a capital is taken as a headline.
func Sentences(text string) []Sentence {
	rs := []rune(text)
	lines := contentLines(rs)
	var out []Sentence
	emit := func(start, end int) {
		start, end = trimSpace(rs, start, end)
		if start < end {
			out = append(out, Sentence{Text: FoldSpace(string(rs[start:end])), Start: start, End: end})
		}
	}
	pending := -1 // the start of a sentence an earlier line left unfinished
	for li, ln := range lines {
		start := ln.start
		if pending >= 0 {
			start = pending
			pending = -1
		}
		finished := 0
		for _, end := range sentenceEnds(rs, ln.start, ln.end) {
			emit(start, end)
			start, finished = skipSpace(rs, end, ln.end), finished+1
		}
		if start >= ln.end {
			continue
		}
		if li+1 < len(lines) && continues(rs, start, ln.end, finished > 0, lines[li+1]) {
			pending = start
			continue
		}
		emit(start, ln.end)
	}
	return out
}

// line is the content of a non-blank line: its text without the white
// space around it and without a leading list marker.
type line struct {
	start, end int
	bullet     bool
}

func contentLines(rs []rune) []line {
	var out []line
	for start := 0; start < len(rs); {
		end := start
		for end < len(rs) && rs[end] != '\n' {
			end++
		}
		s, e := trimSpace(rs, start, end)
		ln := line{start: s, end: e}
		if s+1 < e && strings.ContainsRune(listMarkers, rs[s]) && unicode.IsSpace(rs[s+1]) {
			ln.start, ln.bullet = skipSpace(rs, s+1, e), true
		}
		if ln.start < ln.end {
			out = append(out, ln)
		}
		start = end + 1
	}
	return out
}

// listMarkers start a bullet when white space follows them.
const listMarkers = "•◦▪‣·*-–—"

// continues reports whether the unfinished tail [start, end) of a line
// goes on in the next line.
func continues(rs []rune, start, end int, prose bool, next line) bool {
	if next.bullet {
		return false
	}
	if unicode.IsLower(rs[next.start]) {
		return true
	}
	return prose && !bracketed(rs, start, end)
}

// bracketed reports whether [start, end) is one bracketed aside: "(COMSTECH)".
func bracketed(rs []rune, start, end int) bool {
	closing := map[rune]rune{'(': ')', '[': ']'}[rs[start]]
	return closing != 0 && rs[end-1] == closing
}

// sentenceEnds returns where the sentences of [start, end) end: the index
// after each terminator and the closing marks that follow it, when a new
// sentence begins after it or the line ends.
func sentenceEnds(rs []rune, start, end int) []int {
	var ends []int
	for i := start; i < end; i++ {
		if !strings.ContainsRune(".!?…", rs[i]) {
			continue
		}
		j := i + 1
		for j < end && strings.ContainsRune(".!?…", rs[j]) {
			j++ // "?!", "..."
		}
		for j < end && strings.ContainsRune(closers, rs[j]) {
			j++
		}
		// A sentence ends at the end of its line, or where white space and
		// the start of another follow.
		if next := skipSpace(rs, j, end); j < end && (next == j || next == end || !startsSentence(rs[next])) {
			i = j - 1
			continue
		}
		if rs[i] == '.' && j == i+1 && abbreviation(rs, start, i) {
			continue
		}
		ends = append(ends, j)
		i = j - 1
	}
	return ends
}

// closers may follow a sentence's final punctuation and belong to it.
const closers = "\"'”’)]»"

func startsSentence(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"'“‘([«", r)
}

// abbreviations are words whose full stop ends no sentence: titles,
// months, and a few common shortenings. Compared in this case.
var abbreviations = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Prof": true, "Sr": true, "Jr": true, "St": true,
	"Gen": true, "Lt": true, "Col": true, "Maj": true, "Capt": true, "Sgt": true, "Adm": true, "Cmdr": true,
	"Rev": true, "Hon": true, "Sen": true, "Rep": true, "Gov": true, "Pres": true, "Amb": true,
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true, "Aug": true,
	"Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
	"No": true, "Nos": true, "Vol": true, "Fig": true, "Inc": true, "Co": true, "Corp": true, "Ltd": true,
	"Mt": true, "Ft": true, "vs": true, "approx": true, "cf": true,
}

// dotted matches the word before the last full stop of a dotted
// abbreviation ("U.S", "e.g") and a single capital used as an initial ("J").
var dotted = regexp.MustCompile(`^(\p{L}\.)+\p{L}$|^\p{Lu}$`)

// abbreviation reports whether the full stop at dot ends an abbreviation:
// the word before it, back to white space or an opening bracket or quote.
func abbreviation(rs []rune, start, dot int) bool {
	w := dot
	for w > start && !unicode.IsSpace(rs[w-1]) && !strings.ContainsRune("([\"“‘", rs[w-1]) {
		w--
	}
	word := string(rs[w:dot])
	return abbreviations[word] || dotted.MatchString(word)
}

func skipSpace(rs []rune, i, end int) int {
	for i < end && unicode.IsSpace(rs[i]) {
		i++
	}
	return i
}

func trimSpace(rs []rune, start, end int) (int, int) {
	start = skipSpace(rs, start, end)
	for end > start && unicode.IsSpace(rs[end-1]) {
		end--
	}
	return start, end
}
