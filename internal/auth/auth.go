package auth

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"

	"github.com/kgql/kgql/internal/kg"
)

// Config is how callers prove who they are. Everything is optional: with
// nothing set, only anonymous callers exist.
type Config struct {
	BootstrapKey string // KGQL_ADMIN_KEY: an admin key chosen by the operator (CheckBootstrapKey)

	// JWT bearer tokens: either a secret (HS256) or a JWKS (RS256, ES256),
	// never both, so that one family of algorithms is accepted.
	JWTSecret []byte
	JWKSFile  string // a JSON Web Key Set in a file
	JWKSURL   string // or at a URL, refreshed by keyfunc
	Issuer    string // required iss when JWTs are on
	Audience  string // required aud when JWTs are on
	RoleClaim string // the claim holding the role; DefaultRoleClaim when empty
	ClockSkew time.Duration
}

// DefaultRoleClaim is the claim a token's role is read from unless
// configured otherwise.
const DefaultRoleClaim = "kgql_role"

// Authenticator turns bearer credentials into principals.
type Authenticator struct {
	keys      kg.KeyStore // nil when the store keeps no keys
	bootstrap string
	keyfunc   jwt.Keyfunc // nil when JWTs are off
	parser    *jwt.Parser
	roleClaim string
}

// New returns the authenticator of cfg over the store's keys (nil when
// the store keeps none). It refuses a weak bootstrap key and an
// incomplete JWT configuration.
func New(ctx context.Context, cfg Config, keys kg.KeyStore) (*Authenticator, error) {
	a := &Authenticator{keys: keys, bootstrap: cfg.BootstrapKey, roleClaim: cfg.RoleClaim}
	if a.roleClaim == "" {
		a.roleClaim = DefaultRoleClaim
	}
	if cfg.BootstrapKey != "" {
		if err := CheckBootstrapKey(cfg.BootstrapKey); err != nil {
			return nil, err
		}
	}
	sources := 0
	for _, set := range []bool{len(cfg.JWTSecret) > 0, cfg.JWKSFile != "", cfg.JWKSURL != ""} {
		if set {
			sources++
		}
	}
	if sources == 0 {
		return a, nil
	}
	if sources > 1 {
		return nil, errors.New("JWT: set one of a secret (KGQL_JWT_SECRET), a JWKS file or a JWKS URL, not several")
	}
	if cfg.Issuer == "" || cfg.Audience == "" {
		return nil, errors.New("JWT: an issuer (KGQL_JWT_ISSUER) and an audience (KGQL_JWT_AUDIENCE) are required")
	}
	var methods []string
	switch {
	case len(cfg.JWTSecret) > 0:
		if len(cfg.JWTSecret) < 32 {
			return nil, fmt.Errorf("JWT: the HS256 secret is %d bytes: it needs at least 32", len(cfg.JWTSecret))
		}
		secret := cfg.JWTSecret
		a.keyfunc = func(*jwt.Token) (any, error) { return secret, nil }
		methods = []string{"HS256"}
	case cfg.JWKSFile != "":
		raw, err := os.ReadFile(cfg.JWKSFile)
		if err != nil {
			return nil, fmt.Errorf("JWT: %w", err)
		}
		k, err := keyfunc.NewJWKSetJSON(json.RawMessage(raw))
		if err != nil {
			return nil, fmt.Errorf("JWT: the JWKS in %s: %w", cfg.JWKSFile, err)
		}
		a.keyfunc = k.Keyfunc
		methods = []string{"RS256", "ES256"}
	default:
		k, err := keyfunc.NewDefaultCtx(ctx, []string{cfg.JWKSURL})
		if err != nil {
			return nil, fmt.Errorf("JWT: the JWKS at %s: %w", cfg.JWKSURL, err)
		}
		a.keyfunc = k.Keyfunc
		methods = []string{"RS256", "ES256"}
	}
	a.parser = jwt.NewParser(
		jwt.WithValidMethods(methods),
		jwt.WithIssuer(cfg.Issuer),
		jwt.WithAudience(cfg.Audience),
		jwt.WithExpirationRequired(),
	)
	return a, nil
}

