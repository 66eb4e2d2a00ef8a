package kg

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits on the values of what a store holds, so that a loader refuses,
// before it writes anything, whatever a store would refuse part-way:
// Neo4j refuses a transaction whose value of an indexed property (entity
// and relation ids, names) takes more than about 8,160 bytes
// (neo4jstore's TestLimitsFitNeo4j measures it), and a string that is
// not UTF-8 cannot travel over Bolt. The other limits are chosen well
// above any real value, so that they only stop a runaway one. Each is
// written here once; the seed validator, the stream checker and both
// stores apply them through EntityValueProblems and
// RelationValueProblems, and the README quotes them.
const (
	MaxEntityIDBytes   = 200       // an entity id (ASCII by its form); ids are indexed
	MaxRelationIDBytes = 1000      // a relation id: two entity ids, the type and a key; indexed
	MaxNameChars       = 1000      // a name, an alias, a title, a role, a publisher: at most 4,000 bytes, half of an index key
	MaxAliases         = 100       // aliases of one entity
	MaxURLChars        = 2000      // a document's url
	MaxTextChars       = 10000     // a description, a note
	MaxExcerptChars    = 4000      // an evidence excerpt: one sentence
	MaxDocumentChars   = 1_000_000 // a document's text
	MaxEvidence        = 1000      // statements of one entity or relation
)

// ValueProblem is a value that a store cannot hold: its field (as the
// seed files and the stream name it: "name", "aliases.2",
// "evidence.0.excerpt") and why.
type ValueProblem struct {
	Field   string
	Message string
}

func (p ValueProblem) String() string { return p.Field + ": " + p.Message }

// valueChecker collects the problems of one entity or relation.
type valueChecker []ValueProblem

func (c *valueChecker) add(field, format string, args ...any) {
	*c = append(*c, ValueProblem{Field: field, Message: fmt.Sprintf(format, args...)})
}

// text checks a string: UTF-8, and at most max characters.
func (c *valueChecker) text(field, s string, max int) {
	if !utf8.ValidString(s) {
		c.add(field, "not valid UTF-8")
		return
	}
	if n := utf8.RuneCountInString(s); n > max {
		c.add(field, "%d characters, at most %d", n, max)
	}
}

// id checks an id: UTF-8, and at most max bytes.
func (c *valueChecker) id(field, s string, max int) {
	if !utf8.ValidString(s) {
		c.add(field, "not valid UTF-8")
		return
	}
	if len(s) > max {
		c.add(field, "%d bytes, at most %d", len(s), max)
	}
}

func (c *valueChecker) evidence(evs []Evidence) {
	if len(evs) > MaxEvidence {
		c.add("evidence", "%d statements, at most %d", len(evs), MaxEvidence)
		return
	}
	for i, ev := range evs {
		at := fmt.Sprintf("evidence.%d.", i)
		c.id(at+"doc", ev.DocumentID, MaxEntityIDBytes)
		c.text(at+"excerpt", ev.Excerpt, MaxExcerptChars)
		c.id(at+"saidBy", ev.SaidBy, MaxEntityIDBytes)
	}
}

// EntityValueProblems returns what of e a store cannot hold (see the
// limits above); none for an entity every store takes.
func EntityValueProblems(e *Entity) []ValueProblem {
	var c valueChecker
	c.id("id", e.ID, MaxEntityIDBytes)
	c.text("name", e.Name, MaxNameChars)
	if len(e.Aliases) > MaxAliases {
		c.add("aliases", "%d aliases, at most %d", len(e.Aliases), MaxAliases)
	} else {
		for i, a := range e.Aliases {
			c.text(fmt.Sprintf("aliases.%d", i), a, MaxNameChars)
		}
	}
	c.text("description", e.Description, MaxTextChars)
	c.text("title", e.Title, MaxNameChars)
	c.text("publisher", e.Publisher, MaxNameChars)
	c.text("url", e.URL, MaxURLChars)
	c.text("text", e.Text, MaxDocumentChars)
	c.evidence(e.Evidence)
	return c
}

// RelationValueProblems returns what of r a store cannot hold.
func RelationValueProblems(r *Relation) []ValueProblem {
	var c valueChecker
	c.id("id", r.ID, MaxRelationIDBytes)
	c.id("from", r.From, MaxEntityIDBytes)
	c.id("to", r.To, MaxEntityIDBytes)
	c.text("role", r.Role, MaxNameChars)
	c.id("counterpart", r.Counterpart, MaxEntityIDBytes)
	c.text("note", r.Note, MaxTextChars)
	c.evidence(r.Evidence)
	return c
}

// CheckValues returns EINVALID naming the first entity or relation of g
// that a store cannot hold, and its problems; nil when every store takes
// every value of g. Stores call it before they write anything.
func CheckValues(g *Graph) error {
	for _, e := range g.Entities {
		if ps := EntityValueProblems(e); len(ps) > 0 {
			return valueError("entity", e.ID, ps)
		}
	}
	for _, r := range g.Relations {
		if ps := RelationValueProblems(r); len(ps) > 0 {
			return valueError("relation", r.ID, ps)
		}
	}
	return nil
}

func valueError(what, id string, ps []ValueProblem) error {
	msgs := make([]string, len(ps))
	for i, p := range ps {
		msgs[i] = p.String()
	}
	return Errorf(EINVALID, "%s %s: %s; nothing was written", what, quoteID(id), strings.Join(msgs, "; "))
}

// quoteID quotes an id for a message, cut when it is too long to read.
func quoteID(id string) string {
	if len(id) > 120 {
		id = strings.ToValidUTF8(id[:120], "") + "…"
	}
	return fmt.Sprintf("%q", id)
}

// InvalidUTF8 returns the offset of the first byte of b that is not
// UTF-8, or -1 when all of b is.
func InvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}
