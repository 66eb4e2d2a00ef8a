package auth_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/kgql/kgql/internal/auth"
	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
	"github.com/kgql/kgql/internal/neo4jstore"
	"github.com/kgql/kgql/internal/neo4jtest"
)

const (
	issuer   = "https://issuer.example"
	audience = "kgql"
)

var secret = []byte("0123456789abcdef0123456789abcdef-hs256")

func claims(mod func(jwt.MapClaims)) jwt.MapClaims {
	c := jwt.MapClaims{"iss": issuer, "aud": audience, "sub": "ada", "name": "Ada", "kgql_role": "editor",
		"exp": time.Now().Add(time.Hour).Unix()}
	if mod != nil {
		mod(c)
	}
	return c
}

func sign(t *testing.T, m jwt.SigningMethod, key any, c jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(m, c).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func newAuth(t *testing.T, cfg auth.Config, keys kg.KeyStore) *auth.Authenticator {
	t.Helper()
	cfg.Issuer, cfg.Audience = issuer, audience
	a, err := auth.New(context.Background(), cfg, keys)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func refusedCode(t *testing.T, a *auth.Authenticator, header, what string) {
	t.Helper()
	p, err := a.Principal(context.Background(), header)
	if kg.ErrorCode(err) != kg.EUNAUTHENTICATED {
		t.Errorf("%s: got %+v, %v; want UNAUTHENTICATED", what, p, err)
	}
	if err != nil && len(header) > 20 && strings.Contains(err.Error(), header[7:]) {
		t.Errorf("%s: the error repeats the credentials: %v", what, err)
	}
}

func TestHS256(t *testing.T) {
	a := newAuth(t, auth.Config{JWTSecret: secret}, nil)
	p, err := a.Principal(context.Background(), "Bearer "+sign(t, jwt.SigningMethodHS256, secret, claims(nil)))
	if err != nil {
		t.Fatal(err)
	}
	want := kg.Principal{ID: "jwt:" + issuer + "#ada", Name: "Ada", Role: kg.RoleEditor, Method: kg.AuthJWT}
	if p != want {
		t.Errorf("got %+v, want %+v", p, want)
	}
	refusedCode(t, a, "Bearer "+sign(t, jwt.SigningMethodHS256, []byte("another secret of thirty-two bytes!!"), claims(nil)), "forged signature")
	refusedCode(t, a, "Bearer "+sign(t, jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Minute).Unix() })), "expired")
	refusedCode(t, a, "Bearer "+sign(t, jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { delete(c, "exp") })), "no expiry")
	refusedCode(t, a, "Bearer "+sign(t, jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { c["aud"] = "other" })), "wrong audience")
	refusedCode(t, a, "Bearer "+sign(t, jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { c["iss"] = "https://evil.example" })), "wrong issuer")
	refusedCode(t, a, "Bearer "+sign(t, jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { c["kgql_role"] = "root" })), "unknown role")
	refusedCode(t, a, "Bearer "+sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims(nil)), "alg none")
	refusedCode(t, a, "Basic YWRhOmFkYQ==", "not bearer")
	refusedCode(t, a, "Bearer nonsense", "nonsense")
}

