package kg

import (
	"context"
	"time"
)

// APIKey is a key kgql issued, as its store keeps it: never the secret,
// only the SHA-256 hash of the whole key, so that a stolen store yields
// no usable key.
type APIKey struct {
	ID      string    // public, embedded in the key (kgql_<id>_<secret>)
	Name    string    // what the admin called it: who or what uses it
	Role    Role      // what it may do
	Hash    []byte    // SHA-256 of the whole key text
	Created time.Time // when it was created
	Revoked time.Time // zero while the key is valid
}

// Live reports whether the key has not been revoked.
func (k APIKey) Live() bool { return k.Revoked.IsZero() }

// KeyStore keeps API keys in the store itself, so that they survive a
// restart wherever the graph does. Both stores implement it.
type KeyStore interface {
	// CreateKey adds k; ECONFLICT when its id exists.
	CreateKey(ctx context.Context, k APIKey) error
	// KeyByID returns the key of id; ENOTFOUND when there is none.
	KeyByID(ctx context.Context, id string) (APIKey, error)
	// ListKeys returns every key, revoked ones included, by creation.
	ListKeys(ctx context.Context) ([]APIKey, error)
	// RevokeKey marks the key of id revoked at; ENOTFOUND when there is
	// none. Revoking a revoked key keeps its first revocation.
	RevokeKey(ctx context.Context, id string, at time.Time) error
}
