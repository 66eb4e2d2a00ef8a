package kg

// Which kinds a relation of each type may join: the model's fixed list
// (docs/model.md), from the kinds the types' comments name. A graph
// whose relation joins other kinds is refused by GraphChecker, so that
// both stores hold the same shapes whatever fed them.
var (
	actors    = []Kind{KindPerson, KindOrganization, KindCountry}
	states    = []Kind{KindOrganization, KindCountry}
	places    = []Kind{KindCity, KindRegion, KindCountry}
	happening = []Kind{KindEvent, KindInitiative}
	entities  = []Kind{KindPerson, KindOrganization, KindCountry, KindCity, KindRegion, KindEvent,
		KindCommodity, KindInitiative, KindIndex}
)

// RelationEnds holds, for each relation type, the kinds its from end
// may have and those its to end may have.
var RelationEnds = map[RelationType][2][]Kind{
	HoldsPosition:      {{KindPerson}, states},
	MemberOf:           {actors, {KindOrganization}},
	PartOf:             {{KindOrganization, KindEvent, KindInitiative}, {KindOrganization, KindCountry, KindEvent, KindInitiative}},
	LocatedIn:          {{KindCity, KindRegion, KindEvent, KindInitiative, KindOrganization}, places},
	Organized:          {actors, happening},
	ParticipatedIn:     {actors, happening},
	Proposed:           {actors, {KindInitiative}},
	Issued:             {states, {KindIndex, KindInitiative, KindDocument}},
	RankedIn:           {states, {KindIndex}},
	CooperatesWith:     {actors, append([]Kind{KindRegion}, actors...)},
	DiplomaticRelation: {{KindCountry}, {KindCountry}},
	MetWith:            {actors, actors},
	// Trade is between economies: countries, and a bloc (an organization
	// such as the EU) or a region on either side.
	TradesWith: {{KindCountry, KindOrganization, KindRegion}, {KindCountry, KindOrganization, KindRegion}},
	Exports:    {{KindCountry, KindRegion}, {KindCommodity}},
	Mentions:   {{KindDocument}, entities},
}

// EndKindProblem says why a relation of type t cannot run from a kind
// to a kind, or "" when the model allows it (or t is unknown).
func EndKindProblem(t RelationType, from, to Kind) string {
	ends, ok := RelationEnds[t]
	switch {
	case !ok:
		return ""
	case !hasKind(ends[0], from):
		return "a " + string(t) + " relation runs from a " + kindList(ends[0]) + ", not from a " + string(from)
	case !hasKind(ends[1], to):
		return "a " + string(t) + " relation runs to a " + kindList(ends[1]) + ", not to a " + string(to)
	}
	return ""
}

func hasKind(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}
