// Package export writes a subgraph of kgql (entities as nodes, relations
// as edges, each with its attributes) in the formats that drawing and
// analysis tools read: Cytoscape.js elements JSON, graphology's
// serialized JSON, GraphML, GEXF 1.3 (relations' valid time as spells)
// and CSV (a zip of nodes.csv and edges.csv). The subgraph comes from the
// answer to any GraphQL query (Instrument and Collect): every entity and
// relation it holds, anywhere.
package export

import (
	"io"
	"maps"
	"slices"
)

// Graph is a subgraph to export: nodes and edges by id.
type Graph struct {
	Nodes []*Node
	Edges []*Edge
}

// Node is an entity: its id and the values of NodeAttrs it has.
type Node struct {
	ID     string
	Values map[string]any // string, or int for an Int attribute; absent: none
}

// Edge is a relation: its id, ends, the values of EdgeAttrs it has and
// its valid time.
type Edge struct {
	ID, Source, Target string
	Values             map[string]any
	Valid              Spell
}

// Spell is a relation's valid time as days (YYYY-MM-DD): from the first
// day of validFrom to the last day of validTo; an empty end is open.
type Spell struct{ Start, End string }

// Attr is an attribute of the exported nodes or edges, read from the
// GraphQL field of the same name (from Sub of its value when the field is
// an object; lists are joined with "; "), on the type On when only one
// type has it.
type Attr struct {
	Name string
	Int  bool
	Sub  string
	On   string
}

// NodeAttrs are the attributes of every exported entity, in the order of
// the formats' columns.
var NodeAttrs = []Attr{
	{Name: "kind"}, {Name: "name"}, {Name: "aliases"}, {Name: "description"},
	{Name: "title", On: "Person"},
	{Name: "status", On: "Event"}, {Name: "startDate", Sub: "value", On: "Event"}, {Name: "endDate", Sub: "value", On: "Event"},
	{Name: "publishedAt", Sub: "value", On: "Document"}, {Name: "url", On: "Document"},
}

// EdgeAttrs are the attributes of every exported relation.
var EdgeAttrs = []Attr{
	{Name: "type"}, {Name: "status"}, {Name: "role"},
	{Name: "validFrom", Sub: "value"}, {Name: "validTo", Sub: "value"}, {Name: "pointInTime", Sub: "value"},
	{Name: "amount", Sub: "text"}, {Name: "rank", Int: true}, {Name: "previousRank", Int: true},
	{Name: "count", Sub: "text"}, {Name: "counterpart", Sub: "id"}, {Name: "note"},
}

// Format is a file format of exports.
type Format struct {
	Name        string // as the export endpoint's format parameter names it
	Ext         string // the file name's extension
	ContentType string
	Write       func(w io.Writer, g *Graph) error
}

// Formats are the export formats by name.
var Formats = map[string]Format{
	"cytoscape":  {"cytoscape", "cyjs", "application/json", WriteCytoscape},
	"graphology": {"graphology", "graphology.json", "application/json", WriteGraphology},
	"graphml":    {"graphml", "graphml", "application/graphml+xml; charset=utf-8", WriteGraphML},
	"gexf":       {"gexf", "gexf", "application/gexf+xml; charset=utf-8", WriteGEXF},
	"csv":        {"csv", "csv.zip", "application/zip", WriteCSV},
}

// FormatNames lists the formats' names, sorted.
func FormatNames() []string { return slices.Sorted(maps.Keys(Formats)) }
