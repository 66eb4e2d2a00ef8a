package ndjson

import (
	"fmt"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Checker checks a stream as it goes by kg's rules of a graph
// (kg.GraphChecker: entities before the relations that name them, the
// documents an entity's evidence quotes read before the first relation),
// each problem at its line. It holds no rule of its own.
type Checker struct {
	g     *kg.GraphChecker
	lines []int // the line of each entity fed, for problems found late
}

// NewChecker returns a checker of an empty stream.
func NewChecker() *Checker { return &Checker{g: kg.NewGraphChecker()} }

// Counts returns how many distinct entities and relations were accepted.
func (c *Checker) Counts() (entities, relations int) { return c.g.Counts() }

// Entity checks an entity line.
func (c *Checker) Entity(line int, e *kg.Entity) Problems {
	c.lines = append(c.lines, line)
	return c.problems(line, c.g.Entity(e))
}

// Relation checks a relation line; at the first relation, it also checks
// the references of the entities before it, whose problems come first.
func (c *Checker) Relation(line int, r *kg.Relation) Problems {
	return c.problems(line, c.g.Relation(r))
}

// End checks what is left at the end of the stream.
func (c *Checker) End() Problems { return c.problems(0, c.g.End()) }

// problems places kg's problems at their lines: an entity's found late
// at the entity's own line.
func (c *Checker) problems(line int, gps []kg.GraphProblem) Problems {
	var ps Problems
	for _, p := range gps {
		at := line
		if !p.Relation && p.Index < len(c.lines) {
			at = c.lines[p.Index]
		}
		ps = append(ps, Problem{Line: at, ID: p.ID, Message: fieldPrefix(p.Field) + p.Message})
	}
	return ps
}

// fieldPrefix names the evidence a problem concerns ("evidence 0: "), as
// the stream's messages always have.
func fieldPrefix(field string) string {
	n, ok := strings.CutPrefix(field, "evidence.")
	if !ok || n == "" || strings.Contains(n, ".") {
		return "" // a value's problem names its field itself
	}
	return fmt.Sprintf("evidence %s: ", n)
}

// ValidEntityID reports whether id has the form of an entity id
// (kg.ValidEntityID).
func ValidEntityID(id string) bool { return kg.ValidEntityID(id) }
