package kg

import "slices"

// A selection says what a read returns, down to the fields: the API
// compiles each GraphQL request into a query and a selection, and a store
// answers the whole of it in one round trip, reading exactly what was
// selected (as @neo4j/graphql and Hasura do). A nil selection of an
// entity or relation that the parent already names (an edge's other end,
// an evidence's document) means the id is enough: the store reads nothing
// more for it.

// EntityFields are an entity's attributes beyond its id and kind (which
// every read returns), one bit each.
type EntityFields uint32

const (
	EName EntityFields = 1 << iota
	EAliases
	EDescription
	ETitle
	EStartDate
	EEndDate
	EStatus
	EParticipants
	EFounded
	EMembers
	EIndependence
	EEdition
	EPublisher
	EPublishedAt
	EUpdatedAt
	EURL
	EText // a document's text: large, read only when asked

	EAllFields = EText<<1 - 1
)

// Mask returns a copy of e with only the fields of f (and its id and
// kind) set; its Evidence is left nil.
func (f EntityFields) Mask(e *Entity) *Entity {
	out := &Entity{ID: e.ID, Kind: e.Kind}
	if f&EName != 0 {
		out.Name = e.Name
	}
	if f&EAliases != 0 {
		out.Aliases = slices.Clone(e.Aliases)
	}
	if f&EDescription != 0 {
		out.Description = e.Description
	}
	if f&ETitle != 0 {
		out.Title = e.Title
	}
	if f&EStartDate != 0 {
		out.StartDate = e.StartDate
	}
	if f&EEndDate != 0 {
		out.EndDate = e.EndDate
	}
	if f&EStatus != 0 {
		out.Status = e.Status
	}
	if f&EParticipants != 0 {
		out.Participants = e.Participants
	}
	if f&EFounded != 0 {
		out.Founded = e.Founded
	}
	if f&EMembers != 0 {
		out.Members = e.Members
	}
	if f&EIndependence != 0 {
		out.Independence = e.Independence
	}
	if f&EEdition != 0 {
		out.Edition = e.Edition
	}
	if f&EPublisher != 0 {
		out.Publisher = e.Publisher
	}
	if f&EPublishedAt != 0 {
		out.PublishedAt = e.PublishedAt
	}
	if f&EUpdatedAt != 0 {
		out.UpdatedAt = e.UpdatedAt
	}
	if f&EURL != 0 {
		out.URL = e.URL
	}
	if f&EText != 0 {
		out.Text = e.Text
	}
	return out
}

// RelationFields are a relation's qualifiers, one bit each; its id, type
// and ends are always read.
type RelationFields uint32

const (
	RRole RelationFields = 1 << iota
	RStatus
	RValidFrom
	RValidTo
	RPointInTime
	RAmount
	RRank
	RPreviousRank
	RCount
	RCounterpart // the counterpart's id
	RNote

	RAllFields = RNote<<1 - 1
)

// Mask returns a copy of r with only the qualifiers of f (and its id,
// type and ends) set; its Evidence is left nil.
func (f RelationFields) Mask(r *Relation) *Relation {
	out := &Relation{ID: r.ID, Type: r.Type, From: r.From, To: r.To}
	if f&RRole != 0 {
		out.Role = r.Role
	}
	if f&RStatus != 0 {
		out.Status = r.Status
	}
	if f&RValidFrom != 0 {
		out.ValidFrom = r.ValidFrom
	}
	if f&RValidTo != 0 {
		out.ValidTo = r.ValidTo
	}
	if f&RPointInTime != 0 {
		out.PointInTime = r.PointInTime
	}
	if f&RAmount != 0 {
		out.Amount = r.Amount
	}
	if f&RRank != 0 {
		out.Rank = r.Rank
	}
	if f&RPreviousRank != 0 {
		out.PreviousRank = r.PreviousRank
	}
	if f&RCount != 0 {
		out.Count = r.Count
	}
	if f&RCounterpart != 0 {
		out.Counterpart = r.Counterpart
	}
	if f&RNote != 0 {
		out.Note = r.Note
	}
	return out
}

