package seedfile

import "strings"

// fold collapses every run of white space to one space and trims the
// ends, so that an excerpt compares with its source whatever the line
// breaks.
func fold(s string) string { return strings.Join(strings.Fields(s), " ") }
