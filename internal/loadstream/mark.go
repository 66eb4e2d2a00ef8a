package loadstream

import (
	"context"
	"sync"
	"time"

	"github.com/kgql/kgql/internal/kg"
)

// markEvery is how often a load records where it stands in its store's
// kg.LoadMark, so that a load killed between two records says, to the
// next kgql on the store, a line no later than the truth.
const markEvery = 5 * time.Second

// marking records the load in progress in m and keeps the line through
// which everything is written up to date until the returned function
// stops it; the caller clears the mark once the load finished.
func (p *pipeline) marking(ctx context.Context, m kg.LoadMarker, mark kg.LoadMark) (stop func(), err error) {
	if err := m.MarkLoad(ctx, mark); err != nil {
		return nil, err
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	record := func() {
		mark.Through, _ = p.ledger.written()
		m.MarkLoad(context.WithoutCancel(ctx), mark) // best effort: the next record, or the cut report, says it again
	}
	go func() {
		defer wg.Done()
		t := time.NewTicker(markEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				record()
				return
			case <-t.C:
				record()
			}
		}
	}()
	return func() { close(done); wg.Wait() }, nil
}
