package synth

import (
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/kgql/kgql/internal/kg"
)

// Documents are sequences of sentences that evidence quotes. A sentence is
// a function of its document and number, so the entity pass and the story
// pass quote the very same text.

// docMeta is what a document's evidence needs from it.
type docMeta struct {
	published kg.Date // day precision
	sentences int
}

var (
	firstDay = time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)
	lastDay  = time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
)

func (g *gen) docMeta(j int) docMeta {
	r := g.rng(streamDoc, uint64(j))
	days := int(lastDay.Sub(firstDay).Hours() / 24)
	// Later years have more coverage: the square root skews towards the end.
	t := firstDay.AddDate(0, 0, int(float64(days)*math.Sqrt(r.Float64())))
	return docMeta{published: dayDate(t), sentences: 8 + r.IntN(14)}
}

func dayDate(t time.Time) kg.Date {
	return kg.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Precision: kg.PrecisionDay}
}

func monthDate(y, m int) kg.Date { return kg.Date{Year: y, Month: m, Precision: kg.PrecisionMonth} }

func yearDate(y int) kg.Date { return kg.Date{Year: y, Precision: kg.PrecisionYear} }

// someDate returns a date within the years, at a mix of precisions.
func someDate(r *rand.Rand, fromYear, toYear int) kg.Date {
	y := fromYear + r.IntN(toYear-fromYear+1)
	switch p := r.IntN(10); {
	case p < 4:
		return yearDate(y)
	case p < 7:
		return monthDate(y, 1+r.IntN(12))
	default:
		return dayDate(time.Date(y, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC))
	}
}

var (
	openers = []string{
		"Officials said", "The minister said", "According to the statement,", "The spokesperson confirmed that",
		"In a joint statement,", "Speaking at the event,", "Analysts noted that", "The delegation announced that",
		"Sources said", "The report said",
	}
	actors = []string{
		"the two sides", "both countries", "the organization", "the ministry", "the government",
		"the authority", "participants", "the partners", "the council", "the regulator",
	}
	verbs = []string{
		"agreed to expand", "discussed", "reviewed", "pledged to strengthen", "welcomed progress on",
		"stressed the importance of", "called for closer", "signed an agreement on", "proposed", "launched",
	}
	objects = []string{
		"cooperation in %s", "%s projects", "investment in %s", "the %s framework", "regional %s links",
		"a joint working group on %s", "capacity building in %s",
	}
	tails = []string{
		"", " over the next five years", " during the visit", " at the ministerial level",
		" in line with earlier commitments", ", officials said", " under the new framework", " by the end of the year",
	}
)

// sentence is sentence k of document j: at most one sentence, well under
// the 400 characters an excerpt may have.
func (g *gen) sentence(j, k int) string {
	r := g.rng(streamSentence, uint64(j)<<8|uint64(k))
	var b strings.Builder
	clause := func() {
		b.WriteString(pick(r, actors))
		b.WriteByte(' ')
		b.WriteString(pick(r, verbs))
		b.WriteByte(' ')
		b.WriteString(strings.Replace(pick(r, objects), "%s", strings.ToLower(pick(r, topics)), 1))
	}
	b.WriteString(pick(r, openers))
	b.WriteByte(' ')
	clause()
	if r.IntN(3) == 0 {
		b.WriteString(", and ")
		clause()
	}
	b.WriteString(pick(r, tails))
	b.WriteByte('.')
	return b.String()
}

// texts memoizes the documents' metadata and sentences for one story, so
// that its evidence shares the strings it quotes.
type texts struct {
	g     *gen
	metas map[int]docMeta
	sents map[[2]int]string
}

func (g *gen) texts() *texts {
	return &texts{g: g, metas: map[int]docMeta{}, sents: map[[2]int]string{}}
}

func (t *texts) meta(j int) docMeta {
	m, ok := t.metas[j]
	if !ok {
		m = t.g.docMeta(j)
		t.metas[j] = m
	}
	return m
}

func (t *texts) sentence(j, k int) string {
	s, ok := t.sents[[2]int{j, k}]
	if !ok {
		s = t.g.sentence(j, k)
		t.sents[[2]int{j, k}] = s
	}
	return s
}

// evidence quotes a random sentence of document j, dated by the document
// (or, now and then, by the month of the statement).
func (t *texts) evidence(r *rand.Rand, j int) kg.Evidence {
	m := t.meta(j)
	ev := kg.Evidence{DocumentID: t.g.l.id(t.g.l.doc(j)), Excerpt: t.sentence(j, r.IntN(m.sentences)), Date: m.published}
	if r.IntN(10) == 0 {
		ev.Date = monthDate(m.published.Year, m.published.Month)
	}
	return ev
}
