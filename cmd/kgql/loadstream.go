package main

import (
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/ndjson"
	"github.com/kgql/kgql/internal/neo4jstore"
)

// isStreamLoad reports whether `kgql load` was given an NDJSON stream
// rather than a seed directory: --ndjson, "-" (stdin) or a file named
// *.ndjson, *.jsonl (optionally .gz).
func isStreamLoad(args []string) bool {
	for _, a := range args {
		switch {
		case a == "-", a == "--ndjson", a == "-ndjson", strings.HasPrefix(a, "--ndjson="), strings.HasPrefix(a, "-ndjson="):
			return true
		case strings.HasPrefix(a, "-"):
		default:
			name := strings.TrimSuffix(a, ".gz")
			if strings.HasSuffix(name, ".ndjson") || strings.HasSuffix(name, ".jsonl") {
				return true
			}
		}
	}
	return false
}

// maxProblems is how many problems a refused stream reports.
const maxProblems = 20

// loadStream reads an NDJSON graph (internal/ndjson) and writes it in
// batches as it reads: into Neo4j (NEO4J_URI) or, with --data, into the
// embedded store kept in that directory. It holds the ids it has read,
// not the graph. A problem stops the writing at once (the batches before
// it stay: loading again after the fix completes the load, as every item
// is merged on its id); the reading goes on to report up to 20 problems.
func loadStream(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("load", flag.ContinueOnError)
	flags.SetOutput(stderr)
	check := flags.Bool("check", false, "validate the stream only; connect to no store")
	file := flags.String("ndjson", "", "the NDJSON file to load; - for stdin")
	data := flags.String("data", "", "load into the embedded store kept in this directory instead of Neo4j")
	batch := flags.Int("batch", neo4jstore.BatchSize, "items per write transaction")
	writers := flags.Int("writers", 2, "concurrent write transactions")
	progressEvery := flags.Duration("progress", 2*time.Second, "progress interval (0: none)")
	cpuProfile := flags.String("cpuprofile", "", "write a CPU profile of the load to this file")
	flags.Usage = func() {
		fmt.Fprintln(stderr, "Usage: kgql load [--check] [--data DIR] FILE.ndjson|-\n\n"+
			"Streams an NDJSON graph (kgql gen's output; the format is documented in\n"+
			"internal/ndjson) into Neo4j (NEO4J_URI), or with --data into the embedded store.\n"+
			"Items are merged on their ids: loading twice changes nothing.")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return exitError(2)
	}
	name := *file
	if name == "" {
		name = flags.Arg(0)
	}
	if name == "" || flags.NArg() > 1 || (*file != "" && flags.NArg() > 0) {
		flags.Usage()
		return exitError(2)
	}
	if *batch < 1 || *writers < 1 {
		return kg.Errorf(kg.EINVALID, "--batch and --writers must be positive")
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	in, size, closeIn, err := openStream(name)
	if err != nil {
		return err
	}
	defer closeIn()

	var sink batchSink
	switch {
	case *check:
	case *data != "":
		ms, err := memstore.Open(*data)
		if err != nil {
			return err
		}
		defer ms.Close()
		sink = memSink{ms}
		*writers = 1 // the embedded store takes one writer at a time anyway
	default:
		cfg := neo4jConfigFromEnv()
		if cfg.URI == "" {
			return kg.Errorf(kg.EINVALID, "NEO4J_URI is not set: start Neo4j with 'eval \"$(make -s neo4j-up)\"', use --data DIR for the embedded store, or --check")
		}
		store, err := neo4jstore.Open(ctx, cfg)
		if err != nil {
			return err
		}
		defer store.Close(context.WithoutCancel(ctx))
		if err := store.EnsureSchema(ctx); err != nil {
			return err
		}
		sink = neo4jSink{store}
	}

	l := &streamLoader{sink: sink, batch: *batch, size: size, stderr: stderr, in: in, r: ndjson.NewReader(in)}
	l.start(ctx, *writers)
	stopProgress := l.progress(*progressEvery)
	problems, readErr := l.read()
	writeErr := l.finish()
	stopProgress()

	where := name
	if where == "-" {
		where = "stdin"
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(stderr, "%s:%s\n", where, strings.TrimPrefix(p.String(), "line "))
		}
		more := ""
		if len(problems) == maxProblems {
			more = " (reading stopped there)"
		}
		fmt.Fprintf(stderr, "kgql: %d problem(s) in %s%s\n", len(problems), where, more)
		if sink != nil {
			fmt.Fprintf(stderr, "kgql: writing stopped when line %d was read; %d entities and %d relations were written\n"+
				"      (items are merged on their ids: load again after the fix to complete the load;\n"+
				"      'kgql load --check' first validates the whole stream without writing)\n",
				l.stopLine, l.entsDone.Load(), l.relsDone.Load())
		}
		return exitError(1)
	}
	if readErr != nil {
		return fmt.Errorf("read %s: %w", where, readErr)
	}
	if writeErr != nil {
		return writeErr
	}
	ents, rels := l.r.Counts()
	if l.header != nil && l.header.Generator != "" {
		fmt.Fprintf(stdout, "stream %s: from %s %v\n", where, l.header.Generator, l.header.Options)
	}
	fmt.Fprintf(stdout, "stream %s: %d entities, %d relations, valid\n", where, ents, rels)
	if sink == nil {
		return nil
	}
	fmt.Fprintf(stdout, "entities: %s\nrelations: %s\n", l.report.Entities, l.report.Relations)
	entDur, relDur := l.phases()
	fmt.Fprintf(stdout, "loaded in %s: entities in %s (%.0f entities/s), relations in %s (%.0f relations/s)\n",
		(entDur + relDur).Round(time.Millisecond),
		entDur.Round(time.Millisecond), rate(ents, entDur), relDur.Round(time.Millisecond), rate(rels, relDur))
	if !l.report.Changed() {
		fmt.Fprintln(stdout, "no changes: the store already held this graph")
	}
	return nil
}

func rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// openStream opens name ("-" for stdin), gunzipping a *.gz; size is the
// file's size in bytes (0 when unknown), for progress.
func openStream(name string) (io.Reader, int64, func(), error) {
	var r io.Reader = os.Stdin
	var size int64
	closers := []func() error{}
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, 0, nil, kg.Errorf(kg.EINVALID, "%v", err)
		}
		closers = append(closers, f.Close)
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
		r = f
	}
	if strings.HasSuffix(name, ".gz") {
		counted := &countingReader{r: r}
		zr, err := gzip.NewReader(counted)
		if err != nil {
			for _, c := range closers {
				c()
			}
			return nil, 0, nil, kg.Errorf(kg.EINVALID, "%s: %v", name, err)
		}
		closers = append(closers, zr.Close)
		r = &gzipProgress{Reader: zr, compressed: counted}
	}
	return r, size, func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}, nil
}

type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// gzipProgress lets the progress follow the compressed bytes read.
type gzipProgress struct {
	io.Reader
	compressed *countingReader
}

// batchSink is a store that takes batches.
type batchSink interface {
	writeEntities(ctx context.Context, batch []*kg.Entity) (kg.Changes, error)
	writeRelations(ctx context.Context, batch []*kg.Relation) (kg.Changes, error)
}

type neo4jSink struct{ s *neo4jstore.Store }

func (n neo4jSink) writeEntities(ctx context.Context, b []*kg.Entity) (kg.Changes, error) {
	return n.s.WriteEntities(ctx, b)
}

func (n neo4jSink) writeRelations(ctx context.Context, b []*kg.Relation) (kg.Changes, error) {
	return n.s.WriteRelations(ctx, b)
}

type memSink struct{ s *memstore.Store }

func (m memSink) writeEntities(ctx context.Context, b []*kg.Entity) (kg.Changes, error) {
	rep, err := m.s.Load(ctx, &kg.Graph{Entities: b}, nil)
	return rep.Entities, err
}

func (m memSink) writeRelations(ctx context.Context, b []*kg.Relation) (kg.Changes, error) {
	rep, err := m.s.Load(ctx, &kg.Graph{Relations: b}, nil)
	return rep.Relations, err
}

// job is one batch for a writer: entities or relations.
type job struct {
	ents []*kg.Entity
	rels []*kg.Relation
}

// streamLoader reads items, groups them by kind or type into batches and
// hands them to writers. Relation batches wait until every entity batch
// before them has committed, so that their ends exist.
type streamLoader struct {
	sink   batchSink
	batch  int
	size   int64
	stderr io.Writer

	r      *ndjson.Reader
	header *ndjson.Header
	in     io.Reader

	jobs      chan job
	wg        sync.WaitGroup // writers
	entsWG    sync.WaitGroup // entity batches not yet committed
	parent    context.Context
	ctx       context.Context
	cancel    context.CancelFunc
	errOnce   sync.Once
	err       error
	mu        sync.Mutex
	report    kg.LoadReport
	entsDone  atomic.Int64
	relsDone  atomic.Int64
	expect    atomic.Int64 // entities and relations the header announces
	began     time.Time
	relsBegan atomic.Int64 // unix ns when the entities had all committed
	ended     time.Time

	stopLine int // the line read when the first problem was found

	entBuckets map[kg.Kind][]*kg.Entity
	relBuckets map[kg.RelationType][]*kg.Relation
	pendingEnt bool // entity batches were sent since the last barrier
}

func (l *streamLoader) start(ctx context.Context, writers int) {
	l.parent = ctx
	l.ctx, l.cancel = context.WithCancel(ctx)
	l.began = time.Now()
	l.entBuckets = map[kg.Kind][]*kg.Entity{}
	l.relBuckets = map[kg.RelationType][]*kg.Relation{}
	if l.sink == nil {
		return
	}
	l.jobs = make(chan job, writers)
	for range writers {
		l.wg.Add(1)
		go l.writer()
	}
}

func (l *streamLoader) fail(err error) {
	l.errOnce.Do(func() {
		l.err = err
		l.cancel()
	})
}

