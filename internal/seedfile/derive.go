package seedfile

import "github.com/kgql/kgql/internal/kg"

// DeriveMentions returns the MENTIONS relations the loader derives from
// g's evidence (see deriveMentions), sorted by id, so that other producers
// of graphs (internal/synth) derive them exactly as a seed does.
func DeriveMentions(g *kg.Graph) []*kg.Relation { return deriveMentions(g) }
