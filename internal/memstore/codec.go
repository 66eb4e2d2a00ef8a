package memstore

import (
	"encoding/json"

	"github.com/kgql/kgql/internal/kg"
)

// The file stores entities and relations as JSON with short keys, empty
// fields left out and dates as text: a third of what the kg structs'
// JSON takes, for a million relations quoting sentences. codec_test.go
// fills every field of the kg types, so a field added to them cannot be
// forgotten here.

type fileCount struct {
	V int               `json:"v"`
	Q kg.CountQualifier `json:"q,omitempty"`
}

// fileEvidence is written as the array [doc, excerpt, date, saidBy,
// start, end].
type fileEvidence struct {
	doc, excerpt, date, saidBy string
	start, end                 int
}

func (f fileEvidence) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{f.doc, f.excerpt, f.date, f.saidBy, f.start, f.end})
}

func (f *fileEvidence) UnmarshalJSON(b []byte) error {
	return json.Unmarshal(b, &[]any{&f.doc, &f.excerpt, &f.date, &f.saidBy, &f.start, &f.end})
}

type fileEntity struct {
	ID           string         `json:"id"`
	Kind         kg.Kind        `json:"k"`
	Name         string         `json:"n"`
	Aliases      []string       `json:"a,omitempty"`
	Description  string         `json:"d,omitempty"`
	Title        string         `json:"t,omitempty"`
	StartDate    string         `json:"sd,omitempty"`
	EndDate      string         `json:"ed,omitempty"`
	Status       kg.Status      `json:"s,omitempty"`
	Participants *fileCount     `json:"p,omitempty"`
	Founded      string         `json:"f,omitempty"`
	Members      *fileCount     `json:"m,omitempty"`
	Independence string         `json:"i,omitempty"`
	Edition      string         `json:"e,omitempty"`
	Publisher    string         `json:"pb,omitempty"`
	PublishedAt  string         `json:"pa,omitempty"`
	UpdatedAt    string         `json:"ua,omitempty"`
	URL          string         `json:"u,omitempty"`
	Text         string         `json:"tx,omitempty"`
	Evidence     []fileEvidence `json:"ev,omitempty"`
}

type fileMoney struct {
	V float64 `json:"v"`
	C string  `json:"c"`
}

type fileRelation struct {
	ID           string          `json:"id"`
	Type         kg.RelationType `json:"y"`
	From         string          `json:"f"`
	To           string          `json:"t"`
	Role         string          `json:"r,omitempty"`
	Status       kg.Status       `json:"s,omitempty"`
	ValidFrom    string          `json:"vf,omitempty"`
	ValidTo      string          `json:"vt,omitempty"`
	PointInTime  string          `json:"pt,omitempty"`
	Amount       *fileMoney      `json:"a,omitempty"`
	Rank         *int            `json:"k,omitempty"`
	PreviousRank *int            `json:"pk,omitempty"`
	Count        *fileCount      `json:"c,omitempty"`
	Counterpart  string          `json:"cp,omitempty"`
	Note         string          `json:"n,omitempty"`
	Evidence     []fileEvidence  `json:"ev,omitempty"`
}

