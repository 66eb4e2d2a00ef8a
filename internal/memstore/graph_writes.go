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
