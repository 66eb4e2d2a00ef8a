package kg

import (
	"slices"
	"strconv"
	"strings"
)

// The pure checks of the inputs that name stored objects. Each returns
// UserErrors at their paths, or nil; the store then checks, in its
// transaction, that the ids exist and the revs are current.

// CheckUpdateEntity checks an updateEntity input: an id, something to
// change, a rev that can exist, a name that is not blank, attributes
// known by name, aliases within the limits and not both added and
// removed. The kinds an attribute fits are the store's to check: the
// input does not carry the entity's kind.
func CheckUpdateEntity(in *UpdateEntityInput) error {
	var c inputChecker
	c.id(in.ID, path("input", "id"))
	c.rev(in.ExpectedRev, path("input", "expectedRev"))
	if in.Name == nil && in.Description == nil && len(in.Attributes.set()) == 0 && len(in.Clear) == 0 &&
		len(in.AddAliases) == 0 && len(in.RemoveAliases) == 0 {
		c.add(EINVALID, path("input"), "nothing to change: give a name, a description, attributes, clear, addAliases or removeAliases")
	}
	if in.Name != nil && FoldSpace(*in.Name) == "" {
		c.add(EINVALID, path("input", "name"), "a name cannot be blank")
	}
	if st := in.Attributes.Status; st != nil {
		if msg := StatusProblem(*st); msg != "" {
			c.add(EINVALID, path("input", "attributes", "status"), "%s", msg)
		}
	}
	for i, name := range in.Clear {
		if _, ok := AttributeKinds[name]; !ok || name == "text" {
			c.add(EINVALID, path("input", "clear", i), "unknown attribute %q", name)
		}
	}
	ent := &Entity{Aliases: in.AddAliases}
	if in.Name != nil {
		ent.Name = *in.Name
	}
	if in.Description != nil {
		ent.Description = *in.Description
	}
	c.values(path("input"), EntityValueProblems(ent), map[string]string{"aliases": "addAliases"})
	for i, a := range in.AddAliases {
		if slices.Contains(in.RemoveAliases, a) {
			c.add(EINVALID, path("input", "addAliases", i), "alias %q is both added and removed", a)
		}
	}
	return c.err()
}

// CheckRetractRelation checks a retractRelation input: an id, a reason
// (a retraction says why), a rev that can exist, and a supersededBy that
// is another relation's id.
func CheckRetractRelation(in *RetractRelationInput) error {
	var c inputChecker
	c.relationID(in.ID, path("input", "id"))
	c.rev(in.ExpectedRev, path("input", "expectedRev"))
	if FoldSpace(in.Reason) == "" {
		c.add(EINVALID, path("input", "reason"), "a retraction needs a reason, kept with the relation")
	}
	if in.SupersededBy != "" {
		c.relationID(in.SupersededBy, path("input", "supersededBy"))
		if in.SupersededBy == in.ID {
			c.add(EINVALID, path("input", "supersededBy"), "a relation cannot supersede itself")
		}
	}
	return c.err()
}

// CheckDeleteDocument checks a deleteDocument input: a document's id and
// a rev that can exist.
func CheckDeleteDocument(in *DeleteDocumentInput) error {
	var c inputChecker
	if k, ok := KindOfID(in.ID); !ok || k != KindDocument {
		c.add(EINVALID, path("input", "id"), "%s is no document's id: they start with doc/", quoteID(in.ID))
	}
	c.rev(in.ExpectedRev, path("input", "expectedRev"))
	return c.err()
}

// CheckMergeEntities checks a mergeEntities input: both ends named, not
// the same, revs that can exist.
func CheckMergeEntities(in *MergeEntitiesInput) error {
	var c inputChecker
	for _, f := range []struct {
		name, ref string
		rev       *int
	}{{"keep", in.Keep, in.KeepRev}, {"drop", in.Drop, in.DropRev}} {
		if FoldSpace(f.ref) == "" {
			c.add(EINVALID, path("input", f.name), "name the entity to %s: an id or a name", f.name)
		}
		c.rev(f.rev, path("input", f.name+"Rev"))
	}
	if in.Keep != "" && in.Keep == in.Drop {
		c.add(EINVALID, path("input", "drop"), "an entity cannot be merged into itself")
	}
	return c.err()
}

// CheckRevertChange checks a revertChange input: a change's id.
func CheckRevertChange(in *RevertChangeInput) error {
	var c inputChecker
	if _, ok := ParseChangeID(in.ID); !ok {
		c.add(EINVALID, path("input", "id"), "%s is no change's id: they read change/<seq>", quoteID(in.ID))
	}
	return c.err()
}

// ParseChangeID returns the Seq of a ChangeID: "change/" and a
// positive decimal number without leading zeros, as ChangeID writes it.
func ParseChangeID(id string) (int64, bool) {
	rest, ok := strings.CutPrefix(id, "change/")
	if !ok || rest == "" || rest[0] == '0' || strings.Trim(rest, "0123456789") != "" {
		return 0, false
	}
	seq, err := strconv.ParseInt(rest, 10, 64)
	return seq, err == nil
}

func (c *inputChecker) id(id string, at []string) {
	if _, ok := KindOfID(id); !ok {
		c.add(EINVALID, at, "%s is no entity's id: ids read kind/slug, such as org/pta", quoteID(id))
	}
}

func (c *inputChecker) relationID(id string, at []string) {
	if _, t, _, ok := ParseRelationID(id); !ok || !t.Valid() {
		c.add(EINVALID, at, "%s is no relation's id: they read from>TYPE>to", quoteID(id))
	}
}

func (c *inputChecker) rev(rev *int, at []string) {
	if rev != nil && *rev < 1 {
		c.add(EINVALID, at, "revs start at 1, got %d", *rev)
	}
}
