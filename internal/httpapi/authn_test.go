package httpapi_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/kgql/kgql/internal/auth"
	"github.com/kgql/kgql/internal/httpapi"
	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/memstore"
)

// principalStore notes the principal of the context of each Stats call.
type principalStore struct {
	kg.Store
	mu   sync.Mutex
	seen []kg.Principal
}

func (s *principalStore) Stats(ctx context.Context, q kg.StatsQuery) (*kg.Stats, error) {
	s.mu.Lock()
	s.seen = append(s.seen, kg.PrincipalFrom(ctx))
	s.mu.Unlock()
	return s.Store.Stats(ctx, q)
}

func (s *principalStore) last() kg.Principal {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.seen) == 0 {
		return kg.Principal{}
	}
	return s.seen[len(s.seen)-1]
}

var jwtSecret = []byte("a-test-secret-of-at-least-32-bytes!!")

const statsQuery = `{"query":"{ stats { entities } }"}`

// authAPI serves the seed with API keys in the store, HS256 tokens and
// reads as given, logging into the returned buffer.
func authAPI(t *testing.T, reads string) (*api, *memstore.Store, *principalStore, *syncBuffer) {
	t.Helper()
	store := seeded(t)
	a, err := auth.New(context.Background(), auth.Config{JWTSecret: jwtSecret, Issuer: "https://id.example", Audience: "kgql"}, store)
	if err != nil {
		t.Fatal(err)
	}
	cfg := unhurried(testDefaults())
	cfg.Auth, cfg.Reads = a, reads
	ps := &principalStore{Store: store}
	log := &syncBuffer{}
	return newAPIWith(t, ps, cfg, log), store, ps, log
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newKey(t *testing.T, store kg.KeyStore, role kg.Role) (string, kg.APIKey) {
	t.Helper()
	text, k, err := auth.NewKey("test "+string(role), role, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := store.CreateKey(context.Background(), k); err != nil {
		t.Fatal(err)
	}
	return text, k
}

func postAuth(t *testing.T, a *api, bearer string) *exchange {
	t.Helper()
	h := map[string]string{"Content-Type": "application/json"}
	if bearer != "" {
		h["Authorization"] = "Bearer " + bearer
	}
	return a.send(t, http.MethodPost, statsQuery, h)
}

func wantUnauthenticated(t *testing.T, x *exchange, what string) {
	t.Helper()
	if x.status != http.StatusUnauthorized || x.r.code() != kg.EUNAUTHENTICATED || x.r.Data != nil {
		t.Errorf("%s: status %d, body %s; want 401 UNAUTHENTICATED", what, x.status, x.body)
	}
}

func TestReadsNeedReader(t *testing.T) {
	a, store, ps, log := authAPI(t, httpapi.ReadsReader)
	wantUnauthenticated(t, postAuth(t, a, ""), "no credentials, POST")
	get := sendRaw(t, a.srv.URL+"/graphql?query="+"%7B%20stats%20%7B%20entities%20%7D%20%7D#", http.MethodGet, "", map[string]string{"Accept": "application/json"})
	wantUnauthenticated(t, get, "no credentials, GET")
	if len(ps.seen) != 0 {
		t.Errorf("the store was called for a refused request: %v", ps.seen)
	}

	key, rec := newKey(t, store, kg.RoleReader)
	x := postAuth(t, a, key)
	if x.status != http.StatusOK || x.r.Data == nil {
		t.Fatalf("a reader key: status %d, body %s", x.status, x.body)
	}
	if p := ps.last(); p.ID != "key:"+rec.ID || p.Role != kg.RoleReader || p.Method != kg.AuthAPIKey {
		t.Errorf("the store saw principal %+v", p)
	}

	if err := store.RevokeKey(context.Background(), rec.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	wantUnauthenticated(t, postAuth(t, a, key), "the revoked key, on the next request")

	tok := func(mod func(jwt.MapClaims)) string {
		c := jwt.MapClaims{"iss": "https://id.example", "aud": "kgql", "sub": "ada", "kgql_role": "reader", "exp": time.Now().Add(time.Hour).Unix()}
		if mod != nil {
			mod(c)
		}
		s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(jwtSecret)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	good := tok(nil)
	if x := postAuth(t, a, good); x.status != http.StatusOK || x.r.Data == nil {
		t.Errorf("a valid token: status %d, body %s", x.status, x.body)
	}
	if p := ps.last(); p.ID != "jwt:https://id.example#ada" || p.Method != kg.AuthJWT {
		t.Errorf("the store saw principal %+v", p)
	}
	expired := tok(func(c jwt.MapClaims) { c["exp"] = time.Now().Add(-time.Hour).Unix() })
	wantUnauthenticated(t, postAuth(t, a, expired), "an expired token")
	wantUnauthenticated(t, postAuth(t, a, good[:len(good)-3]+"AAA"), "a forged token")

	for _, secret := range []string{key, good, expired, key[len(key)-20:], good[len(good)-20:]} {
		if strings.Contains(log.String(), secret) {
			t.Errorf("the log holds a credential: %s", log.String())
		}
	}
	if !strings.Contains(log.String(), "status=401") {
		t.Errorf("the log has no refused request (is it the request log?): %s", log.String())
	}
}

func TestOpenReads(t *testing.T) {
	a, _, ps, _ := authAPI(t, httpapi.ReadsOpen)
	x := postAuth(t, a, "")
	if x.status != http.StatusOK || x.r.Data == nil {
		t.Fatalf("no credentials, open reads: status %d, body %s", x.status, x.body)
	}
	if p := ps.last(); p.ID != "anon:127.0.0.1" || !p.Anonymous() {
		t.Errorf("the store saw principal %+v, want anon:127.0.0.1", p)
	}
	// Bad credentials are refused even where reads are open: never served as anonymous.
	wantUnauthenticated(t, postAuth(t, a, "kgql_nosuchkey_secret"), "an unknown key")
	wantUnauthenticated(t, postAuth(t, a, "not-a-token"), "garbage")
}

func TestCORSAllowsAuthorization(t *testing.T) {
	for _, tc := range []struct {
		wrap func([]string, http.Handler) http.Handler
		want bool
	}{{httpapi.WithCORSAuth, true}, {httpapi.WithCORS, false}} {
		h := tc.wrap([]string{"http://localhost:5173"}, http.NotFoundHandler())
		srv := newServer(t, h)
		req, _ := http.NewRequest(http.MethodOptions, srv+"/graphql", nil)
		req.Header.Set("Origin", "http://localhost:5173")
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		res, _ := send(t, req)
		got := strings.Contains(strings.ToLower(res.Header.Get("Access-Control-Allow-Headers")), "authorization")
		if got != tc.want {
			t.Errorf("Access-Control-Allow-Headers %q: Authorization allowed %v, want %v", res.Header.Get("Access-Control-Allow-Headers"), got, tc.want)
		}
	}
}

func newServer(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}
