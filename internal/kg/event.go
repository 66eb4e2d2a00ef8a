package kg

// EventValidity is the validity a relation takes from a dated event at one
// of its ends: taking part in an event (attending it, organizing it, the
// event being somewhere or part of another) holds while the event does,
// from its start date's first day to its end date's last day, or for the
// span of its start date when it has no end date ("September 2025").
//
// It applies only to a relation with no validity of its own and with a
// dated Event at one end (at its From end when both are); never to
// MENTIONS, which says where a document speaks of the event, not when.
// ok is false when the rule does not apply.
func EventValidity(r *Relation, from, to *Entity) (validFrom, validTo *Date, ok bool) {
	if r.Type == Mentions || r.ValidFrom != nil || r.ValidTo != nil {
		return nil, nil, false
	}
	for _, e := range []*Entity{from, to} {
		if e == nil || e.Kind != KindEvent || e.StartDate == nil {
			continue
		}
		start, end := *e.StartDate, *e.StartDate
		if e.EndDate != nil {
			end = *e.EndDate
		}
		return &start, &end, true
	}
	return nil, nil, false
}
