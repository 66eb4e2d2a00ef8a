package seedfile

import "github.com/kgql/kgql/internal/kg"

// fold collapses white space as kg.FoldSpace does, so that an excerpt
// compares with its source whatever the line breaks.
func fold(s string) string { return kg.FoldSpace(s) }
