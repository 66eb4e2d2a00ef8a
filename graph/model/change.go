package model

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/kgql/kgql/internal/kg"
)

// ChangeView is a change of the log as the schema's Change shows it: plain
// accessors over the kg.Change the store returned.
type ChangeView struct{ C *kg.Change }

// ChangeOf wraps a change, nil for none.
func ChangeOf(c *kg.Change) *ChangeView {
	if c == nil {
		return nil
	}
	return &ChangeView{C: c}
}

func (c *ChangeView) ID() string            { return c.C.ID }
func (c *ChangeView) Seq() int              { return int(c.C.Seq) }
func (c *ChangeView) At() string            { return c.C.At.UTC().Format(time.RFC3339Nano) }
func (c *ChangeView) Op() ChangeOp          { return OpOf(c.C.Op) }
func (c *ChangeView) Principal() *Principal { return PrincipalOf(c.C.Principal) }
func (c *ChangeView) Reason() *string       { return optional(c.C.Reason) }
func (c *ChangeView) Touched() []string     { return nonNil(c.C.Touched) }
func (c *ChangeView) Reverts() *string      { return optional(c.C.Reverts) }

// Before is the first images before the change; first is at most
// kg.MaxFirst, so that a change of a large merge answers a bounded list
// (touched says how many there are).
func (c *ChangeView) Before(first int) ([]*Image, error) { return imagesOf(c.C.Before, first) }

// After is Before's counterpart after the change.
func (c *ChangeView) After(first int) ([]*Image, error) { return imagesOf(c.C.After, first) }

func imagesOf(ims []kg.Image, first int) ([]*Image, error) {
	if err := kg.CheckRange("first", first, 0, kg.MaxFirst); err != nil {
		return nil, err
	}
	out := make([]*Image, 0, min(first, len(ims)))
	for _, im := range ims[:min(first, len(ims))] {
		out = append(out, imageOf(im))
	}
	return out, nil
}

func imageOf(im kg.Image) *Image {
	out := &Image{ID: im.ID, Rev: im.Rev, Absent: im.Absent(), RedirectTo: optional(im.RedirectTo)}
	var obj any
	switch {
	case im.Entity != nil:
		obj = im.Entity
	case im.Relation != nil:
		obj = im.Relation
	}
	if obj != nil {
		if b, err := json.Marshal(obj); err == nil {
			s := string(b)
			out.JSON = &s
		}
	}
	if r := im.Retraction; r != nil {
		out.Retraction = &Retraction{By: PrincipalOf(r.By), Change: r.Change, Reason: r.Reason, SupersededBy: optional(r.SupersededBy)}
	}
	return out
}

// PrincipalOf is the schema's view of a principal.
func PrincipalOf(p kg.Principal) *Principal {
	return &Principal{ID: p.ID, Name: p.Name, Role: string(p.Role), Method: p.Method}
}

// OpOf is the GraphQL enum value of an op: ingestDocument is INGEST_DOCUMENT.
func OpOf(o kg.Op) ChangeOp {
	var b strings.Builder
	for _, r := range string(o) {
		if r >= 'A' && r <= 'Z' {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return ChangeOp(strings.ToUpper(b.String()))
}

// DomainOps is the inverse of OpOf, for a list.
func DomainOps(os []ChangeOp) []kg.Op {
	out := make([]kg.Op, len(os))
	for i, o := range os {
		out[i] = kg.Op(o) // unknown: left for the store to refuse
		for _, op := range kg.Ops {
			if OpOf(op) == o {
				out[i] = op
			}
		}
	}
	return out
}
