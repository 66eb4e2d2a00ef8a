// Package synth generates synthetic knowledge graphs shaped like the actor
// graphs kgql holds: every kind of entity with readable, searchable names,
// power-law degrees with a few hubs (countries, large organisations, the
// people everybody meets), relation types in realistic proportions with
// their qualifiers, evidence quoting synthetic documents, and the MENTIONS
// the seed loader would derive from that evidence.
//
// Generation is deterministic (math/rand/v2 PCG streams keyed by the seed
// and by what is being generated) and local: entity i is a function of the
// seed and i alone, and the relations come story by story (a story is one
// or two documents and the entities it is about), so Stream never holds
// more than one story and scales to millions of entities.
package synth

import (
	"math/rand/v2"

	"github.com/kgql/kgql/internal/kg"
)

// Options says what to generate.
type Options struct {
	Entities           int     // documents included; at least MinEntities
	RelationsPerEntity float64 // MENTIONS included; DefaultRelationsPerEntity when 0
	Seed               uint64
}

// DefaultRelationsPerEntity is the density of real actor graphs, MENTIONS
// included.
const DefaultRelationsPerEntity = 7

// Generate returns the whole graph in memory: entities, then relations
// story by story, each story's facts before its MENTIONS.
func Generate(opts Options) *kg.Graph {
	g := &kg.Graph{}
	_ = Stream(opts,
		func(e *kg.Entity) error { g.Entities = append(g.Entities, e); return nil },
		func(r *kg.Relation) error { g.Relations = append(g.Relations, r); return nil })
	return g
}

// Stream emits every entity, then every relation, without holding the
// graph: memory is one story's worth. It stops at the first error an emit
// function returns and returns it. Relation ids are unique and every
// relation's ends were emitted before it.
func Stream(opts Options, emitEntity func(*kg.Entity) error, emitRelation func(*kg.Relation) error) error {
	g := newGen(opts)
	for i := range g.l.n {
		if err := emitEntity(g.entity(i)); err != nil {
			return err
		}
	}
	for s := range g.l.stories {
		for _, r := range g.story(s) {
			if err := emitRelation(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// gen holds what every part of a generation shares.
type gen struct {
	seed  uint64
	l     layout
	scale float64 // multiplies the out-degrees to reach RelationsPerEntity
}

func newGen(opts Options) *gen {
	rpe := opts.RelationsPerEntity
	if rpe <= 0 {
		rpe = DefaultRelationsPerEntity
	}
	return &gen{seed: opts.Seed, l: newLayout(opts.Entities), scale: max((rpe-mentionsBase)/factsPerScale, 0.1)}
}

// A graph of scale s has about mentionsBase + factsPerScale*s relations
// per entity, MENTIONS included: measured on generated graphs (TestShape
// keeps it honest). The base is the MENTIONS every story makes of its
// subjects whatever their degree.
const (
	mentionsBase  = 2.3
	factsPerScale = 5.6
)

// Streams of random numbers, one per purpose, so that changing how one
// thing is generated leaves the others alone.
const (
	streamEntity = iota + 1
	streamDoc
	streamSentence
	streamStory
)

// rng returns the random stream of one purpose and item.
func (g *gen) rng(purpose, item uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed, purpose<<56^item))
}
