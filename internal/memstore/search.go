package memstore

import (
	"cmp"
	"container/heap"
	"context"
	"maps"
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
	err := s.read(ctx, func(rd *reader) error {
		g := rd.g
		var cands []kg.SearchCandidate
		for _, n := range g.entityCandidates(query, q.Kinds) {
			e := g.ents[n]
			cands = append(cands, kg.SearchCandidate{EntityID: e.ID, Name: e.Name, Aliases: e.Aliases, Description: e.Description})
		}
		if q.Relations {
			for _, ri := range g.relationCandidates(query, q.Kinds) {
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
				hit.Entity, err = rd.entityView(g.entIdx[c.EntityID], q.Entity)
			} else {
				ri, _ := g.findRelation(c.RelationID)
				hit.Relation, err = rd.relationView(ri, q.Relation)
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

// postings are the numbers a query term reaches through one word, and
// how well that word matches it.
type postings struct {
	list    []int32
	quality float32
	desc    bool // the word is a description's (else a name's)
}

// byReach orders the query terms by how many numbers they reach, fewest
// first. Something first reached by the k-th of n terms matches at most
// n-k of them, which bounds its score: past the terms that can still
// lift something to kg.MinScore, only what is already found is credited,
// so a common term of a long query costs no more than a rare one.
func byReach(reach [][]postings) []int {
	size := make([]int, len(reach))
	for i, ps := range reach {
		for _, p := range ps {
			size[i] += len(p.list)
		}
	}
	order := make([]int, len(reach))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(size[a], size[b]) })
	return order
}

// mayEnter reports whether something first reached by the k-th of n
// terms (from 0) can score kg.MinScore when a match weighs at most weight.
func mayEnter(k, n int, weight float64) bool {
	return k == 0 || weight*float64(n-k)/float64(n) >= kg.MinScore
}

// Weights of the mean match of the query terms in kg's scores: kg.Score
// scales a name's by 0.9 at most, unless every term is the name's
// (TestSearchRanksEveryCandidate holds this to kg.Score); kg.TextScore
// weighs what was said by its score of a text's own word.
var (
	nameWeight = 0.9
	textWeight = kg.TextScore([]string{"word"}, "word")
)

// entityCandidates are the entities of the kinds with a name or alias
// term that kg.Score accepts for a query term, or a description word that
// is one or that one begins (terms of 3 or more letters), as kg.TextScore
// reads descriptions: the best kg.SearchCandidates of them, by
// kg.RankSearch's order.
//
// Most entities a typo reaches cannot score: the indexes say how well
// each query term matches each entity at best, which bounds its score
// (kg.Score of a name is 1 only when every term is the name's, else at
// most nameWeight times the mean match; kg.TextScore is textWeight times
// it). Entities whose bound is under kg.MinScore are dropped, and when
// more than kg.SearchCandidates remain, exact scores are computed in the
// order of the bounds until no bound can beat the last one kept.
func (g *graph) entityCandidates(query []string, kinds []kg.Kind) []int32 {
	reach := make([][]postings, len(query))
	for i, q := range query {
		g.terms.match(q, func(t int32, quality float32) {
			reach[i] = append(reach[i], postings{g.terms.post[t], quality, false})
		})
		reach[i] = append(reach[i], postings{g.descs.exact(q), 1, true})
		if len([]rune(q)) >= 3 {
			g.descs.prefixed(q, func(w int32) {
				if g.descs.words[w] != q {
					reach[i] = append(reach[i], postings{g.descs.post[w], 0.8, true})
				}
			})
		}
	}
	type match struct {
		name, desc     float32 // sums over the query terms of their best match
		exact          int     // query terms the names hold
		term           int     // the query term being summed
		nameBy, descBy float32 // its best match so far
	}
	place := map[int32]int{} // entity → its match
	var found []match
	var order []int32
	for k, i := range byReach(reach) {
		enter := mayEnter(k, len(query), max(nameWeight, textWeight))
		for _, p := range reach[i] {
			for _, n := range p.list {
				j, ok := place[n]
				if !ok {
					if !enter || len(kinds) > 0 && !slices.Contains(kinds, g.ents[n].Kind) {
						continue
					}
					j = len(found)
					place[n] = j
					found = append(found, match{term: -1})
					order = append(order, n)
				}
				m := &found[j]
				if m.term != i {
					m.term, m.nameBy, m.descBy = i, 0, 0
				}
				sum, by := &m.name, &m.nameBy
				if p.desc {
					sum, by = &m.desc, &m.descBy
				}
				if p.quality > *by {
					*sum += p.quality - *by
					if !p.desc && p.quality == 1 {
						m.exact++
					}
					*by = p.quality
				}
			}
		}
	}
	type bounded struct {
		n     int32
		bound float64
	}
	var cands []bounded
	terms := float64(len(query))
	for j, n := range order {
		m := &found[j]
		bound := nameWeight * float64(m.name) / terms
		if m.exact == len(query) {
			bound = 1
		}
		// The scores are rounded to 4 places: a bound a little above.
		bound = max(bound, textWeight*float64(m.desc)/terms) + 0.0001
		if bound >= kg.MinScore {
			cands = append(cands, bounded{n, bound})
		}
	}
	if len(cands) <= kg.SearchCandidates {
		out := make([]int32, len(cands))
		for i, c := range cands {
			out[i] = c.n
		}
		return out
	}
	slices.SortFunc(cands, func(a, b bounded) int { return cmp.Compare(b.bound, a.bound) })
	type scored struct {
		n     int32
		score float64
	}
	better := func(a, b scored) int { return cmp.Or(cmp.Compare(b.score, a.score), g.compareByName(a.n, b.n)) }
	var best []scored // the best so far, sorted, at most SearchCandidates
	for _, c := range cands {
		if len(best) == kg.SearchCandidates && c.bound < best[len(best)-1].score {
			break
		}
		e := g.ents[c.n]
		s := scored{c.n, max(kg.Score(query, e.Name), kg.TextScore(query, e.Description))}
		for _, a := range e.Aliases {
			s.score = max(s.score, kg.Score(query, a))
		}
		if i, _ := slices.BinarySearchFunc(best, s, better); i < kg.SearchCandidates {
			best = slices.Insert(best, i, s)
			best = best[:min(len(best), kg.SearchCandidates)]
		}
	}
	out := make([]int32, len(best))
	for i, s := range best {
		out[i] = s.n
	}
	return out
}

// relationCandidates are the fact relations with an excerpt or a note
// that has a query term as a word, or a word that the term begins (terms
// of 3 or more letters): the best kg.SearchCandidates of them by
// kg.RankSearch's order (score, then id).
//
// A relation's score is the best kg.TextScore of its texts, and a text's
// is a sum over the query terms of 1 for a word, 0.8 for a word begun
// (then weighed and rounded): so texts are ranked by that sum, counted
// from the index in fifths, and a representative of each sum gives the
// score, which stops the search below kg.MinScore. With kinds, only the
// relations with an end of one of them are candidates (kg.SearchQuery).
func (g *graph) relationCandidates(query []string, kinds []kg.Kind) []int32 {
	words := &g.said.words
	reach := make([][]postings, len(query))
	for i, q := range query {
		reach[i] = append(reach[i], postings{words.exact(q), 5, false})
		if len([]rune(q)) >= 3 {
			words.prefixed(q, func(w int32) {
				if words.words[w] != q {
					reach[i] = append(reach[i], postings{words.post[w], 4, false})
				}
			})
		}
	}
	type credit struct {
		sum  int32 // in fifths
		term int   // the last query term credited
		got  int32 // what it credited
	}
	texts := map[int32]credit{}
	for k, i := range byReach(reach) {
		enter := mayEnter(k, len(query), textWeight)
		for _, p := range reach[i] {
			fifths := int32(p.quality)
			for _, t := range p.list {
				c, ok := texts[t]
				switch {
				case !ok && !enter:
					continue
				case !ok || c.term != i:
					c.sum, c.term, c.got = c.sum+fifths, i, fifths
				case fifths > c.got:
					c.sum, c.got = c.sum+fifths-c.got, fifths
				}
				texts[t] = c
			}
		}
	}
	bySum := map[int32][]int32{}
	for t, c := range texts {
		bySum[c.sum] = append(bySum[c.sum], t)
	}
	sums := slices.Sorted(maps.Keys(bySum))
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
				if g.endOfKinds(ri, kinds) {
					least.offer(ri)
				}
			}
		}
		taken = append(taken, least.list...)
		if least.full {
			break
		}
	}
	return taken
}

// endOfKinds reports whether relation ri has an end of one of the kinds,
// or there are no kinds.
func (g *graph) endOfKinds(ri int32, kinds []kg.Kind) bool {
	r := &g.rels[ri]
	return len(kinds) == 0 || slices.Contains(kinds, g.ents[r.from].Kind) || slices.Contains(kinds, g.ents[r.to].Kind)
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
