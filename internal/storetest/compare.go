package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// Tally counts how each capability's calls ended: by error code, "" for
// an answer.
type Tally map[string]map[string]int

func (t Tally) add(call, code string) {
	kind, _, _ := strings.Cut(call, "#")
	if t[kind] == nil {
		t[kind] = map[string]int{}
	}
	t[kind][code]++
}

// merge adds the counts of u.
func (t Tally) merge(u Tally) {
	for kind, codes := range u {
		if t[kind] == nil {
			t[kind] = map[string]int{}
		}
		for code, n := range codes {
			t[kind][code] += n
		}
	}
}

// Refused is how many calls were refused, whatever the code.
func (t Tally) Refused() int {
	n := 0
	for _, codes := range t {
		for code, k := range codes {
			if code != "" {
				n += k
			}
		}
	}
	return n
}

// answer is what one store made of one call.
type answer struct {
	v          any
	err        error
	roundTrips int64
}

func do(c Call, s kg.Store) answer {
	ctx, n := kg.WithRoundTrips(context.Background())
	v, err := c.Do(ctx, s)
	return answer{v, err, n.Load()}
}

// Compare makes every call on got and on want and fails t for each one
// they answer differently: another error code (or message, for names),
// another answer, other round trips. Answers must view alike (View: every
// field, nil and empty lists alike, which no client can tell apart);
// strict (two stores) also holds round trips to each other. Against the Reference,
// a path search that the store says was truncated is held only to routes
// the Reference enumerates, in order; a path search the Reference cannot
// enumerate is not compared. It returns how the calls ended.
func Compare(t *testing.T, got, want kg.Store, calls []Call, strict bool) Tally {
	t.Helper()
	failures := 0
	return compareCalls(got, want, calls, strict, func(msg string) {
		t.Helper()
		t.Error(msg)
		if failures++; failures >= 10 {
			t.Fatal("too many differences: stopping")
		}
	})
}

// compareCalls is Compare, telling report of each difference.
func compareCalls(got, want kg.Store, calls []Call, strict bool, report func(string)) Tally {
	tally := Tally{}
	ref, _ := want.(*Reference)
	for _, c := range calls {
		g, w := do(c, got), do(c, want)
		if errors.Is(w.err, ErrCannotEnumerate) {
			tally.add(c.Name, "not enumerated")
			continue
		}
		if msg := differ(c, g, w, strict, ref); msg != "" {
			report(fmt.Sprintf("%s %s: %s", c.Name, args(c), msg))
		}
		tally.add(c.Name, kg.ErrorCode(g.err))
	}
	return tally
}

// differ says how answer g differs from w, or "". Against the Reference
// (ref set), a store may take Slack round trips fewer; two stores may
// differ by Slack either way.
func differ(c Call, g, w answer, strict bool, ref *Reference) string {
	var ne nameError
	switch gc, wc := kg.ErrorCode(g.err), kg.ErrorCode(w.err); {
	case gc != wc:
		return fmt.Sprintf("error %v, want %v", g.err, w.err)
	case errors.As(w.err, &ne) && kg.ErrorMessage(g.err) != kg.ErrorMessage(w.err):
		return fmt.Sprintf("error %q, want %q", kg.ErrorMessage(g.err), kg.ErrorMessage(w.err))
	case g.err != nil && g.roundTrips > w.roundTrips && ref != nil:
		return fmt.Sprintf("refused in %d round trips, want at most %d", g.roundTrips, w.roundTrips)
	case g.err != nil:
		return ""
	case ref != nil && (g.roundTrips > w.roundTrips || g.roundTrips < w.roundTrips-int64(c.Slack)),
		ref == nil && max(g.roundTrips-w.roundTrips, w.roundTrips-g.roundTrips) > int64(c.Slack):
		return fmt.Sprintf("%d round trips, want %d", g.roundTrips, w.roundTrips)
	}
	if gp, ok := g.v.(*kg.PathList); ok && gp.Truncated && ref != nil && c.Path != nil {
		return truncatedRoutes(gp, *c.Path, ref)
	}
	if gs, ws := View(g.v), View(w.v); gs != ws {
		return "answers differ at " + firstDifference(gs, ws)
	}
	return ""
}

