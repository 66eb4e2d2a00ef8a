package ndjson

import (
	"fmt"
	"hash/maphash"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Checker checks a stream as it goes, cheaply: kinds, types, the form of
// ids, duplicates and that every reference names an entity read before
// (the documents an entity's evidence quotes: read before the first
// relation). It keeps the entity ids and a 64-bit hash of each relation
// id, not the graph; what it cannot check without the documents' texts
// (that an excerpt is in its document) it does not.
type Checker struct {
	ids         map[string]struct{}
	rels        map[uint64]struct{}
	seed        maphash.Seed
	pending     []pendingRef // references of entities' evidence, checked at the first relation
	sawRelation bool
}

// pendingRef is a reference from evidence ev of item id: its doc, or its
// saidBy.
type pendingRef struct {
	line   int
	id     string
	ev     int
	saidBy bool
	ref    string
}

func (p pendingRef) field() string {
	if p.saidBy {
		return fmt.Sprintf("evidence %d: saidBy", p.ev)
	}
	return fmt.Sprintf("evidence %d: doc", p.ev)
}

// NewChecker returns a checker of an empty stream.
func NewChecker() *Checker {
	return &Checker{ids: map[string]struct{}{}, rels: map[uint64]struct{}{}, seed: maphash.MakeSeed()}
}

// Counts returns how many distinct entities and relations were accepted.
func (c *Checker) Counts() (entities, relations int) { return len(c.ids), len(c.rels) }

// Entity checks an entity line.
func (c *Checker) Entity(line int, e *kg.Entity) Problems {
	var ps Problems
	add := func(format string, args ...any) {
		ps = append(ps, Problem{Line: line, ID: e.ID, Message: fmt.Sprintf(format, args...)})
	}
	switch {
	case !e.Kind.Valid():
		add("unknown kind %q", e.Kind)
	case e.ID == "":
		add("missing id")
	case !ValidEntityID(e.ID):
		add("malformed id: want <prefix>/<slug> in lower case, digits and dashes")
	case !strings.HasPrefix(e.ID, e.Kind.IDPrefix()+"/"):
		add("a %s id starts with %q", e.Kind, e.Kind.IDPrefix()+"/")
	}
	if strings.TrimSpace(e.Name) == "" {
		add("an entity needs a name")
	}
	for _, p := range kg.EntityValueProblems(e) {
		add("%s", p)
	}
	if _, dup := c.ids[e.ID]; dup && e.ID != "" {
		add("duplicate entity id")
	}
	for i, ev := range e.Evidence {
		if msg := excerptProblem(ev.Excerpt); msg != "" {
			add("evidence %d: %s", i, msg)
		}
		for _, p := range []pendingRef{{line, e.ID, i, false, ev.DocumentID}, {line, e.ID, i, true, ev.SaidBy}} {
			switch {
			case p.saidBy && p.ref == "":
			case c.sawRelation:
				if msg := c.refProblem(p); msg != "" {
					add("%s", msg)
				}
			default:
				c.pending = append(c.pending, p)
			}
		}
	}
	if len(ps) == 0 {
		c.ids[e.ID] = struct{}{}
	}
	return ps
}

// Relation checks a relation line; at the first relation, it also checks
// the references of the entities before it, whose problems come first.
func (c *Checker) Relation(line int, r *kg.Relation) Problems {
	var ps Problems
	if !c.sawRelation {
		c.sawRelation = true
		ps = c.resolvePending()
	}
	add := func(format string, args ...any) {
		ps = append(ps, Problem{Line: line, ID: r.ID, Message: fmt.Sprintf(format, args...)})
	}
	base := ""
	if !r.Type.Valid() {
		add("unknown relation type %q", r.Type)
	} else {
		base = kg.RelationID(r.From, r.Type, r.To, "")
	}
	switch {
	case r.ID == "":
		add("missing id")
	case base != "" && r.ID != base && (!strings.HasPrefix(r.ID, base+"#") || len(r.ID) == len(base)+1):
		add("id is not %q, with or without a #key", base)
	}
	for _, ref := range []struct{ field, id string }{{"from", r.From}, {"to", r.To}, {"counterpart", r.Counterpart}} {
		if ref.id == "" {
			if ref.field != "counterpart" {
				add("missing %s", ref.field)
			}
			continue
		}
		if _, ok := c.ids[ref.id]; !ok {
			add("%s %q names no entity on an earlier line (dangling reference)", ref.field, ref.id)
		}
	}
	if r.From != "" && r.From == r.To {
		add("joins an entity to itself")
	}
	if len(r.Evidence) == 0 {
		add("a relation needs evidence")
	}
	for _, p := range kg.RelationValueProblems(r) {
		add("%s", p)
	}
	for i, ev := range r.Evidence {
		if msg := excerptProblem(ev.Excerpt); msg != "" {
			add("evidence %d: %s", i, msg)
		}
		if msg := c.refProblem(pendingRef{line, r.ID, i, false, ev.DocumentID}); msg != "" {
			add("%s", msg)
		}
		if ev.SaidBy != "" {
			if msg := c.refProblem(pendingRef{line, r.ID, i, true, ev.SaidBy}); msg != "" {
				add("%s", msg)
			}
		}
	}
	if r.ID != "" {
		h := maphash.String(c.seed, r.ID)
		if _, dup := c.rels[h]; dup {
			add("duplicate relation id")
		} else if !hasLine(ps, line) {
			c.rels[h] = struct{}{}
		}
	}
	return ps
}

func hasLine(ps Problems, line int) bool {
	for _, p := range ps {
		if p.Line == line {
			return true
		}
	}
	return false
}

// End checks what is left at the end of the stream.
func (c *Checker) End() Problems {
	if c.sawRelation {
		return nil
	}
	c.sawRelation = true
	return c.resolvePending()
}

func (c *Checker) resolvePending() Problems {
	var ps Problems
	for _, p := range c.pending {
		if msg := c.refProblem(p); msg != "" {
			ps = append(ps, Problem{Line: p.line, ID: p.id, Message: msg})
		}
	}
	c.pending = nil
	return ps
}

func (c *Checker) refProblem(p pendingRef) string {
	if p.ref == "" {
		return p.field() + ": missing"
	}
	if _, ok := c.ids[p.ref]; !ok {
		return fmt.Sprintf("%s %q names no entity read before (dangling reference)", p.field(), p.ref)
	}
	if !p.saidBy && !strings.HasPrefix(p.ref, kg.KindDocument.IDPrefix()+"/") {
		return fmt.Sprintf("%s %q is not a document", p.field(), p.ref)
	}
	return ""
}

// excerptProblem is what is wrong with an excerpt besides its size
// (kg.MaxExcerptChars, checked with the other values).
func excerptProblem(s string) string {
	if strings.TrimSpace(s) == "" {
		return "missing excerpt"
	}
	return ""
}

// ValidEntityID reports whether id has the form of an entity id:
// <prefix>/<slug>, lower-case letters, digits and single dashes
// (^[a-z]+/[a-z0-9]+(-[a-z0-9]+)*$, as in the seed files).
func ValidEntityID(id string) bool {
	prefix, slug, ok := strings.Cut(id, "/")
	if !ok || prefix == "" || slug == "" {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if prefix[i] < 'a' || prefix[i] > 'z' {
			return false
		}
	}
	dash := true // no leading dash
	for i := 0; i < len(slug); i++ {
		switch ch := slug[i]; {
		case ch >= 'a' && ch <= 'z', ch >= '0' && ch <= '9':
			dash = false
		case ch == '-' && !dash:
			dash = true
		default:
			return false
		}
	}
	return !dash
}
