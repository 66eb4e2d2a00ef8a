package kg

// Checks of store arguments that every store makes alike, so that both
// refuse the same calls with the same errors.

// CheckTypes returns EINVALID for a relation type outside the model.
func CheckTypes(types []RelationType) error {
	for _, t := range types {
		if !t.Valid() {
			return Errorf(EINVALID, "unknown relation type %q", t)
		}
	}
	return nil
}

// CheckKinds returns EINVALID for a kind outside the model.
func CheckKinds(kinds []Kind) error {
	for _, k := range kinds {
		if !k.Valid() {
			return Errorf(EINVALID, "unknown kind %q", k)
		}
	}
	return nil
}

// CheckCount returns EINVALID for a negative page size, limit or top.
func CheckCount(name string, n int) error {
	if n < 0 {
		return Errorf(EINVALID, "%s must not be negative, got %d", name, n)
	}
	return nil
}

// CheckIDs returns EINVALID for more ids than one read takes (MaxIDs).
func CheckIDs(ids []string) error { return CheckRange("number of ids", len(ids), 0, MaxIDs) }
