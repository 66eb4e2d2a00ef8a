package httpapi_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kgql/kgql/internal/auth"
	"github.com/kgql/kgql/internal/httpapi"
	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/observe"
)

// TestOperatorRoutesApart: /metrics and the profiles are the admin
// listener's, not the API's; with no admin listener they are on the API
// behind the admin role (401 anonymous, 403 for a reader), and /readyz
// gives its reason to an admin only.
func TestOperatorRoutesApart(t *testing.T) {
	obs := observe.New(observe.Options{})
	apart := observed(t, seeded(t), obs, io.Discard)
	for _, path := range []string{"/metrics", "/debug/pprof/"} {
		if res, _ := get(t, apart.URL+path, nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("the API's %s: %d, want 404 (it is the admin listener's)", path, res.StatusCode)
		}
		if res, _ := get(t, apart.admin+path, nil); res.StatusCode != http.StatusOK {
			t.Errorf("the admin listener's %s: %d, want 200", path, res.StatusCode)
		}
	}

	store := seeded(t)
	const bootstrap = "kgql_bootstrapadmin_0123456789abcdef0123456789abcdef"
	a, err := auth.New(context.Background(), auth.Config{BootstrapKey: bootstrap}, store)
	if err != nil {
		t.Fatal(err)
	}
	reader, _ := newKey(t, store, kg.RoleReader)
	cfg := testDefaults()
	cfg.Auth, cfg.Reads, cfg.AdminOnPublic = a, httpapi.ReadsOpen, true
	one := observedWith(t, store, cfg, obs, io.Discard)
	for _, path := range []string{"/metrics", "/debug/pprof/"} {
		for _, c := range []struct {
			who    string
			header map[string]string
			status int
		}{
			{"anonymous", nil, http.StatusUnauthorized},
			{"a reader", map[string]string{"Authorization": "Bearer " + reader}, http.StatusForbidden},
			{"an admin", map[string]string{"Authorization": "Bearer " + bootstrap}, http.StatusOK},
		} {
			res, body := get(t, one.URL+path, c.header)
			if res.StatusCode != c.status || c.status != http.StatusOK && !strings.Contains(body, `"code":"`) {
				t.Errorf("%s on one listener, as %s: %d %.80s, want %d (coded)", path, c.who, res.StatusCode, body, c.status)
			}
		}
	}
}
