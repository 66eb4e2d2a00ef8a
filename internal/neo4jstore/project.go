package neo4jstore

import (
	"fmt"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// A selection becomes Cypher map projections: n {.id, .name, kids: [...]}
// reads the selected properties and nothing else, and each nested page is
// a COLLECT { } (and its total a COUNT { }) subquery expression inside the
// projection, so that a whole selection is one statement. decode.go reads
// the maps back into views; the keys written here are the ones it reads.

// builder assembles one statement: it holds the parameters and allocates
// parameter and variable names, so that nested subqueries never clash.
// Values are always parameters; labels and relationship types come only
// from kg's closed lists.
type builder struct {
	params map[string]any
	n      int
}

func newBuilder() *builder { return &builder{params: map[string]any{}} }

// param adds a parameter and returns its reference ($p3).
func (b *builder) param(v any) string {
	b.n++
	name := fmt.Sprintf("p%d", b.n)
	b.params[name] = v
	return "$" + name
}

// fresh returns a variable name used nowhere else in the statement.
func (b *builder) fresh(prefix string) string {
	b.n++
	return fmt.Sprintf("%s%d", prefix, b.n)
}

// entityColumns are the properties each entity field is stored in (props.go).
var entityColumns = []struct {
	field kg.EntityFields
	props []string
}{
	{kg.EName, []string{"name"}},
	{kg.EAliases, []string{"aliases"}},
	{kg.EDescription, []string{"description"}},
	{kg.ETitle, []string{"title"}},
	{kg.EStartDate, []string{"startDate"}},
	{kg.EEndDate, []string{"endDate"}},
	{kg.EStatus, []string{"status"}},
	{kg.EParticipants, []string{"participants", "participantsQualifier"}},
	{kg.EFounded, []string{"founded"}},
	{kg.EMembers, []string{"members", "membersQualifier"}},
	{kg.EIndependence, []string{"independence"}},
	{kg.EEdition, []string{"edition"}},
	{kg.EPublisher, []string{"publisher"}},
	{kg.EPublishedAt, []string{"publishedAt"}},
	{kg.EUpdatedAt, []string{"updatedAt"}},
	{kg.EURL, []string{"url"}},
	{kg.EText, []string{"text"}},
}

// relationColumns are the properties each relation qualifier is stored in.
var relationColumns = []struct {
	field kg.RelationFields
	props []string
}{
	{kg.RRole, []string{"role"}},
	{kg.RStatus, []string{"status"}},
	{kg.RValidFrom, []string{"validFrom"}},
	{kg.RValidTo, []string{"validTo"}},
	{kg.RPointInTime, []string{"pointInTime"}},
	{kg.RAmount, []string{"amount", "currency"}},
	{kg.RRank, []string{"rank"}},
	{kg.RPreviousRank, []string{"previousRank"}},
	{kg.RCount, []string{"count", "countQualifier"}},
	{kg.RCounterpart, []string{"counterpart"}},
	{kg.RNote, []string{"note"}},
}

// evidenceColumns are the parallel lists of a statement's fields.
var evidenceColumns = []string{"evDocs", "evExcerpts", "evDates", "evSaidBy", "evStarts", "evEnds"}

// entity is the map projection of node n as sel asks: its id always (its
// kind is the id's prefix), the selected properties, its statements and
// its nested pages. A nil sel reads the id only.
func (b *builder) entity(n string, sel *kg.EntitySel) string {
	items := []string{".id"}
	if sel != nil {
		for _, c := range entityColumns {
			if sel.Fields&c.field != 0 {
				for _, p := range c.props {
					items = append(items, "."+p)
				}
			}
		}
		items = append(items, b.evidence(n, sel.Evidence)...)
		if len(sel.Kids) > 0 {
			kids := make([]string, len(sel.Kids))
			for i, c := range sel.Kids {
				kids[i] = b.child(n, c)
			}
			items = append(items, "kids: ["+strings.Join(kids, ", ")+"]")
		}
	}
	return n + " {" + strings.Join(items, ", ") + "}"
}

// relation is the map projection of relationship r as sel asks: its id
// and type always (its ends are in its id), the selected qualifiers, its
// statements and the entities the selection reads beyond their ids. A nil
// sel reads the id and type only.
func (b *builder) relation(r string, sel *kg.RelationSel) string {
	items := []string{".id", "type: type(" + r + ")"}
	if sel != nil {
		for _, c := range relationColumns {
			if sel.Fields&c.field != 0 {
				for _, p := range c.props {
					items = append(items, "."+p)
				}
			}
		}
		items = append(items, b.evidence(r, sel.Evidence)...)
		// Each is a list of one entity (none for a relation without a
		// counterpart): a map projection needs a variable to project.
		if sel.From != nil {
			x := b.fresh("f")
			items = append(items, fmt.Sprintf("fromNode: COLLECT { WITH startNode(%s) AS %s RETURN %s }", r, x, b.entity(x, sel.From)))
		}
		if sel.To != nil {
			x := b.fresh("t")
			items = append(items, fmt.Sprintf("toNode: COLLECT { WITH endNode(%s) AS %s RETURN %s }", r, x, b.entity(x, sel.To)))
		}
		if sel.Counterpart != nil {
			x := b.fresh("c")
			items = append(items, fmt.Sprintf("counterpartNode: COLLECT { MATCH (%s:Entity {id: %s.counterpart}) RETURN %s }", x, r, b.entity(x, sel.Counterpart)))
		}
	}
	return r + " {" + strings.Join(items, ", ") + "}"
}

// evidence is the projection items of the statements of x (a node or a
// relationship) when sel asks for them: the parallel lists, and the
// documents and speakers they name, each read once, when selected beyond
// their ids.
func (b *builder) evidence(x string, sel *kg.EvidenceSel) []string {
	if sel == nil {
		return nil
	}
	items := make([]string, 0, len(evidenceColumns)+2)
	for _, c := range evidenceColumns {
		items = append(items, "."+c)
	}
	named := func(key, list string, s *kg.EntitySel) {
		id, e := b.fresh("id"), b.fresh("e")
		items = append(items, fmt.Sprintf("%s: COLLECT { UNWIND coalesce(%s.%s, []) AS %s WITH DISTINCT %s WHERE %s <> '' MATCH (%s:Entity {id: %s}) RETURN %s }",
			key, x, list, id, id, id, e, id, b.entity(e, s)))
	}
	if sel.Document != nil {
		named("documents", "evDocs", sel.Document)
	}
	if sel.SaidBy != nil {
		named("speakers", "evSaidBy", sel.SaidBy)
	}
	return items
}

// child is the value of one nested page of entity n: a map of its page
// (at most First+1 rows, the last telling that there is a next page), the
// total when counted, and, for a page of 0, whether there would be a
// next page. The kinds the child applies to guard every subquery, so
// that an entity of another kind reads nothing for it.
func (b *builder) child(n string, c *kg.ChildSel) string {
	f := c.Filter
	guard := kindGuard(n, c.Kinds)
	ad := b.admits(f.StepFilter)
	r, m := b.fresh("r"), b.fresh("m")
	match := matchWhere(ad.pattern(n, r, m, f.Direction), and(guard, ad.where(r), ad.otherEnd(m)))
	// The cursors were checked before the statement was built
	// (entityCursors).
	after, before := "", ""
	if f.After != "" {
		key, _ := kg.DecodeCursor(f.After, 1)
		after = b.param(key[0])
	}
	if f.Before != "" {
		key, _ := kg.DecodeCursor(f.Before, 1)
		before = b.param(key[0])
	}
	// keyset is the window between the cursors, of the items' ids x.
	keyset := func(x string) string {
		var conds []string
		if after != "" {
			conds = append(conds, x+".id > "+after)
		}
		if before != "" {
			conds = append(conds, x+".id < "+before)
		}
		return and(conds...)
	}
	desc := "" // a page backwards reads from before down
	if f.Backward() {
		desc = " DESC"
	}
	windowed := after != "" || before != ""
	var items []string
	switch c.Kind {
	case kg.ChildNeighbors:
		distinct := match + " WITH DISTINCT " + m
		if windowed {
			distinct += " WHERE " + keyset(m)
		}
		if f.Size() > 0 {
			items = append(items, fmt.Sprintf("page: COLLECT { %s WITH %s ORDER BY %s.id%s LIMIT %s RETURN %s }",
				distinct, m, m, desc, b.param(f.Size()+1), b.entity(m, c.Node)))
		} else if !c.Count || windowed {
			items = append(items, "more: EXISTS { "+distinct+" RETURN "+m+" }")
		}
		if c.Count {
			items = append(items, "total: COUNT { "+match+" WITH DISTINCT "+m+" RETURN "+m+" }")
		}
	default:
		paged := match
		if windowed {
			paged = matchWhere(ad.pattern(n, r, m, f.Direction), and(guard, ad.where(r), ad.otherEnd(m), keyset(r)))
		}
		if f.Size() > 0 {
			node := "null"
			if c.Node != nil {
				node = b.entity(m, c.Node)
			}
			items = append(items, fmt.Sprintf("page: COLLECT { %s WITH %s, %s ORDER BY %s.id%s LIMIT %s RETURN {r: %s, node: %s} }",
				paged, r, m, r, desc, b.param(f.Size()+1), b.relation(r, c.Relation), node))
		} else if !c.Count || windowed {
			items = append(items, "more: EXISTS { "+paged+" }")
		}
		if c.Count {
			items = append(items, "total: COUNT { "+match+" }")
		}
	}
	if len(items) == 0 {
		return "{}"
	}
	return "{" + strings.Join(items, ", ") + "}"
}

// kindGuard is the condition that node n has one of the kinds' labels
// ("" when any kind will do).
func kindGuard(n string, kinds []kg.Kind) string {
	if len(kinds) == 0 {
		return ""
	}
	conds := make([]string, len(kinds))
	for i, k := range kinds {
		conds[i] = n + ":" + k.Label()
	}
	return "(" + strings.Join(conds, " OR ") + ")"
}

// and joins conditions, skipping empty ones; "true" when none is left.
func and(conds ...string) string {
	var kept []string
	for _, c := range conds {
		if c != "" && c != "true" {
			kept = append(kept, c)
		}
	}
	if len(kept) == 0 {
		return "true"
	}
	return strings.Join(kept, " AND ")
}
