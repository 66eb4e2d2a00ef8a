package ndjson

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"

	"github.com/kgql/kgql/internal/kg"
)

// MaxLine is the longest line a Reader takes, in bytes.
const MaxLine = 16 << 20

// Item is one entity, relation or header of a stream, with its line
// number (from 1).
type Item struct {
	Line     int
	Header   *Header
	Entity   *kg.Entity
	Relation *kg.Relation
}

// Problem is what is wrong with one line of a stream.
type Problem struct {
	Line    int
	ID      string // of the entity or relation, when known
	Message string
}

func (p Problem) String() string {
	if p.ID == "" {
		return fmt.Sprintf("line %d: %s", p.Line, p.Message)
	}
	return fmt.Sprintf("line %d: %s: %s", p.Line, p.ID, p.Message)
}

// Problems is the error of Next when it found problems: in the line it
// read, or (references checked late) in earlier ones.
type Problems []Problem

func (ps Problems) Error() string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, "\n")
}

// Reader reads a stream line by line and checks it as it goes (Checker):
// it holds the ids of the entities it has read, not the graph.
type Reader struct {
	br      *bufio.Reader
	buf     []byte
	line    int
	bytes   atomic.Int64 // read by progress reporters on other goroutines
	started bool         // a non-blank line was read
	check   *Checker
	ended   bool
}

// NewReader returns a reader of r.
func NewReader(r io.Reader) *Reader {
	return &Reader{br: bufio.NewReaderSize(r, 1<<20), check: NewChecker()}
}

// BytesRead is how many bytes the reader has consumed.
func (r *Reader) BytesRead() int64 { return r.bytes.Load() }

// Line is the number of the last line read.
func (r *Reader) Line() int { return r.line }

// Counts returns how many entities and relations the reader has accepted.
func (r *Reader) Counts() (entities, relations int) { return r.check.Counts() }

// Next returns the next item, io.EOF at the end, or Problems when a line
// (this one, or an earlier one whose references could only be checked
// now) is wrong. After Problems, Next may be called again: the stream
// goes on, so that a caller can report several problems. The item is set
// only when its own line is valid.
func (r *Reader) Next() (Item, error) {
	for {
		raw, err := r.readLine()
		if err == io.EOF {
			if r.ended {
				return Item{}, io.EOF
			}
			r.ended = true
			if ps := r.check.End(); len(ps) > 0 {
				return Item{}, ps
			}
			return Item{}, io.EOF
		}
		if err != nil {
			return Item{}, err
		}
		raw = bytes.TrimSpace(raw)
		if len(raw) == 0 {
			continue
		}
		first := !r.started
		r.started = true
		return r.parse(raw, first)
	}
}

func (r *Reader) readLine() ([]byte, error) {
	b, err := r.br.ReadSlice('\n')
	r.bytes.Add(int64(len(b)))
	if err == bufio.ErrBufferFull {
		r.buf = append(r.buf[:0], b...)
		for err == bufio.ErrBufferFull {
			b, err = r.br.ReadSlice('\n')
			r.bytes.Add(int64(len(b)))
			if len(r.buf)+len(b) > MaxLine {
				r.line++
				return nil, fmt.Errorf("line %d: longer than %d bytes", r.line, MaxLine)
			}
			r.buf = append(r.buf, b...)
		}
		b = r.buf
	}
	if err == io.EOF && len(b) > 0 {
		err = nil // a last line without a newline
	}
	if err != nil {
		return nil, err
	}
	r.line++
	return b, nil
}

func (r *Reader) parse(raw []byte, first bool) (Item, error) {
	n := r.line
	var l line
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return Item{}, Problems{{Line: n, Message: "malformed JSON: " + jsonMessage(err)}}
	}
	if dec.More() {
		return Item{}, Problems{{Line: n, Message: "more than one JSON value on the line"}}
	}
	if msg := textProblem(raw); msg != "" {
		return Item{}, Problems{{Line: n, Message: msg}}
	}
	set := 0
	for _, p := range []bool{l.Header != nil, l.Entity != nil, l.Relation != nil} {
		if p {
			set++
		}
	}
	if set != 1 {
		return Item{}, Problems{{Line: n, Message: `want exactly one of "header", "entity", "relation"`}}
	}
	switch {
	case l.Header != nil:
		if !first {
			return Item{}, Problems{{Line: n, Message: "a header must be the first line"}}
		}
		if l.Header.Format != Format {
			return Item{}, Problems{{Line: n, Message: fmt.Sprintf("format %q: want %q", l.Header.Format, Format)}}
		}
		return Item{Line: n, Header: l.Header}, nil
	case l.Entity != nil:
		e, ferrs := l.Entity.toEntity()
		ps := r.check.Entity(n, e)
		if len(ferrs) > 0 {
			ps = append(Problems{{Line: n, ID: e.ID, Message: ferrs.err()}}, ps...)
		}
		if len(ps) > 0 {
			return Item{}, ps
		}
		return Item{Line: n, Entity: e}, nil
	default:
		rel, ferrs := l.Relation.toRelation()
		ps := r.check.Relation(n, rel)
		if len(ferrs) > 0 {
			ps = append(ps, Problem{Line: n, ID: rel.ID, Message: ferrs.err()})
		}
		if len(ps) > 0 {
			for _, p := range ps {
				if p.Line == n {
					return Item{}, ps
				}
			}
			return Item{Line: n, Relation: rel}, ps // problems of earlier lines only
		}
		return Item{Line: n, Relation: rel}, nil
	}
}

// jsonMessage shortens encoding/json's errors.
func jsonMessage(err error) string {
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		return fmt.Sprintf("%v (at byte %d)", syntax, syntax.Offset)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// ReadGraph reads a whole stream into memory (for small graphs and
// tests); it returns every problem found, up to max (0: all).
func ReadGraph(in io.Reader, max int) (*kg.Graph, *Header, error) {
	r := NewReader(in)
	g := &kg.Graph{}
	var h *Header
	var problems Problems
	for {
		it, err := r.Next()
		if err == io.EOF {
			break
		}
		var ps Problems
		if errors.As(err, &ps) {
			problems = append(problems, ps...)
			if max > 0 && len(problems) >= max {
				return nil, h, problems[:max]
			}
		} else if err != nil {
			return nil, h, err
		}
		switch {
		case it.Header != nil:
			h = it.Header
		case it.Entity != nil:
			g.Entities = append(g.Entities, it.Entity)
		case it.Relation != nil:
			g.Relations = append(g.Relations, it.Relation)
		}
	}
	if len(problems) > 0 {
		return nil, h, problems
	}
	return g, h, nil
}
