package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/seedfile"
)

// A story is one or two documents and the entities they are about (its
// subjects). It states every relation whose From end is one of its
// subjects, quoting only its own documents, and its subjects' attributes
// quote them too. So the evidence naming a document is all in its story:
// the MENTIONS derived from one story are exactly those the seed loader
// would derive from the whole graph, and relation ids, which start with
// the From end, are unique as long as they are unique within a subject.

func (g *gen) story(s int) []*kg.Relation {
	r := g.rng(streamStory, uint64(s))
	st := &storyGen{gen: g, r: r, docs: g.l.storyDocs(s), txt: g.texts(), cast: map[int][]int{}}
	st.base = st.txt.meta(st.docs[0]).published
	var subjects []*kg.Entity
	var facts []*kg.Relation
	// The subjects are the first of the story's cast.
	for i := g.l.subjectStart(s); i < g.l.subjectStart(s+1); i++ {
		k, _ := g.l.kindOf(i)
		st.cast[k] = append(st.cast[k], i)
	}
	for i := g.l.subjectStart(s); i < g.l.subjectStart(s+1); i++ {
		subjects = append(subjects, g.entity(i))
		facts = st.facts(i, facts)
	}
	mentions := seedfile.DeriveMentions(&kg.Graph{Entities: subjects, Relations: facts})
	return append(facts, mentions...)
}

type storyGen struct {
	*gen
	r    *rand.Rand
	docs []int
	txt  *texts
	base kg.Date       // publication of the story's first document
	cast map[int][]int // by kind: the targets the story has named so far
}

// castAlpha is how readily a story names a new entity rather than one it
// already named (a Chinese restaurant process): a story is about a few
// entities, as an article is.
const castAlpha = 2.0

type weighted[T any] struct {
	w int
	v T
}

func choose[T any](r *rand.Rand, list []weighted[T]) T {
	total := 0
	for _, c := range list {
		total += c.w
	}
	n := r.IntN(total)
	for _, c := range list {
		if n < c.w {
			return c.v
		}
		n -= c.w
	}
	return list[len(list)-1].v
}

// relationMix is what each kind of subject states about itself.
var relationMix = [numKinds][]weighted[kg.RelationType]{
	kPerson: {
		{25, kg.HoldsPosition}, {25, kg.ParticipatedIn}, {20, kg.MetWith}, {8, kg.MemberOf},
		{7, kg.Proposed}, {5, kg.CooperatesWith}, {5, kg.Organized},
	},
	kOrganization: {
		{12, kg.PartOf}, {15, kg.LocatedIn}, {12, kg.MemberOf}, {12, kg.Organized}, {15, kg.ParticipatedIn},
		{14, kg.CooperatesWith}, {8, kg.Issued}, {5, kg.Proposed}, {2, kg.RankedIn}, {5, kg.MetWith},
	},
	kCountry: {
		{15, kg.TradesWith}, {15, kg.Exports}, {12, kg.DiplomaticRelation}, {12, kg.MemberOf},
		{12, kg.ParticipatedIn}, {10, kg.CooperatesWith}, {8, kg.MetWith}, {8, kg.RankedIn},
		{4, kg.Organized}, {3, kg.Proposed}, {1, kg.Issued},
	},
	kCity:       {{100, kg.LocatedIn}},
	kEvent:      {{55, kg.LocatedIn}, {45, kg.PartOf}},
	kInitiative: {{50, kg.PartOf}, {50, kg.LocatedIn}},
}

// baseDegree is the mean number of facts a subject of each kind states,
// before scaling; kinds without one are only ever targets.
var baseDegree = [numKinds]float64{kPerson: 4, kOrganization: 6, kCountry: 40, kCity: 1.2, kEvent: 2, kInitiative: 2}

// targetKind says what kind of entity a relation of type t from a subject
// of kind k points at, per docs/model.md.
func targetKind(r *rand.Rand, t kg.RelationType, k int) int {
	var list []weighted[int]
	switch t {
	case kg.HoldsPosition:
		list = []weighted[int]{{80, kOrganization}, {20, kCountry}}
	case kg.MemberOf:
		list = []weighted[int]{{1, kOrganization}}
	case kg.PartOf:
		if k == kOrganization {
			list = []weighted[int]{{60, kOrganization}, {40, kCountry}}
		} else {
			list = []weighted[int]{{40, kOrganization}, {30, kInitiative}, {30, kEvent}}
		}
	case kg.LocatedIn:
		if k == kCity {
			list = []weighted[int]{{85, kCountry}, {15, kRegion}}
		} else {
			list = []weighted[int]{{45, kCountry}, {45, kCity}, {10, kRegion}}
		}
	case kg.Organized, kg.ParticipatedIn:
		list = []weighted[int]{{70, kEvent}, {30, kInitiative}}
	case kg.Proposed:
		list = []weighted[int]{{1, kInitiative}}
	case kg.Issued:
		list = []weighted[int]{{20, kIndex}, {40, kInitiative}, {40, kDocument}}
	case kg.RankedIn:
		list = []weighted[int]{{1, kIndex}}
	case kg.CooperatesWith, kg.MetWith:
		list = []weighted[int]{{40, kPerson}, {35, kOrganization}, {25, kCountry}}
	case kg.DiplomaticRelation, kg.TradesWith:
		list = []weighted[int]{{1, kCountry}}
	case kg.Exports:
		list = []weighted[int]{{1, kCommodity}}
	}
	return choose(r, list)
}

