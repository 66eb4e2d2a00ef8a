package memstore

import (
	"context"

	"github.com/kgql/kgql/internal/kg"
)

// EntitiesByID implements kg.Store.
func (s *Store) EntitiesByID(ctx context.Context, ids []string) ([]*kg.Entity, error) {
	out := make([]*kg.Entity, len(ids))
	err := s.read(ctx, func(g *graph) error {
		for i, id := range ids {
			if n, ok := g.entIdx[id]; ok {
				out[i] = cloneEntity(g.ents[n])
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RelationsByID implements kg.Store.
func (s *Store) RelationsByID(ctx context.Context, ids []string) ([]*kg.Relation, error) {
	out := make([]*kg.Relation, len(ids))
	err := s.read(ctx, func(g *graph) error {
		for i, id := range ids {
			if n, ok := g.findRelation(id); ok {
				out[i] = g.relation(n)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Expand implements kg.Store.
func (s *Store) Expand(ctx context.Context, ids []string, f kg.StepFilter) ([][]kg.Step, error) {
	if err := kg.CheckTypes(f.Types); err != nil {
		return nil, err
	}
	out := make([][]kg.Step, len(ids))
	err := s.read(ctx, func(g *graph) error {
		m := g.matcher(f, "")
		// One array for every id's steps: frontiers of traversals hold
		// thousands of ids, hubs among them.
		size := 0
		for _, id := range ids {
			if e, ok := g.entIdx[id]; ok {
				size += len(g.adj[e])
			}
		}
		all := make([]kg.Step, 0, size)
		for i, id := range ids {
			e, ok := g.entIdx[id]
			if !ok {
				continue
			}
			start := len(all)
			for _, ri := range g.adj[e] {
				if !m.match(ri, e) {
					continue
				}
				r := &g.rels[ri]
				st := kg.Step{RelationID: r.id, Type: kg.RelationTypes[r.typ], Direction: kg.In, Other: g.ids[r.from]}
				if r.from == e {
					st.Direction, st.Other = kg.Out, g.ids[r.to]
				}
				all = append(all, st)
			}
			if len(all) > start {
				out[i] = all[start:len(all):len(all)]
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// matcher tests relations against a filter, as the WHERE clauses of
// neo4jstore do.
type matcher struct {
	g        *graph
	dir      kg.Direction // OUT, IN; anything else is both
	types    uint32       // bit per type index; 0 is every type
	w        kg.Window
	timed    bool
	byDoc    bool
	doc      uint32
	docKnown bool // a document no evidence names matches nothing
}

func (g *graph) matcher(f kg.StepFilter, doc string) *matcher {
	m := &matcher{g: g, dir: f.Direction, w: f.Window, timed: f.Window.Since != "" || f.Window.Until != ""}
	for _, t := range f.Types {
		m.types |= 1 << typeIndex[t]
	}
	if doc != "" {
		m.byDoc = true
		m.doc, m.docKnown = g.strs.lookup(doc)
	}
	return m
}

// trivial reports whether every relation of an entity's adjacency matches.
func (m *matcher) trivial() bool {
	return m.dir != kg.Out && m.dir != kg.In && m.types == 0 && !m.timed && !m.byDoc
}

// match reports whether relation ri, seen from entity e, passes the
// filter; e < 0 ignores the direction.
func (m *matcher) match(ri, e int32) bool {
	r := &m.g.rels[ri]
	switch {
	case e < 0:
	case m.dir == kg.Out && r.from != e, m.dir == kg.In && r.to != e:
		return false
	}
	if m.types != 0 && m.types&(1<<r.typ) == 0 {
		return false
	}
	if m.timed {
		if first, last := m.g.window(r); !m.w.Admits(first, last) {
			return false
		}
	}
	if m.byDoc {
		if !m.docKnown {
			return false
		}
		for _, ev := range m.g.statements(r) {
			if ev.doc == m.doc {
				return true
			}
		}
		return false
	}
	return true
}
