package storetest

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Reference is kg.Store's documented behaviour in its plainest form: a
// scan of a *kg.Graph for every call. It is slow and obviously right, so
// the suite checks each store against it, not only the stores against
// each other. It does not check its arguments beyond what answers need.
type Reference struct {
	g        *kg.Graph
	byID     map[string]*kg.Entity
	relByID  map[string]*kg.Relation
	touching map[string][]*kg.Relation // by entity: the relations with it at an end
}

// NewReference returns the reference store of g, which it must not change.
func NewReference(g *kg.Graph) *Reference {
	r := &Reference{g: g, byID: map[string]*kg.Entity{}, relByID: map[string]*kg.Relation{}, touching: map[string][]*kg.Relation{}}
	for _, e := range g.Entities {
		r.byID[e.ID] = e
	}
	for _, rel := range g.Relations {
		r.relByID[rel.ID] = rel
		r.touching[rel.From] = append(r.touching[rel.From], rel)
		r.touching[rel.To] = append(r.touching[rel.To], rel)
	}
	return r
}

var _ kg.Store = (*Reference)(nil)

func (r *Reference) Ping(context.Context) error { return nil }

func (r *Reference) EntitiesByID(_ context.Context, ids []string) ([]*kg.Entity, error) {
	out := make([]*kg.Entity, len(ids))
	for i, id := range ids {
		out[i] = r.byID[id]
	}
	return out, nil
}

// check refuses what every store refuses: unknown kinds and types, and
// negative sizes.
func check(kinds []kg.Kind, types []kg.RelationType, sizes ...int) error {
	for _, k := range kinds {
		if !k.Valid() {
			return kg.Errorf(kg.EINVALID, "unknown kind %q", k)
		}
	}
	for _, t := range types {
		if !t.Valid() {
			return kg.Errorf(kg.EINVALID, "unknown relation type %q", t)
		}
	}
	for _, n := range sizes {
		if n < 0 {
			return kg.Errorf(kg.EINVALID, "negative size %d", n)
		}
	}
	return nil
}

func (r *Reference) FindEntities(_ context.Context, f kg.EntityFilter) (*kg.EntityPage, error) {
	if err := check(f.Kinds, nil, f.First); err != nil {
		return nil, err
	}
	var list []*kg.Entity
	q := strings.ToLower(f.NameContains)
	for _, e := range r.g.Entities {
		if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, e.Kind) {
			continue
		}
		if q != "" && !slices.ContainsFunc(append([]string{e.Name}, e.Aliases...), func(s string) bool { return strings.Contains(strings.ToLower(s), q) }) {
			continue
		}
		list = append(list, e)
	}
	key := func(e *kg.Entity) []string {
		if f.OrderBy == kg.OrderByID {
			return []string{e.ID}
		}
		return []string{e.Name, e.ID}
	}
	slices.SortFunc(list, func(a, b *kg.Entity) int { return slices.Compare(key(a), key(b)) })
	page := &kg.EntityPage{TotalCount: len(list)}
	if f.After != "" {
		after, err := kg.DecodeCursor(f.After, len(key(&kg.Entity{})))
		if err != nil {
			return nil, err
		}
		list = slices.DeleteFunc(list, func(e *kg.Entity) bool { return slices.Compare(key(e), after) <= 0 })
	}
	if len(list) > f.First {
		list, page.HasNextPage = list[:f.First], true
	}
	for _, e := range list {
		page.Edges = append(page.Edges, kg.EntityEdge{Entity: e, Cursor: kg.EncodeCursor(key(e)...)})
	}
	return page, nil
}

// SearchCandidates returns the entities kg.Score accepts, best first.
func (r *Reference) SearchCandidates(_ context.Context, text string, kinds []kg.Kind, limit int) ([]*kg.Entity, error) {
	if err := check(kinds, nil, limit); err != nil {
		return nil, err
	}
	query := kg.SearchTerms(text)
	type hit struct {
		e     *kg.Entity
		score float64
	}
	var hits []hit
	for _, e := range r.g.Entities {
		if len(kinds) > 0 && !slices.Contains(kinds, e.Kind) {
			continue
		}
		best := 0.0
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			best = max(best, kg.Score(query, name))
		}
		if best > 0 {
			hits = append(hits, hit{e, best})
		}
	}
	slices.SortFunc(hits, func(a, b hit) int {
		return cmp.Or(cmp.Compare(b.score, a.score), strings.Compare(a.e.Name, b.e.Name), strings.Compare(a.e.ID, b.e.ID))
	})
	var out []*kg.Entity
	for _, h := range hits[:min(len(hits), limit)] {
		out = append(out, h.e)
	}
	return out, nil
}

func (r *Reference) RelationsByID(_ context.Context, ids []string) ([]*kg.Relation, error) {
	out := make([]*kg.Relation, len(ids))
	for i, id := range ids {
		out[i] = r.relByID[id]
	}
	return out, nil
}

