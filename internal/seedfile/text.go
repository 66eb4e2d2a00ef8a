package seedfile

import (
	"regexp"
	"strings"
)

// fold collapses every run of white space to one space, so that an excerpt
// matches its source whatever the line breaks.
func fold(s string) string { return strings.Join(strings.Fields(s), " ") }

// foundIn reports whether the excerpt stands verbatim in text; "..." in the
// excerpt elides text between fragments that must appear in order.
func foundIn(text, excerpt string) bool {
	rest := text
	for _, frag := range strings.Split(excerpt, "...") {
		frag = fold(frag)
		if frag == "" {
			continue
		}
		i := strings.Index(rest, frag)
		if i < 0 {
			return false
		}
		rest = rest[i+len(frag):]
	}
	return true
}

// nextSentence matches what follows the end of a sentence: an optional
// closing quote, space, and a capital or an opening quote.
var nextSentence = regexp.MustCompile(`^["”’]?\s+["“]?[A-Z]`)

// abbreviations end with a full stop without ending a sentence.
var abbreviations = map[string]bool{
	"Prof": true, "Dr": true, "Mr": true, "Mrs": true, "Ms": true, "Gen": true,
	"Maj": true, "Lt": true, "Col": true, "St": true, "No": true, "Jan": true,
	"Feb": true, "Mar": true, "Apr": true, "Aug": true, "Sep": true, "Sept": true,
	"Oct": true, "Nov": true, "Dec": true, "U.S": true, "U.N": true, "Inc": true, "Co": true,
}

// sentences counts the sentences of an excerpt, roughly but on the safe
// side: known abbreviations and the elision "..." do not end one.
func sentences(s string) int {
	n := 1
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune(".!?", rune(s[i])) || !nextSentence.MatchString(s[i+1:]) {
			continue
		}
		if s[i] == '.' && i > 0 && s[i-1] == '.' {
			continue // the end of an elision
		}
		word := s[strings.LastIndexAny(s[:i], " \t\n(\"“")+1 : i]
		if !abbreviations[word] {
			n++
		}
	}
	return n
}
