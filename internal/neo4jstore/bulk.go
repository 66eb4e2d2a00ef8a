package neo4jstore

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// A bulk load writes a graph as the CSV files of Neo4j's offline importer
// (`neo4j-admin database import full`, run by scripts/neo4j.sh import),
// which builds the store files directly, far faster than transactions can
// (bench/RESULTS.md, "Loading"). The rows hold exactly the property maps
// of entityProps and relationProps, fingerprints included, so that a bulk
// load and a transactional one give the same database; EnsureSchema then
// adds the constraints and indexes.

// BulkArgsFile is the file of a bulk directory that lists the importer's
// arguments, one a line: the files to read and how to parse them.
const BulkArgsFile = "import.args"

// arrayDelimiter separates the elements of a list in a field (and the
// labels of a node). Text cannot hold it: the writer refuses a value that
// does.
const arrayDelimiter = '\x1f'

// column is one property column: its name and the importer's type.
type column struct {
	name, typ string
}

// The importer's types of the values entityProps and relationProps write.
const (
	colString  = "string"
	colStrings = "string[]"
	colLong    = "long"
	colLongs   = "long[]"
	colDouble  = "double"
)

// bulkEntityColumns and bulkRelationColumns are every property entityProps and
// relationProps may write. A property missing here is refused by the
// writer, so the bulk path cannot silently drop one.
var bulkEntityColumns = []column{
	{"kind", colString}, {"name", colString}, {"description", colString}, {"aliases", colStrings},
	{"searchText", colString}, {"title", colString}, {"status", colString}, {"publisher", colString},
	{"url", colString}, {"text", colString}, {"startDate", colString}, {"endDate", colString}, {"founded", colString},
	{"independence", colString}, {"edition", colString}, {"publishedAt", colString}, {"updatedAt", colString},
	{"participants", colLong}, {"participantsQualifier", colString}, {"members", colLong}, {"membersQualifier", colString},
	{"evDocs", colStrings}, {"evExcerpts", colStrings}, {"evDates", colStrings}, {"evSaidBy", colStrings},
	{"evStarts", colLongs}, {"evEnds", colLongs}, {"nameKeys", colStrings}, {"descText", colString},
	{"hash", colString},
}

var bulkRelationColumns = []column{
	{"id", colString}, {"role", colString}, {"status", colString}, {"counterpart", colString},
	{"note", colString}, {"validFrom", colString}, {"validTo", colString}, {"pointInTime", colString}, {"amount", colDouble},
	{"currency", colString}, {"rank", colLong}, {"previousRank", colLong}, {"count", colLong},
	{"countQualifier", colString}, {"tFirst", colString}, {"tLast", colString},
	{"evDocs", colStrings}, {"evExcerpts", colStrings}, {"evDates", colStrings}, {"evSaidBy", colStrings},
	{"evStarts", colLongs}, {"evEnds", colLongs}, {"searchText", colString},
	{"hash", colString},
}

// BulkWriter writes entities and relations into a directory as the
// importer's CSV files: a header file and a data file for the nodes, and
// the same for the relationships, and BulkArgsFile. It writes what it is
// given in order, holding nothing but a buffer; the importer checks that
// every relation's ends exist (the NDJSON reader has checked it before).
type BulkWriter struct {
	dir       string
	nodes     *os.File
	rels      *os.File
	nodesBuf  *bufio.Writer
	relsBuf   *bufio.Writer
	row       []byte
	multiline bool // a value holds a line break: the importer must be told
	maxValue  int  // the longest value, for the importer's read buffer
	entities  int
	relations int
	closed    bool
}

// Bulk file names, in the directory of a BulkWriter.
const (
	bulkNodesHeader = "nodes-header.csv"
	bulkNodes       = "nodes.csv"
	bulkRelsHeader  = "relationships-header.csv"
	bulkRels        = "relationships.csv"
)

// NewBulkWriter creates the data files in dir, which must exist.
func NewBulkWriter(dir string) (*BulkWriter, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	nodes, err := os.Create(filepath.Join(abs, bulkNodes))
	if err != nil {
		return nil, err
	}
	rels, err := os.Create(filepath.Join(abs, bulkRels))
	if err != nil {
		nodes.Close()
		return nil, err
	}
	return &BulkWriter{dir: abs, nodes: nodes, rels: rels,
		nodesBuf: bufio.NewWriterSize(nodes, 1<<20), relsBuf: bufio.NewWriterSize(rels, 1<<20)}, nil
}

// Counts returns how many entities and relations were written.
func (w *BulkWriter) Counts() (entities, relations int) { return w.entities, w.relations }

// WriteEntity writes one entity's node: its id, labels (Entity and its
// kind's) and properties.
func (w *BulkWriter) WriteEntity(e *kg.Entity) error {
	p := entityProps(e)
	row := w.appendString(w.row[:0], e.ID)
	row = append(row, ',')
	row = w.appendString(row, "Entity"+string(arrayDelimiter)+e.Kind.Label())
	row, err := w.appendColumns(row, bulkEntityColumns, p, 1) // id is the ID column
	if err != nil {
		return fmt.Errorf("entity %s: %w", e.ID, err)
	}
	w.row = row
	w.entities++
	_, err = w.nodesBuf.Write(row)
	return err
}

// WriteRelation writes one relation's relationship: its ends, type and
// properties.
func (w *BulkWriter) WriteRelation(r *kg.Relation) error {
	p := relationProps(r)
	row := w.appendString(w.row[:0], r.From)
	row = append(row, ',')
	row = w.appendString(row, r.To)
	row = append(row, ',')
	row = w.appendString(row, r.Type.CypherType())
	row, err := w.appendColumns(row, bulkRelationColumns, p, 0)
	if err != nil {
		return fmt.Errorf("relation %s: %w", r.ID, err)
	}
	w.row = row
	w.relations++
	_, err = w.relsBuf.Write(row)
	return err
}

