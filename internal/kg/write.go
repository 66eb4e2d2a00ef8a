package kg

import "context"

// Writes. Every change to the graph goes through a Writer: one method per
// mutation, each taking one input and running in ONE store transaction,
// all of it or nothing. What a write may not do is decided here in kg (the
// pure checks of CheckIngest and its siblings) and in the store's
// transaction (what needs the graph: names, revs, idempotency keys), and
// reported as UserErrors, so that the GraphQL layer turns them into a
// payload's userErrors without knowing any rule. docs/curation.md gives
// the design.

// Writer is implemented by both stores. Every method:
//   - records, in the same transaction as the change, one Change carrying
//     the principal of ctx (PrincipalFrom), the op, the input's Reason,
//     IdempotencyKey and InputHash, the ids it touched and their before
//     and after images; a method that changes nothing records nothing and
//     answers a nil Change;
//   - answers the first result again, recording nothing, for a retry with
//     an IdempotencyKey it has seen with the same InputHash, and the user
//     error ECONFLICT at ["input","idempotencyKey"] for that key with
//     another input;
//   - returns UserErrors (errors.As) for what the caller can correct
//     (EINVALID, ENOTFOUND, EAMBIGUOUS, ECONFLICT), having written
//     nothing; EUNAVAILABLE when the store cannot be reached, and an
//     *UnknownOutcome when a commit was sent but its answer lost (a retry
//     with the same key is then safe); the context's error when the caller
//     went away.
//
// The caller checks the principal's role (Require(ctx, RoleEditor)) and
// the pure checks and caps before it calls a Writer; the Writer checks
// them again, as every store method checks its arguments.
type Writer interface {
	// IngestDocument adds a document, the entities it introduces and the
	// relations it states with their evidence. A document whose text has
	// the DocumentKey of a stored one changes nothing and answers the
	// stored document (Existing). A relation equal to a live one (same
	// type, ends, role and qualifiers: RelationKey) gains the new evidence
	// instead of being duplicated.
	IngestDocument(ctx context.Context, in IngestDocumentInput) (*IngestResult, error)

	// CreateEntity adds an entity. ECONFLICT when its id is taken.
	CreateEntity(ctx context.Context, in CreateEntityInput) (*EntityResult, error)

	// UpdateEntity changes an entity's name, description, attributes and
	// aliases. ENOTFOUND for an unknown id; ECONFLICT with the current rev
	// when ExpectedRev is set and is not it.
	UpdateEntity(ctx context.Context, in UpdateEntityInput) (*EntityResult, error)

	// AssertRelation states a relation with at least one evidence from a
	// stored document; an equal live relation gains the evidence.
	AssertRelation(ctx context.Context, in AssertRelationInput) (*RelationResult, error)

	// RetractRelation marks a relation retracted (by whom, when, why and
	// what supersedes it); it keeps its evidence and is hidden from reads
	// unless they ask for retracted relations. ENOTFOUND, ECONFLICT on
	// ExpectedRev; retracting a retracted relation changes nothing.
	RetractRelation(ctx context.Context, in RetractRelationInput) (*RelationResult, error)

	// DeleteDocument removes a document and its evidence: a relation left
	// with no evidence is retracted with the reason RetractSourceDeleted,
	// one that keeps evidence from another document stays. The document's
	// text stays in the change's before image, so a revert restores it.
	DeleteDocument(ctx context.Context, in DeleteDocumentInput) (*DeleteDocumentResult, error)

	// MergeEntities moves the relations, aliases and evidence of Drop onto
	// Keep and leaves Drop as a redirect to Keep; with DryRun it answers
	// the plan (what would move, the collisions) and writes nothing.
	MergeEntities(ctx context.Context, in MergeEntitiesInput) (*MergeResult, error)

	// RevertChange writes a compensating change that restores the before
	// images of a change's touched ids; the log is never rewritten.
	// ECONFLICT unless each of them is as the change left it (its rev
	// aside): when a later change, not reverted since, touched one (revert
	// that one first), or the change is already reverted.
	RevertChange(ctx context.Context, in RevertChangeInput) (*RevertResult, error)

	// History returns a page of the changes that touched id (an entity,
	// merged entities included, or a relation), oldest first, after the
	// cursor after (ChangeCursor).
	History(ctx context.Context, id string, first int, after string) (*ChangePage, error)

	// Changes returns a page of all changes the filter selects, in Seq
	// order, after the cursor after: a cursor stays valid for ever, so a
	// reader can resume (and subscriptions will tail the log).
	Changes(ctx context.Context, after string, first int, f ChangeFilter) (*ChangePage, error)
}

// Request is what every mutation input carries.
type Request struct {
	// IdempotencyKey makes a retry safe (see Writer). It is not part of
	// the InputHash, so the same input under two keys is two requests.
	IdempotencyKey string `json:"-"`
	// Reason says why, for the history: "source corrected", "duplicate".
	Reason string
}

// EntityRef names an entity in an input: the ref of an entity the same
// input introduces (looked up first), an entity id (a string of an id's
// form: KindOfID), or a name or alias, resolved as reads resolve names.
type EntityRef = string

// IngestDocumentInput is a document with the entities it introduces and
// the relations it states.
type IngestDocumentInput struct {
	Request
	Document  DocumentInput
	Entities  []EntityInput   // at most MaxInputEntities
	Relations []RelationInput // at most MaxInputRelations
}

