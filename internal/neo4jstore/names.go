package neo4jstore

import (
	"context"

	"github.com/kgql/kgql/internal/kg"
)

// resolveNamesQuery finds, for each name key, the entities with a name or
// alias of that key: a term query on the keyword-analysed nameKeys
// (NameKeyIndex), checked exactly, by id.
const resolveNamesQuery = `UNWIND range(0, size($keys) - 1) AS i
CALL (i) {
  CALL db.index.fulltext.queryNodes($index, '"' + $keys[i] + '"') YIELD node
  WHERE $keys[i] IN node.nameKeys
  WITH node ORDER BY node.id LIMIT $max
  RETURN collect(node {.id, .name}) AS matches
}
RETURN i, matches`

// ResolveNames implements kg.Store.
func (s *Store) ResolveNames(ctx context.Context, names []string) ([][]kg.NameMatch, error) {
	out := make([][]kg.NameMatch, len(names))
	// A key holds letters, digits and single spaces only: safe inside a
	// Lucene phrase. A name without one names nothing.
	var keys []string
	var at []int
	for i, name := range names {
		if k := kg.NameKey(name); k != "" {
			keys, at = append(keys, k), append(at, i)
		}
	}
	if len(keys) == 0 {
		return out, nil
	}
	recs, err := s.read(ctx, resolveNamesQuery, map[string]any{"keys": keys, "index": NameKeyIndex, "max": kg.MaxNameCandidates + 1})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		m := rec.AsMap()
		i := at[m["i"].(int64)]
		for _, x := range m["matches"].([]any) {
			e := decodeEntity(x.(map[string]any))
			out[i] = append(out[i], kg.NameMatch{ID: e.ID, Kind: e.Kind, Name: e.Name})
		}
	}
	return out, nil
}
