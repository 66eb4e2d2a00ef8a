package memstore

import (
	"cmp"
	"hash/maphash"
	"slices"

	"github.com/kgql/kgql/internal/kg"
)

// nameKeys finds entities by kg.NameKey of a name or alias, for
// ResolveNames: a sorted list of (hash of the key, entity number), 16
// bytes a name, searched by hash and checked against the names
// themselves (hashes may collide).
type nameKeys struct {
	seed maphash.Seed
	keys []nameKey // by hash, then entity
}

type nameKey struct {
	hash uint64
	ent  int32
}

func newNameKeys() nameKeys { return nameKeys{seed: maphash.MakeSeed()} }

func compareNameKeys(a, b nameKey) int {
	return cmp.Or(cmp.Compare(a.hash, b.hash), cmp.Compare(a.ent, b.ent))
}

// entityKeys returns the distinct keys of an entity's name and aliases.
func entityKeys(e *kg.Entity) []string {
	var keys []string
	for _, name := range append([]string{e.Name}, e.Aliases...) {
		if k := kg.NameKey(name); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// update files the keys of the entities added and of the new versions of
// those replaced, whose old keys it drops.
func (x *nameKeys) update(added []int32, replaced map[int32]bool, ents []*kg.Entity) {
	if len(replaced) > 0 {
		x.keys = slices.DeleteFunc(x.keys, func(k nameKey) bool { return replaced[k.ent] })
	}
	var fresh []nameKey
	file := func(n int32) {
		for _, k := range entityKeys(ents[n]) {
			fresh = append(fresh, nameKey{maphash.String(x.seed, k), n})
		}
	}
	for _, n := range added {
		file(n)
	}
	for n := range replaced {
		file(n)
	}
	if len(fresh) == 0 {
		return
	}
	slices.SortFunc(fresh, compareNameKeys)
	out := make([]nameKey, 0, len(x.keys)+len(fresh))
	i, j := 0, 0
	for i < len(x.keys) && j < len(fresh) {
		if compareNameKeys(x.keys[i], fresh[j]) <= 0 {
			out = append(out, x.keys[i])
			i++
		} else {
			out = append(out, fresh[j])
			j++
		}
	}
	out = append(out, x.keys[i:]...)
	x.keys = append(out, fresh[j:]...)
}

// find returns the entities with a name or alias whose key is key, by
// entity number.
func (x *nameKeys) find(key string, ents []*kg.Entity) []int32 {
	h := maphash.String(x.seed, key)
	i, _ := slices.BinarySearchFunc(x.keys, h, func(k nameKey, h uint64) int { return cmp.Compare(k.hash, h) })
	var out []int32
	for ; i < len(x.keys) && x.keys[i].hash == h; i++ {
		n := x.keys[i].ent
		if (len(out) == 0 || out[len(out)-1] != n) && slices.Contains(entityKeys(ents[n]), key) {
			out = append(out, n)
		}
	}
	return out
}

// drop forgets the keys of entity n.
func (x *nameKeys) drop(n int32) {
	x.keys = slices.DeleteFunc(x.keys, func(k nameKey) bool { return k.ent == n })
}
