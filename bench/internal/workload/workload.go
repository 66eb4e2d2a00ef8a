// Package workload defines the benchmark's query mix: the shapes, the
// parameters every system gets (picked with a fixed seed from the loaded
// graph), the request each system receives for a shape, and how its
// response is checked.
package workload

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Shape is one kind of request.
type Shape string

const (
	OneHop       Shape = "one-hop"      // an entity by id with its first 20 relations and their other ends
	Neighborhood Shape = "neighborhood" // two hops around an entity, at most 200 entities
	Search       Shape = "search"       // a misspelt name, first 10 hits
	Path         Shape = "path"         // the shortest path between two entities, at most 6 hops
	List         Shape = "list"         // entities of one kind by name, 20 a page, walked by cursor (5 pages a walk)
	Nested       Shape = "nested"       // entity, 10 relations, their other ends, 5 relations of each, their other ends
	Mix          Shape = "mix"          // the shapes above in fixed proportions (MixWeights)
)

// Shapes lists the shapes in table order.
var Shapes = []Shape{OneHop, Neighborhood, Search, Path, List, Nested}

// MixWeights is the proportion of each shape in the mix: reads of single
// entities dominate, as when people browse the graph.
var MixWeights = map[Shape]int{OneHop: 40, Nested: 15, Search: 15, List: 15, Neighborhood: 10, Path: 5}

// ParseShapes reads a comma-separated list ("all" for every shape).
func ParseShapes(s string) ([]Shape, error) {
	if s == "" || s == "all" {
		return Shapes, nil
	}
	var out []Shape
	for _, name := range strings.Split(s, ",") {
		sh := Shape(strings.TrimSpace(name))
		if !slices.Contains(Shapes, sh) && sh != Mix {
			return nil, fmt.Errorf("unknown shape %q (want %v or mix)", name, Shapes)
		}
		out = append(out, sh)
	}
	return out, nil
}

// PagesPerWalk is how many pages a client reads, following endCursor,
// before it starts a new walk.
const PagesPerWalk = 5

// Entity is what the sampler needs of an entity.
type Entity struct {
	ID, Name string
	Kind     kg.Kind
}

// SearchCase is a misspelt name and the entity it was taken from.
type SearchCase struct {
	Text   string // what a user types
	Lucene string // kgql's full-text query for it (LuceneQuery), for the systems that take one
	Target string // the entity whose name was misspelt
}

// Params are the inputs of every request, in a fixed order: request k of
// client c takes item c + k*clients (mod the length), whatever the system.
type Params struct {
	IDs      []string
	Searches []SearchCase
	Pairs    [][2]string
	Kinds    []kg.Kind // the kind of each list walk
	MixOrder []Shape   // the shape of each request of the mix
}

// ListKinds are the kinds the list walks page through.
var ListKinds = []kg.Kind{kg.KindPerson, kg.KindOrganization, kg.KindEvent, kg.KindInitiative, kg.KindCity, kg.KindDocument}

// Sample picks n items of each sort from the population (the graph's
// entities but documents, in id order) with a fixed seed.
func Sample(pop []Entity, seed uint64, n int) (*Params, error) {
	if len(pop) < 2 {
		return nil, fmt.Errorf("the graph has %d entities: too few to sample", len(pop))
	}
	r := rand.New(rand.NewPCG(seed, 0x6b67716c))
	p := &Params{}
	for range n {
		p.IDs = append(p.IDs, pop[r.IntN(len(pop))].ID)
	}
	for range n {
		a, b := r.IntN(len(pop)), r.IntN(len(pop)-1)
		if b >= a {
			b++
		}
		p.Pairs = append(p.Pairs, [2]string{pop[a].ID, pop[b].ID})
	}
	for tries := 0; len(p.Searches) < n && tries < 100*n; tries++ {
		e := pop[r.IntN(len(pop))]
		if text, ok := Misspell(e.Name, r); ok {
			p.Searches = append(p.Searches, SearchCase{Text: text, Lucene: LuceneQuery(text), Target: e.ID})
		}
	}
	if len(p.Searches) == 0 {
		return nil, fmt.Errorf("no name to misspell")
	}
	for range n {
		p.Kinds = append(p.Kinds, ListKinds[r.IntN(len(ListKinds))])
	}
	var bag []Shape
	for _, s := range Shapes {
		for range MixWeights[s] {
			bag = append(bag, s)
		}
	}
	for range n {
		p.MixOrder = append(p.MixOrder, bag[r.IntN(len(bag))])
	}
	return p, nil
}

// Misspell returns the name, lower-cased, with one typo (a letter
// replaced, dropped, doubled or, in words that tolerate two edits, swapped
// with the next) in one of its terms of at least 5 letters: within what
// kgql's search tolerates (kg.MaxEdits).
func Misspell(name string, r *rand.Rand) (string, bool) {
	terms := kg.SearchTerms(name)
	var long []int
	for i, t := range terms {
		if len(t) >= 5 && len(t) == len([]rune(t)) {
			long = append(long, i)
		}
	}
	if len(long) == 0 {
		return "", false
	}
	i := long[r.IntN(len(long))]
	t := []byte(terms[i])
	pos := 1 + r.IntN(len(t)-2) // keep the first letter, as people do
	kinds := 4
	if kg.MaxEdits(string(t)) < 2 {
		kinds = 3 // a swap is two edits (Levenshtein), more than kgql allows a short word
	}
	switch r.IntN(kinds) {
	case 0:
		c := byte('a' + r.IntN(26))
		if c == t[pos] {
			c = 'a' + (c-'a'+1)%26
		}
		t[pos] = c
	case 1:
		t = append(t[:pos], t[pos+1:]...)
	case 2:
		t = append(t[:pos+1], t[pos:]...)
	default:
		if t[pos] == t[pos+1] {
			t[pos] = 'a' + (t[pos]-'a'+1)%26
		} else {
			t[pos], t[pos+1] = t[pos+1], t[pos]
		}
	}
	terms[i] = string(t)
	return strings.Join(terms, " "), true
}
