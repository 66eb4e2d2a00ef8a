package neo4jstore

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Entities and relations are stored as flat property maps: Neo4j has no
// nested maps on nodes or relationships, so a typed value becomes a few
// properties (participants, participantsQualifier) and the evidence becomes
// parallel lists (evDocs[i], evExcerpts[i], evStarts[i], evEnds[i],
// evDates[i], evSaidBy[i]; evSaidBy only when a statement names its
// speaker).

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
	setString(p, "text", e.Text)
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
	setEntityKeys(p, e)
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
	setDate(p, "pointInTime", r.PointInTime)
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
	setRelationKeys(p, r)
	p["hash"] = hashOf(p)
	return p
}

// The read side's indexes (schema.go's readSchemaStatements) are over
// these properties, derived from the item and written with it:
//   - nameKeys: kg.NameKey of the name and of each alias, which names
//     resolve against, exactly (entity_name_keys, one term per key);
//   - descText: the terms of the description as kg.SearchTerms splits
//     them, so that the index's words are the ranking's
//     (entity_description);
//   - searchText on a fact: the terms of its excerpts and note
//     (relation_said). MENTIONS are never searched, so have none.

func setEntityKeys(p map[string]any, e *kg.Entity) {
	var keys []string
	for _, name := range append([]string{e.Name}, e.Aliases...) {
		if k := kg.NameKey(name); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	if len(keys) > 0 {
		p["nameKeys"] = keys
	}
	setString(p, "descText", searchTerms(e.Description))
}

func setRelationKeys(p map[string]any, r *kg.Relation) {
	if r.Type == kg.Mentions {
		return
	}
	texts := []string{r.Note}
	for _, ev := range r.Evidence {
		texts = append(texts, ev.Excerpt)
	}
	setString(p, "searchText", searchTerms(texts...))
}

// searchTerms is the terms of the texts as kg.SearchTerms splits them,
// joined by spaces: what a full-text index with a whitespace analyzer
// reads as the ranking's words.
func searchTerms(texts ...string) string {
	return strings.Join(kg.SearchTerms(strings.Join(texts, " ")), " ")
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
	starts, ends := make([]int64, len(evs)), make([]int64, len(evs))
	said := false
	for i, ev := range evs {
		docs[i], excerpts[i], dates[i], saidBy[i] = ev.DocumentID, ev.Excerpt, ev.Date.String(), ev.SaidBy
		starts[i], ends[i] = int64(ev.Start), int64(ev.End)
		said = said || ev.SaidBy != ""
	}
	p["evDocs"], p["evExcerpts"], p["evDates"] = docs, excerpts, dates
	p["evStarts"], p["evEnds"] = starts, ends
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
