package kg

import "strings"

// Entity is an actor, place, event, thing or document of the graph.
type Entity struct {
	ID          string // stable and readable: person/hafeez-ur-rehman
	Kind        Kind
	Name        string   // display name
	Aliases     []string // acronyms and short forms: PTA, Rehman
	Description string

	// Kind-specific attributes; which kinds may carry which is checked by
	// the seed validator (see AttributeKinds).
	Title        string // Person: honorific or rank ("Major General (R)"); Document: headline
	StartDate    *Date  // Event, Initiative
	EndDate      *Date  // Event, Initiative
	Status       Status // Event, Initiative: planned, proposed
	Participants *Count // Event
	Founded      *Date  // Organization
	Members      *Count // Organization
	Independence *Date  // Country
	Edition      *Date  // Index: the edition ("Global Cybersecurity Index 2024")
	Publisher    string // Document
	PublishedAt  *Date  // Document
	UpdatedAt    *Date  // Document
	URL          string // Document
	Text         string // Document: its source text as stored, which evidence offsets index

	// Evidence for the entity's own attributes (dates, counts, title).
	Evidence []Evidence
}

// Status is the modality of a fact or an event, as its source asserts it.
// Empty means stated as having happened (or as holding).
type Status string

const (
	StatusActual   Status = ""
	StatusPlanned  Status = "planned"  // announced as arranged: "will arrive from Feb. 3-4"
	StatusProposed Status = "proposed" // put forward, not decided: "proposed a conference"
	StatusExpected Status = "expected" // foreseen by someone: "is expected to meet"
)

// Statuses lists every status, stated first.
var Statuses = []Status{StatusActual, StatusPlanned, StatusProposed, StatusExpected}

// StatusNames lists the statuses a source may assert, for messages:
// "planned, proposed, expected".
func StatusNames() string {
	var names []string
	for _, st := range Statuses[1:] {
		names = append(names, string(st))
	}
	return strings.Join(names, ", ")
}

// Valid reports whether s is one of the statuses.
func (s Status) Valid() bool {
	for _, st := range Statuses {
		if s == st {
			return true
		}
	}
	return false
}

// AttributeKinds says which kinds may carry each kind-specific attribute,
// by its name in the seed files.
var AttributeKinds = map[string][]Kind{
	"title":        {KindPerson, KindDocument},
	"startDate":    {KindEvent, KindInitiative},
	"endDate":      {KindEvent, KindInitiative},
	"status":       {KindEvent, KindInitiative},
	"participants": {KindEvent},
	"founded":      {KindOrganization},
	"members":      {KindOrganization},
	"independence": {KindCountry},
	"edition":      {KindIndex},
	"publisher":    {KindDocument},
	"publishedAt":  {KindDocument},
	"updatedAt":    {KindDocument},
	"url":          {KindDocument},
	"text":         {KindDocument},
}

// HasFacts reports whether the entity carries attributes that a source must
// back: any attribute beyond its name, aliases and description. Documents
// are their own source.
func (e *Entity) HasFacts() bool {
	if e.Kind == KindDocument {
		return false
	}
	return e.Title != "" || e.StartDate != nil || e.EndDate != nil || e.Status != "" ||
		e.Participants != nil || e.Founded != nil || e.Members != nil ||
		e.Independence != nil || e.Edition != nil
}
