package memstore

import (
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// unlinkRelation takes a relation out of every index of the graph, so
// that no read finds it (a retraction). Its record stays where it is:
// relation numbers never change.
func (g *graph) unlinkRelation(id string) {
	n, ok := g.findRelation(id)
	if !ok {
		return
	}
	rec := &g.rels[n]
	rec.gone = true
	drop := func(list []int32) []int32 {
		i, found := slices.BinarySearchFunc(list, id, func(m int32, id string) int { return cmpString(g.rels[m].id, id) })
		if !found {
			return list
		}
		return slices.Delete(slices.Clone(list), i, i+1) // readers may hold the old list
	}
	g.adj[rec.from] = drop(g.adj[rec.from])
	g.adj[rec.to] = drop(g.adj[rec.to])
	g.relsByID = drop(g.relsByID)
	g.types[rec.typ]--
	if rec.typ != typeIndex[kg.Mentions] {
		g.nFacts[rec.from]--
		g.nFacts[rec.to]--
		g.said.unfile(n, g.texts(rec))
	}
}

// fileDocument keeps the index of documents by the DocumentKey of their
// text, which ingestDocument looks a text up in.
func (g *graph) fileDocument(n int32, old, e *kg.Entity) {
	if old != nil && old.Kind == kg.KindDocument {
		if k := kg.DocumentKey(old.Text); g.docKeys[k] == n {
			delete(g.docKeys, k)
		}
	}
	if e.Kind == kg.KindDocument && e.Text != "" {
		g.docKeys[kg.DocumentKey(e.Text)] = n
	}
}

// unlinkEntity takes an entity out of every index, so that no read finds
// it (a revert of the write that created it); its relations must be
// gone already. Its number stays taken: numbers never change.
func (g *graph) unlinkEntity(id string) {
	n, ok := g.entIdx[id]
	if !ok {
		return
	}
	e := g.ents[n]
	delete(g.entIdx, id)
	g.fileDocument(n, e, &kg.Entity{})
	g.terms.remove(n, e)
	g.unfileDescription(n, e)
	g.kinds[e.Kind]--
	g.names.drop(n)
	without := func(list []int32) []int32 {
		return slices.DeleteFunc(slices.Clone(list), func(m int32) bool { return m == n })
	}
	g.byName, g.byID = without(g.byName), without(g.byID)
	for i, m := range g.byID {
		g.rank[m] = int32(i)
	}
	g.lower[n] = ""
	g.gone++
}

// live is the number of entities the graph holds.
func (g *graph) live() int { return len(g.ents) - g.gone }

// isLive reports whether entity number n is in the graph (not unlinked).
func (g *graph) isLive(n int32) bool {
	m, ok := g.entIdx[g.ids[n]]
	return ok && m == n
}
