package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/kgql/kgql/internal/kg"
)

// Search implements kg.Store. The full-text indexes find the candidates
// (at most kg.SearchCandidates entities, best Lucene score then id, and
// as many relations) and kg.RankSearch ranks them. The statement projects
// every candidate as the query selects, so that one round trip answers;
// when the selection reads nested pages, that would read them for every
// candidate, so the kept hits are projected by a second statement
// (Nodes) instead.
func (s *Store) Search(ctx context.Context, q kg.SearchQuery) ([]kg.SearchHit, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if err := entityCursors(q.Entity); err != nil {
		return nil, err
	}
	if err := relationCursors(q.Relation); err != nil {
		return nil, err
	}
	project := !heavy(q.Entity, q.Relation)
	query, params := searchQuery(q, project)
	row, err := s.readOne(ctx, query, params)
	if err != nil {
		return nil, err
	}
	var cands []kg.SearchCandidate
	var views []any // each candidate's projection, when projected
	for _, x := range row["entities"].([]any) {
		m := x.(map[string]any)
		c := m["c"].(map[string]any)
		cands = append(cands, kg.SearchCandidate{EntityID: str(c, "id"), Name: str(c, "name"), Aliases: strs(c, "aliases"), Description: str(c, "description")})
		views = append(views, m["v"])
	}
	if rels, ok := row["relations"].([]any); ok {
		for _, x := range rels {
			m := x.(map[string]any)
			c := m["c"].(map[string]any)
			cands = append(cands, kg.SearchCandidate{RelationID: str(c, "id"), Excerpts: strs(c, "evExcerpts"), Note: str(c, "note")})
			views = append(views, m["v"])
		}
	}
	ranked := kg.RankSearch(q.Text, cands, q.First)
	hits := make([]kg.SearchHit, len(ranked))
	ids := make([]string, len(ranked))
	for i, h := range ranked {
		c := &cands[h.Candidate]
		hits[i] = kg.SearchHit{Score: h.Score, Field: h.Field, Matched: h.Matched}
		ids[i] = c.EntityID + c.RelationID
		if project {
			if c.EntityID != "" {
				hits[i].Entity = entityView(views[h.Candidate], q.Entity)
			} else {
				hits[i].Relation = relationView(views[h.Candidate], q.Relation)
			}
		}
	}
	if !project && len(ids) > 0 {
		nodes, err := s.Nodes(ctx, ids, q.Entity, q.Relation)
		if err != nil {
			return nil, err
		}
		for i, n := range nodes {
			hits[i].Entity, hits[i].Relation = n.Entity, n.Relation
		}
	}
	return hits, nil
}

// searchQuery is the statement that finds the candidates of q, each with
// the texts the ranking reads (c) and, when project is set, its view (v).
func searchQuery(q kg.SearchQuery, project bool) (string, map[string]any) {
	terms := kg.SearchTerms(q.Text)
	b := newBuilder()
	cands := b.param(kg.SearchCandidates)
	guard := kindGuard("node", q.Kinds)
	where := ""
	if guard != "" {
		where = " WHERE " + guard
	}
	view := func(proj string) string {
		if !project {
			return ""
		}
		return ", v: " + proj
	}
	// Names and aliases (FulltextIndex over their terms): a term itself,
	// as a prefix (2 characters or more), or within its typos.
	// Descriptions: a word, or a prefix of one (3 characters or more).
	byName := fmt.Sprintf(`CALL db.index.fulltext.queryNodes(%s, %s) YIELD node, score%s
    WITH node, score ORDER BY score DESC, node.id LIMIT %s RETURN node, 0 AS source, score`,
		b.param(FulltextIndex), b.param(nameQuery(terms)), where, cands)
	byDescription := fmt.Sprintf(`CALL db.index.fulltext.queryNodes(%s, %s) YIELD node, score%s
    WITH node, score ORDER BY score DESC, node.id LIMIT %s RETURN node, 1 AS source, score`,
		b.param(DescriptionIndex), b.param(wordQuery(terms)), where, cands)
	query := fmt.Sprintf(`RETURN COLLECT {
  CALL () {
    %s
    UNION ALL
    %s
  }
  WITH node, min(source) AS source, max(score) AS score ORDER BY source, score DESC, node.id LIMIT %s
  RETURN {c: node {.id, .name, .aliases, .description}%s}
} AS entities`, byName, byDescription, cands, view(b.entity("node", q.Entity)))
	if q.Relations {
		// Facts only (SaidIndex): a word of an excerpt or the note, or a
		// prefix of one; with kinds, an end of one of them.
		ends := ""
		if len(q.Kinds) > 0 {
			ends = fmt.Sprintf("\n    WITH r, score, startNode(r) AS a, endNode(r) AS b WHERE %s OR %s", kindGuard("a", q.Kinds), kindGuard("b", q.Kinds))
		}
		query += fmt.Sprintf(`,
  COLLECT {
    CALL db.index.fulltext.queryRelationships(%s, %s) YIELD relationship AS r, score%s
    WITH r, score ORDER BY score DESC, r.id LIMIT %s
    RETURN {c: r {.id, .evExcerpts, .note}%s}
  } AS relations`, b.param(SaidIndex), b.param(wordQuery(terms)), ends, cands, view(b.relation("r", q.Relation)))
	}
	return query, b.params
}

// nameQuery is the Lucene query of a name search: each term, as a prefix
// when it has 2 characters or more (kg.Score's prefix), and within
// kg.MaxEdits typos. Terms are letters and digits: nothing to escape.
func nameQuery(terms []string) string {
	var clauses []string
	for _, t := range terms {
		clauses = append(clauses, t)
		if len(t) >= 2 {
			clauses = append(clauses, t+"*")
		}
		if d := kg.MaxEdits(t); d > 0 {
			clauses = append(clauses, fmt.Sprintf("%s~%d", t, d))
		}
	}
	return strings.Join(clauses, " OR ")
}

// wordQuery is the Lucene query of a search of what was said: each term
// as a word, or as a prefix of one when it has 3 characters or more
// (kg.TextScore).
func wordQuery(terms []string) string {
	clauses := make([]string, len(terms))
	for i, t := range terms {
		clauses[i] = t
		if len([]rune(t)) >= 3 {
			clauses[i] = t + "*"
		}
	}
	return strings.Join(clauses, " OR ")
}
