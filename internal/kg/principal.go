package kg

import "context"

// Role is what a principal may do. Each role may do what the roles below
// it may: an admin edits, an editor reads.
type Role string

const (
	RoleReader Role = "reader" // reads, where reads are not open to anyone
	RoleEditor Role = "editor" // every mutation of the graph
	RoleAdmin  Role = "admin"  // key management, and all an editor does
)

// Roles lists the roles, least first.
var Roles = []Role{RoleReader, RoleEditor, RoleAdmin}

func (r Role) level() int {
	for i, x := range Roles {
		if r == x {
			return i + 1
		}
	}
	return 0
}

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool { return r.level() > 0 }

// Allows reports whether a principal of role r may do what needs role need.
func (r Role) Allows(need Role) bool { return r.Valid() && r.level() >= need.level() }

// How a principal authenticated.
const (
	AuthNone      = "none"      // an anonymous caller: no credentials
	AuthAPIKey    = "api-key"   // an API key kgql issued (kgql keys create)
	AuthBootstrap = "bootstrap" // the bootstrap admin key of KGQL_ADMIN_KEY
	AuthJWT       = "jwt"       // a bearer token signed by a configured issuer
)

// Principal is who is calling: set once at the HTTP boundary, carried in
// the context, recorded with every change.
type Principal struct {
	// ID is stable across requests: "key:<key id>", "jwt:<issuer>#<subject>",
	// "bootstrap", or "anon:<client address>" for an anonymous caller (so
	// that budgets can still tell callers apart).
	ID     string
	Name   string // for people: the key's name, the token's subject or name claim
	Role   Role   // empty for an anonymous caller
	Method string // AuthNone, AuthAPIKey, AuthBootstrap or AuthJWT
}

// Anonymous reports whether p carries no credentials.
func (p Principal) Anonymous() bool { return p.Method == "" || p.Method == AuthNone }

type principalKey struct{}

// WithPrincipal returns a context that carries p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the principal of ctx; an anonymous one with no
// address when none was set.
func PrincipalFrom(ctx context.Context) Principal {
	if p, ok := ctx.Value(principalKey{}).(Principal); ok {
		return p
	}
	return Principal{ID: "anon:", Method: AuthNone}
}

// Require returns nil when the principal of ctx may do what needs role
// need; EUNAUTHENTICATED when it carries no credentials, EFORBIDDEN when
// its role is too low. Resolvers call it before any store call.
func Require(ctx context.Context, need Role) error {
	p := PrincipalFrom(ctx)
	switch {
	case p.Anonymous():
		return Errorf(EUNAUTHENTICATED, "This needs the %s role: send Authorization: Bearer <API key or token> (an admin creates keys with kgql keys create; on first set-up, start kgql with KGQL_ADMIN_KEY set and use that key).", need)
	case !p.Role.Allows(need):
		return Errorf(EFORBIDDEN, "This needs the %s role; %s has the %s role.", need, p.Name, p.Role)
	}
	return nil
}
