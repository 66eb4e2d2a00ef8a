package export

import (
	"encoding/json"
	"io"
	"maps"
)

// The two JSON formats carry the same attributes as the others, under
// the same names; a missing value is left out.

// WriteCytoscape writes Cytoscape.js elements JSON, the document that
// cy.json() reads and Cytoscape desktop imports as .cyjs: each node's and
// edge's attributes in its data, beside id (and source and target).
func WriteCytoscape(w io.Writer, g *Graph) error {
	type element struct {
		Data map[string]any `json:"data"`
	}
	doc := struct {
		FormatVersion string `json:"format_version"`
		GeneratedBy   string `json:"generated_by"`
		Data          struct {
			Name string `json:"name"`
		} `json:"data"`
		Elements struct {
			Nodes []element `json:"nodes"`
			Edges []element `json:"edges"`
		} `json:"elements"`
	}{FormatVersion: "1.0", GeneratedBy: "kgql"}
	doc.Data.Name = "kgql"
	doc.Elements.Nodes, doc.Elements.Edges = []element{}, []element{}
	for _, n := range g.Nodes {
		data := maps.Clone(n.Values)
		data["id"] = n.ID
		doc.Elements.Nodes = append(doc.Elements.Nodes, element{data})
	}
	for _, e := range g.Edges {
		data := maps.Clone(e.Values)
		data["id"], data["source"], data["target"] = e.ID, e.Source, e.Target
		doc.Elements.Edges = append(doc.Elements.Edges, element{data})
	}
	return writeJSON(w, doc)
}

// WriteGraphology writes graphology's serialized graph (what
// Graph.from and graph.import read): a directed multigraph, since two
// entities may be joined by several relations, with relation ids as edge
// keys.
func WriteGraphology(w io.Writer, g *Graph) error {
	type node struct {
		Key        string         `json:"key"`
		Attributes map[string]any `json:"attributes"`
	}
	type edge struct {
		Key        string         `json:"key"`
		Source     string         `json:"source"`
		Target     string         `json:"target"`
		Attributes map[string]any `json:"attributes"`
	}
	doc := struct {
		Attributes map[string]any `json:"attributes"`
		Options    map[string]any `json:"options"`
		Nodes      []node         `json:"nodes"`
		Edges      []edge         `json:"edges"`
	}{
		Attributes: map[string]any{"name": "kgql"},
		Options:    map[string]any{"type": "directed", "multi": true, "allowSelfLoops": true},
		Nodes:      []node{}, Edges: []edge{},
	}
	for _, n := range g.Nodes {
		doc.Nodes = append(doc.Nodes, node{n.ID, n.Values})
	}
	for _, e := range g.Edges {
		doc.Edges = append(doc.Edges, edge{e.ID, e.Source, e.Target, e.Values})
	}
	return writeJSON(w, doc)
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
