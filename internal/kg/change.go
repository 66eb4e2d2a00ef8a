package kg

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Op is the operation a change records: a mutation's name.
type Op string

const (
	OpIngestDocument  Op = "ingestDocument"
	OpCreateEntity    Op = "createEntity"
	OpUpdateEntity    Op = "updateEntity"
	OpAssertRelation  Op = "assertRelation"
	OpRetractRelation Op = "retractRelation"
	OpDeleteDocument  Op = "deleteDocument"
	OpMergeEntities   Op = "mergeEntities"
	OpRevertChange    Op = "revertChange"
)

// Ops lists every op in a fixed order.
var Ops = []Op{
	OpIngestDocument, OpCreateEntity, OpUpdateEntity, OpAssertRelation,
	OpRetractRelation, OpDeleteDocument, OpMergeEntities, OpRevertChange,
}

// Valid reports whether o is one of the ops.
func (o Op) Valid() bool {
	for _, x := range Ops {
		if o == x {
			return true
		}
	}
	return false
}

// Change is one entry of the change log, written in the same transaction
// as the change it records. The log is append-only: a revert is a new
// change, never an edit of an old one.
type Change struct {
	// Seq orders all changes of a store, from 1, without gaps: the stable,
	// resumable cursor of Changes (ChangeCursor).
	Seq int64
	// ID names the change for people and revertChange: "change/<seq>".
	ID        string
	At        time.Time // when the transaction committed (UTC)
	Op        Op
	Principal Principal
	Reason    string
	// Touched lists every entity and relation id the change created,
	// changed, retracted, redirected or removed, sorted.
	Touched []string
	// Before and After are the images of the touched ids before and after
	// the change, in Touched's order; an absent object has an Image with
	// neither Entity nor Relation.
	Before, After []Image
	// IdempotencyKey and InputHash are the request's, so that a retry is
	// recognized (Writer).
	IdempotencyKey string
	InputHash      string
	// Reverts is the id of the change this one compensates, for
	// revertChange.
	Reverts string
}

// ChangeID is the id of the change with sequence number seq.
func ChangeID(seq int64) string { return "change/" + strconv.FormatInt(seq, 10) }

// Image is one object as a change found or left it.
type Image struct {
	ID         string
	Rev        int // 0: absent
	Entity     *Entity
	Relation   *Relation
	Retraction *Retraction // a retracted relation's
	RedirectTo string      // a merged entity's: the entity it answers as
}

// Absent reports whether the image is of no object.
func (im Image) Absent() bool { return im.Entity == nil && im.Relation == nil && im.RedirectTo == "" }

// ChangeFilter selects changes of the log; the zero filter selects all.
type ChangeFilter struct {
	Ops       []Op
	Principal string    // a principal's ID
	Since     time.Time // changes at or after; zero: from the first
}

// ChangePage is a page of changes in Seq order.
type ChangePage struct {
	Changes     []*Change
	HasNextPage bool
}

// ChangeCursor is the cursor after a change: its Seq, zero-padded so that
// cursors compare as their changes do.
func ChangeCursor(seq int64) string { return EncodeCursor(fmt.Sprintf("%019d", seq)) }

// ParseChangeCursor returns the Seq of a ChangeCursor, 0 for "" (before
// the first change), or EINVALID.
func ParseChangeCursor(cursor string) (int64, error) {
	if cursor == "" {
		return 0, nil
	}
	key, err := DecodeCursor(cursor, 1)
	if err != nil {
		return 0, err
	}
	seq, err := strconv.ParseInt(key[0], 10, 64)
	if err != nil || seq < 0 || len(key[0]) != 19 {
		return 0, Errorf(EINVALID, "malformed cursor %q: pass an endCursor of history or changes", cursor)
	}
	return seq, nil
}

// InputHash is the hash of a mutation input that decides whether a retry
// under one IdempotencyKey is the same request: SHA-256 of the op and the
// input as JSON, without the key itself (Request's json:"-").
func InputHash(op Op, input any) string {
	b, err := json.Marshal(struct {
		Op    Op
		Input any
	}{op, input})
	if err != nil {
		panic("kg: input hash: " + err.Error()) // inputs are plain data
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// DocumentKey is what identifies a document: the SHA-256 of its text as
// given, so that the same text ingested again is the same document.
func DocumentKey(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}
