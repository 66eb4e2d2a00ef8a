// Package kg holds kgql's domain: the kinds of entity, the relation types,
// typed values, entities, relations with their evidence, the read filters,
// the store interface and the error codes. It imports no storage or
// transport package; those import it.
package kg

import "strings"

// Kind is the kind of an entity. The list is closed: a kind is also a Neo4j
// label and a GraphQL type, and labels are never taken from a request.
type Kind string

const (
	KindPerson       Kind = "Person"
	KindOrganization Kind = "Organization"
	KindCountry      Kind = "Country"
	KindCity         Kind = "City"
	KindRegion       Kind = "Region"
	KindEvent        Kind = "Event"
	KindCommodity    Kind = "Commodity"
	KindInitiative   Kind = "Initiative"
	KindIndex        Kind = "Index"
	KindDocument     Kind = "Document"
)

// Kinds lists every kind in a fixed order (the order of stats and docs).
var Kinds = []Kind{
	KindPerson, KindOrganization, KindCountry, KindCity, KindRegion,
	KindEvent, KindCommodity, KindInitiative, KindIndex, KindDocument,
}

// idPrefix is the first segment of an entity id of each kind, so that an id
// alone says what it names: person/hafeez-ur-rehman, org/pta.
var idPrefix = map[Kind]string{
	KindPerson:       "person",
	KindOrganization: "org",
	KindCountry:      "country",
	KindCity:         "city",
	KindRegion:       "region",
	KindEvent:        "event",
	KindCommodity:    "commodity",
	KindInitiative:   "initiative",
	KindIndex:        "index",
	KindDocument:     "doc",
}

// Valid reports whether k is one of the model's kinds.
func (k Kind) Valid() bool { _, ok := idPrefix[k]; return ok }

// IDPrefix is the prefix every id of this kind starts with, without the slash.
func (k Kind) IDPrefix() string { return idPrefix[k] }

// Label is the Neo4j label of the kind. It is safe to splice into Cypher
// because it comes from the closed list above, never from input.
func (k Kind) Label() string {
	if !k.Valid() {
		panic("kg: label of unknown kind " + string(k))
	}
	return string(k)
}

// ParseKind returns the kind named s (case-sensitive, as in the seed files).
func ParseKind(s string) (Kind, bool) {
	k := Kind(s)
	return k, k.Valid()
}

// KindOfID returns the kind an id's prefix names, if any.
func KindOfID(id string) (Kind, bool) {
	prefix, _, ok := strings.Cut(id, "/")
	if !ok {
		return "", false
	}
	for k, p := range idPrefix {
		if p == prefix {
			return k, true
		}
	}
	return "", false
}
