package model

import (
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Conversions between the GraphQL enums and values and the domain's.

// KindOf is the GraphQL enum value of a kind: Person is PERSON.
func KindOf(k kg.Kind) EntityKind { return EntityKind(strings.ToUpper(string(k))) }

// DomainKind is the inverse of KindOf.
func DomainKind(k EntityKind) kg.Kind {
	for _, dk := range kg.Kinds {
		if KindOf(dk) == k {
			return dk
		}
	}
	return kg.Kind(k)
}

// DomainKinds converts a list of kinds.
func DomainKinds(ks []EntityKind) []kg.Kind {
	out := make([]kg.Kind, len(ks))
	for i, k := range ks {
		out[i] = DomainKind(k)
	}
	return out
}

// DomainTypes converts a list of relation types (same names on both sides).
func DomainTypes(ts []RelationType) []kg.RelationType {
	out := make([]kg.RelationType, len(ts))
	for i, t := range ts {
		out[i] = kg.RelationType(t)
	}
	return out
}

// StatusOf is the GraphQL status of a domain status.
func StatusOf(s kg.Status) Status {
	if s == kg.StatusActual {
		return StatusStated
	}
	return Status(strings.ToUpper(string(s)))
}

// DomainStatuses is the inverse of StatusOf, for a list.
func DomainStatuses(ss []Status) []kg.Status {
	out := make([]kg.Status, len(ss))
	for i, s := range ss {
		if s != StatusStated {
			out[i] = kg.Status(strings.ToLower(string(s)))
		}
	}
	return out
}

// Date is a date with its precision.
type Date struct{ D kg.Date }

func (d Date) Value() string            { return d.D.String() }
func (d Date) Precision() DatePrecision { return DatePrecision(d.D.Precision) }
func (d Date) First() string            { return d.D.First() }
func (d Date) Last() string             { return d.D.Last() }

// DateOf wraps a domain date, nil for none.
func DateOf(d *kg.Date) *Date {
	if d == nil {
		return nil
	}
	return &Date{D: *d}
}

// Money is an amount in a currency.
type Money struct{ M kg.Money }

func (m Money) Value() float64   { return m.M.Value }
func (m Money) Currency() string { return m.M.Currency }
func (m Money) Text() string     { return m.M.String() }

// Count is a number with its qualifier.
type Count struct{ C kg.Count }

func (c Count) Value() int        { return c.C.Value }
func (c Count) Qualifier() string { return string(c.C.Qualifier) }
func (c Count) Text() string      { return c.C.String() }

// CountOf wraps a domain count, nil for none.
func CountOf(c *kg.Count) *Count {
	if c == nil {
		return nil
	}
	return &Count{C: *c}
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
