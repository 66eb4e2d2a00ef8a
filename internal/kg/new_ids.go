package kg

import (
	"fmt"
	"slices"
	"strings"
)

// The ids a write gives what it creates. Both stores derive them by these
// rules, so that the same writes make the same ids on either.

// maxSlugBytes bounds the slug part of a new id, well within
// MaxEntityIDBytes with a prefix, a date and a key after it.
const maxSlugBytes = 80

// NewEntityID is the id of an entity created with a kind and a name:
// the kind's prefix and the name's slug ("org/islamabad-digital-policy-
// forum"), or the start of the name's hash for a name with no letter or
// digit of a-z, 0-9. createEntity and ingestDocument refuse with
// ECONFLICT a name whose id is taken.
func NewEntityID(k Kind, name string) string {
	slug := clipSlug(Slug(name))
	if slug == "" {
		slug = DocumentKey(FoldSpace(name))[:12]
	}
	return k.IDPrefix() + "/" + slug
}

// NewDocumentID is the id of an ingested document: "doc/", its published
// date and the slug of its title, as the seed names documents
// ("doc/2026-03-01-a-forum-in-islamabad"); when another document holds
// that id (taken), the start of the text's DocumentKey follows.
func NewDocumentID(d DocumentInput, key string, taken func(string) bool) string {
	id := "doc/"
	if d.Published != nil {
		id += d.Published.String() + "-"
	}
	id += clipSlug(Slug(d.Title))
	id = strings.TrimSuffix(id, "-")
	if taken(id) {
		id += "-" + key[:12]
	}
	return id
}

// NewRelationID is the id of a stated relation that equals no live one:
// kg.RelationID of its ends and type when no relation (live or
// retracted) holds that id, else with the start of the hash of its
// RelationKey as the key, then that key numbered, until one is free.
func NewRelationID(r *Relation, taken func(string) bool) string {
	id := RelationID(r.From, r.Type, r.To, "")
	if !taken(id) {
		return id
	}
	key := DocumentKey(RelationKey(r))[:12]
	id = RelationID(r.From, r.Type, r.To, key)
	for n := 2; taken(id); n++ {
		id = RelationID(r.From, r.Type, r.To, fmt.Sprintf("%s-%d", key, n))
	}
	return id
}

func clipSlug(s string) string {
	if len(s) <= maxSlugBytes {
		return s
	}
	return strings.TrimSuffix(s[:maxSlugBytes], "-") // a slug is ASCII
}

// Mentioned lists the entities a statement of relation r speaks of: its
// ends, its counterpart and who said it. A write that adds the evidence
// ev to r adds ev to the MENTIONS relation from ev's document to each of
// them (MentionID), as the seed loader derives MENTIONS, unless that
// mention quotes ev's excerpt already.
func Mentioned(r *Relation, ev Evidence) []string {
	var out []string
	for _, id := range []string{r.From, r.To, r.Counterpart, ev.SaidBy} {
		if id != "" && id != ev.DocumentID && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// MentionID is the id of the MENTIONS relation from a document to an
// entity.
func MentionID(doc, entity string) string { return RelationID(doc, Mentions, entity, "") }
