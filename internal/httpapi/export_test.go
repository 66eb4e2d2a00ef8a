package httpapi_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/export"
	"github.com/kgql/kgql/internal/httpapi"
	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/synth"
)

// The export tests download each subgraph in every format over HTTP and
// check the file with a reader or validator of that format (the
// libraries in Node for the JSON formats and GEXF, networkx for GraphML,
// libxml2 (xmllint-wasm, in Node) against the XSDs for GraphML and GEXF,
// a round trip for CSV), then compare what the reader holds with the GraphQL answer to the same question asked with
// every field spelled out.

// The fields the test asks for, spelled out, in place of ENTITY and
// RELATION in a question's shape.
const (
	entityFields = `id kind name aliases description ... on Person { title }
		... on Event { status startDate { value } endDate { value } } ... on Document { publishedAt { value } url }`
	relationFields = `id type source target status role validFrom { value first } validTo { value last } pointInTime { value }
		amount { text } rank previousRank count { text } counterpart { id } note from { ` + entityFields + ` } to { ` + entityFields + ` }`
)

// exportCases are subgraphs of every kind: a neighbourhood, an expansion
// (whose relations reach known entities outside it), a path result and
// objects by id.
var exportCases = []struct{ name, shape, file string }{
	{"neighbourhood", `{ neighborhood(ids: ["Murat Nurtleu"], hops: 2) { nodes { ENTITY } edges { RELATION } } }`, "kgql-neighborhood"},
	{"expansion", `{ expand(ids: ["Hafeez Ur Rehman"], known: ["org/pta"]) { nodes { entity { ENTITY } } edges { RELATION } } }`, "kgql-expand"},
	{"path", `{ shortestPath(from: "Huawei", to: "Hafeez Ur Rehman") { path { nodes { ENTITY } steps { relations { RELATION } } } } }`, "kgql-shortestPath"},
	{"objects by id", `{ nodes(ids: ["org/pta", "country/pakistan>RANKED_IN>index/global-cybersecurity-index-2024"]) { ... on Entity { ENTITY } ... on Relation { RELATION } } }`, "kgql-nodes"},
}

func shape(s, entity, relation string) string {
	return strings.NewReplacer("ENTITY", entity, "RELATION", relation).Replace(s)
}

// subgraph is what a file holds, comparable across formats: attribute
// values as text, ends as ids.
type subgraph struct {
	Nodes map[string]map[string]string
	Edges map[string]edgeOf
}

type edgeOf struct {
	Source, Target string
	Attrs          map[string]string
	Start, End     string // the valid time as days; "" open
}

func newSubgraph() subgraph {
	return subgraph{Nodes: map[string]map[string]string{}, Edges: map[string]edgeOf{}}
}

// expected collects the entities (objects with a kind) and relations
// (objects with a type and a source) of a GraphQL answer with every
// field spelled out, and the ends of each relation.
func expected(t *testing.T, data any) subgraph {
	g := newSubgraph()
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			switch {
			case v["kind"] != nil:
				g.Nodes[v["id"].(string)] = flatten(v, "id")
			case v["type"] != nil && v["source"] != nil:
				e := edgeOf{Source: v["source"].(string), Target: v["target"].(string), Attrs: flatten(v, "id", "source", "target", "from", "to")}
				if d, ok := v["validFrom"].(map[string]any); ok {
					e.Start = d["first"].(string)
				}
				if d, ok := v["validTo"].(map[string]any); ok {
					e.End = d["last"].(string)
				}
				g.Edges[v["id"].(string)] = e
			}
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(data)
	if len(g.Nodes) == 0 || len(g.Edges) == 0 {
		t.Fatalf("the answer holds %d entities and %d relations: the test proves little", len(g.Nodes), len(g.Edges))
	}
	return g
}

// flatten gives an object's attributes as text: a date by its value, an
// amount or a count by its text, the counterpart by its id, a list
// joined with "; ", and no null.
func flatten(v map[string]any, leave ...string) map[string]string {
	out := map[string]string{}
	for k, x := range v {
		if slices.Contains(leave, k) {
			continue
		}
		switch x := x.(type) {
		case nil:
		case map[string]any:
			for _, sub := range []string{"value", "text", "id"} {
				if s, ok := x[sub]; ok {
					out[k] = fmt.Sprint(s)
					break
				}
			}
		case []any:
			if len(x) > 0 {
				parts := make([]string, len(x))
				for i, p := range x {
					parts[i] = fmt.Sprint(p)
				}
				out[k] = strings.Join(parts, "; ")
			}
		default:
			out[k] = fmt.Sprint(x)
		}
	}
	return out
}

