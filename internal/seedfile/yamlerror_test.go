package seedfile

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestYAMLErrorLines: a file that is not YAML is reported at the line of
// its cause, whether yaml.v3's scanner or its parser found it.
func TestYAMLErrorLines(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		line int
	}{
		{"a:\n  b: [x, \"y]\n  c: 1\n", 2},     // an unclosed quote in a flow sequence (scanner)
		{"a:\n  b: {x: 1\n  c: 1\n", 2},        // an unclosed flow mapping (parser)
		{"a:\n  b: 1\n c: 2\n", 3},             // a key indented under none (parser)
		{"- a\nb: 1\n", 2},                     // a key after a sequence (parser)
		{"a:\n  b: x: y\n", 2},                 // a mapping in a plain value (scanner)
		{"a:\n\tb: 1\n", 2},                    // a tab (scanner)
		{"x: 1\na:\n  b: [p, q\n  c: 1\n", 3},  // an unclosed flow sequence (parser)
		{"x: 1\ny: 2\nz: [\"p\", \"q]\n", 3},   // an unclosed quote at the end
		{"x: 1\na:\n  - p\n  - [q\nb: 2\n", 4}, // an unclosed flow sequence in a block one
	} {
		_, ps := parseFile("f.yaml", []byte(tc.doc))
		if len(ps) != 1 || ps[0].Line != tc.line || strings.Contains(ps[0].Message, "yaml: line") {
			t.Errorf("%q: %v, want one problem at line %d that does not name another", tc.doc, ps, tc.line)
		}
	}
}

// TestUnreadableFileHidesItsKnockOns: an unclosed quote on line 11 of the
// seed's entities.yaml is one problem, at line 11, that says how many
// problems following from it (references elsewhere to the entities the
// file defines) are not listed; a dangling reference to an id that no
// file defines is still listed.
func TestUnreadableFileHidesItsKnockOns(t *testing.T) {
	seed := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("../../seed"), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(os.DirFS("../../seed"), name)
		seed[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(seed[RegistryFile].Data), "\n")
	if lines[10] != "    aliases: [Pakistani]" {
		t.Fatalf("line 11 of the seed's %s is %q: update the test", RegistryFile, lines[10])
	}
	lines[10] = `    aliases: [Pakistani, "Islamic Republic]`
	seed[RegistryFile] = &fstest.MapFile{Data: []byte(strings.Join(lines, "\n"))}
	doc := "documents/2024-12-17-oic-cybersecurity-centre-of-excellence.yaml"
	seed[doc].Data = []byte(strings.Replace(string(seed[doc].Data), "to: org/oic", "to: org/atlantis", 1))

	_, err = Read(seed)
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Read: %v, want Problems", err)
	}
	if len(ps) != 2 || ps[1].File != RegistryFile || ps[1].Line != 11 || !strings.Contains(ps[1].Message, "problem(s) elsewhere that follow from it") ||
		ps[0].File != doc || !strings.Contains(ps[0].Message, `"org/atlantis" names no entity`) {
		t.Fatalf("want the registry's problem at line 11 and the dangling org/atlantis, got:\n%v", err)
	}
}
