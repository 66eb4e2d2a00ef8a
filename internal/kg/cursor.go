package kg

import (
	"encoding/base64"
	"encoding/json"
)

// Cursors are opaque to clients: the sort key of the last item of a page,
// as base64 of a JSON array. Pages are keyset pages (items after the key),
// so a cursor stays valid while the graph changes and both stores give the
// same cursor for the same item.

// EncodeCursor returns the cursor of a sort key. Every edge of every
// page has one, so the JSON of keys of printable ASCII (ids, most names)
// is written by hand, byte for byte as encoding/json writes it.
func EncodeCursor(key ...string) string {
	var buf [256]byte
	b, ok := appendKey(buf[:0], key)
	if !ok {
		b, _ = json.Marshal(key)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// appendKey appends key as encoding/json marshals it, or says it cannot
// (a byte outside printable ASCII: json's rules for those are longer).
func appendKey(b []byte, key []string) ([]byte, bool) {
	b = append(b, '[')
	for i, s := range key {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		for j := 0; j < len(s); j++ {
			switch c := s[j]; {
			case c < 0x20 || c > 0x7e:
				return nil, false
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '<' || c == '>' || c == '&': // json escapes them for HTML
				b = append(b, '\\', 'u', '0', '0', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
			default:
				b = append(b, c)
			}
		}
		b = append(b, '"')
	}
	return append(b, ']'), true
}

// DecodeCursor returns the sort key of a cursor of n parts, or EINVALID.
func DecodeCursor(cursor string, n int) ([]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	var key []string
	if err == nil {
		err = json.Unmarshal(b, &key)
	}
	if err != nil || len(key) != n {
		return nil, Errorf(EINVALID, "malformed cursor %q: pass an endCursor or cursor this API returned", cursor)
	}
	return key, nil
}
