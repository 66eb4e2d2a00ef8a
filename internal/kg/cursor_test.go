package kg

import (
	"encoding/base64"
	"encoding/json"
	"testing"
)

// TestEncodeCursorIsJSON: the hand-written encoding is encoding/json's,
// byte for byte, for every key (the fallback included).
func TestEncodeCursorIsJSON(t *testing.T) {
	for _, key := range [][]string{
		{"person/hafeez-ur-rehman>HOLDS_POSITION>org/pta"},
		{"Kassym-Jomart Tokayev", "person/kassym-jomart-tokayev"},
		{`quote " and \ back`, "a&b<c>d"},
		{"Kazakhstan’s", "naïve\x00\u2028"},
		{""},
		{},
	} {
		want, _ := json.Marshal(key)
		if got := EncodeCursor(key...); got != base64.RawURLEncoding.EncodeToString(want) {
			t.Errorf("EncodeCursor(%q) = %s, want the base64 of %s", key, got, want)
		}
		if len(key) > 0 {
			back, err := DecodeCursor(EncodeCursor(key...), len(key))
			if err != nil || len(back) != len(key) || back[0] != key[0] {
				t.Errorf("DecodeCursor(EncodeCursor(%q)) = %q, %v", key, back, err)
			}
		}
	}
}
