package loadstream

import (
	"context"
	"errors"
	"io"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/ndjson"
)

// maxProblems is how many problems a refused stream reports.
const maxProblems = 20

// job is one batch for a writer: entities or relations, the first of
// them on line first.
type job struct {
	ents  []*kg.Entity
	rels  []*kg.Relation
	first int
}

// pipeline reads items, groups them by kind or type into batches and
// hands them to writers. Relation batches wait until every entity batch
// before them has committed, so that their ends exist.
type pipeline struct {
	sink  Sink
	batch int

	r      *ndjson.Reader
	header *ndjson.Header

	jobs    chan job
	wg      sync.WaitGroup // writers
	entsWG  sync.WaitGroup // entity batches not yet committed
	parent  context.Context
	ctx     context.Context
	cancel  context.CancelFunc
	errOnce sync.Once
	err     error

	mu        sync.Mutex // guards report and batchTimes
	report    kg.LoadReport
	relTimes  []time.Duration // how long each relation batch took to write
	entsDone  atomic.Int64
	relsDone  atomic.Int64
	expect    atomic.Int64 // entities and relations the header announces
	began     time.Time
	relsBegan atomic.Int64 // unix ns when the entities had all committed
	ended     time.Time

	stopLine    int // the line read when the first problem was found
	ledger      *ledger
	resumeAfter int // items on lines up to this one were written before: they are read, not written

	entBuckets map[kg.Kind][]*kg.Entity
	relBuckets map[kg.RelationType][]*kg.Relation
	entFirst   map[kg.Kind]int // the line of each bucket's first item
	relFirst   map[kg.RelationType]int
	pendingEnt bool // entity batches were sent since the last barrier
}

func newPipeline(ctx context.Context, in io.Reader, sink Sink, batch, writers, resumeAfter int) *pipeline {
	p := &pipeline{sink: sink, batch: batch, r: ndjson.NewReader(in), parent: ctx, began: time.Now(),
		ledger: newLedger(), resumeAfter: resumeAfter,
		entBuckets: map[kg.Kind][]*kg.Entity{}, relBuckets: map[kg.RelationType][]*kg.Relation{},
		entFirst: map[kg.Kind]int{}, relFirst: map[kg.RelationType]int{}}
	p.ctx, p.cancel = context.WithCancel(ctx)
	if sink == nil {
		return p
	}
	p.jobs = make(chan job, writers)
	for range writers {
		p.wg.Add(1)
		go p.writer()
	}
	return p
}

func (p *pipeline) fail(err error) {
	p.errOnce.Do(func() {
		p.err = err
		p.cancel()
	})
}

func (p *pipeline) writer() {
	defer p.wg.Done()
	for j := range p.jobs {
		if p.ctx.Err() != nil {
			if j.ents != nil {
				p.entsWG.Done()
			}
			continue
		}
		if j.ents != nil {
			c, err := p.sink.WriteEntities(p.ctx, j.ents)
			p.entsWG.Done()
			if err != nil {
				p.fail(err)
				continue
			}
			p.entsDone.Add(int64(len(j.ents)))
			p.ledger.commit(j.first, counts{ents: int64(len(j.ents))})
			p.mu.Lock()
			add(&p.report.Entities, c)
			p.mu.Unlock()
		} else {
			start := time.Now()
			c, err := p.sink.WriteRelations(p.ctx, j.rels)
			if err != nil {
				p.fail(err)
				continue
			}
			took := time.Since(start)
			p.relsDone.Add(int64(len(j.rels)))
			p.ledger.commit(j.first, counts{rels: int64(len(j.rels))})
			p.mu.Lock()
			add(&p.report.Relations, c)
			p.relTimes = append(p.relTimes, took)
			p.mu.Unlock()
		}
	}
}

func add(c *kg.Changes, d kg.Changes) {
	c.Created += d.Created
	c.Updated += d.Updated
	c.Unchanged += d.Unchanged
}