// DocumentInput is a document's metadata and its full text, which
// evidence offsets index.
type DocumentInput struct {
	Title     string
	URL       string
	Publisher string
	Published *Date
	Text      string // at most MaxDocumentChars; the DocumentKey is its hash
}

// EntityInput is an entity to create.
type EntityInput struct {
	// Ref is the entity's local handle in an ingestDocument input: the
	// input's relations name it by Ref. Unique in its input; never of an
	// id's form, so that it cannot be read as one.
	Ref         string
	Kind        Kind
	Name        string
	Aliases     []string
	Description string
	Attributes  Attributes
}

// Attributes are an entity's kind-specific attributes (AttributeKinds
// says which kind may carry which). In an update a nil field is left as
// it is; Clear names those to remove.
type Attributes struct {
	Title        *string
	StartDate    *Date
	EndDate      *Date
	Status       *Status
	Participants *Count
	Founded      *Date
	Members      *Count
	Independence *Date
	Edition      *Date
}

// RelationInput is a relation with its qualifiers and evidence.
type RelationInput struct {
	Type         RelationType // a fact type: MENTIONS is derived, never stated
	From, To     EntityRef
	Role         string
	Status       Status
	ValidFrom    *Date
	ValidTo      *Date
	PointInTime  *Date
	Amount       *Money
	Rank         *int
	PreviousRank *int
	Count        *Count
	Counterpart  EntityRef
	Note         string
	Evidence     []EvidenceInput // at least one, at most MaxInputEvidence
}

// EvidenceInput is where a document states a relation: either the
// offsets of one whole sentence of its text (code points, End exclusive,
// as Evidence's) or an Excerpt, one sentence of the text, white space
// folded; never both.
type EvidenceInput struct {
	// Document is the stored document quoted: empty in ingestDocument
	// (the input's own document), required in assertRelation.
	Document   EntityRef
	Start, End *int
	Excerpt    string
	Date       *Date     // when it was said; the document's published date when nil
	SaidBy     EntityRef // who said it, when the document names someone
}

// CreateEntityInput is an entity to create on its own.
type CreateEntityInput struct {
	Request
	Entity EntityInput // Ref unused
}

// UpdateEntityInput changes an entity; a nil field is left as it is.
type UpdateEntityInput struct {
	Request
	ID            string
	ExpectedRev   *int
	Name          *string
	Description   *string
	Attributes    Attributes
	Clear         []string // attribute names (AttributeKinds) to remove
	AddAliases    []string
	RemoveAliases []string
}

// AssertRelationInput states one relation.
type AssertRelationInput struct {
	Request
	Relation RelationInput
}

// RetractRelationInput retracts a relation: Reason is required.
type RetractRelationInput struct {
	Request
	ID           string
	ExpectedRev  *int
	SupersededBy string // the id of the relation that replaces it, if any
}

// DeleteDocumentInput deletes a document and its evidence.
type DeleteDocumentInput struct {
	Request
	ID          string
	ExpectedRev *int
}

// MergeEntitiesInput merges Drop into Keep.
type MergeEntitiesInput struct {
	Request
	Keep, Drop       EntityRef
	KeepRev, DropRev *int // expected revs
	DryRun           bool
}

// RevertChangeInput reverts a change by its id.
type RevertChangeInput struct {
	Request
	ID string
}

// RetractSourceDeleted is the reason of a retraction that deleteDocument
// makes when it removes a relation's last evidence.
const RetractSourceDeleted = "source deleted"

// Retraction says who retracted a relation, when, why and what replaces it.
type Retraction struct {
	By           Principal
	Change       string // the id of the change that retracted it
	Reason       string
	SupersededBy string
}

// IngestResult is what an ingestDocument did.
type IngestResult struct {
	Document  string   // the document's id
	Existing  bool     // the text was stored already: nothing changed
	Entities  []string // the id of each input entity, in input order
	Relations []string // the id of each input relation (created or gaining evidence)
	Change    *Change  // nil when nothing changed
}

// EntityResult is the entity a write created or changed.
type EntityResult struct {
	Entity string
	Rev    int
	Change *Change
}

// RelationResult is the relation a write stated, extended or retracted.
type RelationResult struct {
	Relation string
	Rev      int
	Change   *Change
}

// DeleteDocumentResult is what a deleteDocument removed.
type DeleteDocumentResult struct {
	Document  string
	Retracted []string // relations left with no evidence
	Change    *Change
}

// MergeResult is a merge's plan and, unless dry, its change.
type MergeResult struct {
	Keep, Drop string
	Plan       MergePlan
	Change     *Change // nil for a dry run
}

// MergePlan is what a merge moves from Drop to Keep.
type MergePlan struct {
	Relations  []string // relation ids of Drop, moved to Keep
	Aliases    []string // Drop's name and aliases, added to Keep's aliases
	Evidence   int      // statements moved
	Collisions []MergeCollision
}

// MergeCollision is a relation of Drop that, moved, equals one of Keep:
// its evidence joins Into's. Into is empty for a relation between Keep
// and Drop, which a merge only retracts (it would join Keep to itself).
type MergeCollision struct {
	Relation string
	Into     string
}

// RevertResult is the compensating change of a revert.
type RevertResult struct {
	Reverted string // the id of the change reverted
	Change   *Change
}
