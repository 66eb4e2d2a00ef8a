package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/kgql/kgql/internal/auth"
	"github.com/kgql/kgql/internal/httpapi"
	"github.com/kgql/kgql/internal/kg"
)

// Secrets come from the environment or a file only, never a flag: a
// process's arguments are visible to every user of the machine.
var (
	adminKeyEnv  = envVar{"KGQL_ADMIN_KEY", "", "a bootstrap admin key of your choosing, at least 32 random characters (e.g. openssl rand -base64 32); none: no bootstrap key"}
	jwtSecretEnv = envVar{"KGQL_JWT_SECRET", "", "the HS256 secret of JWT bearer tokens, at least 32 bytes (or --jwt-secret-file); none: no HS256 tokens"}
	authEnv      = []envVar{adminKeyEnv, jwtSecretEnv}
)

// authFlags are serve's settings of who may call.
type authFlags struct {
	reads, secretFile, jwksFile, jwksURL, issuer, audience, roleClaim *string
}

func registerAuth(fs *flag.FlagSet) (authFlags, error) {
	f := authFlags{
		reads:      fs.String("reads", httpapi.ReadsOpen, "who may query: open (anyone) or reader (a key or token of the reader role or above; without: UNAUTHENTICATED) (KGQL_READS)"),
		secretFile: fs.String("jwt-secret-file", "", "a file holding the HS256 secret of JWTs, instead of KGQL_JWT_SECRET (KGQL_JWT_SECRET_FILE)"),
		jwksFile:   fs.String("jwks-file", "", "a JSON Web Key Set file whose keys verify RS256/ES256 JWTs (KGQL_JWKS_FILE)"),
		jwksURL:    fs.String("jwks-url", "", "a JSON Web Key Set URL whose keys verify RS256/ES256 JWTs (KGQL_JWKS_URL)"),
		issuer:     fs.String("jwt-issuer", "", "the iss a JWT must carry; required with JWTs (KGQL_JWT_ISSUER)"),
		audience:   fs.String("jwt-audience", "", "the aud a JWT must carry; required with JWTs (KGQL_JWT_AUDIENCE)"),
		roleClaim:  fs.String("jwt-role-claim", auth.DefaultRoleClaim, "the JWT claim holding the role: reader, editor or admin (KGQL_JWT_ROLE_CLAIM)"),
	}
	return f, setFromEnv(fs, map[string]string{
		"reads": "KGQL_READS", "jwt-secret-file": "KGQL_JWT_SECRET_FILE", "jwks-file": "KGQL_JWKS_FILE", "jwks-url": "KGQL_JWKS_URL",
		"jwt-issuer": "KGQL_JWT_ISSUER", "jwt-audience": "KGQL_JWT_AUDIENCE", "jwt-role-claim": "KGQL_JWT_ROLE_CLAIM",
	})
}

// authenticator builds the authenticator of the flags over the store's
// API keys: none in a store in memory (dataDir and NEO4J_URI empty),
// where kgql keys cannot have made any.
func (f authFlags) authenticator(ctx context.Context, store kg.Store, inMemory bool) (*auth.Authenticator, error) {
	cfg := auth.Config{
		BootstrapKey: adminKeyEnv.get(), JWTSecret: []byte(jwtSecretEnv.get()),
		JWKSFile: *f.jwksFile, JWKSURL: *f.jwksURL, Issuer: *f.issuer, Audience: *f.audience, RoleClaim: *f.roleClaim,
	}
	if *f.secretFile != "" {
		if len(cfg.JWTSecret) > 0 {
			return nil, fmt.Errorf("set KGQL_JWT_SECRET or --jwt-secret-file, not both")
		}
		b, err := os.ReadFile(*f.secretFile)
		if err != nil {
			return nil, err
		}
		cfg.JWTSecret = []byte(strings.TrimSpace(string(b)))
	}
	keys, _ := store.(kg.KeyStore)
	if inMemory {
		keys = nil
	}
	return auth.New(ctx, cfg, keys)
}