// outDegree draws a subject's number of facts from a heavy-tailed
// (Pareto) distribution of mean baseDegree; the largest organisations
// state several times more.
func (st *storyGen) outDegree(k, local int) int {
	b := baseDegree[k] * st.scale
	if k == kOrganization && local < max(3, st.l.count[kOrganization]/100) {
		b *= 8
	}
	f := min(0.6/math.Pow(1-st.r.Float64(), 0.4), 30)
	d := b * f
	n := int(d)
	if st.r.Float64() < d-float64(n) {
		n++
	}
	return n
}

// targetLocal picks the target within its kind: half the time a hub (the
// power law), half the time a neighbour of the subject's position, which
// gives the graph communities.
func (st *storyGen) targetLocal(kind int, pos float64) int {
	n := st.l.count[kind]
	switch kind {
	case kCountry, kRegion, kCommodity, kIndex:
		return st.powerLocal(st.r, kind)
	}
	if st.r.IntN(2) == 0 {
		return st.powerLocal(st.r, kind)
	}
	x := pos + (st.r.Float64()-0.5)*0.004
	local := int(x*float64(n)) % n
	if local < 0 {
		local += n
	}
	return local
}

// target picks an entity of the kind: one the story already named, or,
// less and less often as it names more, a new one.
func (st *storyGen) target(kind int, pos float64) int {
	cast := st.cast[kind]
	if n := float64(len(cast)); n > 0 && st.r.Float64() >= castAlpha/(castAlpha+n) {
		return cast[st.r.IntN(len(cast))]
	}
	to := st.l.global(kind, st.targetLocal(kind, pos))
	st.cast[kind] = append(cast, to)
	return to
}

// facts appends the facts subject i states.
func (st *storyGen) facts(i int, out []*kg.Relation) []*kg.Relation {
	k, local := st.l.kindOf(i)
	mix := relationMix[k]
	if len(mix) == 0 {
		return out
	}
	deg := st.outDegree(k, local)
	from := st.l.id(i)
	pos := float64(i) / float64(st.l.subjects)
	used := map[string]bool{}
	for n, attempt := 0, 0; n < deg && attempt < 3*deg; attempt++ {
		t := choose(st.r, mix)
		tk := targetKind(st.r, t, k)
		to, doc := 0, -1
		if tk == kDocument {
			doc = pick(st.r, st.docs)
			to = st.l.doc(doc)
		} else {
			to = st.target(tk, pos)
		}
		if to == i {
			continue
		}
		rel := &kg.Relation{Type: t, From: from, To: st.l.id(to)}
		st.qualify(rel)
		if rel.Counterpart == from {
			continue
		}
		id := kg.RelationID(from, t, rel.To, rel.Counterpart)
		if used[id] {
			key := altKey(rel)
			if key == "" || rel.Counterpart != "" {
				continue
			}
			id = kg.RelationID(from, t, rel.To, key)
			if used[id] {
				continue
			}
		}
		used[id] = true
		rel.ID = id
		rel.Evidence = st.evidence(doc)
		out = append(out, rel)
		n++
	}
	return out
}

// altKey is the key that tells a second relation of one type between the
// same ends from the first: the year of a trade figure, the date of a
// meeting, a role.
func altKey(r *kg.Relation) string {
	switch {
	case (r.Type == kg.TradesWith || r.Type == kg.MetWith) && r.ValidFrom != nil:
		return r.ValidFrom.String()
	case r.Role != "":
		return kg.Slug(r.Role)
	}
	return ""
}

// evidence quotes the story's documents (doc when it is >= 0): usually
// once, sometimes twice or three times, now and then naming the speaker.
func (st *storyGen) evidence(doc int) []kg.Evidence {
	n := 1
	switch p := st.r.IntN(20); {
	case p == 19:
		n = 3
	case p >= 14:
		n = 2
	}
	evs := make([]kg.Evidence, 0, n)
	for range n {
		j := doc
		if j < 0 {
			j = pick(st.r, st.docs)
		}
		ev := st.txt.evidence(st.r, j)
		if st.r.IntN(7) == 0 {
			ev.SaidBy = st.speaker()
		}
		dup := false
		for _, have := range evs {
			dup = dup || (have.DocumentID == ev.DocumentID && have.Excerpt == ev.Excerpt)
		}
		if !dup {
			evs = append(evs, ev)
		}
	}
	return evs
}

// speaker is who made a statement: mostly a person or organisation of the
// story's cast, the most quoted far more than the others.
func (st *storyGen) speaker() string {
	if st.r.IntN(10) < 7 {
		return st.l.id(st.target(kPerson, 0))
	}
	return st.l.id(st.target(kOrganization, 0))
}

