package kg

// Graph is a validated set of entities and relations, ready to be written
// to a store: every relation's ends exist and every relation has evidence.
type Graph struct {
	Entities  []*Entity
	Relations []*Relation
}

// EntityByID returns the entity with the id, or nil.
func (g *Graph) EntityByID(id string) *Entity {
	for _, e := range g.Entities {
		if e.ID == id {
			return e
		}
	}
	return nil
}
