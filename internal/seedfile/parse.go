package seedfile

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/kgql/kgql/internal/kg"
)

// fileItem is a decoded list item with where it stood in its file.
type fileItem[T any] struct {
	raw   T
	file  string
	line  int            // the item's first line
	lines map[string]int // the line of each field, and of "evidence.N"
}

// fieldLine is the line of a field, or of the item when the field is absent.
func (it *fileItem[T]) fieldLine(field string) int {
	if l, ok := it.lines[field]; ok {
		return l
	}
	return it.line
}

type parsedFile struct {
	name      string
	document  *fileItem[rawDocument]
	entities  []*fileItem[rawEntity]
	relations []*fileItem[rawRelation]
}

// parseFile decodes one seed file, checking every key against the format,
// and keeps each field's line for the validator's messages.
func parseFile(name string, data []byte) (*parsedFile, Problems) {
	if at := kg.InvalidUTF8(data); at >= 0 { // yaml.v3 says so without a line
		return nil, Problems{{File: name, Line: 1 + bytes.Count(data[:at], []byte("\n")), Message: "not valid UTF-8"}}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, Problems{{File: name, Line: yamlErrorLine(err), Message: "not valid YAML: " + yamlErrorPrefix.ReplaceAllString(err.Error(), "")}}
	}
	pf := &parsedFile{name: name}
	if len(root.Content) == 0 {
		return pf, nil // an empty file holds nothing
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, Problems{{File: name, Line: top.Line, Message: "want a mapping with document, entities and relations"}}
	}
	var problems Problems
	for i := 0; i+1 < len(top.Content); i += 2 {
		key, val := top.Content[i], top.Content[i+1]
		switch key.Value {
		case "document":
			it, ps := decodeItem[rawDocument](name, val)
			problems = append(problems, ps...)
			pf.document = it
		case "entities":
			for _, n := range sequence(name, val, &problems) {
				it, ps := decodeItem[rawEntity](name, n)
				problems = append(problems, ps...)
				if it != nil {
					pf.entities = append(pf.entities, it)
				}
			}
		case "relations":
			for _, n := range sequence(name, val, &problems) {
				it, ps := decodeItem[rawRelation](name, n)
				problems = append(problems, ps...)
				if it != nil {
					pf.relations = append(pf.relations, it)
				}
			}
		default:
			problems = append(problems, Problem{File: name, Line: key.Line,
				Message: fmt.Sprintf("unknown section %q: want document, entities or relations", key.Value)})
		}
	}
	return pf, problems
}

func sequence(file string, n *yaml.Node, problems *Problems) []*yaml.Node {
	if n.Kind != yaml.SequenceNode {
		*problems = append(*problems, Problem{File: file, Line: n.Line, Message: "want a list"})
		return nil
	}
	return n.Content
}

// listItems are the fields whose items are mappings of their own: their
// keys are checked, and each item's line kept as "<field>.<index>".
var listItems = map[string]struct {
	item reflect.Type
	want string
}{
	"evidence": {reflect.TypeFor[rawEvidence](), "doc, excerpt, date, saidBy"},
	"noFacts":  {reflect.TypeFor[rawNoFact](), "text, reason"},
}

// decodeItem decodes a mapping into T after checking that every key is a
// field of T (and every key of an evidence or noFacts item a field of
// its raw form).
func decodeItem[T any](file string, n *yaml.Node) (*fileItem[T], Problems) {
	if n.Kind != yaml.MappingNode {
		return nil, Problems{{File: file, Line: n.Line, Message: "want a mapping"}}
	}
	it := &fileItem[T]{file: file, line: n.Line, lines: map[string]int{}}
	var problems Problems
	allowed := yamlFields(reflect.TypeFor[T]())
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		it.lines[key.Value] = key.Line
		if !allowed[key.Value] {
			problems = append(problems, Problem{File: file, Line: key.Line, ID: idOf(n),
				Message: fmt.Sprintf("unknown field %q", key.Value)})
			continue
		}
		if list, ok := listItems[key.Value]; ok && val.Kind == yaml.SequenceNode {
			itemAllowed := yamlFields(list.item)
			for j, item := range val.Content {
				it.lines[fmt.Sprintf("%s.%d", key.Value, j)] = item.Line
				for k := 0; item.Kind == yaml.MappingNode && k+1 < len(item.Content); k += 2 {
					if !itemAllowed[item.Content[k].Value] {
						problems = append(problems, Problem{File: file, Line: item.Content[k].Line, ID: idOf(n),
							Message: fmt.Sprintf("unknown %s field %q: want %s", key.Value, item.Content[k].Value, list.want)})
					}
				}
			}
		}
	}
	if err := n.Decode(&it.raw); err != nil {
		problems = append(problems, Problem{File: file, Line: n.Line, ID: idOf(n), Message: cleanYAMLError(err)})
		return nil, problems
	}
	return it, problems
}

// idOf returns the id of a mapping, for messages about it: its id field,
// or for a relation the from>TYPE>to its id starts with.
func idOf(n *yaml.Node) string {
	fields := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		fields[n.Content[i].Value] = n.Content[i+1].Value
	}
	if fields["id"] != "" || fields["type"] == "" {
		return fields["id"]
	}
	return fields["from"] + ">" + fields["type"] + ">" + fields["to"]
}

func yamlFields(t reflect.Type) map[string]bool {
	fields := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		fields[name] = true
	}
	return fields
}

func yamlErrorLine(err error) int {
	var line int
	if _, scanErr := fmt.Sscanf(err.Error(), "yaml: line %d:", &line); scanErr != nil {
		return 0
	}
	// yaml.v3 counts the lines of its parser's errors from 0 and those of
	// its scanner's from 1 (parser.fail adds 1 for scanner errors only):
	// an unclosed quote in a flow sequence on line 11 was "line 10".
	for _, problem := range yamlParserProblems {
		if strings.HasSuffix(err.Error(), ": "+problem) {
			return line + 1
		}
	}
	return line
}

// yamlParserProblems are the messages of yaml.v3's parser (parserc.go),
// as opposed to its scanner's; TestYAMLErrorLines checks the lines they
// give.
var yamlParserProblems = []string{
	"did not find expected <stream-start>",
	"did not find expected <document start>",
	"found undefined tag handle",
	"did not find expected node content",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found duplicate %TAG directive",
}

// definedIDs are the ids that the lines of an unreadable file seem to
// define ("id: x", "- id: x"): the references to them elsewhere follow
// from the file's own problem, and are not listed (knock-on problems).
func definedIDs(data []byte) []string {
	var ids []string
	for _, m := range idLine.FindAllSubmatch(data, -1) {
		ids = append(ids, string(m[1]))
	}
	return ids
}

// yamlErrorPrefix is what yaml.v3 puts before a message: the Problem
// says the line itself.
var yamlErrorPrefix = regexp.MustCompile(`^yaml: (line \d+: )?`)

var idLine = regexp.MustCompile(`(?m)^[ \t-]*id:[ \t]*["']?([^\s"'#]+)`)

func cleanYAMLError(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: unmarshal errors:\n")
	return strings.Join(strings.Fields(msg), " ")
}