// download asks /export for a format by GET, checking the answer is a
// file of that format.
func download(t *testing.T, a *api, format, query, file string) []byte {
	t.Helper()
	res, body := get(t, a.srv.URL+"/export?"+url.Values{"format": {format}, "query": {query}}.Encode(), nil)
	f := export.Formats[format]
	if res.StatusCode != http.StatusOK {
		t.Fatalf("export %s: %d %s", format, res.StatusCode, body)
	}
	if res.Header.Get("Content-Type") != f.ContentType {
		t.Errorf("export %s: Content-Type %q", format, res.Header.Get("Content-Type"))
	}
	if want := fmt.Sprintf(`attachment; filename="%s.%s"`, file, f.Ext); res.Header.Get("Content-Disposition") != want {
		t.Errorf("export %s: Content-Disposition %q, want %q", format, res.Header.Get("Content-Disposition"), want)
	}
	return []byte(body)
}

// formatTools returns the directory of the Node readers, skipping the
// test when node or the readers (xmllint-wasm among them, and networkx in
// tools/formats/.venv) are missing, or failing it under
// KGQL_REQUIRE_FORMATS (make test, after scripts/format-deps.sh).
func formatTools(t *testing.T) string {
	t.Helper()
	dir, _ := filepath.Abs("../../tools/formats")
	_, nodeErr := exec.LookPath("node")
	var modulesErr error
	for _, module := range []string{"node_modules/graphology-gexf", "node_modules/xmllint-wasm", ".venv/.kgql-requirements"} {
		if _, err := os.Stat(filepath.Join(dir, module)); err != nil {
			modulesErr = err
		}
	}
	if nodeErr != nil || modulesErr != nil {
		if os.Getenv("KGQL_REQUIRE_FORMATS") != "" {
			t.Fatalf("the export checks need node, tools/formats/node_modules and networkx in tools/formats/.venv (scripts/format-deps.sh): %v %v", nodeErr, modulesErr)
		}
		t.Skip("no format readers: run scripts/format-deps.sh, or make test")
	}
	return dir
}

// TestExportFormats exports subgraphs of every kind in every format on
// both stores, and checks each file with its reader against the answer.
func TestExportFormats(t *testing.T) {
	tools := formatTools(t)
	forEachSeededStore(t, func(t *testing.T, store kg.Store) {
		a := newAPI(t, store) // the exports run at the default limits
		// The reference answer reads every attribute of every entity and
		// of both ends of every relation: more than the default cost.
		unlimited := testDefaults()
		unlimited.MaxCost = 1 << 30
		reference := newAPIWith(t, store, unlimited, io.Discard)
		for _, c := range exportCases {
			t.Run(c.name, func(t *testing.T) {
				want := expected(t, reference.ok(t, shape(c.shape, entityFields, relationFields), nil).Data)
				query := shape(c.shape, "id", "id")
				for _, format := range export.FormatNames() {
					t.Run(format, func(t *testing.T) {
						got := read(t, tools, format, download(t, a, format, query, c.file))
						compare(t, got, want)
					})
				}
			})
		}
		t.Run("whole graph", func(t *testing.T) {
			r := a.ok(t, `{ entities(orderBy: ID, first: 100) { totalCount edges { node { `+entityFields+` } } }
				relations(first: 100) { totalCount edges { relation { `+relationFields+` } } } }`, nil)
			if at(t, r.Data, "entities.totalCount").(float64) >= 100 || at(t, r.Data, "relations.totalCount").(float64) >= 100 {
				t.Fatalf("the seed outgrew one page")
			}
			want := expected(t, r.Data)
			for _, format := range export.FormatNames() {
				res, body := get(t, a.srv.URL+"/export?format="+format+"&whole=true", nil)
				if res.StatusCode != http.StatusOK || res.Header.Get("Content-Disposition") != fmt.Sprintf(`attachment; filename="kgql-graph.%s"`, export.Formats[format].Ext) {
					t.Fatalf("whole graph as %s: %d %v %s", format, res.StatusCode, res.Header, body)
				}
				compare(t, read(t, tools, format, []byte(body)), want)
			}
		})
	})
}

