package kg

import (
	"context"
	"fmt"
	"strings"
)

// An entity reference is an id or a name: analysts start from names, so
// every argument that takes an entity (the ends of paths, the centres of
// neighbourhoods, the ends of a relations filter, entity(id:)) also takes
// an exact name or alias that names exactly one entity.

// NameKey is the form in which names are compared when they are used as
// references: their search terms (lower case letters and digits), joined
// by one space. "hafeez ur-rehman" and "Hafeez Ur Rehman" have one key.
func NameKey(s string) string { return strings.Join(SearchTerms(s), " ") }

// IsEntityID reports whether ref has the form of an entity id: a kind's
// prefix, a slash and a slug. Such a reference is taken as an id only.
func IsEntityID(ref string) bool {
	_, ok := KindOfID(ref)
	return ok && !strings.ContainsAny(ref, " >")
}

// ResolveRefs returns the entity id each reference stands for: "" and an
// id as they are (whether or not an entity has it: callers say what an unknown id
// means), a name as the id of the one entity it names. A name that names
// no entity or several is EINVALID, listing the candidates (at most
// MaxNameCandidates: the entities it names, or else the best search hits
// for it). It costs one round trip when some reference is a name, and
// none otherwise.
func ResolveRefs(ctx context.Context, s Store, refs []string) ([]string, error) {
	out := make([]string, len(refs))
	var names []string
	var at []int
	for i, ref := range refs {
		if ref == "" || IsEntityID(ref) {
			out[i] = ref
			continue
		}
		if len([]rune(ref)) > MaxSearchText || NameKey(ref) == "" {
			return nil, Errorf(EINVALID, "%q is neither an entity id nor a name", truncate(ref, 40))
		}
		names, at = append(names, ref), append(at, i)
	}
	if len(names) == 0 {
		return out, nil
	}
	found, err := s.ResolveNames(ctx, names)
	if err != nil {
		return nil, err
	}
	for j, matches := range found {
		switch {
		case len(matches) == 1:
			out[at[j]] = matches[0].ID
		case len(matches) > 1:
			return nil, Errorf(EINVALID, "%q names %s: give one of their ids", names[j], candidates(matches))
		default:
			return nil, unknownName(ctx, s, names[j])
		}
	}
	return out, nil
}

// ResolveKnownRefs is ResolveRefs for the references of a filter, where an
// unknown entity would silently select nothing: an id that no entity has
// is EINVALID as well, with the best search hits for it as candidates. It
// costs one round trip more than ResolveRefs when some reference is
// given.
func ResolveKnownRefs(ctx context.Context, s Store, refs []string) ([]string, error) {
	ids, err := ResolveRefs(ctx, s, refs)
	if err != nil {
		return nil, err
	}
	var given []string
	for _, id := range ids {
		if id != "" {
			given = append(given, id)
		}
	}
	if len(given) == 0 {
		return ids, nil
	}
	nodes, err := s.Nodes(ctx, given, &EntitySel{}, nil)
	if err != nil {
		return nil, err
	}
	for i, n := range nodes {
		if n.Entity == nil {
			return nil, unknownName(ctx, s, given[i])
		}
	}
	return ids, nil
}

// RefuseUnknownIDs returns err, unless err is a store's ENOTFOUND for an
// entity that ids name (the ends or centres of a walk): then the EINVALID
// of ResolveKnownRefs for the first id no entity has, with the best search
// hits for it as candidates, so that an unknown id is refused as an
// unknown name is. A walk's store call finds its ends itself: the check
// costs round trips only when one is missing.
func RefuseUnknownIDs(ctx context.Context, s Store, ids []string, err error) error {
	if ErrorCode(err) != ENOTFOUND {
		return err
	}
	if _, known := ResolveKnownRefs(ctx, s, ids); known != nil {
		return known
	}
	return err
}

// CheckDocumentRef returns EINVALID when id, what the reference ref of a
// document filter resolved to, is an entity of another kind ("PTA" names
// an organisation, which states nothing: the filter would select
// nothing), with the documents that ref's words find as candidates. It
// costs a round trip only then.
func CheckDocumentRef(ctx context.Context, s Store, ref, id string) error {
	if k, _ := KindOfID(id); id == "" || k == KindDocument {
		return nil
	}
	matches, err := closest(ctx, s, ref, []Kind{KindDocument})
	if err != nil {
		return err
	}
	if len(matches) == 0 {
		return Errorf(EINVALID, "document: %q is %s, not a document: give a document's id or title (the root documents field lists them)", ref, id)
	}
	return Errorf(EINVALID, "document: %q is %s, not a document; did you mean %s?", ref, id, candidates(matches))
}

// unknownName is the EINVALID error of a name that names no entity, with
// the best search hits as candidates.
func unknownName(ctx context.Context, s Store, name string) error {
	matches, err := closest(ctx, s, name, nil)
	if err != nil {
		return err
	}
	if len(matches) == 0 {
		return Errorf(EINVALID, "no entity has the id or name %q", name)
	}
	return Errorf(EINVALID, "no entity has the id or name %q; did you mean %s?", name, candidates(matches))
}

// closest are the best search hits for a reference among entities of
// kinds (none: any kind), at most MaxNameCandidates.
func closest(ctx context.Context, s Store, ref string, kinds []Kind) ([]NameMatch, error) {
	// The names are read: the message lists them. An id is searched for
	// by its slug's words.
	text := ref
	if IsEntityID(ref) {
		_, slug, _ := strings.Cut(ref, "/")
		text = strings.ReplaceAll(slug, "-", " ")
	}
	if r := []rune(text); len(r) > MaxSearchText {
		text = string(r[:MaxSearchText])
	}
	if NameKey(text) == "" {
		return nil, nil
	}
	hits, err := s.Search(ctx, SearchQuery{Text: text, Kinds: kinds, First: MaxNameCandidates, Entity: &EntitySel{Fields: EName}})
	if err != nil {
		return nil, err
	}
	var matches []NameMatch
	for _, h := range hits {
		if h.Entity != nil {
			matches = append(matches, NameMatch{ID: h.Entity.ID, Kind: h.Entity.Kind, Name: h.Entity.Name})
		}
	}
	return matches, nil
}

// candidates lists matches for a message: "Huawei (org/huawei), …".
func candidates(ms []NameMatch) string {
	var b strings.Builder
	for i, m := range ms {
		if i == MaxNameCandidates {
			b.WriteString(", …")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s (%s)", m.Name, m.ID)
	}
	return b.String()
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
