package neo4jstore

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgql/kgql/internal/testwait"
)

// TestCallsInFlightCapped: with MaxCalls calls in flight, one more waits
// for a slot, not for a connection of the pool, and gives up when its
// caller does, without reaching Neo4j.
func TestCallsInFlightCapped(t *testing.T) {
	s, err := New(Config{URI: "bolt://127.0.0.1:1", MaxCalls: 3}) // fn never dials
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	release := make(chan struct{})
	var started sync.WaitGroup
	for range 3 {
		started.Add(1)
		go s.use(context.Background(), false, func(neo4j.DriverWithContext) error {
			started.Done()
			<-release
			return nil
		})
	}
	started.Wait()
	testwait.Until(t, "three calls in flight", 10*time.Second, func() bool { return len(s.calls) == 3 })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ran := false
	err = s.use(ctx, false, func(neo4j.DriverWithContext) error { ran = true; return nil })
	if ran || err != context.Canceled {
		t.Errorf("a fourth call of three: ran %v, %v; want it not run, context.Canceled", ran, err)
	}
	close(release)
	if err := s.use(context.Background(), false, func(neo4j.DriverWithContext) error { return nil }); err != nil {
		t.Errorf("a call once the others ended: %v", err)
	}
}