// truncatedRoutes checks the routes of a search that a cap cut: each is
// a route of the query as the Reference gives it, they are in order and
// distinct, at most Limit.
func truncatedRoutes(got *kg.PathList, q kg.PathQuery, ref *Reference) string {
	all, err := ref.allRoutes(q)
	if err != nil {
		return "" // the reference cannot tell
	}
	valid := map[string]bool{}
	for _, rt := range all {
		p, err := ref.projectRoute(rt, q)
		if err != nil {
			return err.Error()
		}
		valid[View(p)] = true
	}
	if len(got.Paths) > q.Limit {
		return fmt.Sprintf("truncated: %d routes, limit %d", len(got.Paths), q.Limit)
	}
	var prev []string
	for i, p := range got.Paths {
		if !valid[View(p)] {
			return fmt.Sprintf("truncated: route %d is not a route of the query as the reference reads it: %s", i, View(p))
		}
		ids := make([]string, len(p.Nodes))
		for j, n := range p.Nodes {
			ids[j] = n.ID
		}
		if i > 0 && compareRoutes(route{nodes: prev}, route{nodes: ids}) >= 0 {
			return fmt.Sprintf("truncated: route %d is not after route %d", i, i-1)
		}
		prev = ids
	}
	return ""
}

// args renders a call's arguments for a failure message.
func args(c Call) string {
	b, err := json.Marshal(c.Args)
	if err != nil {
		return fmt.Sprint(c.Args)
	}
	if s := string(b); len(s) <= 2000 {
		return s
	}
	return string(b[:2000]) + "…"
}

// RequireCoverage fails t unless every capability answered at least once
// and was refused with every code it can give: EINVALID by all but Ping
// and ResolveNames, ENOTFOUND by the walks that take ids.
func RequireCoverage(t *testing.T, tally Tally) {
	t.Helper()
	for _, kind := range Capabilities {
		want := []string{""}
		switch kind {
		case "Ping", "ResolveNames":
		case "Paths", "Neighborhood", "Expand", "CommonNeighbors":
			want = append(want, kg.EINVALID, kg.ENOTFOUND)
		default:
			want = append(want, kg.EINVALID)
		}
		for _, code := range want {
			if tally[kind][code] == 0 {
				t.Errorf("no call of %s ended with code %q: %v", kind, code, tally[kind])
			}
		}
	}
}

// Parity makes every call on two stores holding g and requires
// deep-equal answers, errors alike. Routes are compared with each other
// where neither store says its search was truncated, and each store's
// with the Reference's where it can enumerate them.
func Parity(t *testing.T, a, b kg.Store, g *kg.Graph, calls []Call) Tally {
	t.Helper()
	ref := NewReference(g)
	tally := Tally{}
	failures := 0
	for _, c := range calls {
		x, y := do(c, a), do(c, b)
		var msgs []string
		xp, isPath := x.v.(*kg.PathList)
		yp, _ := y.v.(*kg.PathList)
		if isPath && yp != nil && (xp.Truncated || yp.Truncated) {
			tally.add(c.Name, "truncated")
		} else if msg := differ(c, x, y, true, nil); msg != "" {
			msgs = append(msgs, msg)
		}
		if isPath && yp != nil && c.Path != nil {
			w := do(c, ref)
			if errors.Is(w.err, ErrCannotEnumerate) {
				tally.add(c.Name, "not enumerated")
			}
			for i, s := range []answer{x, y} {
				if msg := differ(c, s, w, false, ref); msg != "" && w.err == nil {
					msgs = append(msgs, fmt.Sprintf("store %d against the reference: %s", i+1, msg))
				}
			}
		}
		if len(msgs) > 0 {
			t.Errorf("%s %s: %s", c.Name, args(c), strings.Join(msgs, "; "))
			failures++
		}
		tally.add(c.Name, kg.ErrorCode(x.err))
		if failures >= 10 {
			t.Fatal("too many differences: stopping")
		}
	}
	return tally
}

// ParityCalls are the calls of Parity: perKind of every capability, with
// paths of at most maxHops steps, so that the Reference can enumerate
// most of them.
func ParityCalls(g *kg.Graph, seed uint64, perKind, maxHops int) []Call {
	return newCaller(g, seed, maxHops).calls(perKind)
}