// EntitySel is what to read of each entity a query returns.
type EntitySel struct {
	Fields   EntityFields
	Evidence *EvidenceSel // nil: the entity's evidence is not read
	// Kids are the entity's nested pages and counts (its relations,
	// neighbours, degrees, documents), each answered with the entity.
	Kids []*ChildSel
}

// EvidenceSel is what to read of each statement (evidence) of an entity
// or relation: its own fields always, and the entities it names when
// selected beyond their ids.
type EvidenceSel struct {
	Document *EntitySel // nil: the document's id is enough
	SaidBy   *EntitySel // nil: the speaker's id is enough
}

// RelationSel is what to read of each relation a query returns.
type RelationSel struct {
	Fields      RelationFields
	Evidence    *EvidenceSel // nil: not read
	From, To    *EntitySel   // nil: the end's id is enough
	Counterpart *EntitySel   // nil: the counterpart's id is enough (RCounterpart)
}

// ChildKind is what a ChildSel reads of an entity.
type ChildKind int

const (
	// ChildRelations is a page of the relations that touch the entity,
	// ordered by relation id, with their other ends; a degree is a page
	// of 0 that counts.
	ChildRelations ChildKind = iota
	// ChildNeighbors is a page of the distinct entities at the other end
	// of those relations, ordered by id.
	ChildNeighbors
)

// ChildSel is one nested page of an entity.
type ChildSel struct {
	// Alias is the API's name for the child (a GraphQL field's alias),
	// by which it finds the child's value; stores do not read it.
	Alias string
	Kind  ChildKind
	// Kinds are the entity kinds the page is read for (a GraphQL
	// fragment's type condition); none means every kind. For an entity
	// of another kind the child's value is nil.
	Kinds  []Kind
	Filter RelationFilter // its Page; From, To and Document are not used
	Count  bool           // count the matches over all pages (totalCount, degree)
	// For ChildRelations: what to read of each relation (nil: id, type and
	// ends) and of its other end (nil: not read, its id is on the edge).
	Relation *RelationSel
	// Node is what to read of each other end (ChildRelations) or each
	// neighbour (ChildNeighbors); nil reads only ids.
	Node *EntitySel
}

// AppliesTo reports whether the child is read for an entity of kind k.
func (c *ChildSel) AppliesTo(k Kind) bool { return len(c.Kinds) == 0 || slices.Contains(c.Kinds, k) }

// Validate returns EINVALID for a selection no store can answer: a
// child's filter or page out of range, at any depth, or a selection
// deeper than MaxSelectionDepth.
func (s *EntitySel) Validate() error { return s.validate(0) }

func (s *EntitySel) validate(depth int) error {
	if s == nil {
		return nil
	}
	if depth > MaxSelectionDepth {
		return Errorf(EINVALID, "the selection nests more than %d levels", MaxSelectionDepth)
	}
	if err := s.Evidence.validate(depth + 1); err != nil {
		return err
	}
	for _, c := range s.Kids {
		if err := CheckKinds(c.Kinds); err != nil {
			return err
		}
		if err := c.Filter.Validate(); err != nil {
			return err
		}
		if err := c.Relation.validate(depth + 1); err != nil {
			return err
		}
		if err := c.Node.validate(depth + 1); err != nil {
			return err
		}
	}
	return nil
}

// Validate returns EINVALID for a selection no store can answer.
func (s *RelationSel) Validate() error { return s.validate(0) }

func (s *RelationSel) validate(depth int) error {
	if s == nil {
		return nil
	}
	for _, e := range []*EntitySel{s.From, s.To, s.Counterpart} {
		if err := e.validate(depth + 1); err != nil {
			return err
		}
	}
	return s.Evidence.validate(depth + 1)
}

func (s *EvidenceSel) validate(depth int) error {
	if s == nil {
		return nil
	}
	if err := s.Document.validate(depth + 1); err != nil {
		return err
	}
	return s.SaidBy.validate(depth + 1)
}
