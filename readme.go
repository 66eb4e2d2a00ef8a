// Package kgql holds the project's README, built into the binary: the
// playground opens with one tab per GraphQL example of it, so that the
// README is the examples' one source (a test runs each and compares the
// answer it shows).
package kgql

import (
	_ "embed"
	"regexp"
)

// README is README.md.
//
//go:embed README.md
var README string

// exampleBlock is a fenced GraphQL block of the README.
var exampleBlock = regexp.MustCompile("(?s)```graphql\n(.*?)```")

// Examples are the README's GraphQL examples, in order.
func Examples() []string {
	var out []string
	for _, m := range exampleBlock.FindAllStringSubmatch(README, -1) {
		out = append(out, m[1])
	}
	return out
}