// read reads the stream to its end, or to the first maxProblems problems,
// sending batches while it has found none.
func (p *pipeline) read() (problems ndjson.Problems, err error) {
	for {
		if p.ctx.Err() != nil {
			return problems, nil // a writer failed (or an interrupt): finish reports it
		}
		it, err := p.r.Next()
		if err == io.EOF {
			break
		}
		var ps ndjson.Problems
		if errors.As(err, &ps) {
			if len(problems) == 0 {
				p.stopLine = p.r.Line()
			}
			problems = append(problems, ps...)
			if len(problems) >= maxProblems {
				return problems[:maxProblems], nil
			}
		} else if err != nil {
			return problems, err
		}
		if len(problems) > 0 {
			continue // write nothing after a problem
		}
		switch {
		case it.Header != nil:
			p.header = it.Header
			p.expect.Store(it.Header.ExpectEntities + it.Header.ExpectRelations)
		case it.Line <= p.resumeAfter && (it.Entity != nil || it.Relation != nil):
			p.ledger.item(it.Line, it.Entity != nil, true)
		case it.Entity != nil:
			k := it.Entity.Kind
			if len(p.entBuckets[k]) == 0 {
				p.ledger.begin(it.Line)
				p.entFirst[k] = it.Line
			}
			p.entBuckets[k] = append(p.entBuckets[k], it.Entity)
			p.ledger.item(it.Line, true, false)
			if len(p.entBuckets[k]) >= p.batch {
				p.sendEntities(p.entBuckets[k], p.entFirst[k])
				p.entBuckets[k] = nil
			}
		case it.Relation != nil:
			p.barrier()
			t := it.Relation.Type
			if len(p.relBuckets[t]) == 0 {
				p.ledger.begin(it.Line)
				p.relFirst[t] = it.Line
			}
			p.relBuckets[t] = append(p.relBuckets[t], it.Relation)
			p.ledger.item(it.Line, false, false)
			if len(p.relBuckets[t]) >= p.batch {
				p.send(job{rels: p.relBuckets[t], first: p.relFirst[t]})
				p.relBuckets[t] = nil
			}
		}
	}
	if len(problems) > 0 {
		return problems, nil
	}
	p.barrier()
	for _, t := range kg.RelationTypes {
		if len(p.relBuckets[t]) > 0 {
			p.send(job{rels: p.relBuckets[t], first: p.relFirst[t]})
			p.relBuckets[t] = nil
		}
	}
	return nil, nil
}

func (p *pipeline) sendEntities(b []*kg.Entity, first int) {
	if p.sink == nil {
		return
	}
	p.pendingEnt = true
	p.entsWG.Add(1)
	p.send(job{ents: b, first: first})
}

func (p *pipeline) send(j job) {
	if p.sink == nil {
		return
	}
	select {
	case p.jobs <- j:
	case <-p.ctx.Done():
		if j.ents != nil {
			p.entsWG.Done()
		}
	}
}

// barrier sends the entities still in buckets and waits until every
// entity batch has committed, once per run of entities.
func (p *pipeline) barrier() {
	for _, k := range kg.Kinds {
		if len(p.entBuckets[k]) > 0 {
			p.sendEntities(p.entBuckets[k], p.entFirst[k])
			p.entBuckets[k] = nil
		}
	}
	if p.pendingEnt {
		p.entsWG.Wait()
		p.pendingEnt = false
	}
	if p.relsBegan.Load() == 0 {
		p.relsBegan.Store(time.Now().UnixNano())
	}
}

// finish waits for the writers and returns the first error.
func (p *pipeline) finish() error {
	if p.jobs != nil {
		close(p.jobs)
	}
	p.wg.Wait()
	p.ended = time.Now()
	if p.relsBegan.Load() == 0 {
		p.relsBegan.Store(p.ended.UnixNano())
	}
	p.cancel()
	if p.err != nil {
		return p.err
	}
	return p.parent.Err()
}

// phases returns how long the entities and the relations took.
func (p *pipeline) phases() (ents, rels time.Duration) {
	relsBegan := time.Unix(0, p.relsBegan.Load())
	return relsBegan.Sub(p.began), p.ended.Sub(relsBegan)
}

// batchLatency returns the median and the longest time a relation batch
// took to write.
func (p *pipeline) batchLatency() (n int, median, longest time.Duration) {
	p.mu.Lock()
	times := slices.Clone(p.relTimes)
	p.mu.Unlock()
	if len(times) == 0 {
		return 0, 0, 0
	}
	slices.Sort(times)
	return len(times), times[len(times)/2], times[len(times)-1]
}
