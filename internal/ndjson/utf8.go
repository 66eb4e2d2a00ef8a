package ndjson

import (
	"fmt"

	"github.com/kgql/kgql/internal/kg"
)

// encoding/json reads invalid UTF-8, and a \u escape of half a UTF-16
// surrogate pair, as U+FFFD without a word: a stream would load text
// other than what it holds. The reader refuses both instead.

// textProblem says what in a line is not text, or "" when all is.
func textProblem(line []byte) string {
	if at := kg.InvalidUTF8(line); at >= 0 {
		return fmt.Sprintf("not valid UTF-8 (at byte %d)", at+1)
	}
	if at := unpairedSurrogate(line); at >= 0 {
		return fmt.Sprintf(`a \u escape of half a UTF-16 surrogate pair (at byte %d): not a character`, at+1)
	}
	return ""
}

// unpairedSurrogate returns the offset of a \uD800–\uDFFF escape that is
// not a high surrogate followed by a low one, or -1. line is valid JSON:
// a backslash only stands in a string, before the character it escapes.
func unpairedSurrogate(line []byte) int {
	for i := 0; i < len(line)-1; i++ {
		if line[i] != '\\' {
			continue
		}
		if line[i+1] != 'u' {
			i++ // an escaped character, a backslash included
			continue
		}
		r, ok := hex4(line[i+2:])
		switch {
		case !ok:
		case r >= 0xD800 && r < 0xDC00:
			next := line[i+6:]
			if len(next) >= 6 && next[0] == '\\' && next[1] == 'u' {
				if lo, ok := hex4(next[2:]); ok && lo >= 0xDC00 && lo < 0xE000 {
					i += 11
					continue
				}
			}
			return i
		case r >= 0xDC00 && r < 0xE000:
			return i
		}
		i += 5
	}
	return -1
}

// hex4 reads four hexadecimal digits.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