// jwksFile writes the public keys as a JWKS and returns its path.
func jwksFile(t *testing.T, keys map[string]any) string {
	t.Helper()
	b64 := func(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }
	var set []map[string]string
	for kid, k := range keys {
		switch k := k.(type) {
		case *rsa.PublicKey:
			set = append(set, map[string]string{"kty": "RSA", "kid": kid, "alg": "RS256", "use": "sig", "n": b64(k.N.Bytes()), "e": b64(big.NewInt(int64(k.E)).Bytes())})
		case *ecdsa.PublicKey:
			point, err := k.Bytes() // 0x04 || x || y
			if err != nil {
				t.Fatal(err)
			}
			set = append(set, map[string]string{"kty": "EC", "kid": kid, "alg": "ES256", "use": "sig", "crv": "P-256", "x": b64(point[1:33]), "y": b64(point[33:])})
		}
	}
	raw, err := json.Marshal(map[string]any{"keys": set})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "jwks.json")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestJWKS(t *testing.T) {
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	rk, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	a := newAuth(t, auth.Config{JWKSFile: jwksFile(t, map[string]any{"ec1": &ec.PublicKey, "rsa1": &rk.PublicKey})}, nil)
	withKid := func(m jwt.SigningMethod, key any, kid string, c jwt.MapClaims) string {
		tok := jwt.NewWithClaims(m, c)
		tok.Header["kid"] = kid
		s, err := tok.SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, tc := range []struct {
		name string
		tok  string
	}{
		{"ES256", withKid(jwt.SigningMethodES256, ec, "ec1", claims(nil))},
		{"RS256", withKid(jwt.SigningMethodRS256, rk, "rsa1", claims(nil))},
	} {
		p, err := a.Principal(context.Background(), "Bearer "+tc.tok)
		if err != nil || p.Role != kg.RoleEditor || p.Method != kg.AuthJWT {
			t.Errorf("%s: got %+v, %v", tc.name, p, err)
		}
	}
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	refusedCode(t, a, "Bearer "+withKid(jwt.SigningMethodES256, other, "ec1", claims(nil)), "ES256 forged")
	refusedCode(t, a, "Bearer "+withKid(jwt.SigningMethodRS256, rk, "rsa1", claims(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() })), "RS256 expired")
	// HS/RS confusion: an HS256 token whose secret is the RSA public key.
	der, err := x509.MarshalPKIXPublicKey(&rk.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pemKey := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
	refusedCode(t, a, "Bearer "+withKid(jwt.SigningMethodHS256, pemKey, "rsa1", claims(nil)), "HS256 with the RSA public key (PEM)")
	refusedCode(t, a, "Bearer "+withKid(jwt.SigningMethodHS256, der, "rsa1", claims(nil)), "HS256 with the RSA public key (DER)")
	refusedCode(t, a, "Bearer "+withKid(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, "rsa1", claims(nil)), "alg none")
}

func TestConfigRefused(t *testing.T) {
	for name, cfg := range map[string]auth.Config{
		"weak bootstrap":  {BootstrapKey: "password"},
		"repetitive":      {BootstrapKey: strings.Repeat("ab", 20)},
		"short secret":    {JWTSecret: []byte("short"), Issuer: issuer, Audience: audience},
		"no issuer":       {JWTSecret: secret, Audience: audience},
		"no audience":     {JWTSecret: secret, Issuer: issuer},
		"secret and jwks": {JWTSecret: secret, JWKSFile: "x.json", Issuer: issuer, Audience: audience},
	} {
		if _, err := auth.New(context.Background(), cfg, nil); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestBootstrapKey(t *testing.T) {
	key := "Zq3v9XkP2mLr7TbN4cWy8HsJ6dFa1GeU"
	a := newAuth(t, auth.Config{BootstrapKey: key}, nil)
	p, err := a.Principal(context.Background(), "Bearer "+key)
	if err != nil || p.Role != kg.RoleAdmin || p.Method != kg.AuthBootstrap {
		t.Errorf("got %+v, %v", p, err)
	}
	refusedCode(t, a, "Bearer "+key[:len(key)-1]+"X", "wrong bootstrap key")
}

// TestAPIKeys runs against the embedded store, in memory and in a file
// (the Neo4j store's keys are tested in internal/neo4jstore).
func TestAPIKeys(t *testing.T) {
	for _, dir := range []string{"", t.TempDir()} {
		store, err := memstore.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { store.Close() })
		CheckKeys(t, store)
	}
}

// CheckKeys creates, uses and revokes a key in keys.
func CheckKeys(t *testing.T, keys kg.KeyStore) {
	t.Helper()
	ctx := context.Background()
	a := newAuth(t, auth.Config{}, keys)
	text, rec, err := auth.NewKey("ci", kg.RoleReader, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(text, auth.KeyPrefix+rec.ID+"_") || len(text) < len(auth.KeyPrefix)+52 {
		t.Errorf("key %q has not the shape kgql_<id>_<secret>", text)
	}
	if err := keys.CreateKey(ctx, rec); err != nil {
		t.Fatal(err)
	}
	p, err := a.Principal(ctx, "Bearer "+text)
	if err != nil || p != (kg.Principal{ID: "key:" + rec.ID, Name: "ci", Role: kg.RoleReader, Method: kg.AuthAPIKey}) {
		t.Fatalf("got %+v, %v", p, err)
	}
	refusedCode(t, a, "Bearer "+text[:len(text)-2]+"aa", "a key with a wrong secret")
	refusedCode(t, a, "Bearer kgql_nosuchid_secret", "an unknown key")
	list, err := keys.ListKeys(ctx)
	if err != nil || len(list) != 1 || list[0].ID != rec.ID || !list[0].Live() {
		t.Errorf("list: %+v, %v", list, err)
	}
	if err := keys.RevokeKey(ctx, rec.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	refusedCode(t, a, "Bearer "+text, "a revoked key")
	if kg.ErrorCode(keys.RevokeKey(ctx, "nosuchid", time.Now())) != kg.ENOTFOUND {
		t.Error("revoking an unknown key: want NOT_FOUND")
	}
}

// TestAPIKeysNeo4j runs the same against Neo4j (KGQL_REQUIRE_NEO4J=1
// makes it fail instead of skip without one).
func TestAPIKeysNeo4j(t *testing.T) {
	store := neo4jtest.Open(t)
	neo4jtest.Wipe(t)
	CheckKeys(t, store)
	rows := neo4jtest.Query(t, "SHOW CONSTRAINTS YIELD name WHERE name = $name RETURN name", map[string]any{"name": neo4jstore.KeyIDConstraint})
	if len(rows) != 1 {
		t.Errorf("constraint %s: %v", neo4jstore.KeyIDConstraint, rows)
	}
}

// TestJWKSURL verifies an ES256 token against a JWKS served over HTTP.
func TestJWKSURL(t *testing.T) {
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(jwksFile(t, map[string]any{"ec1": &ec.PublicKey}))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(raw)
	}))
	t.Cleanup(srv.Close)
	a := newAuth(t, auth.Config{JWKSURL: srv.URL}, nil)
	tok := jwt.NewWithClaims(jwt.SigningMethodES256, claims(nil))
	tok.Header["kid"] = "ec1"
	s, err := tok.SignedString(ec)
	if err != nil {
		t.Fatal(err)
	}
	if p, err := a.Principal(context.Background(), "Bearer "+s); err != nil || p.Role != kg.RoleEditor {
		t.Errorf("got %+v, %v", p, err)
	}
	refusedCode(t, a, "Bearer "+sign(t, jwt.SigningMethodHS256, secret, claims(nil)), "an HS256 token where JWKS keys verify")
}
