package export

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Collect gathers the entities and relations of an instrumented query's
// answer (its data, decoded from JSON), wherever they stand: every object
// the entity fragment read is a node and every object the relation
// fragment read is an edge, each once, by id. An edge's ends are nodes:
// the relation fragment reads them; an end read nowhere (which the
// fragment prevents) is added with only its id.
func Collect(data any) *Graph {
	c := &collector{nodes: map[string]*Node{}, edges: map[string]*Edge{}}
	c.walk(data)
	for _, e := range c.edges {
		for _, id := range []string{e.Source, e.Target} {
			if c.nodes[id] == nil {
				c.nodes[id] = &Node{ID: id, Values: map[string]any{}}
			}
		}
	}
	g := &Graph{}
	for _, n := range c.nodes {
		g.Nodes = append(g.Nodes, n)
	}
	for _, e := range c.edges {
		g.Edges = append(g.Edges, e)
	}
	slices.SortFunc(g.Nodes, func(a, b *Node) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(g.Edges, func(a, b *Edge) int { return cmp.Compare(a.ID, b.ID) })
	return g
}

type collector struct {
	nodes map[string]*Node
	edges map[string]*Edge
}

func (c *collector) walk(v any) {
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			c.walk(x)
		}
	case map[string]any:
		if typename, ok := v[typenameAlias].(string); ok {
			id, _ := v[alias("id")].(string)
			switch {
			case id == "":
			case typename == "Relation":
				if c.edges[id] == nil {
					c.edges[id] = edgeOf(id, v)
				}
			case c.nodes[id] == nil:
				c.nodes[id] = &Node{ID: id, Values: values(NodeAttrs, v)}
			}
		}
		for _, x := range v {
			c.walk(x)
		}
	}
}

func edgeOf(id string, v map[string]any) *Edge {
	e := &Edge{ID: id, Values: values(EdgeAttrs, v)}
	e.Source, _ = v[alias("source")].(string)
	e.Target, _ = v[alias("target")].(string)
	if s, ok := v[alias("spellStart")].(map[string]any); ok {
		e.Valid.Start, _ = s["first"].(string)
	}
	if s, ok := v[alias("spellEnd")].(map[string]any); ok {
		e.Valid.End, _ = s["last"].(string)
	}
	return e
}

// values reads the attributes of an object; null and absent values are
// left out.
func values(attrs []Attr, v map[string]any) map[string]any {
	out := map[string]any{}
	for _, a := range attrs {
		x := v[alias(a.Name)]
		if m, ok := x.(map[string]any); ok && a.Sub != "" {
			x = m[a.Sub]
		}
		switch x := x.(type) {
		case string:
			out[a.Name] = x
		case float64:
			if a.Int {
				out[a.Name] = int(x)
			} else {
				out[a.Name] = fmt.Sprint(x)
			}
		case []any:
			parts := make([]string, len(x))
			for i, p := range x {
				parts[i] = fmt.Sprint(p)
			}
			if len(parts) > 0 {
				out[a.Name] = strings.Join(parts, "; ")
			}
		}
	}
	return out
}
