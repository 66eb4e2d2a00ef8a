package ndjson

import (
	"fmt"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Format is the value of a header's format.
const Format = "kgql-ndjson/1"

// Header describes a stream. Every field but Format is optional.
type Header struct {
	Format    string         `json:"format"`
	Generator string         `json:"generator,omitempty"`
	Options   map[string]any `json:"options,omitempty"`
	// Expected sizes, when the writer knows them (for progress only).
	ExpectEntities  int64 `json:"expectEntities,omitempty"`
	ExpectRelations int64 `json:"expectRelations,omitempty"`
}

// line is one line of a stream.
type line struct {
	Header   *Header   `json:"header,omitempty"`
	Entity   *entity   `json:"entity,omitempty"`
	Relation *relation `json:"relation,omitempty"`
}

type entity struct {
	ID           string     `json:"id"`
	Kind         string     `json:"kind"`
	Name         string     `json:"name"`
	Aliases      []string   `json:"aliases,omitempty"`
	Description  string     `json:"description,omitempty"`
	Title        string     `json:"title,omitempty"`
	StartDate    string     `json:"startDate,omitempty"`
	EndDate      string     `json:"endDate,omitempty"`
	Status       string     `json:"status,omitempty"`
	Participants string     `json:"participants,omitempty"`
	Founded      string     `json:"founded,omitempty"`
	Members      string     `json:"members,omitempty"`
	Independence string     `json:"independence,omitempty"`
	Edition      string     `json:"edition,omitempty"`
	Publisher    string     `json:"publisher,omitempty"`
	PublishedAt  string     `json:"publishedAt,omitempty"`
	UpdatedAt    string     `json:"updatedAt,omitempty"`
	URL          string     `json:"url,omitempty"`
	Text         string     `json:"text,omitempty"`
	Evidence     []evidence `json:"evidence,omitempty"`
}

type relation struct {
	ID           string     `json:"id"`
	Type         string     `json:"type"`
	From         string     `json:"from"`
	To           string     `json:"to"`
	Role         string     `json:"role,omitempty"`
	Status       string     `json:"status,omitempty"`
	ValidFrom    string     `json:"validFrom,omitempty"`
	ValidTo      string     `json:"validTo,omitempty"`
	PointInTime  string     `json:"pointInTime,omitempty"`
	Amount       string     `json:"amount,omitempty"`
	Rank         *int       `json:"rank,omitempty"`
	PreviousRank *int       `json:"previousRank,omitempty"`
	Count        string     `json:"count,omitempty"`
	Counterpart  string     `json:"counterpart,omitempty"`
	Note         string     `json:"note,omitempty"`
	Evidence     []evidence `json:"evidence,omitempty"`
}

type evidence struct {
	Doc     string `json:"doc"`
	Excerpt string `json:"excerpt"`
	Start   int    `json:"start,omitempty"`
	End     int    `json:"end,omitempty"`
	Date    string `json:"date"`
	SaidBy  string `json:"saidBy,omitempty"`
}

func fromEntity(e *kg.Entity) *entity {
	return &entity{
		ID: e.ID, Kind: string(e.Kind), Name: e.Name, Aliases: e.Aliases, Description: e.Description,
		Title: e.Title, StartDate: dateText(e.StartDate), EndDate: dateText(e.EndDate), Status: string(e.Status),
		Participants: countText(e.Participants), Founded: dateText(e.Founded), Members: countText(e.Members),
		Independence: dateText(e.Independence), Edition: dateText(e.Edition), Publisher: e.Publisher,
		PublishedAt: dateText(e.PublishedAt), UpdatedAt: dateText(e.UpdatedAt), URL: e.URL, Text: e.Text,
		Evidence: fromEvidence(e.Evidence),
	}
}

func fromRelation(r *kg.Relation) *relation {
	out := &relation{
		ID: r.ID, Type: string(r.Type), From: r.From, To: r.To, Role: r.Role, Status: string(r.Status),
		ValidFrom: dateText(r.ValidFrom), ValidTo: dateText(r.ValidTo), PointInTime: dateText(r.PointInTime),
		Rank: r.Rank, PreviousRank: r.PreviousRank, Count: countText(r.Count), Counterpart: r.Counterpart, Note: r.Note,
		Evidence: fromEvidence(r.Evidence),
	}
	if r.Amount != nil {
		out.Amount = r.Amount.String()
	}
	return out
}

func fromEvidence(evs []kg.Evidence) []evidence {
	if len(evs) == 0 {
		return nil
	}
	out := make([]evidence, len(evs))
	for i, ev := range evs {
		out[i] = evidence{Doc: ev.DocumentID, Excerpt: ev.Excerpt, Start: ev.Start, End: ev.End, Date: ev.Date.String(), SaidBy: ev.SaidBy}
	}
	return out
}

func dateText(d *kg.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

func countText(c *kg.Count) string {
	if c == nil {
		return ""
	}
	return c.String()
}

// fieldErrors collects what is malformed in one line; the first is
// reported.
type fieldErrors []string

func (f *fieldErrors) addf(format string, args ...any) { *f = append(*f, fmt.Sprintf(format, args...)) }

func (f fieldErrors) err() string { return strings.Join(f, "; ") }

func (f *fieldErrors) date(field, s string) *kg.Date {
	if s == "" {
		return nil
	}
	d, err := kg.ParseDate(s)
	if err != nil {
		f.addf("%s: %v", field, err)
		return nil
	}
	return &d
}

func (f *fieldErrors) count(field, s string) *kg.Count {
	if s == "" {
		return nil
	}
	c, err := kg.ParseCount(s)
	if err != nil {
		f.addf("%s: %v", field, err)
		return nil
	}
	return &c
}

func (f *fieldErrors) evidence(evs []evidence) []kg.Evidence {
	if len(evs) == 0 {
		return nil
	}
	out := make([]kg.Evidence, len(evs))
	for i, ev := range evs {
		out[i] = kg.Evidence{DocumentID: ev.Doc, Excerpt: ev.Excerpt, Start: ev.Start, End: ev.End, SaidBy: ev.SaidBy}
		if d := f.date(fmt.Sprintf("evidence %d: date", i), ev.Date); d != nil {
			out[i].Date = *d
		}
	}
	return out
}

// toEntity converts a decoded line, parsing its typed values; kg
// checks the rest (Checker).
func (raw *entity) toEntity() (*kg.Entity, fieldErrors) {
	var f fieldErrors
	e := &kg.Entity{
		ID: raw.ID, Kind: kg.Kind(raw.Kind), Name: raw.Name, Aliases: raw.Aliases, Description: raw.Description,
		Title: raw.Title, Publisher: raw.Publisher, URL: raw.URL, Text: raw.Text,
	}
	e.StartDate = f.date("startDate", raw.StartDate)
	e.EndDate = f.date("endDate", raw.EndDate)
	e.Status = kg.Status(raw.Status)
	e.Participants = f.count("participants", raw.Participants)
	e.Founded = f.date("founded", raw.Founded)
	e.Members = f.count("members", raw.Members)
	e.Independence = f.date("independence", raw.Independence)
	e.Edition = f.date("edition", raw.Edition)
	e.PublishedAt = f.date("publishedAt", raw.PublishedAt)
	e.UpdatedAt = f.date("updatedAt", raw.UpdatedAt)
	e.Evidence = f.evidence(raw.Evidence)
	return e, f
}

func (raw *relation) toRelation() (*kg.Relation, fieldErrors) {
	var f fieldErrors
	r := &kg.Relation{
		ID: raw.ID, Type: kg.RelationType(raw.Type), From: raw.From, To: raw.To, Role: raw.Role,
		Rank: raw.Rank, PreviousRank: raw.PreviousRank, Counterpart: raw.Counterpart, Note: raw.Note,
	}
	r.Status = kg.Status(raw.Status)
	r.ValidFrom = f.date("validFrom", raw.ValidFrom)
	r.ValidTo = f.date("validTo", raw.ValidTo)
	r.PointInTime = f.date("pointInTime", raw.PointInTime)
	if raw.Amount != "" {
		m, err := kg.ParseMoney(raw.Amount)
		if err != nil {
			f.addf("amount: %v", err)
		} else {
			r.Amount = &m
		}
	}
	r.Count = f.count("count", raw.Count)
	r.Evidence = f.evidence(raw.Evidence)
	return r, f
}
