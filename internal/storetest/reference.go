package storetest

import (
	"context"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Reference is kg.Store's documented behaviour in its plainest form, for
// graphs small enough to answer by brute force: every read is a scan,
// every route comes from enumerating every simple path, every search
// ranks every entity and relation. It shares no algorithm with the
// stores (no breadth-first search, no Yen, no index, no candidate
// choice), so the suite checks each store against the definitions, not
// one store against the same code run twice. Its views come from
// kg.Project* over its own reader, its rules from kg (Validate,
// RankSearch, NameKey), which are the contract's definitions.
//
// It never truncates: an answer that a cap would cut is the whole answer
// cut at the cap, and a path search too large to enumerate is refused
// with ErrCannotEnumerate rather than guessed.
type Reference struct {
	entities  []*kg.Entity   // by id
	relations []*kg.Relation // by id
	entity    map[string]*kg.Entity
	relation  map[string]*kg.Relation
	touching  map[string][]*kg.Relation // by entity: the relations with it at an end, by id
	redirects map[string]string         // merged ids, each to the entity it answers as (RefWriter)
	// MaxPathSteps bounds the relations one path enumeration follows
	// (DefaultMaxPathSteps when 0).
	MaxPathSteps int
}

// NewReference returns the reference store of g, which it must not change.
func NewReference(g *kg.Graph) *Reference {
	r := &Reference{entity: map[string]*kg.Entity{}, relation: map[string]*kg.Relation{}, touching: map[string][]*kg.Relation{}}
	r.entities = slices.Clone(g.Entities)
	slices.SortFunc(r.entities, func(a, b *kg.Entity) int { return strings.Compare(a.ID, b.ID) })
	r.relations = slices.Clone(g.Relations)
	slices.SortFunc(r.relations, func(a, b *kg.Relation) int { return strings.Compare(a.ID, b.ID) })
	for _, e := range r.entities {
		r.entity[e.ID] = e
	}
	for _, rel := range r.relations {
		r.relation[rel.ID] = rel
		r.touching[rel.From] = append(r.touching[rel.From], rel)
		if rel.To != rel.From {
			r.touching[rel.To] = append(r.touching[rel.To], rel)
		}
	}
	return r
}

var (
	_ kg.Store  = (*Reference)(nil)
	_ kg.Reader = (*Reference)(nil)
)

// Entity implements kg.Reader.
func (r *Reference) Entity(id string) *kg.Entity { return r.entity[id] }

// Relation implements kg.Reader.
func (r *Reference) Relation(id string) *kg.Relation { return r.relation[id] }

// Touching implements kg.Reader by a scan of the entity's relations.
func (r *Reference) Touching(id string, f kg.StepFilter, after string, limit int, count bool) ([]kg.Step, int) {
	var steps []kg.Step
	total := 0
	for _, rel := range r.touching[id] {
		if !admits(f, rel, id) {
			continue
		}
		total++
		if after != "" && rel.ID <= after || limit >= 0 && len(steps) >= limit {
			continue
		}
		steps = append(steps, step(rel, id))
	}
	if !count {
		total = 0
	}
	return steps, total
}

// step is rel followed from entity id.
func step(rel *kg.Relation, id string) kg.Step {
	if rel.From == id {
		return kg.Step{Relation: rel.ID, Direction: kg.Out, Other: rel.To}
	}
	return kg.Step{Relation: rel.ID, Direction: kg.In, Other: rel.From}
}

// other is the end of rel that is not entity id.
func other(rel *kg.Relation, id string) string {
	if rel.From == id {
		return rel.To
	}
	return rel.From
}

// The filter, written out from its definition in engine.md rather than
// taken from kg.StepFilter.Admits, so that a mistake there shows as a
// difference here.

// admits reports whether rel, seen from entity id (one of its ends),
// passes f: its direction, then the conditions on the fact.
func admits(f kg.StepFilter, rel *kg.Relation, id string) bool {
	switch f.Direction {
	case kg.Out:
		if rel.From != id {
			return false
		}
	case kg.In:
		if rel.To != id {
			return false
		}
	default:
		if rel.From != id && rel.To != id {
			return false
		}
	}
	if len(f.With) > 0 {
		other := rel.From
		if rel.From == id {
			other = rel.To
		}
		if !slices.Contains(f.With, other) {
			return false
		}
	}
	return admitsFact(f, rel)
}

// admitsFact: a type the filter names (every type but MENTIONS when it
// names none), a status it names (any when none), a validity that
// overlaps its valid time, a statement dated within its stated time.
func admitsFact(f kg.StepFilter, rel *kg.Relation) bool {
	if len(f.Types) == 0 && rel.Type == kg.Mentions || len(f.Types) > 0 && !slices.Contains(f.Types, rel.Type) {
		return false
	}
	return admitsTimeAndStatus(f, rel)
}

// admitsTimeAndStatus is admitsFact without the types (Stats counts every
// type under the filter's time and status).
func admitsTimeAndStatus(f kg.StepFilter, rel *kg.Relation) bool {
	if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, rel.Status) {
		return false
	}
	first, last := "", "" // open unless a source bounds it
	if rel.ValidFrom != nil {
		first = rel.ValidFrom.First()
	}
	if rel.ValidTo != nil {
		last = rel.ValidTo.Last()
	}
	if !overlaps(first, last, f.Valid) {
		return false
	}
	// dated: a condition on one side needs the relation's bound on that
	// side; the start for an until, the end for a since.
	if f.Dated && (f.Valid.Until != "" && first == "" || f.Valid.Since != "" && last == "") {
		return false
	}
	if f.Stated.Since == "" && f.Stated.Until == "" {
		return true
	}
	for _, ev := range rel.Evidence {
		if overlaps(ev.Date.First(), ev.Date.Last(), f.Stated) {
			return true
		}
	}
	return false
}

// overlaps reports whether the days [first, last] ("" open) meet the
// window's days [Since, Until] ("" open).
func overlaps(first, last string, w kg.Window) bool {
	endsBefore := w.Since != "" && last != "" && last < w.Since
	startsAfter := w.Until != "" && first != "" && first > w.Until
	return !endsBefore && !startsAfter
}

// begin is what every method does first: give up when the caller went
// away, and count the one round trip the reference makes.
func begin(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	kg.CountRoundTrip(ctx)
	return nil
}

// Ping implements kg.Store.
func (r *Reference) Ping(ctx context.Context) error { return begin(ctx) }

// notFound is the error of an id that names no entity.
func (r *Reference) notFound(ids ...string) error {
	for _, id := range ids {
		if r.entity[id] == nil {
			return kg.Errorf(kg.ENOTFOUND, "no entity has id %q", id)
		}
	}
	return nil
}

// sortedSet returns the distinct ids, by id.
func sortedSet(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}
