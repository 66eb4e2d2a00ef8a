package storetest

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Nodes implements kg.Store: each id looked up among entities, then
// relations.
func (r *Reference) Nodes(ctx context.Context, ids []string, es *kg.EntitySel, rs *kg.RelationSel) ([]kg.NodeView, error) {
	if err := kg.CheckIDs(ids); err != nil {
		return nil, err
	}
	if err := es.Validate(); err != nil {
		return nil, err
	}
	if err := rs.Validate(); err != nil {
		return nil, err
	}
	if err := begin(ctx); err != nil {
		return nil, err
	}
	out := make([]kg.NodeView, len(ids))
	for i, id := range ids {
		var err error
		for hops := 0; r.entity[id] == nil && r.redirects[id] != "" && hops <= len(r.redirects); hops++ {
			id = r.redirects[id] // a merged id answers as the entity it was merged into
		}
		if e := r.entity[id]; e != nil {
			out[i].Entity, err = kg.ProjectEntity(r, id, es)
		} else if rel := r.relation[id]; rel != nil {
			out[i].Relation, err = kg.ProjectRelation(r, rel, rs)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// ResolveNames implements kg.Store: every entity with a name or alias of
// the name's key, by id.
func (r *Reference) ResolveNames(ctx context.Context, names []string) ([][]kg.NameMatch, error) {
	if err := begin(ctx); err != nil {
		return nil, err
	}
	out := make([][]kg.NameMatch, len(names))
	for i, name := range names {
		key := kg.NameKey(name)
		for _, e := range r.entities {
			if len(out[i]) > kg.MaxNameCandidates {
				break
			}
			if slices.ContainsFunc(append([]string{e.Name}, e.Aliases...), func(n string) bool { return kg.NameKey(n) == key }) {
				out[i] = append(out[i], kg.NameMatch{ID: e.ID, Kind: e.Kind, Name: e.Name})
			}
		}
	}
	return out, nil
}

// FindEntities implements kg.Store: a scan, a sort by the order's key,
// and the items after the cursor's key.
func (r *Reference) FindEntities(ctx context.Context, f kg.EntityFilter, count bool, sel *kg.EntitySel) (*kg.EntityPage, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if err := sel.Validate(); err != nil {
		return nil, err
	}
	after, err := f.CursorKey()
	if err != nil {
		return nil, err
	}
	if err := begin(ctx); err != nil {
		return nil, err
	}
	key := func(e *kg.Entity) []string {
		if f.OrderBy == kg.OrderByID {
			return []string{e.ID}
		}
		return []string{e.Name, e.ID}
	}
	var all []*kg.Entity
	for _, e := range r.entities {
		if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, e.Kind) || !nameContains(e, f.NameContains) {
			continue
		}
		all = append(all, e)
	}
	slices.SortFunc(all, func(a, b *kg.Entity) int { return slices.Compare(key(a), key(b)) })
	page := &kg.EntityPage{Counted: count}
	if count {
		page.TotalCount = len(all)
	}
	before, err := f.BeforeKey()
	if err != nil {
		return nil, err
	}
	rest := slices.DeleteFunc(all, func(e *kg.Entity) bool {
		return after != nil && slices.Compare(key(e), after) <= 0 || before != nil && slices.Compare(key(e), before) >= 0
	})
	rest, page.HasPrevious, page.HasNextPage = window(f.Page, rest)
	for _, e := range rest {
		v, err := kg.ProjectEntity(r, e.ID, sel)
		if err != nil {
			return nil, err
		}
		page.Edges = append(page.Edges, kg.EntityEdge{Node: v, Cursor: kg.EntityCursor(f.OrderBy, e)})
	}
	return page, nil
}

// nameContains: the text in the name or an alias, case aside.
func nameContains(e *kg.Entity, text string) bool {
	text = strings.ToLower(text)
	return slices.ContainsFunc(append([]string{e.Name}, e.Aliases...), func(n string) bool {
		return strings.Contains(strings.ToLower(n), text)
	})
}

// FindRelations implements kg.Store: a scan of every relation for the
// filter's ends, document and conditions on the fact; its Direction is
// not used.
func (r *Reference) FindRelations(ctx context.Context, f kg.RelationFilter, count bool, rel *kg.RelationSel, node *kg.EntitySel) (*kg.RelationPage, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	if err := f.NoWith("relations"); err != nil {
		return nil, err
	}
	if err := rel.Validate(); err != nil {
		return nil, err
	}
	if err := node.Validate(); err != nil {
		return nil, err
	}
	after, err := oneKey(f.After)
	if err != nil {
		return nil, err
	}
	if err := begin(ctx); err != nil {
		return nil, err
	}
	var all []*kg.Relation
	for _, x := range r.relations {
		joins := len(f.Between) == 0 || x.From == f.Between[0] && x.To == f.Between[1] || x.From == f.Between[1] && x.To == f.Between[0]
		if joins && (f.From == "" || x.From == f.From) && (f.To == "" || x.To == f.To) && f.AdmitsDocument(x) && admitsFact(f.StepFilter, x) {
			all = append(all, x)
		}
	}
	page := &kg.RelationPage{Counted: count}
	if count {
		page.TotalCount = len(all)
	}
	before, err := oneKey(f.Before)
	if err != nil {
		return nil, err
	}
	rest := slices.DeleteFunc(all, func(x *kg.Relation) bool { return after != "" && x.ID <= after || before != "" && x.ID >= before })
	rest, page.HasPrevious, page.HasNextPage = window(f.Page, rest)
	for _, x := range rest {
		rv, err := kg.ProjectRelation(r, x, rel)
		if err != nil {
			return nil, err
		}
		edge := kg.NewRelationEdge(rv, "")
		if node != nil {
			if edge.Node, err = kg.ProjectEntity(r, x.To, node); err != nil {
				return nil, err
			}
		}
		page.Edges = append(page.Edges, edge)
	}
	return page, nil
}

// oneKey decodes a cursor of one key, "" for none.
func oneKey(cursor string) (string, error) {
	if cursor == "" {
		return "", nil
	}
	key, err := kg.DecodeCursor(cursor, 1)
	if err != nil {
		return "", err
	}
	return key[0], nil
}

// Search implements kg.Store: every entity (of the kinds asked) and, when
// asked, every relation but MENTIONS (with an end of the kinds asked) is a
// candidate; kg.RankSearch keeps
// the hits. A store's candidates are fewer (those that can score), which
// gives the same hits while there are at most kg.SearchCandidates of
// them (SearchCandidateCounts).
func (r *Reference) Search(ctx context.Context, q kg.SearchQuery) ([]kg.SearchHit, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if err := begin(ctx); err != nil {
		return nil, err
	}
	if searchSelectsKids(q) {
		kg.CountRoundTrip(ctx) // rank, then read the kept hits: engine.md allows two
	}
	cands := r.searchCandidates(q.Kinds, q.Relations)
	var hits []kg.SearchHit
	for _, h := range kg.RankSearch(q.Text, cands, q.First) {
		c := cands[h.Candidate]
		hit := kg.SearchHit{Score: h.Score, Field: h.Field, Matched: h.Matched}
		var err error
		if c.EntityID != "" {
			hit.Entity, err = kg.ProjectEntity(r, c.EntityID, q.Entity)
		} else {
			hit.Relation, err = kg.ProjectRelation(r, r.relation[c.RelationID], q.Relation)
		}
		if err != nil {
			return nil, err
		}
		hits = append(hits, hit)
	}
	return hits, nil
}

func (r *Reference) searchCandidates(kinds []kg.Kind, relations bool) []kg.SearchCandidate {
	var cands []kg.SearchCandidate
	for _, e := range r.entities {
		if len(kinds) == 0 || slices.Contains(kinds, e.Kind) {
			cands = append(cands, kg.SearchCandidate{EntityID: e.ID, Name: e.Name, Aliases: e.Aliases, Description: e.Description})
		}
	}
	if !relations {
		return cands
	}
	for _, rel := range r.relations {
		if rel.Type == kg.Mentions {
			continue
		}
		if len(kinds) > 0 && !slices.Contains(kinds, r.entity[rel.From].Kind) && !slices.Contains(kinds, r.entity[rel.To].Kind) {
			continue // kinds limit relations to those with an end of them
		}
		c := kg.SearchCandidate{RelationID: rel.ID, Note: rel.Note}
		for _, ev := range rel.Evidence {
			c.Excerpts = append(c.Excerpts, ev.Excerpt)
		}
		cands = append(cands, c)
	}
	return cands
}

// SearchCandidateCounts returns how many entities and relations a store
// takes as candidates of the search (those with a text that can score):
// past kg.SearchCandidates of either, stores choose among them and may
// rightly answer otherwise than the Reference.
func (r *Reference) SearchCandidateCounts(q kg.SearchQuery) (entities, relations int) {
	query := kg.SearchTerms(q.Text)
	for _, c := range r.searchCandidates(q.Kinds, q.Relations) {
		score := kg.TextScore(query, c.Description) + kg.TextScore(query, c.Note)
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			score += kg.Score(query, n)
		}
		for _, ex := range c.Excerpts {
			score += kg.TextScore(query, ex)
		}
		switch {
		case score == 0:
		case c.EntityID != "":
			entities++
		default:
			relations++
		}
	}
	return entities, relations
}

// searchSelectsKids reports whether the hits' selection holds nested
// pages anywhere, which engine.md lets a store read in a second round
// trip.
func searchSelectsKids(q kg.SearchQuery) bool {
	return entitySelHasKids(q.Entity) || relationSelHasKids(q.Relation)
}

func entitySelHasKids(s *kg.EntitySel) bool {
	return s != nil && (len(s.Kids) > 0 || evidenceSelHasKids(s.Evidence))
}

func relationSelHasKids(s *kg.RelationSel) bool {
	return s != nil && (evidenceSelHasKids(s.Evidence) || entitySelHasKids(s.From) || entitySelHasKids(s.To) || entitySelHasKids(s.Counterpart))
}

func evidenceSelHasKids(s *kg.EvidenceSel) bool {
	return s != nil && (entitySelHasKids(s.Document) || entitySelHasKids(s.SaidBy))
}

// Stats implements kg.Store: entities by kind, relations of every type
// under the filter's time and status, degrees over the effective types
// without MENTIONS.
func (r *Reference) Stats(ctx context.Context, q kg.StatsQuery) (*kg.Stats, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if err := begin(ctx); err != nil {
		return nil, err
	}
	st := &kg.Stats{Entities: len(r.entities), ByKind: map[kg.Kind]int{}, ByType: map[kg.RelationType]int{}}
	for _, k := range kg.Kinds {
		st.ByKind[k] = 0
	}
	for _, t := range kg.RelationTypes {
		st.ByType[t] = 0
	}
	for _, e := range r.entities {
		st.ByKind[e.Kind]++
	}
	degree := map[string]int{}
	for _, rel := range r.relations {
		if !admitsTimeAndStatus(q.Filter, rel) {
			continue
		}
		st.ByType[rel.Type]++
		if slices.Contains(q.Filter.EffectiveTypes(), rel.Type) {
			st.Relations++
			if rel.Type != kg.Mentions {
				degree[rel.From]++
				degree[rel.To]++
			}
		}
	}
	var top []string
	for id := range degree {
		top = append(top, id)
	}
	slices.SortFunc(top, func(a, b string) int { return cmp.Or(cmp.Compare(degree[b], degree[a]), strings.Compare(a, b)) })
	for _, id := range top[:min(len(top), q.Top)] {
		v, err := kg.ProjectEntity(r, id, q.Nodes)
		if err != nil {
			return nil, err
		}
		st.MostConnected = append(st.MostConnected, kg.EntityDegree{Node: v, Degree: degree[id]})
	}
	return st, nil
}

// window is the page of the whole window (the items between the cursors),
// written from the specification's algorithm rather than kg.Cut: the first
// First items forwards, the last Last backwards; hasPrevious forwards is
// whether After was given, hasNext backwards whether Before was.
func window[T any](p kg.Page, items []T) (page []T, hasPrevious, hasNext bool) {
	if p.Last > 0 {
		if len(items) > p.Last {
			return items[len(items)-p.Last:], true, p.Before != ""
		}
		return items, false, p.Before != ""
	}
	if len(items) > p.First {
		return items[:p.First], p.After != "", true
	}
	return items, p.After != "", false
}
