package memstore

import (
	"cmp"
	"reflect"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// graph is the store's memory: entities by number, relations by number,
// and the indexes every read uses. Entity and relation numbers never
// change, so the indexes hold numbers, not pointers or strings.
//
// Only the writer (holding Store.wmu) changes a graph, and only while it
// holds Store.mu for writing; readers hold Store.mu for reading.
type graph struct {
	strs     strtab
	dates    datetab
	quals    []quals // 0 is none
	qualsNum map[quals]uint32
	evs      []evidence // the statements of every relation: see relation.ev

	ents   []*kg.Entity // normalized, never changed in place: an update replaces it
	ids    []string     // ents[n].ID, dense: traversals read millions of them
	entIdx map[string]int32
	lower  []string // lower-case name and aliases, joined by "\x00": FindEntities' nameContains
	byName []int32  // entity numbers by name, then id
	byID   []int32  // entity numbers by id
	rank   []int32  // per entity, its place in byID: id order as integers
	kinds  map[kg.Kind]int

	rels     []relation
	adj      [][]int32 // per entity: the relations that touch it, by relation id
	nFacts   []int32   // per entity: how many of them are facts (not MENTIONS)
	relsByID []int32   // every relation, by id
	types    [16]int   // relations per type, by index in kg.RelationTypes

	terms termIndex // name and alias terms → entities
	descs wordIndex // description words → entities
	names nameKeys  // kg.NameKey of names and aliases → entities
	said  textIndex // words of fact relations' excerpts and notes → relations

	docKeys map[string]int32 // kg.DocumentKey of a document's text → the document
	// redirects are the merged entities' ids, each to the entity it was
	// merged into (curation.redirects, the same map).
	redirects map[string]string
	gone      int // entities unlinked (unlinkEntity): their numbers stay taken
}

func newGraph() *graph {
	return &graph{
		strs:     newStrtab(),
		dates:    newDatetab(),
		quals:    []quals{{}},
		qualsNum: map[quals]uint32{{}: 0},
		entIdx:   map[string]int32{},
		kinds:    map[kg.Kind]int{},
		terms:    newTermIndex(),
		descs:    newWordIndex(),
		names:    newNameKeys(),
		said:     newTextIndex(),
		docKeys:  map[string]int32{},
	}
}

// entityNum returns the number of the entity an id names: its own, or
// for a merged id the entity it was merged into (following later merges).
func (g *graph) entityNum(id string) (int32, bool) {
	if n, ok := g.entIdx[id]; ok {
		return n, true
	}
	for hops := 0; hops <= len(g.redirects); hops++ {
		to, ok := g.redirects[id]
		if !ok {
			return 0, false
		}
		if n, ok := g.entIdx[to]; ok {
			return n, true
		}
		id = to
	}
	return 0, false
}

// lowerNames is what nameContains searches: the name and the aliases in
// lower case.
func lowerNames(e *kg.Entity) string {
	parts := make([]string, 0, 1+len(e.Aliases))
	for _, s := range append([]string{e.Name}, e.Aliases...) {
		parts = append(parts, strings.ToLower(s))
	}
	return strings.Join(parts, "\x00")
}

func (g *graph) compareByName(a, b int32) int {
	ea, eb := g.ents[a], g.ents[b]
	if c := strings.Compare(ea.Name, eb.Name); c != 0 {
		return c
	}
	return strings.Compare(ea.ID, eb.ID)
}

func (g *graph) compareByID(a, b int32) int { return strings.Compare(g.ents[a].ID, g.ents[b].ID) }

func (g *graph) compareRels(a, b int32) int { return strings.Compare(g.rels[a].id, g.rels[b].id) }

// putEntities writes normalized entities into memory: new ones get the
// next numbers, known ones are replaced.
func (g *graph) putEntities(ents []*kg.Entity) {
	var added []int32
	replaced := map[int32]bool{}
	renamed := false
	for _, e := range ents {
		for i := range e.Evidence {
			ev := &e.Evidence[i]
			ev.DocumentID, ev.Excerpt, ev.SaidBy = g.strs.canon(ev.DocumentID), g.strs.canon(ev.Excerpt), g.strs.canon(ev.SaidBy)
		}
		if n, ok := g.entIdx[e.ID]; ok {
			old := g.ents[n]
			g.terms.remove(n, old)
			g.unfileDescription(n, old)
			g.kinds[old.Kind]--
			renamed = renamed || old.Name != e.Name
			g.fileDocument(n, old, e)
			g.ents[n], g.lower[n] = e, lowerNames(e)
			g.kinds[e.Kind]++
			g.terms.add(n, e)
			g.fileDescription(n, e)
			replaced[n] = true
			continue
		}
		n := int32(len(g.ents))
		g.ents = append(g.ents, e)
		g.ids = append(g.ids, e.ID)
		g.entIdx[e.ID] = n
		g.fileDocument(n, nil, e)
		g.lower = append(g.lower, lowerNames(e))
		g.adj = append(g.adj, nil)
		g.nFacts = append(g.nFacts, 0)
		g.kinds[e.Kind]++
		g.terms.add(n, e)
		g.fileDescription(n, e)
		added = append(added, n)
	}
	g.names.update(added, replaced, g.ents)
	if renamed {
		g.byName = append(g.byName, added...)
		slices.SortFunc(g.byName, g.compareByName)
	} else {
		g.byName = mergeSorted(g.byName, added, g.compareByName)
	}
	if len(added) > 0 {
		g.byID = mergeSorted(g.byID, added, g.compareByID)
		g.rank = slices.Grow(g.rank[:0], len(g.ents))[:len(g.ents)] // unlinked entities have none
		for i, n := range g.byID {
			g.rank[n] = int32(i)
		}
	}
	g.terms.finish()
	g.descs.finish()
}

func (g *graph) fileDescription(n int32, e *kg.Entity) {
	for _, w := range kg.SearchTerms(e.Description) {
		g.descs.add(w, n)
	}
}

func (g *graph) unfileDescription(n int32, e *kg.Entity) {
	for _, w := range kg.SearchTerms(e.Description) {
		g.descs.remove(w, n)
	}
}

// putRelations writes normalized relations, whose ends are in memory,
// into memory. A known id keeps its number and its ends (the id names
// them, and its type).
func (g *graph) putRelations(rels []*kg.Relation) {
	var added []int32
	touched := map[int32][]int32{}
	statements := 0
	for _, r := range rels {
		statements += len(r.Evidence)
	}
	g.rels, g.evs = grow(g.rels, len(rels)), grow(g.evs, statements)
	mentions := typeIndex[kg.Mentions]
	for _, r := range rels {
		rec := g.compact(r)
		if n, ok := g.findRelation(r.ID); ok {
			if rec.typ != mentions {
				g.said.unfile(n, g.texts(&g.rels[n]))
				g.said.file(n, g.texts(&rec), &g.strs)
			}
			g.rels[n] = rec
			continue
		}
		n := int32(len(g.rels))
		g.rels = append(g.rels, rec)
		g.types[rec.typ]++
		if rec.typ != mentions {
			g.nFacts[rec.from]++
			g.nFacts[rec.to]++
			g.said.file(n, g.texts(&rec), &g.strs)
		}
		touched[rec.from] = append(touched[rec.from], n)
		touched[rec.to] = append(touched[rec.to], n)
		added = append(added, n)
	}
	for e, list := range touched {
		g.adj[e] = mergeSorted(g.adj[e], list, g.compareRels)
	}
	g.relsByID = mergeSorted(g.relsByID, added, g.compareRels)
	g.said.words.finish()
}

// grow makes room for n more items, growing a large slice by a quarter
// rather than doubling it: relations and their statements are most of
// the memory. (An updated relation's old statements stay in graph.evs
// until the store is next opened.)
func grow[T any](s []T, n int) []T {
	if len(s)+n <= cap(s) {
		return s
	}
	out := make([]T, len(s), max(len(s)+n, cap(s)+cap(s)/4))
	copy(out, s)
	return out
}

// mergeSorted returns the sorted list with the items added, in a new
// slice of exactly the right size (adjacency lists are most of the
// memory: no slack).
func mergeSorted(list, items []int32, compare func(a, b int32) int) []int32 {
	if len(items) == 0 {
		return list
	}
	slices.SortFunc(items, compare)
	out := make([]int32, 0, len(list)+len(items))
	i, j := 0, 0
	for i < len(list) && j < len(items) {
		if compare(list[i], items[j]) <= 0 {
			out = append(out, list[i])
			i++
		} else {
			out = append(out, items[j])
			j++
		}
	}
	out = append(out, list[i:]...)
	return append(out, items[j:]...)
}

// findRelation finds a relation by id in the adjacency of its From end,
// which its id names.
func (g *graph) findRelation(id string) (int32, bool) {
	from, _, _, ok := kg.ParseRelationID(id)
	if !ok {
		return 0, false
	}
	e, ok := g.entIdx[from]
	if !ok {
		return 0, false
	}
	list := g.adj[e]
	i, found := slices.BinarySearchFunc(list, id, func(n int32, id string) int { return cmp.Compare(g.rels[n].id, id) })
	if !found {
		return 0, false
	}
	return list[i], true
}

func equalEntities(a, b *kg.Entity) bool { return reflect.DeepEqual(a, b) }

func equalRelations(a, b *kg.Relation) bool { return reflect.DeepEqual(a, b) }
