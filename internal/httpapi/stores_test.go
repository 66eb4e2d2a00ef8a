package httpapi_test

import (
	"context"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/neo4jtest"
	"github.com/kgql/kgql/internal/seedfile"
	"github.com/kgql/kgql/seed"
)

// seedGraph reads the seed the binary embeds.
func seedGraph(t *testing.T) *kg.Graph {
	t.Helper()
	g, err := seedfile.Read(seed.FS)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// forEachStore runs the API tests once per store, each holding the seed,
// so that both stores answer every request alike.
func forEachStore(t *testing.T, run func(t *testing.T, a *api)) {
	forEachSeededStore(t, func(t *testing.T, store kg.Store) { run(t, newAPI(t, store)) })
}

// forEachSeededStore runs a test on each store holding the seed.
func forEachSeededStore(t *testing.T, run func(t *testing.T, store kg.Store)) {
	t.Run("neo4j", func(t *testing.T) {
		store := neo4jtest.Open(t)
		if _, err := store.Load(context.Background(), seedGraph(t), nil); err != nil {
			t.Fatal(err)
		}
		run(t, store)
	})
	t.Run("embedded", func(t *testing.T) { run(t, seeded(t)) })
}

// seeded is the embedded store holding the seed.
func seeded(t *testing.T) *memstore.Store {
	t.Helper()
	store, err := memstore.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	if _, err := store.Load(context.Background(), seedGraph(t), nil); err != nil {
		t.Fatal(err)
	}
	return store
}
