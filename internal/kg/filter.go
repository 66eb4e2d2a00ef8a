package kg

import (
	"math"
	"slices"
)

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

// Page is the position and size of a page, as the Relay cursor
// connections specification has it: the items after After (all items
// without it) and before Before (all without it) make a window; a forward
// page is the window's First first items, a backward page (Last > 0) its
// Last last ones. Either way the page's edges are in the order's order.
type Page struct {
	First  int
	After  string // a cursor this API returned, or ""
	Last   int
	Before string // a cursor this API returned, or ""
}

// Validate returns EINVALID for a page size out of range or for first and
// last together; the cursors are checked where they are decoded, by the
// order they belong to.
func (p Page) Validate() error {
	if p.First > 0 && p.Last > 0 {
		return Errorf(EINVALID, "first and last cannot be used together: pass first (with after) for a page forwards, or last (with before) for a page backwards")
	}
	if err := CheckRange("first", p.First, 0, MaxFirst); err != nil {
		return err
	}
	return CheckRange("last", p.Last, 0, MaxFirst)
}

// Backward reports whether the page is the last items of its window.
func (p Page) Backward() bool { return p.Last > 0 }

// ScanLimit is how many items after After a store must read for the page:
// First + 1 (the one more says there is a next page) forwards, every one
// backwards (the page is the window's end).
func (p Page) ScanLimit() int {
	if p.Backward() {
		return math.MaxInt
	}
	return p.First + 1
}

// Cut returns the page that p selects from rows, the items after p.After
// in order (ScanLimit of them, or all there are), where reached says
// whether an item is at or beyond p.Before (nil without Before); and
// whether items precede and follow the page. hasPrevious is, forwards,
// whether the page was read after a cursor (the specification lets a
// forward page say so); backwards, whether the window holds items before
// the page. hasNext is, forwards, whether the window holds items after the
// page; backwards, whether the page was read before a cursor.
func Cut[T any](p Page, rows []T, reached func(T) bool) (page []T, hasPrevious, hasNext bool) {
	if p.Before != "" && reached != nil {
		if i := slices.IndexFunc(rows, reached); i >= 0 {
			rows = rows[:i]
		}
	}
	if p.Backward() {
		start := max(0, len(rows)-p.Last)
		return rows[start:], start > 0, p.Before != ""
	}
	return rows[:min(len(rows), p.First)], p.After != "", len(rows) > p.First
}

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

// BeforeKey is CursorKey for the cursor f.Before.
func (f EntityFilter) BeforeKey() ([]string, error) {
	g := f
	g.After = f.Before
	return g.CursorKey()
}

// EntityCursor is the cursor of entity e in order o.
func EntityCursor(o EntityOrder, e *Entity) string {
	if o == OrderByID {
		return EncodeCursor(e.ID)
	}
	return EncodeCursor(e.Name, e.ID)
}

// Size is the page's size: Last backwards, First forwards.
func (p Page) Size() int {
	if p.Backward() {
		return p.Last
	}
	return p.First
}

// CutRead is Cut for a store that reads the window from the page's own
// end, in the page's direction (backwards: from Before down), at most
// Size + 1 rows: it keeps Size of them, in the order's order, and says
// whether items precede and follow the page as Cut does.
func CutRead[T any](p Page, rows []T) (page []T, hasPrevious, hasNext bool) {
	more := len(rows) > p.Size()
	rows = rows[:min(len(rows), p.Size())]
	if p.Backward() {
		slices.Reverse(rows)
		return rows, more, p.Before != ""
	}
	return rows, p.After != "", more
}

// NewPage is the page of a connection's arguments (nil: not given):
// DefaultFirst items forwards when neither first nor last is given;
// EINVALID for both (even 0), which the specification leaves undefined.
func NewPage(first, last *int, after, before string) (Page, error) {
	p := Page{After: after, Before: before}
	switch {
	case first != nil && last != nil:
		return p, Errorf(EINVALID, "first and last cannot be used together: pass first (with after) for a page forwards, or last (with before) for a page backwards")
	case last != nil:
		p.Last = *last
		if p.Last == 0 {
			// A page of 0 is a forward one: its hasNextPage says whether
			// the window holds anything.
			p.First = 0
		}
	case first != nil:
		p.First = *first
	default:
		p.First = DefaultFirst
	}
	return p, p.Validate()
}
