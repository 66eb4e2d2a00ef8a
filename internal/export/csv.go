package export

import (
	"archive/zip"
	"encoding/csv"
	"io"
)

// CSV files: one row per node and per edge, one column per attribute
// (empty for none), as nodes.csv and edges.csv in one zip, so that one
// request gives both halves of the same answer.
const (
	NodesCSV = "nodes.csv"
	EdgesCSV = "edges.csv"
)

// NodeColumns and EdgeColumns are the header rows of the CSV files.
func NodeColumns() []string { return append([]string{"id"}, names(NodeAttrs)...) }

// EdgeColumns: the relation's id and ends, its attributes, and its valid
// time as days (validStart, validEnd: what GEXF's spells hold).
func EdgeColumns() []string {
	return append(append([]string{"id", "source", "target"}, names(EdgeAttrs)...), "validStart", "validEnd")
}

func names(attrs []Attr) []string {
	out := make([]string, len(attrs))
	for i, a := range attrs {
		out[i] = a.Name
	}
	return out
}

// WriteCSV writes a zip of nodes.csv and edges.csv (RFC 4180, UTF-8,
// with a header row).
func WriteCSV(w io.Writer, g *Graph) error {
	z := zip.NewWriter(w)
	row := func(attrs []Attr, values map[string]any, first ...string) []string {
		out := append([]string{}, first...)
		for _, a := range attrs {
			if v, ok := values[a.Name]; ok {
				out = append(out, text(v))
			} else {
				out = append(out, "")
			}
		}
		return out
	}
	var nodes, edges [][]string
	nodes = append(nodes, NodeColumns())
	for _, n := range g.Nodes {
		nodes = append(nodes, row(NodeAttrs, n.Values, n.ID))
	}
	edges = append(edges, EdgeColumns())
	for _, e := range g.Edges {
		edges = append(edges, append(row(EdgeAttrs, e.Values, e.ID, e.Source, e.Target), e.Valid.Start, e.Valid.End))
	}
	for _, file := range []struct {
		name string
		rows [][]string
	}{{NodesCSV, nodes}, {EdgesCSV, edges}} {
		f, err := z.Create(file.name)
		if err != nil {
			return err
		}
		if err := csv.NewWriter(f).WriteAll(file.rows); err != nil {
			return err
		}
	}
	return z.Close()
}
