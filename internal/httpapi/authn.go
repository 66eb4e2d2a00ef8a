package httpapi

import (
	"net"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/kgql/kgql/internal/auth"
	"github.com/kgql/kgql/internal/kg"
)

// Who may read.
const (
	ReadsOpen   = "open"   // anyone, credentials or not (the default)
	ReadsReader = "reader" // a principal of the reader role or above
)

// authenticate sets the request's principal once, before any store call
// of the request: an anonymous one ("anon:<client address>") without an
// Authorization header, the credentials' principal with one. Credentials
// that prove nothing are refused with 401 UNAUTHENTICATED, never served
// as anonymous; so is a caller without credentials when reads need the
// reader role. The credentials are never logged or echoed.
func authenticate(a *auth.Authenticator, reads string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		var p kg.Principal
		if header := r.Header.Get("Authorization"); header == "" {
			host, _, err := net.SplitHostPort(r.RemoteAddr)
			if err != nil {
				host = r.RemoteAddr
			}
			p = kg.Principal{ID: "anon:" + host, Method: kg.AuthNone}
			if reads == ReadsReader {
				refuseAuth(w, r, kg.Errorf(kg.EUNAUTHENTICATED, "Reads need the reader role here: send Authorization: Bearer <API key or token> (an admin creates keys with kgql keys create; on first set-up, start kgql with KGQL_ADMIN_KEY set and use that key)."))
				return
			}
		} else {
			var err error
			if a == nil {
				err = kg.Errorf(kg.EUNAUTHENTICATED, "This server accepts no credentials: it has no API keys, bootstrap key or JWT issuer configured.")
			} else {
				p, err = a.Principal(ctx, header)
			}
			if err != nil {
				refuseAuth(w, r, err)
				return
			}
		}
		next.ServeHTTP(w, r.WithContext(kg.WithPrincipal(ctx, p)))
	})
}

// refuseAuth answers credentials refused with 401 (and WWW-Authenticate,
// as RFC 9110 asks), and a store that could not check them with 503.
func refuseAuth(w http.ResponseWriter, r *http.Request, err error) {
	code, status, msg := kg.EUNAUTHENTICATED, http.StatusUnauthorized, kg.ErrorMessage(err)
	switch {
	case kg.ErrorCode(err) == kg.EUNAUTHENTICATED:
		w.Header().Set("WWW-Authenticate", `Bearer realm="kgql"`)
	case kg.ErrorCode(err) == kg.EUNAVAILABLE || kg.ErrorCode(err) == kg.ETIMEOUT:
		code, status, msg = kg.ErrorCode(err), http.StatusServiceUnavailable, "The credentials could not be checked: the store is unavailable."
	default:
		code, status, msg = kg.EINTERNAL, http.StatusInternalServerError, "Internal error."
	}
	writeRefusal(r.Context(), w, mediaJSON, status, &graphql.Response{Errors: gqlerror.List{{
		Message: msg, Extensions: map[string]any{"code": code},
	}}})
}
