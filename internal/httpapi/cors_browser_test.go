package httpapi_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"testing"
)

// TestCORSInBrowser: a page served from another origin calls the API
// from Debian's chromium (tests/browser/cors.mjs). The API allows the
// origin of one frontend server and not of another; the first page gets
// data and an export's file name, the second's fetch fails.
func TestCORSInBrowser(t *testing.T) {
	script := browserScript(t, "cors.mjs")
	frontend := func() *httptest.Server {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, "<!doctype html><title>a frontend</title><p>a page on its own origin</p>")
		}))
		t.Cleanup(srv.Close)
		return srv
	}
	allowed, refused := frontend(), frontend()
	api := corsAPI(t, allowed.URL)
	out, err := exec.Command("node", script, api.URL, allowed.URL+"/", refused.URL+"/").CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	t.Logf("%s", out)
}
