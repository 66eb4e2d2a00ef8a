package kg

import (
	"slices"
	"strings"
)

// Relation is a typed, directed fact between two entities, with its
// qualifiers and the evidence of every document that states it.
type Relation struct {
	ID   string
	Type RelationType
	From string // entity id
	To   string // entity id

	// Qualifiers: what distinguishes one fact of a type from another.
	Role         string
	Status       Status
	ValidFrom    *Date // the fact holds from this date; none: since an unknown time
	ValidTo      *Date // the fact holds until this date; none: it has not been said to end
	PointInTime  *Date // the date a measured value (amount, rank, count) refers to
	Amount       *Money
	Rank         *int
	PreviousRank *int
	Count        *Count
	Counterpart  string // entity id: the buyer of an export
	Note         string

	Evidence []Evidence
}

// Evidence is one source's statement of a fact.
type Evidence struct {
	DocumentID string
	Excerpt    string // one whole sentence of the document, white space folded
	Start, End int    // where the excerpt stands in the document's Text: code points, End exclusive
	Date       Date   // when the statement was made (stated time)
	SaidBy     string // entity id of who made the statement, if the document names one
}

// RelationID derives a relation's stable id from what identifies the fact:
// its ends, its type and, for facts that differ only by it, the
// counterpart or an explicit key. The id reads as the fact does:
// person/hafeez-ur-rehman>HOLDS_POSITION>org/pta.
func RelationID(from string, t RelationType, to, key string) string {
	id := from + ">" + string(t) + ">" + to
	if key != "" {
		id += "#" + key
	}
	return id
}

// ParseRelationID reads an id made by RelationID back into its ends and
// type (entity ids hold neither > nor #, so the id says where its ends
// are and a read need not visit them); ok is false for anything else.
// The type is as written: check it with Valid.
func ParseRelationID(id string) (from string, t RelationType, to string, ok bool) {
	from, rest, ok1 := strings.Cut(id, ">")
	typ, rest, ok2 := strings.Cut(rest, ">")
	to, _, _ = strings.Cut(rest, "#")
	if !ok1 || !ok2 || from == "" || to == "" {
		return "", "", "", false
	}
	return from, RelationType(typ), to, true
}

// Window is the relation's validity (valid time) as first and last day
// (YYYY-MM-DD; empty means open): from ValidFrom's first day to ValidTo's
// last. A relation holds from and until unknown times when its sources
// give none, so either end may be open; when it was stated (stated time)
// is the evidence's Date, never its validity, and a measured value's date
// is PointInTime. The `at`, `since` and `until` filters of both stores
// select by this window.
func (r *Relation) Window() (first, last string) {
	if r.ValidFrom != nil {
		first = r.ValidFrom.First()
	}
	if r.ValidTo != nil {
		last = r.ValidTo.Last()
	}
	return first, last
}

// Other is the end of r that is not entity id (id itself for a relation
// from id to id).
func (r *Relation) Other(id string) string {
	if r.From == id {
		return r.To
	}
	return r.From
}

// Documents returns the distinct ids of the documents that state r, in
// evidence order.
func (r *Relation) Documents() []string {
	var docs []string
	for _, ev := range r.Evidence {
		if !slices.Contains(docs, ev.DocumentID) {
			docs = append(docs, ev.DocumentID)
		}
	}
	return docs
}

// Slug turns a name into the lower-case, dash-separated form used in ids.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
