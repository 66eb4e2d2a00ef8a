package memstore

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// FindEntities implements kg.Store: the entities of the kinds whose name
// or an alias contains the text, in name-then-id or id order, after the
// cursor's key.
func (s *Store) FindEntities(ctx context.Context, f kg.EntityFilter) (*kg.EntityPage, error) {
	if err := kg.CheckKinds(f.Kinds); err != nil {
		return nil, err
	}
	if err := kg.CheckCount("first", f.First); err != nil {
		return nil, err
	}
	byID := f.OrderBy == kg.OrderByID
	keyParts := 2
	if byID {
		keyParts = 1
	}
	var key []string
	if f.After != "" {
		var err error
		if key, err = kg.DecodeCursor(f.After, keyParts); err != nil {
			return nil, err
		}
	}
	q := strings.ToLower(f.NameContains)
	var page *kg.EntityPage
	err := s.read(ctx, func(g *graph) error {
		var kinds map[kg.Kind]bool
		if len(f.Kinds) > 0 {
			kinds = map[kg.Kind]bool{}
			for _, k := range f.Kinds {
				kinds[k] = true
			}
		}
		match := func(n int32) bool {
			return (kinds == nil || kinds[g.ents[n].Kind]) && (q == "" || containsName(g.lower[n], q))
		}
		order, start := g.byName, 0
		if byID {
			order = g.byID
		}
		if key != nil {
			start, _ = slices.BinarySearchFunc(order, key, func(n int32, key []string) int {
				e := g.ents[n]
				if byID {
					return cmp.Or(cmp.Compare(e.ID, key[0]), -1)
				}
				return cmp.Or(cmp.Compare(e.Name, key[0]), cmp.Compare(e.ID, key[1]), -1)
			})
		}
		var rows []int32
		for _, n := range order[start:] {
			if len(rows) > f.First {
				break
			}
			if match(n) {
				rows = append(rows, n)
			}
		}
		total := 0
		switch {
		case q != "":
			for n := range g.ents {
				if match(int32(n)) {
					total++
				}
			}
		case kinds != nil:
			for k := range kinds {
				total += g.kinds[k]
			}
		default:
			total = len(g.ents)
		}
		page = &kg.EntityPage{TotalCount: total, HasNextPage: len(rows) > f.First}
		if page.HasNextPage {
			rows = rows[:f.First]
		}
		for _, n := range rows {
			e := cloneEntity(g.ents[n])
			cursor := kg.EncodeCursor(e.Name, e.ID)
			if byID {
				cursor = kg.EncodeCursor(e.ID)
			}
			page.Edges = append(page.Edges, kg.EntityEdge{Entity: e, Cursor: cursor})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return page, nil
}

// containsName reports whether the lower-case name or an alias (joined by
// "\x00" in lower) contains q.
func containsName(lower, q string) bool {
	if !strings.Contains(q, "\x00") {
		return strings.Contains(lower, q)
	}
	for _, name := range strings.Split(lower, "\x00") {
		if strings.Contains(name, q) {
			return true
		}
	}
	return false
}

// SearchCandidates implements kg.Store: every entity whose name or alias
// has a term kg.Score accepts for a term of the text (an exact term, a
// term it starts, a term within kg.MaxEdits edits), and no other.
//
// When there are more than limit, it keeps the best by kg.Score (then
// name, then id): the ones Search would rank first. neo4jstore keeps the
// best by Lucene's score instead, so on a large graph, for a text that
// many entities match (a short prefix), the two stores may pass Search
// different candidates; up to limit candidates they pass the same ones
// (Lucene's fuzzy queries stop at 50 terms, so neo4jstore can also miss
// typo matches where very many terms are within reach).
func (s *Store) SearchCandidates(ctx context.Context, text string, kinds []kg.Kind, limit int) ([]*kg.Entity, error) {
	if err := kg.CheckKinds(kinds); err != nil {
		return nil, err
	}
	if err := kg.CheckCount("limit", limit); err != nil {
		return nil, err
	}
	query := kg.SearchTerms(text)
	if len(query) == 0 {
		return nil, nil
	}
	var out []*kg.Entity
	err := s.read(ctx, func(g *graph) error {
		found := map[int32]bool{}
		for _, q := range query {
			g.terms.match(q, func(t int32) {
				for _, n := range g.terms.post[t] {
					found[n] = true
				}
			})
		}
		type hit struct {
			n     int32
			score float64
		}
		hits := make([]hit, 0, len(found))
		for n := range found {
			e := g.ents[n]
			if len(kinds) > 0 && !slices.Contains(kinds, e.Kind) {
				continue
			}
			best := kg.Score(query, e.Name)
			for _, a := range e.Aliases {
				best = max(best, kg.Score(query, a))
			}
			hits = append(hits, hit{n, best})
		}
		slices.SortFunc(hits, func(a, b hit) int {
			return cmp.Or(cmp.Compare(b.score, a.score), g.compareByName(a.n, b.n))
		})
		out = make([]*kg.Entity, min(len(hits), limit))
		for i := range out {
			out[i] = cloneEntity(g.ents[hits[i].n])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Stats implements kg.Store. MostConnected counts every relation but
// MENTIONS (documents would top it), as neo4jstore does.
func (s *Store) Stats(ctx context.Context, top int) (*kg.Stats, error) {
	if err := kg.CheckCount("top", top); err != nil {
		return nil, err
	}
	var st *kg.Stats
	err := s.read(ctx, func(g *graph) error {
		st = &kg.Stats{ByKind: map[kg.Kind]int{}, ByType: map[kg.RelationType]int{}}
		for _, k := range kg.Kinds {
			st.ByKind[k] = g.kinds[k]
			st.Entities += g.kinds[k]
		}
		for i, t := range kg.RelationTypes {
			st.ByType[t] = g.types[i]
			st.Relations += g.types[i]
		}
		if top == 0 {
			return nil
		}
		mentions := typeIndex[kg.Mentions]
		var degrees []kg.EntityDegree
		for n, list := range g.adj {
			d := 0
			for _, ri := range list {
				if g.rels[ri].typ != mentions {
					d++
				}
			}
			if d > 0 {
				degrees = append(degrees, kg.EntityDegree{EntityID: g.ents[n].ID, Degree: d})
			}
		}
		slices.SortFunc(degrees, func(a, b kg.EntityDegree) int {
			return cmp.Or(cmp.Compare(b.Degree, a.Degree), strings.Compare(a.EntityID, b.EntityID))
		})
		if len(degrees) > top {
			degrees = degrees[:top]
		}
		st.MostConnected = degrees
		return nil
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}
