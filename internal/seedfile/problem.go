package seedfile

import (
	"fmt"
	"sort"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Problem is one thing wrong with the seed, located so that a person can
// open the file at the line and fix it.
type Problem struct {
	File    string
	Line    int
	ID      string // the entity or relation id concerned, if known
	Message string
}

func (p Problem) String() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	if p.ID != "" {
		return fmt.Sprintf("%s: %s: %s", loc, p.ID, p.Message)
	}
	return fmt.Sprintf("%s: %s", loc, p.Message)
}

// Problems is every problem found in a seed. As an error it carries the
// code kg.EINVALID and lists them all, one a line.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return fmt.Sprintf("%d problem(s) in the seed:\n%s", len(ps), strings.Join(lines, "\n"))
}

// Unwrap lets kg.ErrorCode see the seed as invalid input.
func (ps Problems) Unwrap() error {
	return kg.Errorf(kg.EINVALID, "the seed has %d problem(s)", len(ps))
}

func (ps Problems) sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		return ps[i].Line < ps[j].Line
	})
	return ps
}
