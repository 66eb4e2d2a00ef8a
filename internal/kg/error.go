package kg

import (
	"errors"
	"fmt"
)

// Error codes. They are the GraphQL extensions.code values the API returns.
const (
	EINVALID     = "BAD_USER_INPUT" // an argument or an input file is malformed or out of range
	ENOTFOUND    = "NOT_FOUND"      // the id names nothing
	EUNAVAILABLE = "UNAVAILABLE"    // the store cannot be reached
	EINTERNAL    = "INTERNAL"       // a bug; details are logged, never shown
)

// Error is a domain error: a code for programs and a message for people.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err's *Error, EINTERNAL for any other
// error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the message of err's *Error, and a generic message
// for any other error, so that internals never reach a user.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	default:
		return "Internal error."
	}
}
