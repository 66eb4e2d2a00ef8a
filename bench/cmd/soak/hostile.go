package main

import (
	"context"
	"fmt"
	"maps"
	"net"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// hostile runs the requests of issue 10 against kgql while it serves the
// normal load, and tallies what became of them.
type hostile struct {
	base string
	held int

	mu       sync.Mutex
	outcomes map[string]map[string]int // kind of request → outcome → count

	heldOpen    atomic.Int64 // held connections open now
	heldClosed  atomic.Int64 // held connections the server closed
	slowOpen    atomic.Int64 // slow readers holding their connection now
	slowStarted atomic.Int64
}

func newHostile(base string, held int) *hostile {
	return &hostile{base: base, held: held, outcomes: map[string]map[string]int{}}
}

func (h *hostile) note(kind, outcome string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.outcomes[kind] == nil {
		h.outcomes[kind] = map[string]int{}
	}
	h.outcomes[kind][outcome]++
}

// tally is the outcomes, as sorted lines "kind | outcome | count".
func (h *hostile) tally() [][3]string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out [][3]string
	for _, kind := range slices.Sorted(maps.Keys(h.outcomes)) {
		for _, o := range slices.Sorted(maps.Keys(h.outcomes[kind])) {
			out = append(out, [3]string{kind, o, fmt.Sprint(h.outcomes[kind][o])})
		}
	}
	out = append(out,
		[3]string{"held connections (opened, never used; reopened a second after the server closes one)", "closed by the server", fmt.Sprint(h.heldClosed.Load())},
		[3]string{"slow readers (ask for a large answer, never read it, hang up after 20 s)", "started", fmt.Sprint(h.slowStarted.Load())})
	return out
}

// aliased is n aliased copies of field, fifteen to a fragment.
func aliased(n int, field string) string {
	var q, frags strings.Builder
	q.WriteString("{")
	for f := 0; f*15 < n; f++ {
		fmt.Fprintf(&q, " ...F%d", f)
		fmt.Fprintf(&frags, " fragment F%d on Query {", f)
		for i := f * 15; i < min(n, (f+1)*15); i++ {
			fmt.Fprintf(&frags, " a%d: %s", i, field)
		}
		frags.WriteString(" }")
	}
	return q.String() + " }" + frags.String()
}

// amplifications are the shapes that stalled kgql, and their kin.
var amplifications = map[string]string{
	"700 aliased stats in fragments": aliased(700, "stats { entities }"),
	"600 aliased introspections":     aliased(600, "__schema { ...T }") + " fragment T on __Schema { types { name fields { name } } }",
	"15 aliased stats in a window":   aliased(15, `stats(top: 10, filter: {at: "2024"}) { relations }`),
	"fields nested 13 deep":          `{ entities(first: 1) { edges { node { relations(first: 1) { edges { node { relations(first: 1) { edges { node { relations(first: 1) { edges { node { relations(first: 1) { totalCount } } } } } } } } } } } } } }`,
	"pages of 100 three deep":        `{ entities(first: 100) { edges { node { relations(first: 100) { edges { node { relations(first: 100) { totalCount } } } } } } } }`,
	"a query of 6000 tokens":         `{ relations(filter: {types: [` + strings.Repeat(" MEMBER_OF", 6000) + ` ]}) { totalCount } }`,
	"21 directives":                  `{ entities(first: 1) {` + strings.Repeat(" ... @include(if: true) { totalCount }", 21) + ` } }`,
}

// hostileSecret is carried by a malformed body: kgql's log must not hold it.
const hostileSecret = "s3cret-soak-password"

// malformed are bodies that are not GraphQL requests.
var malformed = map[string]struct{ contentType, body string }{
	"malformed JSON with a secret": {"application/json", `{"query": "{ __typename }", "variables": {"password": "s3cret"`},
	"a batch":                      {"application/json", `[{"query": "{ __typename }"}, {"query": "{ __typename }"}]`},
	"a number as the query":        {"application/json", `{"query": 42}`},
	"trailing garbage":             {"application/json", `{"query": "{ __typename }"} garbage`},
	"a form":                       {"application/x-www-form-urlencoded", `query=%7B__typename%7D`},
	"no content type":              {"", `{"query": "{ __typename }"}`},
	"a body of 3 MB":               {"application/json", `{"query": "{ __typename }", "pad": "` + strings.Repeat("x", 3<<20) + `"}`},
}

// run starts every kind of hostile client and returns when ctx ends.
func (h *hostile) run(ctx context.Context) {
	var wg sync.WaitGroup
	every := func(d time.Duration, fn func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.NewTicker(d)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					fn()
				}
			}
		}()
	}
	names := slices.Sorted(maps.Keys(amplifications))
	k := 0
	every(100*time.Millisecond, func() {
		name := names[k%len(names)]
		k++
		if a, err := query(ctx, h.base, amplifications[name], nil); err == nil {
			h.note(name, a.outcome())
		} else if ctx.Err() == nil {
			h.note(name, "error: "+err.Error())
		}
	})
	bodies := slices.Sorted(maps.Keys(malformed))
	j := 0
	every(100*time.Millisecond, func() {
		name := bodies[j%len(bodies)]
		j++
		m := malformed[name]
		if a, err := post(ctx, h.base, m.contentType, []byte(m.body)); err == nil {
			h.note(name, a.outcome())
		} else if ctx.Err() == nil {
			h.note(name, "error: "+err.Error())
		}
	})
	every(time.Second, func() { go h.slowReader(ctx) })
	for range h.held {
		wg.Add(1)
		go func() { defer wg.Done(); h.holdConnections(ctx) }()
	}
	wg.Wait()
}

// slowReader asks for a large answer (fifteen introspections) and never
// reads it, then hangs up after 20 s.
func (h *hostile) slowReader(ctx context.Context) {
	c, err := net.Dial("tcp", strings.TrimPrefix(h.base, "http://"))
	if err != nil {
		return
	}
	defer c.Close()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetReadBuffer(1 << 16)
	}
	h.slowStarted.Add(1)
	h.slowOpen.Add(1)
	defer h.slowOpen.Add(-1)
	body := `{"query": "` + strings.ReplaceAll(aliased(15, "__schema { types { name description fields { name description args { name description type { name } } } } }"), `"`, `\"`) + `"}`
	fmt.Fprintf(c, "POST /graphql HTTP/1.1\r\nHost: kgql\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	select {
	case <-ctx.Done():
	case <-time.After(20 * time.Second):
	}
}

// holdConnections keeps one connection open without a request, opening
// another a second after the server closes it.
func (h *hostile) holdConnections(ctx context.Context) {
	for ctx.Err() == nil {
		c, err := net.Dial("tcp", strings.TrimPrefix(h.base, "http://"))
		if err == nil {
			h.heldOpen.Add(1)
			closed := make(chan struct{})
			go func() { c.Read(make([]byte, 1)); close(closed) }()
			select {
			case <-closed:
				h.heldClosed.Add(1)
			case <-ctx.Done():
			}
			c.Close()
			h.heldOpen.Add(-1)
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}
