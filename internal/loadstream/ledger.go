package loadstream

import (
	"fmt"
	"sync"
)

// ledger knows how much of a stream is written, so that a load cut short
// (a problem, a store that fails, an interrupt) says exactly what landed:
// every item on lines 1 to some line, and how many of later lines. A
// batch is open from when its first item is read until its transaction
// commits; items are read in line order, so every line before the first
// line of the earliest open batch is written.
type ledger struct {
	mu       sync.Mutex
	open     map[int]counts // first line of each open batch -> the items read before it
	read     counts         // items read
	done     counts         // items written, or skipped as written before (--resume-after)
	lastLine int            // of the last item read
}

// counts are numbers of entities and relations.
type counts struct{ ents, rels int64 }

func newLedger() *ledger { return &ledger{open: map[int]counts{}} }

// begin opens a batch whose first item is on line, before that item is
// read.
func (l *ledger) begin(line int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.open[line] = l.read
}

// item records an item read on line; skipped, it was written before.
func (l *ledger) item(line int, entity, skipped bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	c := counts{rels: 1}
	if entity {
		c = counts{ents: 1}
	}
	l.read = l.read.plus(c)
	if skipped {
		l.done = l.done.plus(c)
	}
	l.lastLine = line
}

// commit closes the batch whose first item is on first, which held c.
func (l *ledger) commit(first int, c counts) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.open, first)
	l.done = l.done.plus(c)
}

func (c counts) plus(d counts) counts { return counts{c.ents + d.ents, c.rels + d.rels} }

// written returns the last line through which every item is written, and
// how many items stand on those lines.
func (l *ledger) written() (line int, through counts) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.writtenLocked()
}

func (l *ledger) writtenLocked() (line int, through counts) {
	first := 0
	for f := range l.open {
		if first == 0 || f < first {
			first = f
		}
	}
	if first == 0 {
		return l.lastLine, l.read
	}
	return first - 1, l.open[first]
}

// cutReport says what a load cut short wrote, and how to complete it:
// load is the command that loaded it, but for the stream.
func (l *ledger) cutReport(load, file string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	line, through := l.writtenLocked()
	later := counts{l.done.ents - through.ents, l.done.rels - through.rels}
	return fmt.Sprintf("kgql: every item of lines 1-%d was written (%d entities, %d relations), and of later lines %d entities and %d relations.\n"+
		"      Items merge on their ids: load the same stream again to complete the load (what is written\n"+
		"      stays unchanged), or skip lines 1-%d with: %s --resume-after %d %s\n",
		line, through.ents, through.rels, later.ents, later.rels, line, load, line, file)
}
