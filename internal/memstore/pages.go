package memstore

import (
	"cmp"
	"context"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// afterKey decodes a relation cursor: the id of the last relation seen.
func afterKey(after string) (key string, ok bool, err error) {
	if after == "" {
		return "", false, nil
	}
	parts, err := kg.DecodeCursor(after, 1)
	if err != nil {
		return "", false, err
	}
	return parts[0], true, nil
}

// RelationsOf implements kg.Store: for each entity, its relations that
// match, by relation id, after the cursor, and how many match in all.
func (s *Store) RelationsOf(ctx context.Context, ids []string, f kg.RelationFilter) ([]*kg.RelationPage, error) {
	if err := kg.CheckTypes(f.Types); err != nil {
		return nil, err
	}
	if err := kg.CheckCount("first", f.First); err != nil {
		return nil, err
	}
	after, hasAfter, err := afterKey(f.After)
	if err != nil {
		return nil, err
	}
	pages := make([]*kg.RelationPage, len(ids))
	err = s.read(ctx, func(g *graph) error {
		m := g.matcher(f.StepFilter, f.Document)
		for i, id := range ids {
			e, ok := g.entIdx[id]
			if !ok {
				pages[i] = &kg.RelationPage{}
				continue
			}
			list := g.adj[e]
			start := 0
			if hasAfter {
				start = g.searchAfter(list, after)
			}
			var rels []int32
			total := 0
			if m.trivial() {
				total = len(list)
				rels = list[start:min(len(list), start+f.First+1)]
			} else {
				for j, ri := range list {
					if !m.match(ri, e) {
						continue
					}
					total++
					if j >= start && len(rels) <= f.First {
						rels = append(rels, ri)
					}
				}
			}
			pages[i] = g.relationPage(id, rels, f.First, total)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return pages, nil
}

// searchAfter returns the position in a list sorted by relation id of the
// first relation after the id.
func (g *graph) searchAfter(list []int32, after string) int {
	i, found := slices.BinarySearchFunc(list, after, func(n int32, id string) int { return cmp.Compare(g.rels[n].id, id) })
	if found {
		i++
	}
	return i
}

// relationPage turns first+1 relations into a page seen from entity id
// ("" for the From end), as neo4jstore's relationPage does.
func (g *graph) relationPage(id string, rels []int32, first, total int) *kg.RelationPage {
	page := &kg.RelationPage{TotalCount: total, HasNextPage: len(rels) > first}
	if page.HasNextPage {
		rels = rels[:first]
	}
	for _, ri := range rels {
		page.Edges = append(page.Edges, kg.NewRelationEdge(g.relation(ri), id))
	}
	return page
}

// FindRelations implements kg.Store, anchored as neo4jstore's query is:
// on the From end, else the To end, else the entities the document
// mentions (a relation of the document touches one of them), else every
// relation.
func (s *Store) FindRelations(ctx context.Context, f kg.RelationFilter) (*kg.RelationPage, error) {
	if err := kg.CheckTypes(f.Types); err != nil {
		return nil, err
	}
	if err := kg.CheckCount("first", f.First); err != nil {
		return nil, err
	}
	after, hasAfter, err := afterKey(f.After)
	if err != nil {
		return nil, err
	}
	var page *kg.RelationPage
	err = s.read(ctx, func(g *graph) error {
		var rels []int32
		total := 0
		collect := func(ri int32, pos int, start int) {
			total++
			if pos >= start && len(rels) <= f.First {
				rels = append(rels, ri)
			}
		}
		scan := func(list []int32, m *matcher, e int32, keep func(r *relation) bool) {
			start := 0
			if hasAfter {
				start = g.searchAfter(list, after)
			}
			for j, ri := range list {
				if m.match(ri, e) && keep(&g.rels[ri]) {
					collect(ri, j, start)
				}
			}
		}
		all := func(*relation) bool { return true }
		out := f.StepFilter
		out.Direction = kg.Out
		switch {
		case f.From != "":
			if e, ok := g.entIdx[f.From]; ok {
				keep := all
				if f.To != "" {
					keep = func(r *relation) bool { return g.ids[r.to] == f.To }
				}
				scan(g.adj[e], g.matcher(out, f.Document), e, keep)
			}
		case f.To != "":
			if e, ok := g.entIdx[f.To]; ok {
				in := f.StepFilter
				in.Direction = kg.In
				scan(g.adj[e], g.matcher(in, f.Document), e, all)
			}
		case f.Document != "":
			both := f.StepFilter
			both.Direction = kg.Both
			list := g.documentRelations(f.Document, g.matcher(both, f.Document))
			scan(list, g.matcher(kg.StepFilter{}, ""), -1, all)
		default:
			every := f.StepFilter
			every.Direction = kg.Both // each relation once: direction is moot
			m := g.matcher(every, f.Document)
			if m.trivial() || m.types != 0 && !m.timed && !m.byDoc {
				rels, total = g.allRelations(m, after, hasAfter, f.First)
			} else {
				scan(g.relsByID, m, -1, all)
			}
		}
		page = g.relationPage("", rels, f.First, total)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return page, nil
}

// documentRelations returns, by id, the relations that match and touch an
// entity the document mentions: neo4jstore's
// MATCH (:Document {id: $doc})-[:MENTIONS]->(a) MATCH (a)-[r]-(b).
func (g *graph) documentRelations(doc string, m *matcher) []int32 {
	d, ok := g.entIdx[doc]
	if !ok || g.ents[d].Kind != kg.KindDocument {
		return nil
	}
	mentions := typeIndex[kg.Mentions]
	var out []int32
	for _, mi := range g.adj[d] {
		if r := &g.rels[mi]; r.from == d && r.typ == mentions {
			for _, ri := range g.adj[r.to] {
				if m.match(ri, r.to) {
					out = append(out, ri)
				}
			}
		}
	}
	slices.SortFunc(out, g.compareRels)
	return slices.Compact(out)
}

// allRelations pages through every relation when only types filter them:
// the total comes from the counts by type, and the page from a walk that
// stops when it is full.
func (g *graph) allRelations(m *matcher, after string, hasAfter bool, first int) ([]int32, int) {
	total := len(g.relsByID)
	if m.types != 0 {
		total = 0
		for i, n := range g.types {
			if m.types&(1<<i) != 0 {
				total += n
			}
		}
	}
	start := 0
	if hasAfter {
		start = g.searchAfter(g.relsByID, after)
	}
	var rels []int32
	for _, ri := range g.relsByID[start:] {
		if len(rels) > first {
			break
		}
		if m.match(ri, -1) {
			rels = append(rels, ri)
		}
	}
	return rels, total
}
