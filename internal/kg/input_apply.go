package kg

import (
	"slices"
)

// What an input makes of the graph's objects, for both stores: the store
// reads what the input names, applies the input here, and writes the
// result.

// EntityFromInput is the entity an EntityInput creates under an id.
func EntityFromInput(id string, in EntityInput) *Entity {
	e := &Entity{ID: id, Kind: in.Kind, Name: in.Name, Aliases: slices.Clone(in.Aliases), Description: in.Description}
	setAttributes(e, in.Attributes)
	return e
}

func setAttributes(e *Entity, a Attributes) {
	if a.Title != nil {
		e.Title = *a.Title
	}
	if a.StartDate != nil {
		e.StartDate = a.StartDate
	}
	if a.EndDate != nil {
		e.EndDate = a.EndDate
	}
	if a.Status != nil {
		e.Status = *a.Status
	}
	if a.Participants != nil {
		e.Participants = a.Participants
	}
	if a.Founded != nil {
		e.Founded = a.Founded
	}
	if a.Members != nil {
		e.Members = a.Members
	}
	if a.Independence != nil {
		e.Independence = a.Independence
	}
	if a.Edition != nil {
		e.Edition = a.Edition
	}
}

// clearAttribute removes the attribute of that name (AttributeKinds).
func clearAttribute(e *Entity, name string) {
	switch name {
	case "title":
		e.Title = ""
	case "startDate":
		e.StartDate = nil
	case "endDate":
		e.EndDate = nil
	case "status":
		e.Status = StatusActual
	case "participants":
		e.Participants = nil
	case "founded":
		e.Founded = nil
	case "members":
		e.Members = nil
	case "independence":
		e.Independence = nil
	case "edition":
		e.Edition = nil
	case "publisher":
		e.Publisher = ""
	case "publishedAt":
		e.PublishedAt = nil
	case "updatedAt":
		e.UpdatedAt = nil
	case "url":
		e.URL = ""
	}
}

// ApplyUpdate returns the entity an updateEntity input (checked by
// CheckUpdateEntity) makes of e, which it does not change: the name and
// description replaced, the attributes set and cleared, the aliases
// added (each once, never the name) and removed. UserErrors for what
// needs the entity to be seen: an attribute its kind does not carry, an
// alias to remove that it does not have, a result beyond the limits.
func ApplyUpdate(e *Entity, in *UpdateEntityInput) (*Entity, error) {
	var c inputChecker
	for _, name := range in.Attributes.set() {
		if !slices.Contains(AttributeKinds[name], e.Kind) {
			c.add(EINVALID, path("input", "attributes", name), "a %s has no %s (it is an attribute of %s)", e.Kind, name, kindList(AttributeKinds[name]))
		}
	}
	for i, name := range in.Clear {
		if !slices.Contains(AttributeKinds[name], e.Kind) {
			c.add(EINVALID, path("input", "clear", i), "a %s has no %s to clear", e.Kind, name)
		}
	}
	n := *e
	n.Aliases = slices.Clone(e.Aliases)
	if in.Name != nil {
		n.Name = *in.Name
	}
	if in.Description != nil {
		n.Description = *in.Description
	}
	setAttributes(&n, in.Attributes)
	for _, name := range in.Clear {
		clearAttribute(&n, name)
	}
	for i, a := range in.RemoveAliases {
		j := slices.Index(n.Aliases, a)
		if j < 0 {
			c.add(EINVALID, path("input", "removeAliases", i), "%s has no alias %q", e.ID, a)
			continue
		}
		n.Aliases = slices.Delete(n.Aliases, j, j+1)
	}
	for _, a := range in.AddAliases {
		if a != n.Name && !slices.Contains(n.Aliases, a) {
			n.Aliases = append(n.Aliases, a)
		}
	}
	if len(c) == 0 {
		c.values(path("input"), EntityValueProblems(&n), map[string]string{"aliases": "addAliases"})
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	return &n, nil
}

// RelationFromInput is the relation an input states, its references
// bound (bind gives the entity id of each), with its evidence as stored.
// It has no id yet: NewRelationID, unless it equals a live relation.
func RelationFromInput(in RelationInput, bind func(EntityRef) string, evidence []Evidence) *Relation {
	r := &Relation{Type: in.Type, From: bind(in.From), To: bind(in.To), Role: in.Role, Status: in.Status,
		ValidFrom: in.ValidFrom, ValidTo: in.ValidTo, PointInTime: in.PointInTime, Amount: in.Amount,
		Rank: in.Rank, PreviousRank: in.PreviousRank, Count: in.Count, Note: in.Note, Evidence: evidence}
	if in.Counterpart != "" {
		r.Counterpart = bind(in.Counterpart)
	}
	return r
}

// DocumentFromInput is the document entity an ingestDocument input
// creates under an id: its title is its name, as the seed's documents'.
func DocumentFromInput(id string, in DocumentInput) *Entity {
	return &Entity{ID: id, Kind: KindDocument, Name: in.Title, Title: in.Title, Publisher: in.Publisher,
		URL: in.URL, PublishedAt: in.Published, Text: in.Text}
}
