// Package seed embeds the seed graph, so that the kgql binary can load it
// from any directory. The files themselves are described in docs/model.md.
package seed

import "embed"

// FS holds entities.yaml, documents/ and sources/.
//
//go:embed entities.yaml documents sources
var FS embed.FS
