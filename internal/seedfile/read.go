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
// file and line, when anything is wrong.
func Read(fsys fs.FS) (*kg.Graph, error) {
	names, err := seedFiles(fsys)
	if err != nil {
		return nil, err
	}
	var files []*parsedFile
	var problems Problems
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read seed file %s: %w", name, err)
		}
		pf, ps := parseFile(name, data)
		problems = append(problems, ps...)
		if pf != nil {
			files = append(files, pf)
		}
	}
	v := newValidator(fsys)
	g := v.validate(files)
	problems = append(problems, v.problems...)
	if len(problems) > 0 {
		return nil, problems.sorted()
	}
	return g, nil
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
