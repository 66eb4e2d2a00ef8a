package httpapi

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// CORS lets pages served from other origins (a frontend on its own dev
// server, http://localhost:5173) call the API from a browser. Only the
// origins listed are answered with CORS headers; a page of any other
// origin gets none, so its browser refuses it the response. Credentials
// are never allowed: the API has no cookies or sessions to share.
const (
	corsMethods = "GET, POST, OPTIONS"
	// What GraphQL clients send: Content-Type (a JSON POST is not a
	// simple request, hence the preflight), Accept, and Apollo Client's
	// identification and CSRF-prevention headers.
	corsHeaders = "Accept, Content-Type, Apollo-Require-Preflight, Apollographql-Client-Name, Apollographql-Client-Version, X-Apollo-Operation-Name"
	// Content-Disposition carries an export's file name.
	corsExposed = "Content-Disposition"
	// How long a browser may cache a preflight, in seconds (Chromium caps it at 7200).
	corsMaxAge = 600
)

// ParseOrigins reads a comma-separated list of origins, each
// scheme://host[:port] as a browser sends it in the Origin header, or
// "*" for any origin. An empty list allows none (same origin only).
func ParseOrigins(list string) ([]string, error) {
	var out []string
	for _, o := range strings.Split(list, ",") {
		o = strings.TrimSpace(o)
		if o == "" {
			continue
		}
		if o == "*" {
			out = append(out, o)
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
			(u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
			return nil, fmt.Errorf("CORS origin %q: want scheme://host[:port], such as http://localhost:5173, or *", o)
		}
		out = append(out, strings.ToLower(u.Scheme+"://"+u.Host))
	}
	return out, nil
}

// WithCORS answers the CORS requests of the allowed origins around next:
// a preflight (OPTIONS with Access-Control-Request-Method) directly, with
// the methods, headers and max age allowed; any other request by adding
// Access-Control-Allow-Origin to next's response. Requests from other
// origins, and requests without an Origin, pass through untouched. With
// no origins, next is returned as it is.
func WithCORS(origins []string, next http.Handler) http.Handler {
	return withCORS(origins, corsHeaders, next)
}

// WithCORSAuth is WithCORS allowing the Authorization header too, for a
// server that accepts credentials (API keys, tokens): pages of the
// allowed origins may send them, which browsers never do on their own.
func WithCORSAuth(origins []string, next http.Handler) http.Handler {
	return withCORS(origins, corsHeaders+", Authorization", next)
}

func withCORS(origins []string, headers string, next http.Handler) http.Handler {
	if len(origins) == 0 {
		return next
	}
	allowed := map[string]bool{}
	for _, o := range origins {
		allowed[o] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if !allowed["*"] {
			// The answer depends on the Origin: caches must keep one per origin.
			w.Header().Add("Vary", "Origin")
		}
		if origin == "" || !(allowed["*"] || allowed[strings.ToLower(origin)]) {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		if allowed["*"] {
			h.Set("Access-Control-Allow-Origin", "*")
		} else {
			h.Set("Access-Control-Allow-Origin", origin)
		}
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Add("Vary", "Access-Control-Request-Method")
			h.Add("Vary", "Access-Control-Request-Headers")
			h.Set("Access-Control-Allow-Methods", corsMethods)
			h.Set("Access-Control-Allow-Headers", headers)
			h.Set("Access-Control-Max-Age", strconv.Itoa(corsMaxAge))
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h.Set("Access-Control-Expose-Headers", corsExposed)
		next.ServeHTTP(w, r)
	})
}