var (
	countryRoles = []string{"President", "Prime Minister", "Foreign Minister", "Deputy Prime Minister", "Ambassador", "Finance Minister"}
	orgRoles     = []string{"Chairman", "Chief Executive Officer", "Director General", "Secretary General", "Coordinator General", "Spokesperson", "Board Member"}
)

// qualify sets the qualifiers a relation of its type typically has.
func (st *storyGen) qualify(rel *kg.Relation) {
	r, y := st.r, st.base.Year
	chance := func(percent int) bool { return r.IntN(100) < percent }
	date := func(d kg.Date) *kg.Date { return &d }
	switch rel.Type {
	case kg.HoldsPosition:
		if kind, _ := kg.KindOfID(rel.To); kind == kg.KindCountry {
			rel.Role = pick(r, countryRoles)
		} else {
			rel.Role = pick(r, orgRoles)
		}
		if chance(40) {
			rel.ValidFrom = date(someDate(r, y-12, y))
			if chance(35) {
				if to := someDate(r, rel.ValidFrom.Year, y+2); to.Last() >= rel.ValidFrom.First() {
					rel.ValidTo = &to
				}
			}
		}
	case kg.MemberOf:
		if chance(20) {
			rel.Role = pick(r, []string{"founding member", "observer", "member state", "associate member"})
		}
		if chance(30) {
			rel.ValidFrom = date(someDate(r, 1950, y))
		}
	case kg.PartOf:
		if chance(50) {
			rel.Role = pick(r, []string{"subsidiary", "standing committee", "regulator", "department", "working group", "affiliate"})
		}
		if chance(5) {
			rel.Status = kg.StatusPlanned
		}
	case kg.LocatedIn:
		if chance(5) {
			rel.Status = kg.StatusPlanned
		}
	case kg.Organized:
		if chance(20) {
			rel.Status = kg.StatusPlanned
		}
		if chance(10) {
			rel.Note = "jointly organized"
		}
		if chance(5) {
			rel.Count = &kg.Count{Value: 2 + r.IntN(4), Qualifier: kg.CountExact}
		}
	case kg.ParticipatedIn:
		if chance(40) {
			rel.Role = pick(r, []string{"speaker", "head of delegation", "partner", "observer", "panelist", "sponsor"})
		}
		if chance(10) {
			rel.Status = kg.StatusPlanned
		}
		if chance(5) {
			rel.Count = &kg.Count{Value: 2 + r.IntN(50), Qualifier: pick(r, []kg.CountQualifier{kg.CountOver, kg.CountAbout, kg.CountExact})}
		}
	case kg.Proposed:
		if chance(90) {
			rel.Status = kg.StatusProposed
		}
	case kg.RankedIn:
		rank := 1 + r.IntN(190)
		rel.Rank = &rank
		if chance(70) {
			prev := 1 + r.IntN(190)
			rel.PreviousRank = &prev
		}
		if chance(20) {
			rel.Note = fmt.Sprintf("among the top %d", (rank+9)/10*10)
		}
	case kg.CooperatesWith:
		if chance(30) {
			rel.Role = pick(r, []string{"supporter", "technical partner", "strategic partner", "donor"})
		}
		if chance(15) {
			rel.Status = kg.StatusPlanned
		}
		if chance(10) {
			rel.Note = "memorandum of understanding signed"
		}
	case kg.DiplomaticRelation:
		rel.Role = pick(r, []string{"diplomatic relations", "recognition", "strategic partnership"})
		if chance(60) {
			rel.ValidFrom = date(someDate(r, 1947, 2020))
		}
	case kg.MetWith:
		if chance(20) {
			rel.Status = kg.StatusPlanned
		}
		day := time.Date(st.base.Year, time.Month(st.base.Month), st.base.Day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(61)-30)
		d := dayDate(day)
		if chance(30) {
			d = monthDate(day.Year(), int(day.Month()))
		}
		rel.ValidFrom, rel.ValidTo = date(d), date(d)
		if chance(10) {
			rel.Note = "on the sidelines of the summit"
		}
	case kg.TradesWith:
		scale := 1e5 // tenths of a million
		if chance(20) {
			scale = 1e8 // tenths of a billion
		}
		rel.Amount = &kg.Money{Value: float64(1+r.IntN(999)) * scale, Currency: pick(r, []string{"USD", "USD", "USD", "EUR"})}
		year := y - 1 - r.IntN(5)
		rel.ValidFrom, rel.ValidTo = date(yearDate(year)), date(yearDate(year))
		if chance(10) {
			rel.Note = "bilateral trade volume"
		}
	case kg.Exports:
		rel.Counterpart = st.l.id(st.l.global(kCountry, st.powerLocal(r, kCountry)))
		if chance(30) {
			year := y - r.IntN(5)
			rel.ValidFrom, rel.ValidTo = date(yearDate(year)), date(yearDate(year))
		}
		if chance(20) {
			rel.Note = "one of the main exports"
		}
	}
}
