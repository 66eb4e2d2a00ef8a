// Package seedfile reads a seed directory (docs/model.md) into a validated
// kg.Graph. It finds every problem before it returns, so that a loader can
// refuse the whole seed and write nothing.
package seedfile

import (
	"fmt"
	"io/fs"
	"path"
	"sort"

	"github.com/kgql/kgql/internal/kg"
)

// RegistryFile is the shared registry of entities, relative to the seed root.
const RegistryFile = "entities.yaml"

// DocumentsDir holds one file per document, relative to the seed root.
const DocumentsDir = "documents"

// Read parses and validates the seed in fsys: RegistryFile, then every
// .yaml file of DocumentsDir in name order. It returns Problems, sorted by
// file and line, when anything is wrong. Relations with a dated event at
// one end and no validity of their own take the event's
// (kg.EventValidity), so that every store receives them as data.
func Read(fsys fs.FS) (*kg.Graph, error) {
	g, _, err := read(fsys)
	return g, err
}

// read is Read, also giving the validator's view of the documents' texts.
func read(fsys fs.FS) (*kg.Graph, *validator, error) {
	names, err := seedFiles(fsys)
	if err != nil {
		return nil, nil, err
	}
	var files []*parsedFile
	var problems Problems
	v := newValidator(fsys)
	unreadable := map[string]int{} // file: the index of its problem
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, nil, fmt.Errorf("read seed file %s: %w", name, err)
		}
		pf, ps := parseFile(name, data)
		if pf == nil && len(ps) > 0 {
			unreadable[name] = len(problems)
			for _, id := range definedIDs(data) {
				v.unread[id] = name
			}
		}
		problems = append(problems, ps...)
		if pf != nil {
			files = append(files, pf)
		}
	}
	g := v.validate(files)
	for name, n := range v.knockOn {
		problems[unreadable[name]].Message += fmt.Sprintf(" (%d problem(s) elsewhere that follow from it, references to the ids it defines, are not listed)", n)
	}
	problems = append(problems, v.problems...)
	if len(problems) > 0 {
		return nil, nil, problems.sorted()
	}
	applyEventValidity(g)
	return g, v, nil
}

// applyEventValidity gives each relation the validity kg.EventValidity
// derives for it.
func applyEventValidity(g *kg.Graph) {
	byID := make(map[string]*kg.Entity, len(g.Entities))
	for _, e := range g.Entities {
		byID[e.ID] = e
	}
	for _, r := range g.Relations {
		if from, to, ok := kg.EventValidity(r, byID[r.From], byID[r.To]); ok {
			r.ValidFrom, r.ValidTo = from, to
		}
	}
}

func seedFiles(fsys fs.FS) ([]string, error) {
	var names []string
	if _, err := fs.Stat(fsys, RegistryFile); err == nil {
		names = append(names, RegistryFile)
	}
	docs, err := fs.Glob(fsys, path.Join(DocumentsDir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(docs)
	names = append(names, docs...)
	if len(names) == 0 {
		return nil, kg.Errorf(kg.EINVALID, "no seed files: want %s or %s/*.yaml", RegistryFile, DocumentsDir)
	}
	return names, nil
}
