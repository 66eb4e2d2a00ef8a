package kg

import (
	"encoding/base64"
	"encoding/json"
)

// Cursors are opaque to clients: the sort key of the last item of a page,
// as base64 of a JSON array. Pages are keyset pages (items after the key),
// so a cursor stays valid while the graph changes and both stores give the
// same cursor for the same item.

// EncodeCursor returns the cursor of a sort key.
func EncodeCursor(key ...string) string {
	b, _ := json.Marshal(key)
	return base64.RawURLEncoding.EncodeToString(b)
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
