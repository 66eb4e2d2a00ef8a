package synth_test

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/seedfile"
	"github.com/kgql/kgql/internal/synth"
)

var opts = synth.Options{Entities: 3000, Seed: 42}

func TestSameSeedSameGraph(t *testing.T) {
	a, b := synth.Generate(opts), synth.Generate(opts)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two generations with one seed differ")
	}
	other := opts
	other.Seed++
	if c := synth.Generate(other); reflect.DeepEqual(a.Entities, c.Entities) {
		t.Error("another seed gave the same entities")
	}
}

// TestStreamIsGenerate checks that the streaming form emits the same
// graph, every entity before any relation.
func TestStreamIsGenerate(t *testing.T) {
	want := synth.Generate(opts)
	got := &kg.Graph{}
	err := synth.Stream(opts,
		func(e *kg.Entity) error {
			if len(got.Relations) > 0 {
				t.Fatal("an entity after a relation")
			}
			got.Entities = append(got.Entities, e)
			return nil
		},
		func(r *kg.Relation) error { got.Relations = append(got.Relations, r); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(want, got) {
		t.Fatal("Stream and Generate differ")
	}
}

var idPattern = regexp.MustCompile(`^[a-z]+/[a-z0-9]+(-[a-z0-9]+)*$`)

// TestGraphIsValid checks what the seed validator would: ids, kinds,
// attributes with evidence, ends, evidence documents and excerpts, unique
// relation ids derived from the fact.
func TestGraphIsValid(t *testing.T) {
	g := synth.Generate(opts)
	if len(g.Entities) != opts.Entities {
		t.Errorf("%d entities, want %d", len(g.Entities), opts.Entities)
	}
	byID := map[string]*kg.Entity{}
	kinds := map[kg.Kind]int{}
	for _, e := range g.Entities {
		switch {
		case byID[e.ID] != nil:
			t.Fatalf("duplicate entity id %s", e.ID)
		case !idPattern.MatchString(e.ID) || !strings.HasPrefix(e.ID, e.Kind.IDPrefix()+"/"):
			t.Fatalf("malformed id %s for a %s", e.ID, e.Kind)
		case strings.TrimSpace(e.Name) == "":
			t.Fatalf("%s has no name", e.ID)
		case e.HasFacts() && len(e.Evidence) == 0:
			t.Fatalf("%s has attributes without evidence", e.ID)
		}
		byID[e.ID] = e
		kinds[e.Kind]++
	}
	for _, k := range kg.Kinds {
		if kinds[k] == 0 {
			t.Errorf("no %s", k)
		}
	}
	checkEvidence := func(what string, evs []kg.Evidence) {
		for _, ev := range evs {
			doc := byID[ev.DocumentID]
			switch {
			case doc == nil || doc.Kind != kg.KindDocument:
				t.Fatalf("%s: evidence doc %q is no document", what, ev.DocumentID)
			case ev.Excerpt == "" || len([]rune(ev.Excerpt)) > kg.MaxExcerptChars:
				t.Fatalf("%s: excerpt of %d characters", what, len([]rune(ev.Excerpt)))
			case ev.SaidBy != "" && byID[ev.SaidBy] == nil:
				t.Fatalf("%s: saidBy %q names nothing", what, ev.SaidBy)
			}
			if _, err := kg.ParseDate(ev.Date.String()); err != nil {
				t.Fatalf("%s: evidence date: %v", what, err)
			}
		}
	}
	for _, e := range g.Entities {
		checkEvidence(e.ID, e.Evidence)
	}
	rels := map[string]bool{}
	for _, r := range g.Relations {
		switch {
		case rels[r.ID]:
			t.Fatalf("duplicate relation id %s", r.ID)
		case byID[r.From] == nil || byID[r.To] == nil:
			t.Fatalf("%s: an end does not exist", r.ID)
		case r.From == r.To:
			t.Fatalf("%s joins an entity to itself", r.ID)
		case !r.Type.Valid():
			t.Fatalf("%s: type %q", r.ID, r.Type)
		case len(r.Evidence) == 0:
			t.Fatalf("%s has no evidence", r.ID)
		case r.Counterpart != "" && byID[r.Counterpart] == nil:
			t.Fatalf("%s: counterpart names nothing", r.ID)
		case r.ID != kg.RelationID(r.From, r.Type, r.To, "") && !strings.HasPrefix(r.ID, kg.RelationID(r.From, r.Type, r.To, "")+"#"):
			t.Fatalf("%s is not derived from its fact", r.ID)
		case r.Counterpart != "" && r.ID != kg.RelationID(r.From, r.Type, r.To, r.Counterpart):
			t.Fatalf("%s: the counterpart is not its key", r.ID)
		}
		if r.ValidFrom != nil && r.ValidTo != nil && r.ValidTo.Last() < r.ValidFrom.First() {
			t.Fatalf("%s: validTo before validFrom", r.ID)
		}
		rels[r.ID] = true
		checkEvidence(r.ID, r.Evidence)
	}
}

// TestMentionsAreDerived checks that the MENTIONS derived story by story
// are those the seed loader derives from the whole graph.
func TestMentionsAreDerived(t *testing.T) {
	g := synth.Generate(opts)
	facts := &kg.Graph{Entities: g.Entities}
	var got []*kg.Relation
	for _, r := range g.Relations {
		if r.Type == kg.Mentions {
			got = append(got, r)
		} else {
			facts.Relations = append(facts.Relations, r)
		}
	}
	slices.SortFunc(got, func(a, b *kg.Relation) int { return strings.Compare(a.ID, b.ID) })
	want := seedfile.DeriveMentions(facts)
	if len(want) == 0 || !reflect.DeepEqual(got, want) {
		t.Fatalf("%d mentions generated, %d derived from the whole graph, or they differ", len(got), len(want))
	}
}

// TestShape checks the shape of a real actor graph: hubs, every relation
// type, the density asked for.
func TestShape(t *testing.T) {
	for _, rpe := range []float64{0, 5, 10} {
		o := opts
		o.RelationsPerEntity = rpe
		g := synth.Generate(o)
		want := rpe
		if want == 0 {
			want = synth.DefaultRelationsPerEntity
		}
		got := float64(len(g.Relations)) / float64(len(g.Entities))
		t.Logf("RelationsPerEntity %v: %d entities, %d relations (%.2f per entity)", rpe, len(g.Entities), len(g.Relations), got)
		if got < 0.75*want || got > 1.25*want {
			t.Errorf("RelationsPerEntity %v: got %.2f relations per entity", rpe, got)
		}
		if rpe != 0 {
			continue
		}
		degree, types := map[string]int{}, map[kg.RelationType]int{}
		for _, r := range g.Relations {
			degree[r.From]++
			degree[r.To]++
			types[r.Type]++
		}
		maxDeg, maxID := 0, ""
		for id, d := range degree {
			if d > maxDeg {
				maxDeg, maxID = d, id
			}
		}
		mean := float64(2*len(g.Relations)) / float64(len(g.Entities))
		t.Logf("mean degree %.1f, max %d (%s); types %v", mean, maxDeg, maxID, types)
		if float64(maxDeg) < 20*mean {
			t.Errorf("no hub: max degree %d, mean %.1f", maxDeg, mean)
		}
		for _, typ := range kg.RelationTypes {
			if types[typ] == 0 {
				t.Errorf("no %s relation", typ)
			}
		}
	}
}
