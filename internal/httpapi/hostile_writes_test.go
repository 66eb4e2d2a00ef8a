package httpapi_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/kgql/kgql/internal/kg"
)

// The hostile writers of issue 18, item 4: a client that sends ingests at
// the caps in a loop, and one that retries the same idempotency key from
// many connections at once. Nothing half-written, nothing duplicated,
// every refusal coded.

const ingestAtCaps = `mutation($in: IngestDocumentInput!) {
  ingestDocument(input: $in) { document { id } change { id } userErrors { code field } }
}`

// capsInput is an ingest of kg.MaxInputEntities people and
// kg.MaxInputRelations meetings between them, each stated by a sentence
// of its own; round makes the text (and so the document) new, and after
// the first round the people are named, not introduced again.
func capsInput(round int) map[string]any {
	person := func(i int) string { return fmt.Sprintf("Delegate %d of the hostile forum", i) }
	var text strings.Builder
	var relations []any
	for i := range kg.MaxInputRelations {
		from, to := i%kg.MaxInputEntities, (i%kg.MaxInputEntities+1+i/kg.MaxInputEntities)%kg.MaxInputEntities
		if text.Len() > 0 {
			text.WriteString(" ")
		}
		start := text.Len()
		fmt.Fprintf(&text, "%s met %s in round %d.", person(from), person(to), round)
		ref := func(j int) string {
			if round == 0 {
				return fmt.Sprintf("p%d", j)
			}
			return person(j)
		}
		relations = append(relations, map[string]any{
			"type": "MET_WITH", "from": ref(from), "to": ref(to),
			"evidence": []any{map[string]any{"start": start, "end": text.Len()}},
		})
	}
	var entities []any
	if round == 0 {
		for i := range kg.MaxInputEntities {
			entities = append(entities, map[string]any{"ref": fmt.Sprintf("p%d", i), "kind": "PERSON", "name": person(i)})
		}
	}
	return map[string]any{
		"document":  map[string]any{"title": fmt.Sprintf("Hostile round %d", round), "published": "2026-03-01", "text": text.String()},
		"entities":  entities,
		"relations": relations,
	}
}

// writeCounts are the graph's entities and relations and the log's length.
func writeCounts(t *testing.T, a *writeAPI, bearer string) string {
	t.Helper()
	d := a.done(t, bearer, `{ stats { entities relations } changes(first: 100) { edges { node { id } } } }`, nil)
	return fmt.Sprintf("%v entities, %v relations, %d changes", at(t, d, "stats.entities"), at(t, d, "stats.relations"), len(list(t, d, "changes.edges")))
}

func TestHostileIngestsAtTheCaps(t *testing.T) {
	a := newWriteAPI(t, testDefaults())
	editor, _ := newKey(t, a.store, kg.RoleEditor)
	seed := writeCounts(t, a, editor)

	const rounds = 4
	for round := range rounds {
		d := a.done(t, editor, ingestAtCaps, map[string]any{"in": capsInput(round)})
		if ues := list(t, d, "ingestDocument.userErrors"); len(ues) != 0 || at(t, d, "ingestDocument.change.id") == nil {
			t.Fatalf("round %d at the caps: %v", round, d)
		}
	}
	after := writeCounts(t, a, editor)
	t.Logf("seed: %s; after %d rounds: %s", seed, rounds, after)

	// Every round after the first named the same people and stated the same
	// meetings: the people are not created twice and the meetings gain
	// evidence, not copies. Stats counts MENTIONS aside: the meetings only.
	d := a.done(t, editor, `{ stats { entities relations } }`, nil)
	var seedEntities, seedRelations float64
	fmt.Sscanf(seed, "%g entities, %g relations", &seedEntities, &seedRelations)
	wantEntities := seedEntities + kg.MaxInputEntities + rounds // the people and the documents
	if got := at(t, d, "stats.entities"); got != wantEntities {
		t.Errorf("after %d rounds the graph holds %v entities, want %v (%s → %s)", rounds, got, wantEntities, seed, after)
	}
	if got := at(t, d, "stats.relations"); got != seedRelations+kg.MaxInputRelations {
		t.Errorf("after %d rounds the graph holds %v relations, want %v: a restated meeting gains evidence", rounds, got, seedRelations+kg.MaxInputRelations)
	}
	ev := a.done(t, editor, `{ relations(filter: {types: [MET_WITH], from: "Delegate 0 of the hostile forum"}) { edges { relation { evidence { start } } } } }`, nil)
	for _, e := range list(t, ev, "relations.edges") {
		if n := len(list(t, e, "relation.evidence")); n != rounds {
			t.Errorf("a meeting stated in %d rounds has %d evidence", rounds, n)
		}
	}

	// A round broken at its last relation writes nothing at all.
	broken := capsInput(rounds)
	rels := broken["relations"].([]any)
	last := rels[len(rels)-1].(map[string]any)
	last["evidence"].([]any)[0].(map[string]any)["end"] = last["evidence"].([]any)[0].(map[string]any)["end"].(int) - 3
	d = a.done(t, editor, ingestAtCaps, map[string]any{"in": broken})
	ues := list(t, d, "ingestDocument.userErrors")
	if len(ues) == 0 || at(t, d, "ingestDocument.change") != nil {
		t.Fatalf("a round with a half sentence as evidence: %v", d)
	}
	for _, ue := range ues {
		if at(t, ue, "code") != kg.EINVALID || !strings.HasPrefix(mustJSON(at(t, ue, "field")), fmt.Sprintf(`["input","relations","%d"`, len(rels)-1)) {
			t.Errorf("the broken round's user error: %v", ue)
		}
	}
	if now := writeCounts(t, a, editor); now != after {
		t.Errorf("a refused round changed the graph: %s, then %s", after, now)
	}

	// One relation over the cap is refused before any store call.
	over := capsInput(rounds + 1)
	over["relations"] = append(over["relations"].([]any), over["relations"].([]any)[0])
	a.store.taken()
	x := a.post(t, editor, ingestAtCaps, map[string]any{"in": over})
	if x.r.code() == "" && len(list(t, x.r.Data, "ingestDocument.userErrors")) == 0 {
		t.Errorf("%d relations in one ingest: %s; want a coded refusal", kg.MaxInputRelations+1, x.body)
	}
	if calls := a.store.taken(); len(calls) != 0 {
		t.Errorf("an ingest over the relations' cap made the store calls %v", calls)
	}
	if now := writeCounts(t, a, editor); now != after {
		t.Errorf("a refused ingest over the cap changed the graph: %s, then %s", after, now)
	}
}

func TestHostileConcurrentRetries(t *testing.T) {
	a := newWriteAPI(t, testDefaults())
	editor, _ := newKey(t, a.store, kg.RoleEditor)
	before := writeCounts(t, a, editor)

	const clients = 16
	answers := make([]string, clients)
	var wg sync.WaitGroup
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := a.post(t, editor, ingestForum, nil)
			answers[i] = mustJSON(x.r.Data)
			if x.r.code() != "" {
				answers[i] = string(x.body)
			}
		}()
	}
	wg.Wait()
	for i, got := range answers {
		if got != answers[0] {
			t.Errorf("retry %d answered\n%s\nnot\n%s", i, got, answers[0])
		}
	}
	d := a.done(t, editor, `{ changes(filter: {ops: [INGEST_DOCUMENT]}) { edges { node { id } } } }`, nil)
	if n := len(list(t, d, "changes.edges")); n != 1 {
		t.Errorf("%d retries of one key at once recorded %d ingests, want 1 (%s → %s)", clients, n, before, writeCounts(t, a, editor))
	}
}
