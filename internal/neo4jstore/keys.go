package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/kgql/kgql/internal/kg"
)

// API keys are nodes of their own label, apart from the graph's entities,
// with a uniqueness constraint on their id. Lookups go to the leader, not
// to readers, so that a revocation counts on the very next request.

// KeyIDConstraint is the uniqueness constraint on API key ids.
const KeyIDConstraint = "apikey_id_unique"

var keyConstraint = fmt.Sprintf("CREATE CONSTRAINT %s IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE", KeyIDConstraint)

var _ kg.KeyStore = (*Store)(nil)

// CreateKey implements kg.KeyStore.
func (s *Store) CreateKey(ctx context.Context, k kg.APIKey) error {
	if _, err := s.query(ctx, keyConstraint, nil, false); err != nil {
		return err
	}
	res, err := s.query(ctx, `OPTIONAL MATCH (old:ApiKey {id: $id})
		WITH old WHERE old IS NULL
		CREATE (k:ApiKey {id: $id, name: $name, role: $role, hash: $hash, created: $created})
		RETURN k.id AS id`,
		map[string]any{"id": k.ID, "name": k.Name, "role": string(k.Role), "hash": k.Hash, "created": k.Created.UTC()}, false)
	var neoErr *neo4j.Neo4jError
	if errors.As(err, &neoErr) && neoErr.Code == "Neo.ClientError.Schema.ConstraintValidationFailed" || err == nil && len(res.Records) == 0 {
		return kg.Errorf(kg.ECONFLICT, "An API key with id %s exists.", k.ID)
	}
	return err
}

// KeyByID implements kg.KeyStore.
func (s *Store) KeyByID(ctx context.Context, id string) (kg.APIKey, error) {
	res, err := s.query(ctx, `MATCH (k:ApiKey {id: $id}) RETURN k`, map[string]any{"id": id}, false)
	if err != nil {
		return kg.APIKey{}, err
	}
	if len(res.Records) == 0 {
		return kg.APIKey{}, kg.Errorf(kg.ENOTFOUND, "No API key has id %s.", id)
	}
	return decodeKey(res.Records[0])
}

// ListKeys implements kg.KeyStore.
func (s *Store) ListKeys(ctx context.Context) ([]kg.APIKey, error) {
	res, err := s.query(ctx, `MATCH (k:ApiKey) RETURN k ORDER BY k.created, k.id`, nil, false)
	if err != nil {
		return nil, err
	}
	out := make([]kg.APIKey, 0, len(res.Records))
	for _, r := range res.Records {
		k, err := decodeKey(r)
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, nil
}

// RevokeKey implements kg.KeyStore.
func (s *Store) RevokeKey(ctx context.Context, id string, at time.Time) error {
	res, err := s.query(ctx, `MATCH (k:ApiKey {id: $id}) SET k.revoked = coalesce(k.revoked, $at) RETURN k.id AS id`,
		map[string]any{"id": id, "at": at.UTC()}, false)
	if err != nil {
		return err
	}
	if len(res.Records) == 0 {
		return kg.Errorf(kg.ENOTFOUND, "No API key has id %s.", id)
	}
	return nil
}

func decodeKey(r *neo4j.Record) (kg.APIKey, error) {
	v, _ := r.Get("k")
	n, ok := v.(neo4j.Node)
	if !ok {
		return kg.APIKey{}, kg.Errorf(kg.EINTERNAL, "neo4jstore: an API key row without its node")
	}
	p := n.Props
	k := kg.APIKey{}
	k.ID, _ = p["id"].(string)
	k.Name, _ = p["name"].(string)
	role, _ := p["role"].(string)
	k.Role = kg.Role(role)
	k.Hash, _ = p["hash"].([]byte)
	k.Created, _ = p["created"].(time.Time)
	k.Revoked, _ = p["revoked"].(time.Time)
	return k, nil
}