// appendColumns appends p's values in the order of cols and the end of
// the row. known is how many of p's keys are written outside cols; a key
// that is neither is an error.
func (w *BulkWriter) appendColumns(row []byte, cols []column, p map[string]any, known int) ([]byte, error) {
	written := known
	for _, c := range cols {
		row = append(row, ',')
		v, ok := p[c.name]
		if !ok {
			continue // no value: an empty unquoted field, which the importer leaves unset
		}
		written++
		var err error
		if row, err = w.appendValue(row, c, v); err != nil {
			return nil, err
		}
	}
	if written != len(p) {
		for k := range p {
			if !hasColumn(cols, k) && k != "id" {
				return nil, fmt.Errorf("property %q has no importer column (neo4jstore bulk.go)", k)
			}
		}
	}
	return append(row, '\n'), nil
}

func hasColumn(cols []column, name string) bool {
	for _, c := range cols {
		if c.name == name {
			return true
		}
	}
	return false
}

func (w *BulkWriter) appendValue(row []byte, c column, v any) ([]byte, error) {
	switch c.typ {
	case colString:
		if s, ok := v.(string); ok {
			return w.appendString(row, s), nil // quoted: "" is an empty string, not a missing one
		}
	case colLong:
		if n, ok := v.(int64); ok {
			return strconv.AppendInt(row, n, 10), nil
		}
	case colDouble:
		if f, ok := v.(float64); ok {
			return strconv.AppendFloat(row, f, 'g', -1, 64), nil
		}
	case colStrings:
		list, ok := v.([]string)
		if !ok {
			break
		}
		// The importer reads an empty field as no value, so a list of
		// one empty string (or of none) has no form: props.go never
		// writes one.
		if len(list) == 0 || (len(list) == 1 && list[0] == "") {
			return nil, fmt.Errorf("property %q: the list %q cannot be written for the importer", c.name, list)
		}
		for _, s := range list {
			if strings.ContainsRune(s, arrayDelimiter) {
				return nil, fmt.Errorf("property %q: %q holds the control character U+001F", c.name, s)
			}
		}
		return w.appendString(row, strings.Join(list, string(arrayDelimiter))), nil
	case colLongs:
		list, ok := v.([]int64)
		if !ok || len(list) == 0 {
			break
		}
		row = append(row, '"')
		for i, n := range list {
			if i > 0 {
				row = append(row, arrayDelimiter)
			}
			row = strconv.AppendInt(row, n, 10)
		}
		return append(row, '"'), nil
	}
	return nil, fmt.Errorf("property %q: %T is not the importer type %s", c.name, v, c.typ)
}

// appendString appends s quoted, its quotes doubled (RFC 4180).
func (w *BulkWriter) appendString(row []byte, s string) []byte {
	if strings.ContainsAny(s, "\n\r") {
		w.multiline = true
	}
	w.maxValue = max(w.maxValue, len(s))
	row = append(row, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		row = append(row, s[:i+1]...)
		row = append(row, '"')
		s = s[i+1:]
	}
	row = append(row, s...)
	return append(row, '"')
}

// Close flushes the data files and writes the header files and
// BulkArgsFile.
func (w *BulkWriter) Close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	err := w.nodesBuf.Flush()
	if e := w.relsBuf.Flush(); err == nil {
		err = e
	}
	if e := w.nodes.Close(); err == nil {
		err = e
	}
	if e := w.rels.Close(); err == nil {
		err = e
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(w.path(bulkNodesHeader), []byte(header([]string{"id:ID", ":LABEL"}, bulkEntityColumns)), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(w.path(bulkRelsHeader), []byte(header([]string{":START_ID", ":END_ID", ":TYPE"}, bulkRelationColumns)), 0o644); err != nil {
		return err
	}
	args := []string{
		"--nodes=" + w.path(bulkNodesHeader) + "," + w.path(bulkNodes),
		"--relationships=" + w.path(bulkRelsHeader) + "," + w.path(bulkRels),
		fmt.Sprintf("--array-delimiter=U+%04X", arrayDelimiter),
		// At least the longest value, and the importer's default 4 MiB.
		fmt.Sprintf("--read-buffer-size=%d", max(4<<20, 2*w.maxValue+1024)),
	}
	if w.multiline {
		args = append(args, "--multiline-fields=true") // slower: only when a value needs it
	}
	return os.WriteFile(w.path(BulkArgsFile), []byte(strings.Join(args, "\n")+"\n"), 0o644)
}

func (w *BulkWriter) path(name string) string { return filepath.Join(w.dir, name) }

func header(first []string, cols []column) string {
	fields := append([]string(nil), first...)
	for _, c := range cols {
		if c.typ == colString {
			fields = append(fields, c.name)
		} else {
			fields = append(fields, c.name+":"+c.typ)
		}
	}
	return strings.Join(fields, ",") + "\n"
}

// Size returns the number of nodes and of relationships in the database
// (from Neo4j's counts, not a scan). The bulk path loads only into a
// database without nodes, and checks the import's size.
func (s *Store) Size(ctx context.Context) (nodes, relationships int64, err error) {
	res, err := s.query(ctx, "CALL () { MATCH (n) RETURN count(n) AS n } CALL () { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r", nil, true)
	if err != nil {
		return 0, 0, err
	}
	n, _ := res.Records[0].Get("n")
	r, _ := res.Records[0].Get("r")
	return n.(int64), r.(int64), nil
}