// read checks a file with the reader or validator of its format and
// returns what it holds.
func read(t *testing.T, tools, format string, file []byte) subgraph {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export."+export.Formats[format].Ext)
	if err := os.WriteFile(path, file, 0o644); err != nil {
		t.Fatal(err)
	}
	switch format {
	case "cytoscape", "graphology":
		return loadInNode(t, tools, format, path, false)
	case "gexf":
		xsdValidate(t, tools, gexfXSD, asGEXF12(t, file))
		got := readGEXF(t, file)
		// The same file as graphology-gexf reads it (label aside: the name or type).
		inNode := loadInNode(t, tools, format, path, true)
		if !reflect.DeepEqual(withoutSpells(got), inNode) {
			t.Errorf("graphology-gexf reads otherwise than the XML:\n%v\n%v", withoutSpells(got), inNode)
		}
		return got
	case "graphml":
		xsdValidate(t, tools, graphmlXSD, file)
		got := readGraphML(t, file)
		// The same file as networkx reads it, labels checked.
		if inPython := readNetworkX(t, tools, path); !reflect.DeepEqual(got, inPython) {
			t.Errorf("networkx reads otherwise than the XML:\n%v\n%v", got, inPython)
		}
		return got
	case "csv":
		return readCSV(t, file)
	}
	t.Fatalf("no reader for %s", format)
	return subgraph{}
}

func withoutSpells(g subgraph) subgraph {
	out := newSubgraph()
	maps.Copy(out.Nodes, g.Nodes)
	for id, e := range g.Edges {
		e.Start, e.End = "", ""
		out.Edges[id] = e
	}
	return out
}

// loadInNode loads a file with the library of its format
// (tools/formats/check.mjs) and returns what the library holds.
func loadInNode(t *testing.T, tools, format, path string, labelled bool) subgraph {
	t.Helper()
	cmd := exec.Command("node", filepath.Join(tools, "check.mjs"), format, path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", format, err, stderr.String())
	}
	var held struct {
		Type  string
		Multi bool
		Nodes []struct {
			ID         string
			Attributes map[string]any
		}
		Edges []struct {
			ID, Source, Target string
			Attributes         map[string]any
		}
	}
	if err := json.Unmarshal(out, &held); err != nil {
		t.Fatalf("%s: %v\n%s", format, err, out)
	}
	if format != "cytoscape" && (held.Type != "directed" || !held.Multi) {
		t.Errorf("%s: a %s graph, multi %v; want a directed multigraph", format, held.Type, held.Multi)
	}
	g := newSubgraph()
	text := func(attrs map[string]any, label string) map[string]string {
		out := map[string]string{}
		for k, v := range attrs {
			out[k] = fmt.Sprint(v)
		}
		if labelled {
			if out["label"] != out[label] {
				t.Errorf("%s: label %q, want %s %q", format, out["label"], label, out[label])
			}
			delete(out, "label")
		}
		return out
	}
	for _, n := range held.Nodes {
		g.Nodes[n.ID] = text(n.Attributes, "name")
	}
	for _, e := range held.Edges {
		g.Edges[e.ID] = edgeOf{Source: e.Source, Target: e.Target, Attrs: text(e.Attributes, "type")}
	}
	return g
}

// The XSDs of the XML formats, in tools/formats.
const (
	graphmlXSD = "xsd/graphml/graphml.xsd"
	gexfXSD    = "xsd/gexf-1.2draft/gexf.xsd"
)

