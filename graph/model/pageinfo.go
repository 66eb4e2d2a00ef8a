package model

// pageInfo starts the PageInfo of a forward page read after the cursor
// after ("": the first page); the caller sets the cursors from the
// edges. Pages are read forwards only, so hasPreviousPage is whether the
// page was read after a cursor, as the Relay cursor connections
// specification allows for first/after pages: the item of that cursor
// came before it.
func pageInfo(hasNext bool, after string) *PageInfo {
	return &PageInfo{HasNextPage: hasNext, HasPreviousPage: after != ""}
}

// afterOf is the after argument of a paged field, "" when not given.
func afterOf(after *string) string {
	if after == nil {
		return ""
	}
	return *after
}
