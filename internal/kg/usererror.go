package kg

import (
	"errors"
	"fmt"
	"strings"
)

// EAMBIGUOUS is the code of a name that names more than one entity: the
// user error lists them as candidates.
const EAMBIGUOUS = "AMBIGUOUS"

// UserError is an expected failure of a mutation that the caller can
// correct: a payload's userErrors entry.
type UserError struct {
	Code string // EINVALID, ENOTFOUND, EAMBIGUOUS or ECONFLICT
	// Field is the path of the input field at fault, from the mutation's
	// argument: ["input","relations","0","evidence","0"].
	Field   []string
	Message string
	// Candidates are the entities an EAMBIGUOUS name names (at most
	// MaxNameCandidates).
	Candidates []NameMatch
	// CurrentRev is the object's rev for an ECONFLICT on expectedRev.
	CurrentRev *int
}

func (e *UserError) Error() string {
	return fmt.Sprintf("%s at %s: %s", e.Code, strings.Join(e.Field, "."), e.Message)
}

// UserErrors are all the user errors of one input, in input order. A
// Writer returns them as its error, having written nothing.
type UserErrors []*UserError

func (es UserErrors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// Err returns es as an error, nil when there are none.
func (es UserErrors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// AsUserErrors returns the user errors err carries, and whether it
// carries any; the GraphQL layer puts them in the payload.
func AsUserErrors(err error) (UserErrors, bool) {
	var es UserErrors
	if errors.As(err, &es) && len(es) > 0 {
		return es, true
	}
	var e *UserError
	if errors.As(err, &e) {
		return UserErrors{e}, true
	}
	return nil, false
}

// UnknownOutcome is the error of a write whose commit was sent but whose
// answer was lost: it may or may not have happened. A retry with the same
// IdempotencyKey is safe and records at most one change. Code EUNAVAILABLE.
type UnknownOutcome struct{ Cause error }

func (u *UnknownOutcome) Error() string {
	return "UNAVAILABLE: the store was lost during the commit; whether it happened is unknown; retry with the same idempotencyKey: " + u.Cause.Error()
}

func (u *UnknownOutcome) Unwrap() []error {
	return []error{Errorf(EUNAVAILABLE, "The store was lost during the commit: whether the change happened is unknown. Retry with the same idempotencyKey; it is recorded at most once."), u.Cause}
}

// path builds a user error's field path from its parts.
func path(parts ...any) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = fmt.Sprint(p)
	}
	return out
}
