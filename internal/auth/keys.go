// Package auth turns the credentials of an Authorization header (an API
// key kgql issued, the bootstrap admin key, or a JWT of a configured
// issuer) into a kg.Principal.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"fmt"
	"strings"
	"time"

	"github.com/kgql/kgql/internal/kg"
)

// KeyPrefix starts every key kgql issues, so that secret scanners can
// recognise a leaked one.
const KeyPrefix = "kgql_"

// A key is kgql_<id>_<secret>: the id (public, 80 random bits) finds the
// key in the store without a scan; the secret carries 256 random bits.
const (
	idBytes     = 10
	secretBytes = 32
)

var encoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewKey returns a new key's text, which is shown once, and its record to
// store (the text's SHA-256, never the text).
func NewKey(name string, role kg.Role, now time.Time) (string, kg.APIKey, error) {
	if !role.Valid() {
		return "", kg.APIKey{}, kg.Errorf(kg.EINVALID, "Role %q is not one of reader, editor, admin.", role)
	}
	if strings.TrimSpace(name) == "" {
		return "", kg.APIKey{}, kg.Errorf(kg.EINVALID, "A key needs a name: who or what uses it.")
	}
	raw := make([]byte, idBytes+secretBytes)
	if _, err := rand.Read(raw); err != nil {
		return "", kg.APIKey{}, fmt.Errorf("auth: random bits: %w", err)
	}
	id := strings.ToLower(encoding.EncodeToString(raw[:idBytes]))
	text := KeyPrefix + id + "_" + strings.ToLower(encoding.EncodeToString(raw[idBytes:]))
	sum := sha256.Sum256([]byte(text))
	return text, kg.APIKey{ID: id, Name: name, Role: role, Hash: sum[:], Created: now.UTC()}, nil
}

// keyID returns the id embedded in a key's text, and whether the text
// has the shape of a key kgql issued.
func keyID(text string) (string, bool) {
	rest, ok := strings.CutPrefix(text, KeyPrefix)
	if !ok {
		return "", false
	}
	id, secret, ok := strings.Cut(rest, "_")
	return id, ok && id != "" && secret != ""
}

// hashMatches compares the text's SHA-256 with a stored hash in constant
// time.
func hashMatches(text string, hash []byte) bool {
	sum := sha256.Sum256([]byte(text))
	return subtle.ConstantTimeCompare(sum[:], hash) == 1
}

// MinBootstrapKeyLen is the shortest KGQL_ADMIN_KEY accepted.
const MinBootstrapKeyLen = 32

// CheckBootstrapKey refuses a bootstrap admin key that is too weak to
// stand for an admin: short, or of too few distinct characters.
func CheckBootstrapKey(key string) error {
	if len(key) < MinBootstrapKeyLen {
		return fmt.Errorf("KGQL_ADMIN_KEY is %d characters long: it needs at least %d random ones (e.g. openssl rand -base64 32)", len(key), MinBootstrapKeyLen)
	}
	distinct := map[rune]bool{}
	for _, r := range key {
		distinct[r] = true
	}
	if len(distinct) < 16 {
		return fmt.Errorf("KGQL_ADMIN_KEY has only %d distinct characters: it needs random ones (e.g. openssl rand -base64 32)", len(distinct))
	}
	return nil
}
