package ndjson

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/kgql/kgql/internal/kg"
)

// Writer writes a stream, one line per call, buffered: call Flush at the
// end.
type Writer struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

// NewWriter returns a writer to w.
func NewWriter(w io.Writer) *Writer {
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false) // relation ids hold '>'; keep them readable
	return &Writer{bw: bw, enc: enc}
}

// Header writes the header; call it first, or not at all. An empty
// Format is set to Format.
func (w *Writer) Header(h Header) error {
	if h.Format == "" {
		h.Format = Format
	}
	return w.enc.Encode(line{Header: &h})
}

// Entity writes an entity line.
func (w *Writer) Entity(e *kg.Entity) error { return w.enc.Encode(line{Entity: fromEntity(e)}) }

// Relation writes a relation line.
func (w *Writer) Relation(r *kg.Relation) error {
	return w.enc.Encode(line{Relation: fromRelation(r)})
}

// Flush writes what is buffered.
func (w *Writer) Flush() error { return w.bw.Flush() }

// WriteGraph writes a whole graph (entities, then relations) after an
// optional header.
func WriteGraph(out io.Writer, h *Header, g *kg.Graph) error {
	w := NewWriter(out)
	if h != nil {
		if err := w.Header(*h); err != nil {
			return err
		}
	}
	for _, e := range g.Entities {
		if err := w.Entity(e); err != nil {
			return err
		}
	}
	for _, r := range g.Relations {
		if err := w.Relation(r); err != nil {
			return err
		}
	}
	return w.Flush()
}
