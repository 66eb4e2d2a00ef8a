package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/ndjson"
	"github.com/kgql/kgql/internal/synth"
)

// gen writes a synthetic graph as NDJSON (internal/ndjson), streaming: it
// holds one story of the generator at a time, whatever the size.
func gen(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("gen", flag.ContinueOnError)
	entities := flags.Int("entities", 10000, "number of entities, documents included (at least 40)")
	seedFlag := flags.Uint64("seed", 1, "random seed: the same options give the same graph")
	rpe := flags.Float64("relations-per-entity", synth.DefaultRelationsPerEntity, "relations per entity, MENTIONS included (about)")
	out := flags.String("out", "-", "output file; - for stdout")
	quiet := flags.Bool("quiet", false, "no progress on stderr")
	flags.Usage = func() {
		fmt.Fprintln(flags.Output(), "Usage: kgql gen --entities N [--seed S] [--relations-per-entity R] [--out FILE]\n\n"+
			"Writes a deterministic synthetic graph as NDJSON (one entity or relation per line,\n"+
			"see internal/ndjson), for 'kgql load FILE.ndjson' or 'kgql gen ... | kgql load -'.\n"+
			"Takes no arguments and reads no environment variable.\n\nFlags:")
		printFlags(flags)
	}
	rest, err := parseFlags(flags, args, stdout, stderr)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "kgql: gen takes no arguments, not %q (kgql gen -h)\n", rest[0])
		return exitError(2)
	}
	if *entities < 1 || *rpe <= 0 {
		return kg.Errorf(kg.EINVALID, "--entities and --relations-per-entity must be positive")
	}
	w := stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	opts := synth.Options{Entities: *entities, RelationsPerEntity: *rpe, Seed: *seedFlag}
	n := int64(max(*entities, synth.MinEntities))
	nw := ndjson.NewWriter(w)
	err = nw.Header(ndjson.Header{
		Generator:       "kgql gen",
		Options:         genOptions(opts),
		ExpectEntities:  n,
		ExpectRelations: int64(float64(n) * *rpe),
	})
	if err != nil {
		return err
	}
	start, last := time.Now(), time.Now()
	var ents, rels int64
	report := func(force bool) {
		if *quiet || (!force && time.Since(last) < 2*time.Second) {
			return
		}
		last = time.Now()
		fmt.Fprintf(stderr, "kgql gen: %d entities, %d relations (%s)\n", ents, rels, time.Since(start).Round(time.Second))
	}
	err = synth.Stream(opts,
		func(e *kg.Entity) error {
			ents++
			if ents%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				report(false)
			}
			return nw.Entity(e)
		},
		func(r *kg.Relation) error {
			rels++
			if rels%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				report(false)
			}
			return nw.Relation(r)
		})
	if err != nil {
		return err
	}
	if err := nw.Flush(); err != nil {
		return err
	}
	if !*quiet {
		el := time.Since(start)
		fmt.Fprintf(stderr, "kgql gen: wrote %d entities and %d relations in %s (%.0f lines/s)\n",
			ents, rels, el.Round(time.Millisecond), float64(ents+rels)/el.Seconds())
	}
	return nil
}

// genOptions is how a header records the generator's options.
func genOptions(o synth.Options) map[string]any {
	return map[string]any{"entities": o.Entities, "seed": o.Seed, "relationsPerEntity": o.RelationsPerEntity}
}
