package kg

import (
	"context"
	"fmt"
	"time"
)

// LoadMark says that a load into a store began and has not finished: a
// load cut short (killed, a crash, a store gone) leaves the store with
// part of a graph, and the mark says so to whoever opens it next.
type LoadMark struct {
	Source  string    // the stream loaded ("-": stdin)
	Started time.Time // when the load began
	// Through is the line through which every item is written (0: none
	// known), as the load last recorded it.
	Through int
	// Resume is the command that completes the load.
	Resume string
}

// String says what the mark means, for a log line or /readyz.
func (m LoadMark) String() string {
	return fmt.Sprintf("a load of %s that began at %s did not finish (every item through line %d is written): complete it with %s",
		m.Source, m.Started.UTC().Format(time.RFC3339), m.Through, m.Resume)
}

// LoadMarker is what a store keeps of a load in progress. Both stores
// implement it; a store in memory only keeps nothing across a restart
// and has nothing to say.
type LoadMarker interface {
	// MarkLoad records m as the load in progress (again as it advances).
	MarkLoad(ctx context.Context, m LoadMark) error
	// ClearLoad records that the load in progress finished.
	ClearLoad(ctx context.Context) error
	// UnfinishedLoad is the mark of a load that did not finish; nil when
	// none.
	UnfinishedLoad(ctx context.Context) (*LoadMark, error)
}