func (l *streamLoader) writer() {
	defer l.wg.Done()
	for j := range l.jobs {
		if l.ctx.Err() != nil {
			if j.ents != nil {
				l.entsWG.Done()
			}
			continue
		}
		if j.ents != nil {
			c, err := l.sink.writeEntities(l.ctx, j.ents)
			l.entsWG.Done()
			if err != nil {
				l.fail(err)
				continue
			}
			l.entsDone.Add(int64(len(j.ents)))
			l.mu.Lock()
			add(&l.report.Entities, c)
			l.mu.Unlock()
		} else {
			c, err := l.sink.writeRelations(l.ctx, j.rels)
			if err != nil {
				l.fail(err)
				continue
			}
			l.relsDone.Add(int64(len(j.rels)))
			l.mu.Lock()
			add(&l.report.Relations, c)
			l.mu.Unlock()
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
func (l *streamLoader) read() (problems ndjson.Problems, err error) {
	for {
		if l.ctx.Err() != nil {
			return problems, nil // a writer failed (or an interrupt): finish reports it
		}
		it, err := l.r.Next()
		if err == io.EOF {
			break
		}
		var ps ndjson.Problems
		if errors.As(err, &ps) {
			if len(problems) == 0 {
				l.stopLine = l.r.Line()
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
			l.header = it.Header
			l.expect.Store(it.Header.ExpectEntities + it.Header.ExpectRelations)
		case it.Entity != nil:
			k := it.Entity.Kind
			l.entBuckets[k] = append(l.entBuckets[k], it.Entity)
			if len(l.entBuckets[k]) >= l.batch {
				l.sendEntities(l.entBuckets[k])
				l.entBuckets[k] = nil
			}
		case it.Relation != nil:
			l.barrier()
			t := it.Relation.Type
			l.relBuckets[t] = append(l.relBuckets[t], it.Relation)
			if len(l.relBuckets[t]) >= l.batch {
				l.send(job{rels: l.relBuckets[t]})
				l.relBuckets[t] = nil
			}
		}
	}
	if len(problems) > 0 {
		return problems, nil
	}
	l.barrier()
	for _, t := range kg.RelationTypes {
		if len(l.relBuckets[t]) > 0 {
			l.send(job{rels: l.relBuckets[t]})
			l.relBuckets[t] = nil
		}
	}
	return nil, nil
}

func (l *streamLoader) sendEntities(b []*kg.Entity) {
	if l.sink == nil {
		return
	}
	l.pendingEnt = true
	l.entsWG.Add(1)
	l.send(job{ents: b})
}

func (l *streamLoader) send(j job) {
	if l.sink == nil {
		return
	}
	select {
	case l.jobs <- j:
	case <-l.ctx.Done():
		if j.ents != nil {
			l.entsWG.Done()
		}
	}
}

// barrier sends the entities still in buckets and waits until every
// entity batch has committed, once per run of entities.
func (l *streamLoader) barrier() {
	for _, k := range kg.Kinds {
		if len(l.entBuckets[k]) > 0 {
			l.sendEntities(l.entBuckets[k])
			l.entBuckets[k] = nil
		}
	}
	if l.pendingEnt {
		l.entsWG.Wait()
		l.pendingEnt = false
	}
	if l.relsBegan.Load() == 0 {
		l.relsBegan.Store(time.Now().UnixNano())
	}
}

// finish waits for the writers and returns the first error.
func (l *streamLoader) finish() error {
	if l.jobs != nil {
		close(l.jobs)
	}
	l.wg.Wait()
	l.ended = time.Now()
	if l.relsBegan.Load() == 0 {
		l.relsBegan.Store(l.ended.UnixNano())
	}
	l.cancel()
	if l.err != nil {
		return l.err
	}
	return l.parent.Err()
}

// phases returns how long the entities and the relations took.
func (l *streamLoader) phases() (ents, rels time.Duration) {
	relsBegan := time.Unix(0, l.relsBegan.Load())
	return relsBegan.Sub(l.began), l.ended.Sub(relsBegan)
}

// progress prints, every interval, what was read and written: a bar when
// the stream's size (or the header's expected counts) is known.
func (l *streamLoader) progress(every time.Duration) func() {
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
				fmt.Fprintln(l.stderr, l.progressLine())
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

func (l *streamLoader) progressLine() string {
	el := time.Since(l.began)
	ents, rels := l.entsDone.Load(), l.relsDone.Load()
	frac := -1.0
	read := l.r.BytesRead()
	if g, ok := l.in.(*gzipProgress); ok {
		read = g.compressed.n.Load()
	}
	switch expect := l.expect.Load(); {
	case l.size > 0:
		frac = float64(read) / float64(l.size)
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
	if ns := l.relsBegan.Load(); ns != 0 {
		relRate = rate(int(rels), time.Since(time.Unix(0, ns)))
	}
	return fmt.Sprintf("  %s%d MB read, %d entities (%.0f/s), %d relations (%.0f/s) written, %s",
		bar, read>>20, ents, rate(int(ents), el), rels, relRate, el.Round(time.Second))
}
