package memstore

import (
	"github.com/kgql/kgql/internal/kg"
)

// curation is what writes keep beside the graph: the change log, the
// idempotency keys, the revs and the retracted relations. Like the graph,
// only the writer changes it, under Store.mu for writing.
type curation struct {
	changes []*kg.Change       // changes[i].Seq == i+1
	touched map[string][]int64 // by entity or relation id: the Seqs of the changes that touched it
	idem    map[string]idemRecord
	// revs holds the rev of every object a write has touched; an object
	// no write has touched (loaded) is at rev 1.
	revs map[string]int
	// retracted relations are out of the graph, so that no read sees
	// them; they keep their evidence here.
	retracted map[string]*retractedRelation
	// redirects maps each merged entity's id to the entity it was merged
	// into (which may be merged since: follow them, kg.MaxRedirects).
	// The graph shares this map (graph.redirects) for its reads.
	redirects map[string]string
}

// idemRecord is what an idempotency key answers: the hash of the input
// first sent under it, and the result then given, as JSON.
type idemRecord struct {
	Op        kg.Op
	InputHash string
	Result    []byte
}

// retractedRelation is a relation that a retraction took out of the
// graph, with its evidence.
type retractedRelation struct {
	Relation   *kg.Relation
	Retraction kg.Retraction
}

func newCuration() *curation {
	return &curation{touched: map[string][]int64{}, idem: map[string]idemRecord{}, revs: map[string]int{}, retracted: map[string]*retractedRelation{}, redirects: map[string]string{}}
}

// record appends a committed change.
func (c *curation) record(ch *kg.Change) {
	c.changes = append(c.changes, ch)
	for _, id := range ch.Touched {
		c.touched[id] = append(c.touched[id], ch.Seq)
	}
	for _, im := range ch.After {
		c.revs[im.ID] = im.Rev
		if im.Relation != nil && im.Retraction != nil {
			c.retracted[im.ID] = &retractedRelation{Relation: im.Relation, Retraction: *im.Retraction}
		} else {
			delete(c.retracted, im.ID)
		}
		if im.RedirectTo != "" {
			c.redirects[im.ID] = im.RedirectTo
		} else {
			delete(c.redirects, im.ID)
		}
	}
}