// Enabled reports whether any credentials can be accepted.
func (a *Authenticator) Enabled() bool {
	return a.bootstrap != "" || a.keys != nil || a.keyfunc != nil
}

// refused is the error of credentials that prove nothing; its message
// never repeats them.
func refused(why string) error {
	return kg.Errorf(kg.EUNAUTHENTICATED, "The credentials were refused: %s. Send Authorization: Bearer <API key or token>.", why)
}

// Principal returns the principal of an Authorization header's value;
// EUNAUTHENTICATED for credentials that prove nothing. The caller handles
// an absent header (an anonymous principal).
func (a *Authenticator) Principal(ctx context.Context, header string) (kg.Principal, error) {
	scheme, cred, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(cred) == "" {
		return kg.Principal{}, refused("the Authorization header is not Bearer <credentials>")
	}
	cred = strings.TrimSpace(cred)
	if a.bootstrap != "" && subtle.ConstantTimeCompare([]byte(cred), []byte(a.bootstrap)) == 1 {
		return kg.Principal{ID: "bootstrap", Name: "bootstrap admin", Role: kg.RoleAdmin, Method: kg.AuthBootstrap}, nil
	}
	if id, ok := keyID(cred); ok {
		return a.apiKey(ctx, id, cred)
	}
	if a.keyfunc != nil && strings.Count(cred, ".") == 2 {
		return a.token(cred)
	}
	return kg.Principal{}, refused("not a key or token this server accepts")
}

func (a *Authenticator) apiKey(ctx context.Context, id, text string) (kg.Principal, error) {
	if a.keys == nil {
		return kg.Principal{}, refused("this store keeps no API keys")
	}
	k, err := a.keys.KeyByID(ctx, id)
	if kg.ErrorCode(err) == kg.ENOTFOUND {
		return kg.Principal{}, refused("unknown API key")
	}
	if err != nil {
		return kg.Principal{}, err
	}
	if !hashMatches(text, k.Hash) {
		return kg.Principal{}, refused("unknown API key")
	}
	if !k.Live() {
		return kg.Principal{}, refused("the API key was revoked")
	}
	return kg.Principal{ID: "key:" + k.ID, Name: k.Name, Role: k.Role, Method: kg.AuthAPIKey}, nil
}

func (a *Authenticator) token(text string) (kg.Principal, error) {
	claims := jwt.MapClaims{}
	if _, err := a.parser.ParseWithClaims(text, claims, a.keyfunc); err != nil {
		return kg.Principal{}, refused("invalid token (" + tokenReason(err) + ")")
	}
	iss, _ := claims.GetIssuer()
	sub, _ := claims.GetSubject()
	if sub == "" {
		return kg.Principal{}, refused("the token has no subject")
	}
	role, _ := claims[a.roleClaim].(string)
	if !kg.Role(role).Valid() {
		return kg.Principal{}, refused(fmt.Sprintf("the token's %s claim is not one of reader, editor, admin", a.roleClaim))
	}
	name, _ := claims["name"].(string)
	if name == "" {
		name = sub
	}
	return kg.Principal{ID: "jwt:" + iss + "#" + sub, Name: name, Role: kg.Role(role), Method: kg.AuthJWT}, nil
}

// tokenReason names why a token failed without echoing any of it.
func tokenReason(err error) string {
	for _, r := range []struct {
		err  error
		what string
	}{
		{jwt.ErrTokenExpired, "expired"},
		{jwt.ErrTokenRequiredClaimMissing, "a required claim is missing"},
		{jwt.ErrTokenInvalidIssuer, "wrong issuer"},
		{jwt.ErrTokenInvalidAudience, "wrong audience"},
		{jwt.ErrTokenNotValidYet, "not valid yet"},
		{jwt.ErrTokenSignatureInvalid, "bad signature"},
		{jwt.ErrTokenUnverifiable, "unverifiable"},
		{jwt.ErrTokenMalformed, "malformed"},
	} {
		if errors.Is(err, r.err) {
			return r.what
		}
	}
	return "not accepted"
}
