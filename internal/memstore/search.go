package memstore

import (
	"cmp"
	"container/heap"
	"context"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Search implements kg.Store. Candidates come from three indexes (name
// and alias terms, description words, the words of what was said of fact
// relations); when there are more than kg.SearchCandidates of entities or
// of relations, the ones kept are the best by kg.RankSearch's own order,
// so the hits are those of ranking every candidate.
func (s *Store) Search(ctx context.Context, q kg.SearchQuery) ([]kg.SearchHit, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	query := kg.SearchTerms(q.Text)
	var hits []kg.SearchHit
	err := s.read(ctx, func(g *graph) error {
		var cands []kg.SearchCandidate
		for _, n := range g.entityCandidates(query, q.Kinds) {
			e := g.ents[n]
			cands = append(cands, kg.SearchCandidate{EntityID: e.ID, Name: e.Name, Aliases: e.Aliases, Description: e.Description})
		}
		if q.Relations {
			for _, ri := range g.relationCandidates(query) {
				c := kg.SearchCandidate{RelationID: g.rels[ri].id, Note: g.strs.get(g.quals[g.rels[ri].q].note)}
				for _, ev := range g.statements(&g.rels[ri]) {
					c.Excerpts = append(c.Excerpts, g.strs.get(ev.excerpt))
				}
				cands = append(cands, c)
			}
		}
		for _, h := range kg.RankSearch(q.Text, cands, q.First) {
			c := &cands[h.Candidate]
			hit := kg.SearchHit{Score: h.Score, Field: h.Field, Matched: h.Matched}
			var err error
			if c.EntityID != "" {
				hit.Entity, err = g.entityView(g.entIdx[c.EntityID], q.Entity)
			} else {
				ri, _ := g.findRelation(c.RelationID)
				hit.Relation, err = g.relationView(ri, q.Relation)
			}
			if err != nil {
				return err
			}
			hits = append(hits, hit)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return hits, nil
}

// entityCandidates are the entities of the kinds with a name or alias
// term that kg.Score accepts for a query term, or a description word that
// is one or that one begins (terms of 3 or more letters), as kg.TextScore
// reads descriptions: the best kg.SearchCandidates of them.
func (g *graph) entityCandidates(query []string, kinds []kg.Kind) []int32 {
	var found []int32
	add := func(post []int32) {
		for _, n := range post {
			if len(kinds) == 0 || slices.Contains(kinds, g.ents[n].Kind) {
				found = append(found, n)
			}
		}
	}
	for _, q := range query {
		g.terms.match(q, func(t int32) { add(g.terms.post[t]) })
		add(g.descs.exact(q))
		if len([]rune(q)) >= 3 {
			g.descs.prefixed(q, func(w int32) { add(g.descs.post[w]) })
		}
	}
	slices.Sort(found)
	found = slices.Compact(found)
	if len(found) <= kg.SearchCandidates {
		return found
	}
	// RankSearch's score and order of entities, on every candidate.
	type scored struct {
		n     int32
		score float64
	}
	described := map[string]float64{} // descriptions repeat
	all := make([]scored, len(found))
	for i, n := range found {
		e := g.ents[n]
		best := kg.Score(query, e.Name)
		for _, a := range e.Aliases {
			best = max(best, kg.Score(query, a))
		}
		d, ok := described[e.Description]
		if !ok {
			d = kg.TextScore(query, e.Description)
			described[e.Description] = d
		}
		all[i] = scored{n, max(best, d)}
	}
	slices.SortFunc(all, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), g.compareByName(a.n, b.n))
	})
	found = found[:kg.SearchCandidates]
	for i := range found {
		found[i] = all[i].n
	}
	return found
}

// relationCandidates are the fact relations with an excerpt or a note
// that has a query term as a word, or a word that the term begins (terms
// of 3 or more letters): the best kg.SearchCandidates of them by
// kg.RankSearch's order (score, then id).
//
// A relation's score is the best kg.TextScore of its texts, and a text's
// is a sum over the query terms of 1 for a word, 0.8 for a word begun
// (then scaled and rounded): so texts are ranked by that sum, counted
// from the index in fifths, and a representative of each sum gives the
// score, which stops the search below kg.MinScore.
func (g *graph) relationCandidates(query []string) []int32 {
	type credit struct {
		sum  int32 // in fifths
		term int32 // the last query term credited
		got  int32 // what it credited
	}
	texts := map[int32]credit{}
	for i, q := range query {
		give := func(w int32, fifths int32) {
			for _, t := range g.said.words.post[w] {
				c, ok := texts[t]
				switch {
				case !ok || c.term != int32(i):
					c.sum, c.term, c.got = c.sum+fifths, int32(i), fifths
				case fifths > c.got:
					c.sum, c.got = c.sum+fifths-c.got, fifths
				}
				texts[t] = c
			}
		}
		if w, ok := g.said.words.num[q]; ok {
			give(w, 5)
		}
		if len([]rune(q)) >= 3 {
			g.said.words.prefixed(q, func(w int32) {
				if g.said.words.words[w] != q {
					give(w, 4)
				}
			})
		}
	}
	bySum := map[int32][]int32{}
	for t, c := range texts {
		bySum[c.sum] = append(bySum[c.sum], t)
	}
	sums := make([]int32, 0, len(bySum))
	for sum := range bySum {
		sums = append(sums, sum)
	}
	slices.Sort(sums)
	slices.Reverse(sums)
	var taken []int32
	seen := map[int32]bool{}
	for _, sum := range sums {
		level := bySum[sum]
		if kg.TextScore(query, g.strs.get(uint32(level[0]))) < kg.MinScore {
			break
		}
		least := &leastRelations{g: g, max: kg.SearchCandidates - len(taken), seen: seen}
		for _, t := range level {
			for _, ri := range g.said.rels[t] {
				least.offer(ri)
			}
		}
		taken = append(taken, least.list...)
		if least.full {
			break
		}
	}
	return taken
}

// leastRelations keeps the max relations of least id offered to it and
// not seen at a better score, in a heap with the greatest on top; full
// once it has had to turn one away.
type leastRelations struct {
	g    *graph
	max  int
	list []int32
	seen map[int32]bool // kept now or before
	full bool
}

func (h *leastRelations) Len() int           { return len(h.list) }
func (h *leastRelations) Less(i, j int) bool { return h.g.rels[h.list[i]].id > h.g.rels[h.list[j]].id }
func (h *leastRelations) Swap(i, j int)      { h.list[i], h.list[j] = h.list[j], h.list[i] }
func (h *leastRelations) Push(x any)         { h.list = append(h.list, x.(int32)) }
func (h *leastRelations) Pop() any {
	x := h.list[len(h.list)-1]
	h.list = h.list[:len(h.list)-1]
	return x
}

func (h *leastRelations) offer(ri int32) {
	if len(h.list) < h.max {
		if !h.seen[ri] {
			h.seen[ri] = true
			heap.Push(h, ri)
		}
		return
	}
	// A relation turned away before had a greater id than the top then,
	// and the top only decreases: it is turned away again.
	if h.max == 0 || strings.Compare(h.g.rels[ri].id, h.g.rels[h.list[0]].id) >= 0 {
		h.full = h.full || !h.seen[ri]
		return
	}
	if h.seen[ri] {
		return
	}
	h.full = true
	delete(h.seen, h.list[0])
	h.seen[ri] = true
	h.list[0] = ri
	heap.Fix(h, 0)
}
