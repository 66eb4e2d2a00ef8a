package seedfile

import (
	"sort"

	"github.com/kgql/kgql/internal/kg"
)

// deriveMentions links each document to every entity its evidence speaks
// of (the ends of the relations it states, their counterparts and
// speakers, and the entities whose attributes it backs), so that the
// documents of an entity are one hop away. Each mention keeps the
// excerpts that name the entity.
func deriveMentions(g *kg.Graph) []*kg.Relation {
	byID := map[string]*kg.Relation{}
	mention := func(ev kg.Evidence, entityID string) {
		if entityID == "" || entityID == ev.DocumentID {
			return
		}
		id := kg.RelationID(ev.DocumentID, kg.Mentions, entityID, "")
		r, ok := byID[id]
		if !ok {
			r = &kg.Relation{ID: id, Type: kg.Mentions, From: ev.DocumentID, To: entityID}
			byID[id] = r
		}
		for _, have := range r.Evidence {
			if have.Excerpt == ev.Excerpt {
				return
			}
		}
		r.Evidence = append(r.Evidence, ev)
	}
	for _, e := range g.Entities {
		for _, ev := range e.Evidence {
			mention(ev, e.ID)
		}
	}
	for _, r := range g.Relations {
		for _, ev := range r.Evidence {
			mention(ev, r.From)
			mention(ev, r.To)
			mention(ev, r.Counterpart)
			mention(ev, ev.SaidBy)
		}
	}
	out := make([]*kg.Relation, 0, len(byID))
	for _, r := range byID {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
