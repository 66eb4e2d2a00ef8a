package observe

import "sync"

// DefaultMaxOperationNames is how many distinct operation names get a
// value of their own in the operation_name label.
const DefaultMaxOperationNames = 100

// maxNameBytes is the longest operation name given a label value of its own.
const maxNameBytes = 100

// Values of operation_name (and operation_type) that are no client's
// operation name.
const (
	opNone      = "none"      // no operation ran: refused, invalid, not GraphQL
	opAnonymous = "anonymous" // an operation without a name
	opOther     = "other"     // a name past the bound
)

// nameSet bounds the operation_name label: the first max distinct names
// of operations that ran keep their name, every later one is "other", so
// clients that invent names cannot grow the series without bound. Only
// an authenticated principal's operations are named: an anonymous
// client's name (SECRETOP777) is "other", so that nobody can write into
// the operator's dashboards.
type nameSet struct {
	mu   sync.Mutex
	max  int
	seen map[string]struct{}
}

func (s *nameSet) label(name string, authenticated bool) string {
	if name == "" {
		return opAnonymous
	}
	if !authenticated || len(name) > maxNameBytes {
		return opOther
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.seen[name]; ok {
		return name
	}
	if len(s.seen) >= s.max {
		return opOther
	}
	s.seen[name] = struct{}{}
	return name
}