func dateText(d *kg.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// textDate reads what dateText wrote; the store only holds dates that
// parse (normDate).
func textDate(s string) *kg.Date {
	if s == "" {
		return nil
	}
	d, err := kg.ParseDate(s)
	if err != nil {
		return nil
	}
	return &d
}

func countOf(c *kg.Count) *fileCount {
	if c == nil {
		return nil
	}
	return &fileCount{c.Value, c.Qualifier}
}

func (c *fileCount) count() *kg.Count {
	if c == nil {
		return nil
	}
	return &kg.Count{Value: c.V, Qualifier: c.Q}
}

func evidenceOf(evs []kg.Evidence) []fileEvidence {
	out := make([]fileEvidence, len(evs))
	for i, ev := range evs {
		date := ""
		if ev.Date != (kg.Date{}) {
			date = ev.Date.String()
		}
		out[i] = fileEvidence{ev.DocumentID, ev.Excerpt, date, ev.SaidBy, ev.Start, ev.End}
	}
	return out
}

func fileEvidenceOf(evs []fileEvidence) []kg.Evidence {
	out := make([]kg.Evidence, len(evs))
	for i, ev := range evs {
		out[i] = kg.Evidence{DocumentID: ev.doc, Excerpt: ev.excerpt, SaidBy: ev.saidBy, Start: ev.start, End: ev.end}
		if d := textDate(ev.date); d != nil {
			out[i].Date = *d
		}
	}
	return out
}

// encodeEntity encodes a normalized entity.
func encodeEntity(e *kg.Entity) ([]byte, error) {
	return json.Marshal(fileEntity{
		ID: e.ID, Kind: e.Kind, Name: e.Name, Aliases: e.Aliases, Description: e.Description,
		Title: e.Title, StartDate: dateText(e.StartDate), EndDate: dateText(e.EndDate), Status: e.Status,
		Participants: countOf(e.Participants), Founded: dateText(e.Founded), Members: countOf(e.Members),
		Independence: dateText(e.Independence), Edition: dateText(e.Edition), Publisher: e.Publisher,
		PublishedAt: dateText(e.PublishedAt), UpdatedAt: dateText(e.UpdatedAt), URL: e.URL, Text: e.Text,
		Evidence: evidenceOf(e.Evidence),
	})
}

// decodeEntity is the inverse of encodeEntity; it returns a normalized
// entity.
func decodeEntity(b []byte) (*kg.Entity, error) {
	var f fileEntity
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	return normEntity(&kg.Entity{
		ID: f.ID, Kind: f.Kind, Name: f.Name, Aliases: f.Aliases, Description: f.Description,
		Title: f.Title, StartDate: textDate(f.StartDate), EndDate: textDate(f.EndDate), Status: f.Status,
		Participants: f.Participants.count(), Founded: textDate(f.Founded), Members: f.Members.count(),
		Independence: textDate(f.Independence), Edition: textDate(f.Edition), Publisher: f.Publisher,
		PublishedAt: textDate(f.PublishedAt), UpdatedAt: textDate(f.UpdatedAt), URL: f.URL, Text: f.Text,
		Evidence: fileEvidenceOf(f.Evidence),
	}), nil
}

// encodeRelation encodes a normalized relation.
func encodeRelation(r *kg.Relation) ([]byte, error) {
	f := fileRelation{
		ID: r.ID, Type: r.Type, From: r.From, To: r.To, Role: r.Role, Status: r.Status,
		ValidFrom: dateText(r.ValidFrom), ValidTo: dateText(r.ValidTo), PointInTime: dateText(r.PointInTime),
		Rank: r.Rank, PreviousRank: r.PreviousRank, Count: countOf(r.Count), Counterpart: r.Counterpart, Note: r.Note,
		Evidence: evidenceOf(r.Evidence),
	}
	if r.Amount != nil {
		f.Amount = &fileMoney{r.Amount.Value, r.Amount.Currency}
	}
	return json.Marshal(f)
}

// decodeRelation is the inverse of encodeRelation; it returns a
// normalized relation.
func decodeRelation(b []byte) (*kg.Relation, error) {
	var f fileRelation
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, err
	}
	r := &kg.Relation{
		ID: f.ID, Type: f.Type, From: f.From, To: f.To, Role: f.Role, Status: f.Status,
		ValidFrom: textDate(f.ValidFrom), ValidTo: textDate(f.ValidTo), PointInTime: textDate(f.PointInTime),
		Rank: f.Rank, PreviousRank: f.PreviousRank, Count: f.Count.count(), Counterpart: f.Counterpart, Note: f.Note,
		Evidence: fileEvidenceOf(f.Evidence),
	}
	if f.Amount != nil {
		r.Amount = &kg.Money{Value: f.Amount.V, Currency: f.Amount.C}
	}
	return normRelation(r), nil
}
