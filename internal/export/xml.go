package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// text is an attribute's value as text.
func text(v any) string {
	if i, ok := v.(int); ok {
		return strconv.Itoa(i)
	}
	return fmt.Sprint(v)
}

// GraphML ids are XML name tokens (letters, digits, . - _ :), which
// kgql's ids are not (person/hafeez-ur-rehman, a>TYPE>b). GraphMLID
// writes an id as one, reversibly: every character but an ASCII letter,
// a digit, '.' and '-' becomes _xHHHH_ (its code point in hex, as
// XmlConvert.EncodeName writes names); the id itself is also written as
// the data kgqlId.
func GraphMLID(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-':
			b.WriteRune(r)
		case r <= 0xFFFF:
			fmt.Fprintf(&b, "_x%04X_", r)
		default:
			fmt.Fprintf(&b, "_x%08X_", r)
		}
	}
	return b.String()
}

// ParseGraphMLID reverses GraphMLID.
func ParseGraphMLID(s string) (string, error) {
	var b strings.Builder
	for s != "" {
		if s[0] != '_' {
			b.WriteByte(s[0])
			s = s[1:]
			continue
		}
		end := strings.IndexByte(s[1:], '_')
		if end < 0 || len(s) < 2 || s[1] != 'x' {
			return "", fmt.Errorf("bad escape in %q", s)
		}
		r, err := strconv.ParseUint(s[2:end+1], 16, 32)
		if err != nil {
			return "", fmt.Errorf("bad escape in %q: %v", s, err)
		}
		b.WriteRune(rune(r))
		s = s[end+2:]
	}
	return b.String(), nil
}

const graphMLIDKey = "kgqlId"

// graphMLLabelKey is the label that Gephi and networkx show (a node's
// "label", an edge's "label"): the entity's name, the relation's type.
const graphMLLabelKey = "label"

type graphmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

type graphmlKey struct {
	ID   string `xml:"id,attr"`
	For  string `xml:"for,attr"`
	Name string `xml:"attr.name,attr"`
	Type string `xml:"attr.type,attr"`
}

// WriteGraphML writes GraphML (graphdrawing.org's schema, validated
// against its XSD by the tests): a directed graph whose nodes and edges
// carry each attribute as data with a typed key, the kgql id as kgqlId,
// and a label as Gephi and networkx read it (label: a node's name, an
// edge's type).
func WriteGraphML(w io.Writer, g *Graph) error {
	type node struct {
		ID   string        `xml:"id,attr"`
		Data []graphmlData `xml:"data"`
	}
	type edge struct {
		ID     string        `xml:"id,attr"`
		Source string        `xml:"source,attr"`
		Target string        `xml:"target,attr"`
		Data   []graphmlData `xml:"data"`
	}
	doc := struct {
		XMLName  xml.Name     `xml:"graphml"`
		NS       string       `xml:"xmlns,attr"`
		XSI      string       `xml:"xmlns:xsi,attr"`
		Location string       `xml:"xsi:schemaLocation,attr"`
		Keys     []graphmlKey `xml:"key"`
		Graph    struct {
			ID          string `xml:"id,attr"`
			EdgeDefault string `xml:"edgedefault,attr"`
			Nodes       []node `xml:"node"`
			Edges       []edge `xml:"edge"`
		} `xml:"graph"`
	}{
		NS: "http://graphml.graphdrawing.org/xmlns", XSI: "http://www.w3.org/2001/XMLSchema-instance",
		Location: "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
	}
	doc.Graph.ID, doc.Graph.EdgeDefault = "kgql", "directed"
	keys := func(class, prefix string, attrs []Attr) {
		doc.Keys = append(doc.Keys, graphmlKey{ID: prefix + graphMLIDKey, For: class, Name: graphMLIDKey, Type: "string"},
			graphmlKey{ID: prefix + graphMLLabelKey, For: class, Name: graphMLLabelKey, Type: "string"})
		for _, a := range attrs {
			typ := "string"
			if a.Int {
				typ = "int"
			}
			doc.Keys = append(doc.Keys, graphmlKey{ID: prefix + a.Name, For: class, Name: a.Name, Type: typ})
		}
	}
	keys("node", "n_", NodeAttrs)
	keys("edge", "e_", EdgeAttrs)
	data := func(prefix, id, label string, attrs []Attr, values map[string]any) []graphmlData {
		out := []graphmlData{{prefix + graphMLIDKey, id}}
		if v, ok := values[label]; ok {
			out = append(out, graphmlData{prefix + graphMLLabelKey, text(v)})
		}
		for _, a := range attrs {
			if v, ok := values[a.Name]; ok {
				out = append(out, graphmlData{prefix + a.Name, text(v)})
			}
		}
		return out
	}
	for _, n := range g.Nodes {
		doc.Graph.Nodes = append(doc.Graph.Nodes, node{GraphMLID(n.ID), data("n_", n.ID, "name", NodeAttrs, n.Values)})
	}
	for _, e := range g.Edges {
		doc.Graph.Edges = append(doc.Graph.Edges, edge{GraphMLID(e.ID), GraphMLID(e.Source), GraphMLID(e.Target), data("e_", e.ID, "type", EdgeAttrs, e.Values)})
	}
	return writeXML(w, doc)
}

