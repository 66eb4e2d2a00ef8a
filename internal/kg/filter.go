package kg

import "slices"

// Direction is the direction of a relation as seen from one of its ends.
type Direction string

const (
	Out  Direction = "OUT"
	In   Direction = "IN"
	Both Direction = "BOTH"
)

// Valid reports whether d is one of the three directions.
func (d Direction) Valid() bool { return d == Out || d == In || d == Both }

// Reverse is the direction seen from the other end.
func (d Direction) Reverse() Direction {
	switch d {
	case Out:
		return In
	case In:
		return Out
	}
	return d
}

// Window is a span of days (YYYY-MM-DD, inclusive; "" means open) that a
// time span must overlap.
type Window struct {
	Since, Until string
}

// IsZero reports whether the window is open at both ends: it admits all.
func (w Window) IsZero() bool { return w.Since == "" && w.Until == "" }

// Admits reports whether the span [first, last] (either end "" for open)
// overlaps w.
func (w Window) Admits(first, last string) bool {
	if w.Since != "" && last != "" && last < w.Since {
		return false
	}
	if w.Until != "" && first != "" && first > w.Until {
		return false
	}
	return true
}

// Checks reports whether the span [first, last] (either end "" for
// unknown) has each bound that the window could exclude it by: its last
// day when the window has a Since, its first day when it has an Until.
// An open end is unknown, not "still holds": with StepFilter.Dated, a
// relation whose validity cannot be checked against the window is left
// out instead of admitted.
func (w Window) Checks(first, last string) bool {
	return (w.Since == "" || last != "") && (w.Until == "" || first != "")
}

// Validate returns EINVALID for an end that is not a day (YYYY-MM-DD),
// or a window that ends before it starts.
func (w Window) Validate(name string) error {
	for _, day := range []string{w.Since, w.Until} {
		if d, err := ParseDate(day); day != "" && (err != nil || d.Precision != PrecisionDay) {
			return Errorf(EINVALID, "%s: %q is not a day (YYYY-MM-DD)", name, day)
		}
	}
	if w.Since != "" && w.Until != "" && w.Until < w.Since {
		return Errorf(EINVALID, "%s: until %s is before since %s", name, w.Until, w.Since)
	}
	return nil
}

// StepFilter selects the relations that a read or a walk may follow. It
// is the one definition of the filters every capability takes (types,
// direction, valid time, stated time, status), so that both stores and
// every capability read them alike.
type StepFilter struct {
	// Direction is the direction of the relation as seen from the entity
	// being expanded; Both (or "", the zero filter's) follows either.
	Direction Direction
	// Types are the relation types followed. None means FactTypes: every
	// type but MENTIONS, here as everywhere.
	Types []RelationType
	// Valid selects by valid time: a relation is admitted when its
	// validity (Relation.Window, open where unknown) overlaps the window.
	Valid Window
	// Dated admits by valid time only the relations that Valid can be
	// checked against (Window.Checks): a Since needs the relation's end,
	// an Until its start, both (an `at`) both. Without a Valid window it
	// changes nothing.
	Dated bool
	// Stated selects by stated time: a relation is admitted when one of
	// its statements (evidence) is dated within the window.
	Stated Window
	// Statuses are the statuses admitted; none means all.
	Statuses []Status
	// With are entity ids (at most MaxWith): a relation is admitted only
	// when its other end, seen from the entity read, is one of them. It
	// applies to one entity's relations, neighbours and degree; walks
	// (paths, neighbourhoods, expansions, common neighbours, stats) refuse
	// it (NoWith). None means any other end.
	With []string
}

// NoWith returns EINVALID when the filter has With, which capability
// (a walk) does not take.
func (f StepFilter) NoWith(capability string) error {
	if len(f.With) > 0 {
		return Errorf(EINVALID, "%s: the filter's with applies only to an entity's relations, neighbors and degree", capability)
	}
	return nil
}

// EffectiveTypes are the types the filter follows: Types, or FactTypes
// when it names none.
func (f StepFilter) EffectiveTypes() []RelationType {
	if len(f.Types) == 0 {
		return FactTypes
	}
	return f.Types
}

// Validate returns EINVALID for a filter no store can answer.
func (f StepFilter) Validate() error {
	if f.Direction != "" && !f.Direction.Valid() {
		return Errorf(EINVALID, "direction must be OUT, IN or BOTH, got %q", f.Direction)
	}
	if err := CheckTypes(f.Types); err != nil {
		return err
	}
	for _, s := range f.Statuses {
		if !s.Valid() {
			return Errorf(EINVALID, "unknown status %q", s)
		}
	}
	if len(f.With) > MaxWith {
		return Errorf(EINVALID, "with takes at most %d entities, got %d", MaxWith, len(f.With))
	}
	if slices.Contains(f.With, "") {
		return Errorf(EINVALID, "with: an entity id is empty")
	}
	if err := f.Valid.Validate("valid time"); err != nil {
		return err
	}
	return f.Stated.Validate("stated time")
}

