package model

// pageInfo starts the PageInfo of a page whose store said whether items
// follow and precede it (kg.Cut says what each means forwards and
// backwards); the caller sets the cursors from the edges.
func pageInfo(hasNext, hasPrevious bool) *PageInfo {
	return &PageInfo{HasNextPage: hasNext, HasPreviousPage: hasPrevious}
}
