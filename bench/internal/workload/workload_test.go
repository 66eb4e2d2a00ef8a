package workload

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

func TestMisspellStaysWithinKGQLsTolerance(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, name := range []string{"Kazakhstan", "Hafeez Ur Rehman", "Pakistan Telecommunication Authority", "Zuha Vestorol"} {
		for range 50 {
			text, ok := Misspell(name, r)
			if !ok {
				t.Fatalf("no typo for %q", name)
			}
			got, want := kg.SearchTerms(text), kg.SearchTerms(name)
			if len(got) != len(want) || strings.Join(got, " ") == strings.Join(want, " ") {
				t.Fatalf("%q -> %q: want one term changed", name, text)
			}
			for i := range got {
				if got[i] != want[i] {
					if d := levenshtein(got[i], want[i]); d > kg.MaxEdits(want[i]) {
						t.Errorf("%q -> %q: %d edits in %q", name, text, d, want[i])
					}
				}
			}
		}
	}
	if _, ok := Misspell("Pta Abc", r); ok {
		t.Error("a name without a word of 5 letters got a typo")
	}
}

func TestSampleIsDeterministic(t *testing.T) {
	var pop []Entity
	for i := range 500 {
		pop = append(pop, Entity{ID: "person/p-" + string(rune('a'+i%26)) + strings.Repeat("x", i%7), Name: "Kamo Tarilen Vestorol", Kind: kg.KindPerson})
	}
	a, err := Sample(pop, 7, 100)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Sample(pop, 7, 100)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Sample(pop, 8, 100)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gives other parameters")
	}
	if reflect.DeepEqual(a, c) {
		t.Error("another seed gives the same parameters")
	}
	if got := LuceneQuery("kazakstan pta"); got != "kazakstan* OR kazakstan~2 OR pta* OR pta" {
		t.Errorf("LuceneQuery = %q", got)
	}
}

// Every shape of every protocol makes a request, and the floor's list
// query is well formed for each kind.
func TestRequests(t *testing.T) {
	r := Req{ID: "person/a", Search: SearchCase{Text: "x", Lucene: "x*"}, Pair: [2]string{"a/b", "c/d"}, Kind: kg.KindPerson}
	for _, p := range []Protocol{KGQL{}, NeoGraphQL{}, Floor{}} {
		for _, s := range Shapes {
			path, body := p.Request(s, r)
			if path == "" || len(body) == 0 {
				t.Errorf("%T %s: empty request", p, s)
			}
		}
	}
	for _, k := range ListKinds {
		if q := CypherList(k, true); !strings.Contains(q, "MATCH (n:"+k.Label()+")") || neoConnections[k] == "" {
			t.Errorf("list of %s: %s", k, q)
		}
	}
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
