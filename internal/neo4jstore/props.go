package neo4jstore

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Entities and relations are stored as flat property maps: Neo4j has no
// nested maps on nodes or relationships, so a typed value becomes a few
// properties (participants, participantsQualifier) and the evidence becomes
// parallel lists (evDocs[i], evExcerpts[i], evDates[i], evSaidBy[i]; evSaidBy
// only when a statement names its speaker).

func entityProps(e *kg.Entity) map[string]any {
	p := map[string]any{"id": e.ID, "kind": string(e.Kind), "name": e.Name}
	setString(p, "description", e.Description)
	if len(e.Aliases) > 0 {
		p["aliases"] = e.Aliases
	}
	// The full-text index searches this: the terms of the name and aliases
	// as kg.SearchTerms splits them, so that Lucene's tokens are the
	// ranking's ("kazakhstan's" is "kazakhstan s" to both).
	p["searchText"] = strings.Join(kg.SearchTerms(strings.Join(append([]string{e.Name}, e.Aliases...), " ")), " ")
	setString(p, "title", e.Title)
	setString(p, "status", string(e.Status))
	setString(p, "publisher", e.Publisher)
	setString(p, "url", e.URL)
	setDate(p, "startDate", e.StartDate)
	setDate(p, "endDate", e.EndDate)
	setDate(p, "founded", e.Founded)
	setDate(p, "independence", e.Independence)
	setDate(p, "edition", e.Edition)
	setDate(p, "publishedAt", e.PublishedAt)
	setDate(p, "updatedAt", e.UpdatedAt)
	setCount(p, "participants", e.Participants)
	setCount(p, "members", e.Members)
	setEvidence(p, e.Evidence)
	p["hash"] = hashOf(p)
	return p
}

func relationProps(r *kg.Relation) map[string]any {
	p := map[string]any{"id": r.ID}
	setString(p, "role", r.Role)
	setString(p, "status", string(r.Status))
	setString(p, "counterpart", r.Counterpart)
	setString(p, "note", r.Note)
	setDate(p, "validFrom", r.ValidFrom)
	setDate(p, "validTo", r.ValidTo)
	if r.Amount != nil {
		p["amount"] = r.Amount.Value
		p["currency"] = r.Amount.Currency
	}
	if r.Rank != nil {
		p["rank"] = int64(*r.Rank)
	}
	if r.PreviousRank != nil {
		p["previousRank"] = int64(*r.PreviousRank)
	}
	setCount(p, "count", r.Count)
	// The window is stored, not computed per query, so that time filters
	// are plain comparisons an index could serve.
	first, last := r.Window()
	setString(p, "tFirst", first)
	setString(p, "tLast", last)
	setEvidence(p, r.Evidence)
	p["hash"] = hashOf(p)
	return p
}

func setString(p map[string]any, key, v string) {
	if v != "" {
		p[key] = v
	}
}

func setDate(p map[string]any, key string, d *kg.Date) {
	if d != nil {
		p[key] = d.String()
	}
}

func setCount(p map[string]any, key string, c *kg.Count) {
	if c != nil {
		p[key] = int64(c.Value)
		p[key+"Qualifier"] = string(c.Qualifier)
	}
}

func setEvidence(p map[string]any, evs []kg.Evidence) {
	if len(evs) == 0 {
		return
	}
	docs, excerpts, dates, saidBy := make([]string, len(evs)), make([]string, len(evs)), make([]string, len(evs)), make([]string, len(evs))
	said := false
	for i, ev := range evs {
		docs[i], excerpts[i], dates[i], saidBy[i] = ev.DocumentID, ev.Excerpt, ev.Date.String(), ev.SaidBy
		said = said || ev.SaidBy != ""
	}
	p["evDocs"], p["evExcerpts"], p["evDates"] = docs, excerpts, dates
	// Like any empty value, the speakers are stored only when a statement
	// names one: Neo4j's importer has no form for a list of one empty
	// string, the most common case (bulk.go).
	if said {
		p["evSaidBy"] = saidBy
	}
}

// hashOf fingerprints a property map (JSON sorts map keys), so that a load
// can tell an unchanged entity from an updated one without a diff.
func hashOf(p map[string]any) string {
	b, err := json.Marshal(p)
	if err != nil {
		panic("neo4jstore: props not JSON: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}
