package loadstream

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progress prints, every interval, what was read and written: a bar when
// the stream's size (or the header's expected counts) is known. The
// returned function stops it.
func (p *pipeline) progress(w io.Writer, in *input, every time.Duration) func() {
	if every <= 0 {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				fmt.Fprintln(w, p.progressLine(in))
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

func (p *pipeline) progressLine(in *input) string {
	el := time.Since(p.began)
	ents, rels := p.entsDone.Load(), p.relsDone.Load()
	frac := -1.0
	read := p.r.BytesRead()
	if in.compressed != nil {
		read = in.compressed.n.Load()
	}
	switch expect := p.expect.Load(); {
	case in.size > 0:
		frac = float64(read) / float64(in.size)
	case expect > 0:
		frac = float64(ents+rels) / float64(expect)
	}
	bar := ""
	if frac >= 0 {
		frac = min(frac, 1)
		const width = 30
		n := int(frac * width)
		bar = fmt.Sprintf("[%s%s] %3.0f%% ", strings.Repeat("#", n), strings.Repeat(".", width-n), 100*frac)
	}
	relRate := 0.0
	if ns := p.relsBegan.Load(); ns != 0 {
		relRate = rate(int(rels), time.Since(time.Unix(0, ns)))
	}
	line, _ := p.ledger.written()
	return fmt.Sprintf("  %s%d MB read, %d entities (%.0f/s), %d relations (%.0f/s) written, every item of lines 1-%d, %s",
		bar, read>>20, ents, rate(int(ents), el), rels, relRate, line, el.Round(time.Second))
}

func rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}
