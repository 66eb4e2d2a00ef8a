package main

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/seedfile"
	"github.com/kgql/kgql/seed"
)

// TestFirstSeedLoadKilledMidway kills kgql with SIGKILL while it loads
// the built-in seed into a new --data store, after the entities are
// written and before the relations are (memstore stops there under
// KGQL_TEST_PAUSE): the next start finds nothing half-written, loads the
// seed again and serves all of it.
func TestFirstSeedLoadKilledMidway(t *testing.T) {
	dir := t.TempDir()
	first := startKgql(t, []string{"NEO4J_URI=", memstore.PauseEnv + "=entities-written"}, "--data", dir)
	first.waitLog(t, "paused at entities-written", 30*time.Second)
	first.kill()

	second := startKgql(t, []string{"NEO4J_URI="}, "--data", dir)
	waitReady(t, second.addr)
	if got := whoChairsPTA(t, second.addr); got != "Hafeez Ur Rehman" {
		t.Errorf("PTA is chaired by %q", got)
	}
	g, err := seedfile.Read(seed.FS)
	if err != nil {
		t.Fatal(err)
	}
	facts := 0
	for _, r := range g.Relations {
		if r.Type != kg.Mentions {
			facts++
		}
	}
	a, _ := graphql(t, second.addr, `{ stats { entities relations } }`)
	var got struct {
		Stats struct{ Entities, Relations int }
	}
	if err := json.Unmarshal(a.Data, &got); err != nil {
		t.Fatal(err)
	}
	if got.Stats.Entities != len(g.Entities) || got.Stats.Relations != facts {
		t.Errorf("after the kill the store serves %d entities and %d relations, want the seed's %d and %d:\n%s",
			got.Stats.Entities, got.Stats.Relations, len(g.Entities), facts, second.log.String())
	}
}
