package memstore

import "sync"

// marks are a value per entity that a walk sets and reads, in arrays as
// long as the graph's entities: a walk over the whole graph allocates
// nothing and clears nothing, since a mark holds only for the epoch in
// which it was set.
type marks struct {
	epoch []uint32
	val   []uint8
	now   uint32
}

// reset forgets every mark, making room for n entities.
func (m *marks) reset(n int) {
	if len(m.epoch) < n {
		n += n / 8 // room for the graph to grow
		m.epoch, m.val, m.now = make([]uint32, n), make([]uint8, n), 0
	}
	m.now++
	if m.now == 0 { // wrapped: old epochs would come back
		clear(m.epoch)
		m.now = 1
	}
}

func (m *marks) get(e int32) (uint8, bool) {
	if m.epoch[e] == m.now {
		return m.val[e], true
	}
	return 0, false
}

func (m *marks) has(e int32) bool { return m.epoch[e] == m.now }

func (m *marks) set(e int32, v uint8) {
	m.epoch[e], m.val[e] = m.now, v
}

// scratch is the memory of one walk: reads take one from the pool and put
// it back, so concurrent reads each have their own.
type scratch struct {
	a, b, c marks
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// getScratch returns a scratch whose marks are reset for n entities.
func getScratch(n int) *scratch {
	sc := scratches.Get().(*scratch)
	sc.a.reset(n)
	sc.b.reset(n)
	sc.c.reset(n)
	return sc
}

func putScratch(sc *scratch) { scratches.Put(sc) }