// xsdValidate validates a file against an XSD of tools/formats/xsd.
// readNetworkX reads a GraphML file with networkx (nx.read_graphml,
// tools/formats/networkx_read.py), checks that each node's label is its
// name and each edge's its type, as Gephi and networkx show them, and
// returns what networkx holds, by kgql id.
func readNetworkX(t *testing.T, tools, path string) subgraph {
	t.Helper()
	cmd := exec.Command(filepath.Join(tools, ".venv/bin/python"), filepath.Join(tools, "networkx_read.py"), path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("networkx: %v\n%s", err, stderr.String())
	}
	var held struct {
		Directed, Multi bool
		Nodes           []struct {
			ID         string
			Attributes map[string]string
		}
		Edges []struct {
			ID, Source, Target string
			Attributes         map[string]string
		}
	}
	if err := json.Unmarshal(out, &held); err != nil {
		t.Fatalf("networkx: %v\n%s", err, out)
	}
	if !held.Directed || !held.Multi {
		t.Errorf("networkx: directed %v, multi %v; want a directed multigraph", held.Directed, held.Multi)
	}
	kgqlID := map[string]string{} // the file's node id: the kgql id
	attrs := func(what string, a map[string]string, label string) (string, map[string]string) {
		if a["label"] == "" || a["label"] != a[label] {
			t.Errorf("networkx: %s labelled %q, want its %s %q", what, a["label"], label, a[label])
		}
		id := a["kgqlId"]
		delete(a, "label")
		delete(a, "kgqlId")
		return id, a
	}
	g := newSubgraph()
	for _, n := range held.Nodes {
		id, a := attrs("node "+n.ID, n.Attributes, "name")
		kgqlID[n.ID] = id
		g.Nodes[id] = a
	}
	for _, e := range held.Edges {
		id, a := attrs("edge "+e.ID, e.Attributes, "type")
		g.Edges[id] = edgeOf{Source: kgqlID[e.Source], Target: kgqlID[e.Target], Attrs: a}
	}
	return g
}

func xsdValidate(t *testing.T, tools, xsd string, file []byte) {
	t.Helper()
	if err := validateXML(t, tools, xsd, file); err != nil {
		t.Errorf("libxml2 against %s: %v", filepath.Base(xsd), err)
	}
}

// validateXML returns libxml2's verdict (xmllint compiled to WebAssembly,
// tools/formats/validate.mjs) on a file against an XSD of tools/formats:
// nil when the file is valid, its errors when not.
func validateXML(t *testing.T, tools, xsd string, file []byte) error {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.xml")
	if err := os.WriteFile(path, file, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", filepath.Join(tools, "validate.mjs"), filepath.Join(tools, xsd), path)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%v\n%s", err, out)
	}
	return nil
}

// TestXSDValidatorRejects proves that the validator of the export checks
// can fail: an export of each XML format passes, and the same file with
// one value outside its XSD's enumeration, or with an element the XSD
// does not know, is refused.
func TestXSDValidatorRejects(t *testing.T) {
	tools := formatTools(t)
	a := newAPI(t, seeded(t))
	query := shape(exportCases[0].shape, "id", "id")
	for _, c := range []struct {
		format, xsd string
		breaks      [][2]string
	}{
		{"graphml", graphmlXSD, [][2]string{{`edgedefault="directed"`, `edgedefault="sideways"`}, {`<graph `, `<bogus/><graph `}}},
		{"gexf", gexfXSD, [][2]string{{`mode="dynamic"`, `mode="sideways"`}, {`<nodes>`, `<bogus/><nodes>`}}},
	} {
		t.Run(c.format, func(t *testing.T) {
			file := download(t, a, c.format, query, exportCases[0].file)
			if c.format == "gexf" {
				file = asGEXF12(t, file)
			}
			if err := validateXML(t, tools, c.xsd, file); err != nil {
				t.Fatalf("the export itself is refused: %v", err)
			}
			for _, b := range c.breaks {
				if !bytes.Contains(file, []byte(b[0])) {
					t.Fatalf("the %s file lacks %s", c.format, b[0])
				}
				broken := bytes.Replace(file, []byte(b[0]), []byte(b[1]), 1)
				if err := validateXML(t, tools, c.xsd, broken); err == nil {
					t.Errorf("%s with %s instead of %s: accepted", c.format, b[1], b[0])
				} else if !strings.Contains(err.Error(), "Schemas validity error") {
					t.Errorf("%s with %s: refused, but not by the schema: %v", c.format, b[1], err)
				}
			}
		})
	}
}

// asGEXF12 puts a GEXF 1.3 file in the namespace and version of the
// GEXF 1.2 XSD, the newest that a registry package ships
// (tools/formats/xsd/README.md): the file uses only what both versions
// define alike (attributes, attvalues, spells with start and end).
func asGEXF12(t *testing.T, file []byte) []byte {
	t.Helper()
	s := string(file)
	for _, r := range [][2]string{{`xmlns="http://gexf.net/1.3"`, `xmlns="http://www.gexf.net/1.2draft"`}, {`version="1.3"`, `version="1.2"`}} {
		if strings.Count(s, r[0]) != 1 {
			t.Fatalf("the GEXF file lacks %s", r[0])
		}
		s = strings.Replace(s, r[0], r[1], 1)
	}
	return []byte(s)
}

