package kg

import (
	"context"
	"errors"
	"fmt"
)

// Error codes. They are the GraphQL extensions.code values the API returns.
const (
	EINVALID     = "BAD_USER_INPUT" // an argument or an input file is malformed or out of range
	ENOTFOUND    = "NOT_FOUND"      // the id names nothing
	EUNAVAILABLE = "UNAVAILABLE"    // the store cannot be reached
	ETIMEOUT     = "TIMEOUT"        // the request ran past its deadline; its store work was cancelled
	EINTERNAL    = "INTERNAL"       // a bug; details are logged, never shown

	EUNAUTHENTICATED = "UNAUTHENTICATED" // no credentials, or credentials that prove nothing (forged, expired, revoked)
	EFORBIDDEN       = "FORBIDDEN"       // the principal's role does not allow it
	ECONFLICT        = "CONFLICT"        // an expectedRev that is not the current rev, or an idempotency key reused with another input
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

// ContextError is the error of a read whose context is done, as both
// stores report it: past its deadline, Timeout; cancelled, the context's
// own error, which is the caller's (it went away). nil when ctx is not
// done.
func ContextError(ctx context.Context) error {
	err := ctx.Err()
	if errors.Is(err, context.DeadlineExceeded) {
		return Timeout(err)
	}
	return err
}

// Timeout returns the ETIMEOUT error of a request that ran past its
// deadline, wrapping its cause (the context's error, or the store's) for
// the operator's log and errors.Is.
func Timeout(cause error) error { return &timeoutError{cause: cause} }

type timeoutError struct{ cause error }

func (t *timeoutError) Error() string { return "TIMEOUT: " + t.cause.Error() }
func (t *timeoutError) Unwrap() []error {
	return []error{Errorf(ETIMEOUT, "The request took longer than its deadline; its work was stopped."), t.cause}
}
