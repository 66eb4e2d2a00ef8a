package kg

import (
	"strconv"
	"strings"
)

// RelationKey is what makes two relations the same fact: type, ends, role
// and every qualifier (status, validity, point in time, amount, ranks,
// count, counterpart); not the note, a remark about the fact, nor the
// evidence, which a second statement of the fact adds to. A stated
// relation whose key is a live relation's gains evidence instead of
// being a second relation (ingestDocument, assertRelation, and a merge's
// collisions). Its ends must be entity ids, bound.
func RelationKey(r *Relation) string {
	date := func(d *Date) string {
		if d == nil {
			return ""
		}
		return d.String()
	}
	num := func(n *int) string {
		if n == nil {
			return ""
		}
		return strconv.Itoa(*n)
	}
	parts := []string{string(r.Type), r.From, r.To, NameKey(r.Role), string(r.Status),
		date(r.ValidFrom), date(r.ValidTo), date(r.PointInTime), "", num(r.Rank), num(r.PreviousRank), "", r.Counterpart}
	if r.Amount != nil {
		parts[8] = r.Amount.String()
	}
	if r.Count != nil {
		parts[11] = r.Count.String()
	}
	return strings.Join(parts, "\x1f") // a separator no value holds
}
