package seedfile

import (
	"fmt"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// qualifierDiff names the qualifiers in which two statements of one fact
// disagree, or returns "" when they agree.
func qualifierDiff(a, b *kg.Relation) string {
	var diffs []string
	check := func(name string, x, y any) {
		if fmt.Sprint(x) != fmt.Sprint(y) {
			diffs = append(diffs, fmt.Sprintf("%s %v vs %v", name, x, y))
		}
	}
	check("role", a.Role, b.Role)
	check("status", a.Status, b.Status)
	check("validFrom", deref(a.ValidFrom), deref(b.ValidFrom))
	check("validTo", deref(a.ValidTo), deref(b.ValidTo))
	check("pointInTime", deref(a.PointInTime), deref(b.PointInTime))
	check("amount", deref(a.Amount), deref(b.Amount))
	check("rank", deref(a.Rank), deref(b.Rank))
	check("previousRank", deref(a.PreviousRank), deref(b.PreviousRank))
	check("count", deref(a.Count), deref(b.Count))
	check("note", a.Note, b.Note)
	return strings.Join(diffs, "; ")
}

func deref[T any](p *T) any {
	if p == nil {
		return "none"
	}
	return *p
}