// admits applies a step filter to a relation seen from entity id ("" for
// no direction).
func admits(rel *kg.Relation, id string, f kg.StepFilter) bool {
	switch {
	case id != "" && rel.From != id && rel.To != id:
		return false
	case id != "" && f.Direction == kg.Out && rel.From != id:
		return false
	case id != "" && f.Direction == kg.In && rel.To != id:
		return false
	case len(f.Types) > 0 && !slices.Contains(f.Types, rel.Type):
		return false
	}
	first, last := rel.Window()
	return f.Window.Admits(first, last)
}

func states(rel *kg.Relation, doc string) bool {
	return doc == "" || slices.Contains(rel.Documents(), doc)
}

func (r *Reference) page(id string, rels []*kg.Relation, f kg.RelationFilter) (*kg.RelationPage, error) {
	slices.SortFunc(rels, func(a, b *kg.Relation) int { return strings.Compare(a.ID, b.ID) })
	page := &kg.RelationPage{TotalCount: len(rels)}
	if f.After != "" {
		after, err := kg.DecodeCursor(f.After, 1)
		if err != nil {
			return nil, err
		}
		rels = slices.DeleteFunc(rels, func(rel *kg.Relation) bool { return rel.ID <= after[0] })
	}
	if len(rels) > f.First {
		rels, page.HasNextPage = rels[:f.First], true
	}
	for _, rel := range rels {
		e := kg.RelationEdge{Relation: rel, Direction: kg.Out, Other: rel.To, Cursor: kg.EncodeCursor(rel.ID)}
		if id != "" && rel.To == id {
			e.Direction, e.Other = kg.In, rel.From
		}
		page.Edges = append(page.Edges, e)
	}
	return page, nil
}

func (r *Reference) RelationsOf(_ context.Context, ids []string, f kg.RelationFilter) ([]*kg.RelationPage, error) {
	if err := check(nil, f.Types, f.First); err != nil {
		return nil, err
	}
	if _, err := r.page("", nil, f); err != nil {
		return nil, err // a malformed cursor, even with no ids
	}
	out := make([]*kg.RelationPage, len(ids))
	for i, id := range ids {
		var rels []*kg.Relation
		for _, rel := range r.touching[id] {
			if admits(rel, id, f.StepFilter) && states(rel, f.Document) {
				rels = append(rels, rel)
			}
		}
		p, err := r.page(id, rels, f)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

// FindRelations: every condition the filter names, none anchored.
func (r *Reference) FindRelations(_ context.Context, f kg.RelationFilter) (*kg.RelationPage, error) {
	if err := check(nil, f.Types, f.First); err != nil {
		return nil, err
	}
	var rels []*kg.Relation
	for _, rel := range r.g.Relations {
		if (f.From == "" || rel.From == f.From) && (f.To == "" || rel.To == f.To) &&
			admits(rel, "", f.StepFilter) && states(rel, f.Document) {
			rels = append(rels, rel)
		}
	}
	return r.page("", rels, f)
}

func (r *Reference) Expand(_ context.Context, ids []string, f kg.StepFilter) ([][]kg.Step, error) {
	if err := check(nil, f.Types); err != nil {
		return nil, err
	}
	out := make([][]kg.Step, len(ids))
	for i, id := range ids {
		for _, rel := range r.touching[id] {
			if !admits(rel, id, f) {
				continue
			}
			st := kg.Step{RelationID: rel.ID, Type: rel.Type, Direction: kg.Out, Other: rel.To}
			if rel.To == id {
				st.Direction, st.Other = kg.In, rel.From
			}
			out[i] = append(out[i], st)
		}
		slices.SortFunc(out[i], func(a, b kg.Step) int { return strings.Compare(a.RelationID, b.RelationID) })
	}
	return out, nil
}

func (r *Reference) Stats(_ context.Context, top int) (*kg.Stats, error) {
	if err := check(nil, nil, top); err != nil {
		return nil, err
	}
	st := &kg.Stats{ByKind: map[kg.Kind]int{}, ByType: map[kg.RelationType]int{}}
	for _, k := range kg.Kinds {
		st.ByKind[k] = 0
	}
	for _, t := range kg.RelationTypes {
		st.ByType[t] = 0
	}
	degree := map[string]int{}
	for _, e := range r.g.Entities {
		st.ByKind[e.Kind]++
	}
	for _, rel := range r.g.Relations {
		st.ByType[rel.Type]++
		if rel.Type != kg.Mentions {
			degree[rel.From]++
			degree[rel.To]++
		}
	}
	st.Entities, st.Relations = len(r.g.Entities), len(r.g.Relations)
	for id, d := range degree {
		st.MostConnected = append(st.MostConnected, kg.EntityDegree{EntityID: id, Degree: d})
	}
	slices.SortFunc(st.MostConnected, func(a, b kg.EntityDegree) int {
		return cmp.Or(cmp.Compare(b.Degree, a.Degree), strings.Compare(a.EntityID, b.EntityID))
	})
	if len(st.MostConnected) > top {
		st.MostConnected = st.MostConnected[:top]
	}
	return st, nil
}
