package memstore

import (
	"context"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// FindRelations implements kg.Store, anchored as neo4jstore's query is:
// on the first of Between, else the From end, else the To end, else the entities the document
// mentions (a relation the document states touches one of them), else
// every relation.
func (s *Store) FindRelations(ctx context.Context, f kg.RelationFilter, count bool, rel *kg.RelationSel, node *kg.EntitySel) (*kg.RelationPage, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if err := f.NoWith("relations"); err != nil {
		return nil, err
	}
	if err := rel.Validate(); err != nil {
		return nil, err
	}
	if err := node.Validate(); err != nil {
		return nil, err
	}
	after, err := relationCursor(f.After)
	if err != nil {
		return nil, err
	}
	before, err := relationCursor(f.Before)
	if err != nil {
		return nil, err
	}
	limit := f.Page.ScanLimit()
	var page *kg.RelationPage
	err = s.read(ctx, func(rd *reader) error {
		g := rd.g
		// The direction is not the filter's: From and To name the ends.
		step := f.StepFilter
		step.Direction = kg.Out
		m := g.matcher(step)
		if f.Document != "" {
			m = m.withDocument(f.Document)
		}
		var rels []int32
		var total int
		var err error
		switch {
		case len(f.Between) == 2:
			a, aKnown := g.entIdx[f.Between[0]]
			if b, bKnown := g.entIdx[f.Between[1]]; aKnown && bKnown {
				m = m.both() // either direction
				rels, total = g.scan(g.adj[a], after, f.First+1, count, func(ri int32) bool {
					return m.match(ri, a) && g.other(ri, a) == b
				})
			}
		case f.From != "":
			if e, ok := g.entIdx[f.From]; ok {
				to, toKnown := g.entIdx[f.To]
				rels, total = g.scan(g.adj[e], after, limit, count, func(ri int32) bool {
					return m.match(ri, e) && (f.To == "" || toKnown && g.other(ri, e) == to)
				})
			}
		case f.To != "":
			if e, ok := g.entIdx[f.To]; ok {
				m = m.reverse() // relations into the To end
				rels, total = g.scan(g.adj[e], after, limit, count, func(ri int32) bool { return m.match(ri, e) })
			}
		case f.Document != "":
			m = m.both()
			rels, total = g.scan(g.documentRelations(f.Document, &m), after, limit, count, func(int32) bool { return true })
		default:
			m = m.both() // each relation once: the direction is moot
			rels, total, err = g.allRelations(ctx, &m, after, limit, count)
		}
		if err != nil {
			return err
		}
		page = &kg.RelationPage{TotalCount: total, Counted: count}
		rels, page.HasPrevious, page.HasNextPage = kg.Cut(f.Page, rels, func(ri int32) bool { return g.rels[ri].id >= before })
		for _, ri := range rels {
			v, err := rd.relationView(ri, rel)
			if err != nil {
				return err
			}
			edge := kg.NewRelationEdge(v, "")
			if node != nil {
				if edge.Node, err = rd.entityView(g.rels[ri].to, node); err != nil {
					return err
				}
			}
			page.Edges = append(page.Edges, edge)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return page, nil
}

// relationCursor decodes a cursor of one key: a relation id ("" for none).
func relationCursor(after string) (string, error) {
	if after == "" {
		return "", nil
	}
	key, err := kg.DecodeCursor(after, 1)
	if err != nil {
		return "", err
	}
	return key[0], nil
}

// scan pages through a list sorted by relation id: at most limit
// relations that keep admits after the cursor, and how many it admits in
// all when count is set.
func (g *graph) scan(list []int32, after string, limit int, count bool, keep func(ri int32) bool) ([]int32, int) {
	start := 0
	if after != "" {
		start = g.searchAfter(list, after)
	}
	var rels []int32
	total := 0
	for j, ri := range list {
		if j < start && !count {
			continue
		}
		if len(rels) == limit && !count {
			break
		}
		if keep(ri) {
			total++
			if j >= start && len(rels) < limit {
				rels = append(rels, ri)
			}
		}
	}
	if !count {
		total = 0
	}
	return rels, total
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

// allRelations pages through every relation. When only types filter
// them, the total comes from the counts by type and the page stops when
// it is full; otherwise every relation is read.
func (g *graph) allRelations(ctx context.Context, m *matcher, after string, limit int, count bool) ([]int32, int, error) {
	start := 0
	if after != "" {
		start = g.searchAfter(g.relsByID, after)
	}
	total, counted := 0, false
	if m.typesOnly() {
		for i, n := range g.types {
			if m.types&(1<<i) != 0 {
				total += n
			}
		}
		counted = true
	}
	var rels []int32
	list := g.relsByID
	if !count || counted {
		list = list[start:]
		start = 0
	}
	for j, ri := range list {
		if j%checkEvery == checkEvery-1 {
			if err := ctxErr(ctx); err != nil {
				return nil, 0, err
			}
		}
		full := len(rels) == limit
		if full && (!count || counted) {
			break
		}
		if m.fact(&g.rels[ri]) {
			if !counted {
				total++
			}
			if j >= start && !full {
				rels = append(rels, ri)
			}
		}
	}
	if !count {
		total = 0
	}
	return rels, total, nil
}