func readGEXF(t *testing.T, file []byte) subgraph {
	t.Helper()
	type attvalue struct {
		For   string `xml:"for,attr"`
		Value string `xml:"value,attr"`
	}
	var doc struct {
		XMLName xml.Name
		Version string `xml:"version,attr"`
		Graph   struct {
			Mode       string `xml:"mode,attr"`
			TimeFormat string `xml:"timeformat,attr"`
			Nodes      []struct {
				ID     string     `xml:"id,attr"`
				Label  string     `xml:"label,attr"`
				Values []attvalue `xml:"attvalues>attvalue"`
			} `xml:"nodes>node"`
			Edges []struct {
				ID     string     `xml:"id,attr"`
				Source string     `xml:"source,attr"`
				Target string     `xml:"target,attr"`
				Label  string     `xml:"label,attr"`
				Values []attvalue `xml:"attvalues>attvalue"`
				Spells []struct {
					Start string `xml:"start,attr"`
					End   string `xml:"end,attr"`
				} `xml:"spells>spell"`
			} `xml:"edges>edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(file, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.XMLName.Space != "http://gexf.net/1.3" || doc.Version != "1.3" || doc.Graph.Mode != "dynamic" || doc.Graph.TimeFormat != "date" {
		t.Errorf("GEXF %s %s, mode %q, timeformat %q", doc.XMLName.Space, doc.Version, doc.Graph.Mode, doc.Graph.TimeFormat)
	}
	values := func(vs []attvalue) map[string]string {
		out := map[string]string{}
		for _, v := range vs {
			out[v.For] = v.Value
		}
		return out
	}
	g := newSubgraph()
	for _, n := range doc.Graph.Nodes {
		g.Nodes[n.ID] = values(n.Values)
		if n.Label != g.Nodes[n.ID]["name"] {
			t.Errorf("node %s: label %q", n.ID, n.Label)
		}
	}
	for _, e := range doc.Graph.Edges {
		x := edgeOf{Source: e.Source, Target: e.Target, Attrs: values(e.Values)}
		if e.Label != x.Attrs["type"] || len(e.Spells) > 1 {
			t.Errorf("edge %s: label %q, %d spells", e.ID, e.Label, len(e.Spells))
		}
		if len(e.Spells) == 1 {
			x.Start, x.End = e.Spells[0].Start, e.Spells[0].End
			if x.Start == "" && x.End == "" {
				t.Errorf("edge %s: a spell with neither end", e.ID)
			}
		}
		g.Edges[e.ID] = x
	}
	return g
}

func readGraphML(t *testing.T, file []byte) subgraph {
	t.Helper()
	type data struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	}
	var doc struct {
		Keys []struct {
			ID   string `xml:"id,attr"`
			For  string `xml:"for,attr"`
			Name string `xml:"attr.name,attr"`
			Type string `xml:"attr.type,attr"`
		} `xml:"key"`
		Graph struct {
			EdgeDefault string `xml:"edgedefault,attr"`
			Nodes       []struct {
				ID   string `xml:"id,attr"`
				Data []data `xml:"data"`
			} `xml:"node"`
			Edges []struct {
				ID     string `xml:"id,attr"`
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   []data `xml:"data"`
			} `xml:"edge"`
		} `xml:"graph"`
	}
	if err := xml.Unmarshal(file, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Graph.EdgeDefault != "directed" {
		t.Errorf("edgedefault %q", doc.Graph.EdgeDefault)
	}
	names := map[string]string{}
	for _, k := range doc.Keys {
		names[k.ID] = k.Name
	}
	id := func(s string) string {
		id, err := export.ParseGraphMLID(s)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	values := func(what, label string, ds []data) map[string]string {
		out := map[string]string{}
		for _, d := range ds {
			out[names[d.Key]] = d.Value
		}
		if out["kgqlId"] != what {
			t.Errorf("GraphML id %s decodes otherwise than its kgqlId %s", what, out["kgqlId"])
		}
		if out["label"] != out[label] {
			t.Errorf("GraphML %s: label %q, want its %s %q", what, out["label"], label, out[label])
		}
		delete(out, "kgqlId")
		delete(out, "label")
		return out
	}
	g := newSubgraph()
	for _, n := range doc.Graph.Nodes {
		g.Nodes[id(n.ID)] = values(id(n.ID), "name", n.Data)
	}
	for _, e := range doc.Graph.Edges {
		g.Edges[id(e.ID)] = edgeOf{Source: id(e.Source), Target: id(e.Target), Attrs: values(id(e.ID), "type", e.Data)}
	}
	return g
}

func readCSV(t *testing.T, file []byte) subgraph {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	tables := map[string][][]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(r).ReadAll()
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		tables[f.Name] = rows
	}
	if names := slices.Sorted(maps.Keys(tables)); !slices.Equal(names, []string{export.EdgesCSV, export.NodesCSV}) {
		t.Fatalf("the zip holds %v", names)
	}
	rowsOf := func(name string, columns []string) []map[string]string {
		rows := tables[name]
		if len(rows) == 0 || !slices.Equal(rows[0], columns) {
			t.Fatalf("%s: header %v, want %v", name, rows[0], columns)
		}
		var out []map[string]string
		for _, row := range rows[1:] {
			m := map[string]string{}
			for i, v := range row {
				if v != "" {
					m[columns[i]] = v
				}
			}
			out = append(out, m)
		}
		return out
	}
	g := newSubgraph()
	for _, m := range rowsOf(export.NodesCSV, export.NodeColumns()) {
		id := m["id"]
		delete(m, "id")
		g.Nodes[id] = m
	}
	for _, m := range rowsOf(export.EdgesCSV, export.EdgeColumns()) {
		e := edgeOf{Source: m["source"], Target: m["target"], Start: m["validStart"], End: m["validEnd"]}
		id := m["id"]
		for _, k := range []string{"id", "source", "target", "validStart", "validEnd"} {
			delete(m, k)
		}
		e.Attrs = m
		g.Edges[id] = e
	}
	return g
}

// compare fails unless a file holds exactly the answer's entities (with
// the relations' ends) and relations, with their attributes; spells are
// compared where the format has them (GEXF, CSV).
func compare(t *testing.T, got, want subgraph) {
	t.Helper()
	if !slices.Equal(slices.Sorted(maps.Keys(got.Nodes)), slices.Sorted(maps.Keys(want.Nodes))) {
		t.Errorf("nodes %v, want %v", slices.Sorted(maps.Keys(got.Nodes)), slices.Sorted(maps.Keys(want.Nodes)))
	}
	if !slices.Equal(slices.Sorted(maps.Keys(got.Edges)), slices.Sorted(maps.Keys(want.Edges))) {
		t.Errorf("edges %v, want %v", slices.Sorted(maps.Keys(got.Edges)), slices.Sorted(maps.Keys(want.Edges)))
	}
	for id, n := range want.Nodes {
		if g, ok := got.Nodes[id]; ok && !maps.Equal(g, n) {
			t.Errorf("node %s: %v, want %v", id, g, n)
		}
	}
	spells := false
	for _, e := range got.Edges {
		spells = spells || e.Start != "" || e.End != ""
	}
	for id, e := range want.Edges {
		g, ok := got.Edges[id]
		if !ok {
			continue
		}
		if !spells {
			e.Start, e.End = "", ""
		}
		if g.Source != e.Source || g.Target != e.Target || g.Start != e.Start || g.End != e.End || !maps.Equal(g.Attrs, e.Attrs) {
			t.Errorf("edge %s: %+v, want %+v", id, g, e)
		}
	}
}

// TestExportRequests: the endpoint's parameters, POST bodies, file names
// and coded errors.
func TestExportRequests(t *testing.T) {
	forEachStore(t, func(t *testing.T, a *api) {
		query := `query hood($id: ID!) { neighborhood(ids: [$id]) { nodes { id } } } query other { stats { entities } }`
		body, _ := json.Marshal(map[string]any{"query": query, "variables": map[string]any{"id": "PTA"}, "operationName": "hood"})
		res, err := http.Post(a.srv.URL+"/export?format=graphology", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		out, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Disposition") != `attachment; filename="kgql-neighborhood.graphology.json"` ||
			!strings.Contains(string(out), `"key": "person/hafeez-ur-rehman"`) {
			t.Errorf("POST with variables and an operation name: %d %v\n%s", res.StatusCode, res.Header, out)
		}
		// An answer without entities or relations exports an empty graph.
		if res, body := get(t, a.srv.URL+"/export?format=cytoscape&query="+url.QueryEscape(`{ stats { entities } }`), nil); res.StatusCode != http.StatusOK ||
			!strings.Contains(body, `"nodes": []`) {
			t.Errorf("an answer without entities: %d %s", res.StatusCode, body)
		}
		for _, c := range []struct {
			method, params string
			status         int
			code, mention  string
		}{
			{"GET", "query=" + url.QueryEscape(`{ stats { entities } }`), 400, "BAD_USER_INPUT", "format must be one of"},
			{"GET", "format=pdf&query=" + url.QueryEscape(`{ stats { entities } }`), 400, "BAD_USER_INPUT", "cytoscape, gexf, graphml, graphology"},
			{"GET", "format=gexf", 400, "BAD_USER_INPUT", "whole=true"},
			{"GET", "format=gexf&whole=true&query=" + url.QueryEscape(`{ stats { entities } }`), 400, "BAD_USER_INPUT", "whole=true"},
			{"GET", "format=gexf&query=" + url.QueryEscape(`{ neighborhood(ids: ["PTA"]) { nodes { id }`), 422, "GRAPHQL_PARSE_FAILED", ""},
			{"GET", "format=gexf&query=" + url.QueryEscape(`{ neighborhood(ids: ["PTA"]) { nodes { nope } } }`), 422, "GRAPHQL_VALIDATION_FAILED", "nope"},
			{"GET", "format=gexf&query=" + url.QueryEscape(`{ neighborhood(ids: ["person/nobody"]) { nodes { id } } }`), 400, "BAD_USER_INPUT", "person/nobody"},
			{"GET", "format=gexf&query=" + url.QueryEscape(`{ neighborhood(ids: ["PTA"], hops: 9) { nodes { id } } }`), 400, "BAD_USER_INPUT", "hops"},
			{"GET", "format=gexf&variables=nope&query=" + url.QueryEscape(`{ stats { entities } }`), 400, "BAD_USER_INPUT", "variables"},
			{"GET", "format=gexf&query=" + url.QueryEscape(`{ entity(id: "PTA") { ..._kgqlX } } fragment _kgqlX on Entity { id }`), 422, "GRAPHQL_VALIDATION_FAILED", "_kgql"},
			{"PUT", "format=gexf", 405, "BAD_USER_INPUT", "GET or POST"},
		} {
			req, _ := http.NewRequest(c.method, a.srv.URL+"/export?"+c.params, nil)
			res, body := send(t, req)
			var r response
			if err := json.Unmarshal([]byte(body), &r); err != nil || res.Header.Get("Content-Type") != "application/json" {
				t.Errorf("%s %s: not coded JSON (%s): %s", c.method, c.params, res.Header.Get("Content-Type"), body)
				continue
			}
			if res.StatusCode != c.status || r.code() != c.code || !strings.Contains(r.Errors[0].Message, c.mention) {
				t.Errorf("%s %s: %d %+v; want %d %s mentioning %q", c.method, c.params, res.StatusCode, r.Errors, c.status, c.code, c.mention)
			}
		}
	})
}

// TestExportWholeGraphCap: a graph of more than MaxWholeGraph relations
// is refused whole, with a coded error.
func TestExportWholeGraphCap(t *testing.T) {
	store, err := memstore.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := store.Load(context.Background(), synth.Generate(synth.Options{Entities: 3000, Seed: 1}), nil); err != nil {
		t.Fatal(err)
	}
	a := newAPI(t, store)
	if n := at(t, a.ok(t, `{ stats { relations } }`, nil).Data, "stats.relations").(float64); n <= httpapi.MaxWholeGraph {
		t.Fatalf("the graph has %v relations, not more than %d: the test proves nothing", n, httpapi.MaxWholeGraph)
	}
	res, body := get(t, a.srv.URL+"/export?format=gexf&whole=true", nil)
	var r response
	json.Unmarshal([]byte(body), &r)
	if res.StatusCode != http.StatusBadRequest || r.code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "too large") {
		t.Errorf("a large graph exported whole: %d %s", res.StatusCode, body)
	}
}