type gexfAttribute struct {
	ID    string `xml:"id,attr"`
	Title string `xml:"title,attr"`
	Type  string `xml:"type,attr"`
}

type gexfValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
}

type gexfSpell struct {
	Start string `xml:"start,attr,omitempty"`
	End   string `xml:"end,attr,omitempty"`
}

// WriteGEXF writes GEXF 1.3 for Gephi: a dynamic directed graph in which
// each relation's valid time is a spell (from the first day of validFrom
// to the last of validTo; an open end is left out, so that the edge
// holds since or until any time, and an edge with both ends open holds
// always), so that Gephi's timeline replays the graph; nodes are labelled
// by name and edges by type, and every attribute is an attvalue.
func WriteGEXF(w io.Writer, g *Graph) error {
	type attributes struct {
		Class string          `xml:"class,attr"`
		Attrs []gexfAttribute `xml:"attribute"`
	}
	type node struct {
		ID     string      `xml:"id,attr"`
		Label  string      `xml:"label,attr,omitempty"`
		Values []gexfValue `xml:"attvalues>attvalue"`
	}
	type spells struct {
		Spells []gexfSpell `xml:"spell"`
	}
	type edge struct {
		ID     string      `xml:"id,attr"`
		Source string      `xml:"source,attr"`
		Target string      `xml:"target,attr"`
		Label  string      `xml:"label,attr,omitempty"`
		Values []gexfValue `xml:"attvalues>attvalue"`
		Spells *spells     `xml:"spells,omitempty"`
	}
	doc := struct {
		XMLName  xml.Name `xml:"gexf"`
		NS       string   `xml:"xmlns,attr"`
		XSI      string   `xml:"xmlns:xsi,attr"`
		Location string   `xml:"xsi:schemaLocation,attr"`
		Version  string   `xml:"version,attr"`
		Creator  string   `xml:"meta>creator"`
		Graph    struct {
			DefaultEdgeType string       `xml:"defaultedgetype,attr"`
			Mode            string       `xml:"mode,attr"`
			TimeFormat      string       `xml:"timeformat,attr"`
			Attributes      []attributes `xml:"attributes"`
			Nodes           []node       `xml:"nodes>node"`
			Edges           []edge       `xml:"edges>edge"`
		} `xml:"graph"`
	}{NS: "http://gexf.net/1.3", XSI: "http://www.w3.org/2001/XMLSchema-instance",
		Location: "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd", Version: "1.3", Creator: "kgql"}
	doc.Graph.DefaultEdgeType, doc.Graph.Mode, doc.Graph.TimeFormat = "directed", "dynamic", "date"
	declare := func(class string, attrs []Attr) attributes {
		out := attributes{Class: class}
		for _, a := range attrs {
			typ := "string"
			if a.Int {
				typ = "integer"
			}
			out.Attrs = append(out.Attrs, gexfAttribute{a.Name, a.Name, typ})
		}
		return out
	}
	doc.Graph.Attributes = []attributes{declare("node", NodeAttrs), declare("edge", EdgeAttrs)}
	values := func(attrs []Attr, vs map[string]any) []gexfValue {
		var out []gexfValue
		for _, a := range attrs {
			if v, ok := vs[a.Name]; ok {
				out = append(out, gexfValue{a.Name, text(v)})
			}
		}
		return out
	}
	for _, n := range g.Nodes {
		label, _ := n.Values["name"].(string)
		doc.Graph.Nodes = append(doc.Graph.Nodes, node{n.ID, label, values(NodeAttrs, n.Values)})
	}
	for _, e := range g.Edges {
		label, _ := e.Values["type"].(string)
		x := edge{ID: e.ID, Source: e.Source, Target: e.Target, Label: label, Values: values(EdgeAttrs, e.Values)}
		if e.Valid != (Spell{}) {
			x.Spells = &spells{[]gexfSpell{{e.Valid.Start, e.Valid.End}}}
		}
		doc.Graph.Edges = append(doc.Graph.Edges, x)
	}
	return writeXML(w, doc)
}

func writeXML(w io.Writer, doc any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
