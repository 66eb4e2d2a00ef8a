package kg

// RelationType is the type of a relation. The list is deliberately short, so
// that an analyst can filter by it; what distinguishes two facts of one type
// (a role, dates, an amount, a rank) is a qualifier of the relation, not a
// new type. Each type is also a Neo4j relationship type, spliced into Cypher
// only from this closed list.
type RelationType string

const (
	// HoldsPosition: a person holds a position (qualifier role) in an
	// organization or a country. "Rehman is chairman of PTA".
	HoldsPosition RelationType = "HOLDS_POSITION"
	// MemberOf: a country, organization or person belongs to an organization
	// or a forum.
	MemberOf RelationType = "MEMBER_OF"
	// PartOf: an organization is a unit of another (role: standing
	// committee, subsidiary, telecom regulator, foreign office); an
	// initiative or event belongs to a larger one.
	PartOf RelationType = "PART_OF"
	// LocatedIn: a place, event, initiative or organization is in a
	// place (see PlaceFilter).
	LocatedIn RelationType = "LOCATED_IN"
	// Organized: an organization or country organizes (or plans to
	// organize, status planned) an event or initiative.
	Organized RelationType = "ORGANIZED"
	// ParticipatedIn: an actor takes part in an event or initiative (role:
	// speaker, head of delegation, partner).
	ParticipatedIn RelationType = "PARTICIPATED_IN"
	// Proposed: an actor proposes an initiative.
	Proposed RelationType = "PROPOSED"
	// Issued: an organization issues an index, a regulation, a document.
	Issued RelationType = "ISSUED"
	// RankedIn: a country is ranked in an index (rank, previousRank).
	RankedIn RelationType = "RANKED_IN"
	// CooperatesWith: two actors cooperate or support each other.
	CooperatesWith RelationType = "COOPERATES_WITH"
	// DiplomaticRelation: recognition, diplomatic ties, partnership
	// between states (role says which).
	DiplomaticRelation RelationType = "DIPLOMATIC_RELATION"
	// MetWith: two actors meet or hold talks (status planned when announced).
	MetWith RelationType = "MET_WITH"
	// TradesWith: bilateral trade between two countries (amount, dates).
	TradesWith RelationType = "TRADES_WITH"
	// Exports: a country exports a commodity; counterpart names the buyer.
	Exports RelationType = "EXPORTS"
	// Mentions: a document mentions an entity. The loader derives it from
	// the evidence, so that every entity leads to its documents.
	Mentions RelationType = "MENTIONS"
)

// RelationTypes lists every relation type in a fixed order.
var RelationTypes = []RelationType{
	HoldsPosition, MemberOf, PartOf, LocatedIn, Organized, ParticipatedIn,
	Proposed, Issued, RankedIn, CooperatesWith, DiplomaticRelation, MetWith,
	TradesWith, Exports, Mentions,
}

// Valid reports whether t is one of the model's relation types.
func (t RelationType) Valid() bool {
	for _, v := range RelationTypes {
		if v == t {
			return true
		}
	}
	return false
}

// CypherType is the Neo4j relationship type. Safe to splice into Cypher
// because it comes from the closed list above.
func (t RelationType) CypherType() string {
	if !t.Valid() {
		panic("kg: cypher type of unknown relation type " + string(t))
	}
	return string(t)
}

// FactTypes are the types of the facts the documents state: every type but
// the derived MENTIONS. The API follows them when a request names no
// types, so that paths and neighbourhoods link actors by what they did,
// not by the article that named both.
var FactTypes = RelationTypes[:len(RelationTypes)-1]
