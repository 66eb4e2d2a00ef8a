package kg

import (
	"strings"
)

// Text returns err's text for a person reading a terminal or a log rather
// than a GraphQL response: err.Error() without the codes meant for
// extensions.code ("BAD_USER_INPUT: ", "TIMEOUT: ") that *Error and
// Timeout put before their messages, wherever they stand in the chain.
func Text(err error) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	var walk func(error)
	walk = func(e error) {
		switch e := e.(type) {
		case *Error:
			s = strings.Replace(s, e.Error(), e.Message, 1)
		case *timeoutError:
			s = strings.Replace(s, e.Error(), e.cause.Error(), 1)
			walk(e.cause) // its first unwrapped error is its code's, not in its text
			return
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			if inner := u.Unwrap(); inner != nil {
				walk(inner)
			}
		case interface{ Unwrap() []error }:
			for _, inner := range u.Unwrap() {
				walk(inner)
			}
		}
	}
	walk(err)
	return s
}