// AdmitsFact reports whether relation r passes the filter's type, valid
// time, stated time and status conditions (not its direction, which
// depends on the end it is seen from).
func (f StepFilter) AdmitsFact(r *Relation) bool {
	if !slices.Contains(f.EffectiveTypes(), r.Type) {
		return false
	}
	if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, r.Status) {
		return false
	}
	if first, last := r.Window(); !f.Valid.Admits(first, last) || f.Dated && !f.Valid.Checks(first, last) {
		return false
	}
	return f.Stated.IsZero() || slices.ContainsFunc(r.Evidence, func(ev Evidence) bool {
		return f.Stated.Admits(ev.Date.First(), ev.Date.Last())
	})
}

// Admits reports whether relation r, seen from entity id (one of its
// ends), passes the whole filter.
func (f StepFilter) Admits(r *Relation, id string) bool {
	switch {
	case f.Direction == Out && r.From != id, f.Direction == In && r.To != id:
		return false
	case len(f.With) > 0 && !slices.Contains(f.With, r.Other(id)):
		return false
	}
	return f.AdmitsFact(r)
}

// RelationFilter selects the relations of a page: FindRelations over all
// relations, or a child page of one entity's relations (then From and To
// are not used: the entity is given).
type RelationFilter struct {
	StepFilter
	From, To string // entity ids
	// Between is none or two entity ids: the relations that join them,
	// in either direction (then From and To are not given).
	Between  []string
	Document string // id of a document that states the relation
	Page
}

// Validate returns EINVALID for a filter no store can answer.
func (f RelationFilter) Validate() error {
	if err := f.StepFilter.Validate(); err != nil {
		return err
	}
	switch {
	case f.Between != nil && len(f.Between) != 2:
		return Errorf(EINVALID, "between takes exactly two entities, got %d", len(f.Between))
	case len(f.Between) == 2 && (f.From != "" || f.To != ""):
		return Errorf(EINVALID, "give between, or from and to, not both")
	case len(f.Between) == 2 && (f.Between[0] == "" || f.Between[1] == ""):
		return Errorf(EINVALID, "between: an entity id is empty")
	}
	return f.Page.Validate()
}

// AdmitsDocument reports whether r is stated by the filter's document
// (any relation when the filter names none).
func (f RelationFilter) AdmitsDocument(r *Relation) bool {
	return f.Document == "" || slices.ContainsFunc(r.Evidence, func(ev Evidence) bool { return ev.DocumentID == f.Document })
}

// Page is the position and size of a page: First items after the cursor.
type Page struct {
	First int
	After string // a cursor this API returned, or ""
}

// Validate returns EINVALID for a page size out of range; the cursor is
// checked where it is decoded, by the order it belongs to.
func (p Page) Validate() error { return CheckRange("first", p.First, 0, MaxFirst) }

// EntityOrder is the order of FindEntities.
type EntityOrder string

const (
	OrderByName EntityOrder = "NAME" // name, then id
	OrderByID   EntityOrder = "ID"
)

// EntityFilter selects entities.
type EntityFilter struct {
	Kinds        []Kind
	NameContains string // case-insensitive, over the name and the aliases
	OrderBy      EntityOrder
	Page
}

// Validate returns EINVALID for a filter no store can answer.
func (f EntityFilter) Validate() error {
	if err := CheckKinds(f.Kinds); err != nil {
		return err
	}
	if f.OrderBy != OrderByName && f.OrderBy != OrderByID {
		return Errorf(EINVALID, "orderBy must be NAME or ID, got %q", f.OrderBy)
	}
	if len([]rune(f.NameContains)) > MaxSearchText {
		return Errorf(EINVALID, "nameContains must be at most %d characters", MaxSearchText)
	}
	return f.Page.Validate()
}

// CursorKey returns the sort key of the cursor f.After in this order, or
// nil for the first page; EINVALID for a cursor of another order.
func (f EntityFilter) CursorKey() ([]string, error) {
	if f.After == "" {
		return nil, nil
	}
	parts := 2
	if f.OrderBy == OrderByID {
		parts = 1
	}
	return DecodeCursor(f.After, parts)
}

// EntityCursor is the cursor of entity e in order o.
func EntityCursor(o EntityOrder, e *Entity) string {
	if o == OrderByID {
		return EncodeCursor(e.ID)
	}
	return EncodeCursor(e.Name, e.ID)
}
