package kg

// CheckCreateEntity checks a createEntity input by the rules that need no
// store: the kind (not Document: documents are ingested), the name, the
// attributes its kind may carry and the values' limits; a ref is refused,
// having nothing to be referred from. UserErrors at their paths, or nil.
func CheckCreateEntity(in *CreateEntityInput) error {
	var c inputChecker
	at := path("input", "entity")
	if in.Entity.Ref != "" {
		c.add(EINVALID, path("input", "entity", "ref"), "a ref names an entity within an ingestDocument input; createEntity takes none")
	}
	c.entityFields(at, &in.Entity)
	return c.err()
}
