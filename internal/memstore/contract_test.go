package memstore_test

import (
	"context"
	"testing"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/storetest"
)

// inMemory returns an in-memory store holding g.
func inMemory(t *testing.T, g *kg.Graph) kg.Store {
	t.Helper()
	s, err := memstore.Open("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Load(context.Background(), g, nil); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestContract runs the store contract (internal/storetest) on the store
// in memory.
func TestContract(t *testing.T) { storetest.Run(t, inMemory) }

// TestContractFromFile runs the contract on stores read back from their
// bbolt file: what Open rebuilds must answer as what Load built.
func TestContractFromFile(t *testing.T) { storetest.Run(t, fromFile) }

// fromFile returns a store holding g that was loaded into its file,
// closed, and opened again.
func fromFile(t *testing.T, g *kg.Graph) kg.Store {
	t.Helper()
	dir := t.TempDir()
	s, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(context.Background(), g, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestWriteContract runs the write contract (storetest.RunWrites) on the
// store in memory and on one with a file.
func TestWriteContract(t *testing.T) {
	t.Run("Memory", func(t *testing.T) {
		storetest.RunWrites(t, func(t *testing.T, g *kg.Graph) storetest.WriteStore { return inMemory(t, g).(*memstore.Store) })
	})
	t.Run("File", func(t *testing.T) {
		storetest.RunWrites(t, func(t *testing.T, g *kg.Graph) storetest.WriteStore { return fromFile(t, g).(*memstore.Store) })
	})
}
