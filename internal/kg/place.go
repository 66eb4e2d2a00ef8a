package kg

// An entity's place is where its sources put it: where an event takes
// place, where an initiative is (or is to be) carried out. It is not an
// attribute but the other ends of the entity's LOCATED_IN relations, so
// that each place keeps its evidence and its status (a planned forum is
// planned where it will be held).

// PlaceFilter selects the relations that give an entity's place: its
// outgoing LOCATED_IN, the first MaxFirst.
func PlaceFilter() RelationFilter {
	return RelationFilter{StepFilter: StepFilter{Direction: Out, Types: []RelationType{LocatedIn}}, Page: Page{First: MaxFirst}}
}
