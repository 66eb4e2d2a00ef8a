package neo4jstore

import (
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// admission is a kg.StepFilter in Cypher: the relationship types of a
// pattern and the conditions on a relationship, with the filter's
// parameters allocated once so that every step of a walk shares them.
type admission struct {
	types string // ":A|B|C", from kg's closed list
	// Parameter references, "" where the filter has no such condition.
	statuses, validSince, validUntil, statedSince, statedUntil string
	// dated is kg.StepFilter.Dated: an unknown bound fails a valid-time
	// condition instead of passing it.
	dated bool
	// with is the parameter of kg.StepFilter.With ("" for none): the other
	// end's id must be among them (otherEnd).
	with string
}

// admits returns the Cypher of filter f, which kg.StepFilter.Validate
// has checked.
func (b *builder) admits(f kg.StepFilter) *admission {
	types := typesOf(f)
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = t.CypherType()
	}
	a := &admission{types: ":" + strings.Join(names, "|")}
	if len(f.Statuses) > 0 {
		st := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			st[i] = string(s)
		}
		a.statuses = b.param(st)
	}
	param := func(v string) string {
		if v == "" {
			return ""
		}
		return b.param(v)
	}
	a.validSince, a.validUntil = param(f.Valid.Since), param(f.Valid.Until)
	a.dated = f.Dated
	if len(f.With) > 0 {
		a.with = b.param(f.With)
	}
	a.statedSince, a.statedUntil = param(f.Stated.Since), param(f.Stated.Until)
	return a
}

// typesOf is the filter's effective types, each once: a type named twice
// is followed once (and the planner would count a degree per type listed).
func typesOf(f kg.StepFilter) []kg.RelationType {
	var out []kg.RelationType
	for _, t := range f.EffectiveTypes() {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// where is the condition that relationship r passes the filter's status,
// valid time and stated time ("true" when the filter has none). Valid
// time is the stored window (tFirst, tLast; absent is open); a statement
// dated d at its precision overlaps [since, until] iff d >= since and
// d <= until, each cut to the length of d.
func (a *admission) where(r string) string {
	var conds []string
	if a.statuses != "" {
		conds = append(conds, "coalesce("+r+".status, '') IN "+a.statuses)
	}
	open := func(bound string) string { // an unknown bound passes, unless dated
		if a.dated {
			return ""
		}
		return r + "." + bound + " IS NULL OR "
	}
	if a.validSince != "" {
		conds = append(conds, "("+open("tLast")+r+".tLast >= "+a.validSince+")")
	}
	if a.validUntil != "" {
		conds = append(conds, "("+open("tFirst")+r+".tFirst <= "+a.validUntil+")")
	}
	if a.statedSince != "" || a.statedUntil != "" {
		var dc []string
		if a.statedSince != "" {
			dc = append(dc, "d >= left("+a.statedSince+", size(d))")
		}
		if a.statedUntil != "" {
			dc = append(dc, "d <= left("+a.statedUntil+", size(d))")
		}
		conds = append(conds, "any(d IN coalesce("+r+".evDates, []) WHERE "+strings.Join(dc, " AND ")+")")
	}
	return and(conds...)
}

// otherEnd is the condition that node m, the other end of a relation of
// the entity read, is one of the filter's With ("true" without With).
func (a *admission) otherEnd(m string) string {
	if a.with == "" {
		return "true"
	}
	return m + ".id IN " + a.with
}

// matchWhere is MATCH pattern, with WHERE cond unless cond is "true".
func matchWhere(pattern, cond string) string {
	if cond == "true" || cond == "" {
		return "MATCH " + pattern
	}
	return "MATCH " + pattern + " WHERE " + cond
}

// pattern is the relationship pattern from node u along r to node v in
// direction d as seen from u.
func (a *admission) pattern(u, r, v string, d kg.Direction) string {
	return "(" + u + ")" + arrow("["+r+a.types+"]", d) + "(" + v + ")"
}

// inline is the relationship part of a quantified path pattern, with the
// conditions inside it (a pre-filter of the walk): -[r:T WHERE cond]->.
func (a *admission) inline(r string, d kg.Direction) string {
	rel := r + a.types
	if w := a.where(r); w != "true" {
		rel += " WHERE " + w
	}
	return arrow("["+rel+"]", d)
}

// arrow is a relationship in direction d: -[...]->, <-[...]-, -[...]-.
func arrow(rel string, d kg.Direction) string {
	switch d {
	case kg.Out:
		return "-" + rel + "->"
	case kg.In:
		return "<-" + rel + "-"
	default:
		return "-" + rel + "-"
	}
}
