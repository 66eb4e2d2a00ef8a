package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/kgql/kgql/internal/kg"
)

// entity generates entity i from the seed and i alone.
func (g *gen) entity(i int) *kg.Entity {
	k, local := g.l.kindOf(i)
	r := g.rng(streamEntity, uint64(i))
	e := &kg.Entity{ID: g.l.id(i), Kind: kg.Kinds[k]}
	txt := g.texts()
	// attr adds evidence for an attribute, quoting one of the documents of
	// the story the entity belongs to.
	attr := func() {
		docs := g.l.storyDocs(g.l.storyOf(i))
		e.Evidence = append(e.Evidence, txt.evidence(r, pick(r, docs)))
	}
	switch k {
	case kPerson:
		given := word(r, syllables, 2)
		family := word(r, syllables, 2+r.IntN(2))
		if r.IntN(10) == 0 {
			family += " " + word(r, syllables, 2) // compound family names: Ur Rehman
		}
		e.Name = given + " " + family
		if r.IntN(10) < 6 {
			e.Aliases = []string{family}
		}
		if r.IntN(4) == 0 {
			e.Title = pick(r, titles)
			attr()
		}
		if r.IntN(3) == 0 {
			e.Description = "Official of " + countryName(g.powerLocal(r, kCountry)) + "."
		}
	case kOrganization:
		g.organization(r, e, local)
		if r.IntN(10) < 3 {
			d := someDate(r, 1945, 2024)
			e.Founded = &d
			attr()
		}
		if r.IntN(10) == 0 {
			e.Members = &kg.Count{Value: 5 + r.IntN(190), Qualifier: pick(r, []kg.CountQualifier{kg.CountExact, kg.CountOver, kg.CountAbout})}
			attr()
		}
	case kCountry:
		e.Name = countryName(local)
		e.Aliases = []string{demonym(e.Name)}
		if r.IntN(10) < 4 {
			d := someDate(r, 1945, 1995)
			e.Independence = &d
			attr()
		}
	case kCity:
		root := word(r, rootSyllables, 2)
		e.Name = pick(r, []string{root, root, "Port " + root, root + " City", "New " + root})
	case kRegion:
		e.Name = pick(r, regionPrefixes) + " " + word(r, rootSyllables, 2) + "a"
		e.Description = "Region."
	case kEvent:
		year := 2012 + r.IntN(15)
		e.Name = fmt.Sprintf("%s %s %d", pick(r, topics), pick(r, eventTypes), year)
		if r.IntN(3) == 0 {
			e.Name = countryName(g.powerLocal(r, kCountry)) + " " + e.Name
		}
		if r.IntN(5) == 0 {
			e.Aliases = []string{acronym(e.Name)}
		}
		if r.IntN(10) < 7 {
			start := time.Date(year, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
			s, end := dayDate(start), dayDate(start.AddDate(0, 0, r.IntN(3)))
			e.StartDate, e.EndDate = &s, &end
			attr()
		}
		if r.IntN(7) == 0 {
			e.Status = kg.StatusPlanned
			attr()
		}
		if r.IntN(5) == 0 {
			e.Participants = &kg.Count{Value: 20 + r.IntN(900), Qualifier: pick(r, []kg.CountQualifier{kg.CountOver, kg.CountAbout, kg.CountExact})}
			attr()
		}
	case kCommodity:
		if local < len(commodities) {
			e.Name = commodities[local]
		} else {
			e.Name = pick(r, commodityAdjectives) + " " + strings.ToLower(pick(r, commodities))
		}
	case kInitiative:
		name := pick(r, topics) + " " + pick(r, initiativeTypes)
		switch r.IntN(3) {
		case 0:
			name = countryRoot(g.powerLocal(r, kCountry)) + "-" + countryRoot(g.powerLocal(r, kCountry)) + " " + name
		case 1:
			name = word(r, rootSyllables, 2) + " " + name
		}
		e.Name = name
		if r.IntN(10) < 4 {
			e.Status = pick(r, []kg.Status{kg.StatusProposed, kg.StatusPlanned})
			attr()
		}
		if r.IntN(5) == 0 {
			d := someDate(r, 2015, 2027)
			e.StartDate = &d
			attr()
		}
	case kIndex:
		topic, year := pick(r, topics), 2015+r.IntN(11)
		e.Name = fmt.Sprintf("Global %s Index %d", topic, year)
		abbr := "G" + acronym(topic) + "I"
		e.Aliases = []string{abbr, fmt.Sprintf("%s %d", abbr, year)}
		d := yearDate(year)
		e.Edition = &d
		attr()
	case kDocument:
		g.document(r, e, local)
	}
	return e
}

func (g *gen) organization(r *rand.Rand, e *kg.Entity, local int) {
	intl := max(3, g.l.count[kOrganization]/100)
	switch {
	case local < intl:
		topic := pick(r, topics)
		e.Name = fmt.Sprintf(pick(r, []string{
			"International %s Union", "Organization of %s Cooperation", "%s Cooperation Council",
			"World %s Organization", "Council for %s Development",
		}), topic)
		if local >= 50 {
			e.Name = word(r, rootSyllables, 2) + " " + e.Name
		}
		e.Aliases = []string{acronym(e.Name)}
		e.Description = "International organization."
	case r.IntN(10) < 3:
		country := countryName(g.powerLocal(r, kCountry))
		e.Name = country + " " + pick(r, sectors) + " Authority"
		e.Aliases = []string{acronym(e.Name)}
	case r.IntN(10) < 3:
		country := countryName(g.powerLocal(r, kCountry))
		sector := pick(r, sectors)
		e.Name = "Ministry of " + sector + " of " + country
		e.Aliases = []string{country + " " + sector + " Ministry"}
	case r.IntN(10) < 6:
		root := word(r, syllables, 2+r.IntN(2))
		e.Name = root + " " + pick(r, companySuffixes)
		e.Aliases = []string{root}
	default:
		a, b := countryRoot(g.powerLocal(r, kCountry)), countryRoot(g.powerLocal(r, kCountry))
		e.Name = fmt.Sprintf("%s-%s Joint %s Commission", a, b, pick(r, topics))
	}
}

var headlines = []string{
	"signs %s agreement", "proposes %s centre of excellence", "hosts regional %s forum",
	"pledges support for %s reform", "reviews %s cooperation", "announces new %s plan",
	"joins international %s initiative", "ranks high in %s index",
}

func (g *gen) document(r *rand.Rand, e *kg.Entity, j int) {
	m := g.docMeta(j)
	subject := g.entity(g.l.subjectStart(j / 2))
	e.Name = subject.Name + " " + fmt.Sprintf(pick(r, headlines), strings.ToLower(pick(r, topics)))
	e.Title = e.Name
	e.Publisher = pick(r, publishers)
	pub := m.published
	e.PublishedAt = &pub
	if r.IntN(10) < 3 {
		t := time.Date(pub.Year, time.Month(pub.Month), pub.Day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1+r.IntN(5))
		u := dayDate(t)
		e.UpdatedAt = &u
	}
	e.URL = fmt.Sprintf("https://news.example.org/%s/%s-%d", pub.First()[:7], kg.Slug(e.Name), j)
}

// powerLocal picks a number within a kind, skewed to the first ones: the
// hubs.
func (g *gen) powerLocal(r *rand.Rand, kind int) int {
	u := r.Float64()
	return int(float64(g.l.count[kind]) * u * u * u)
}
