package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestServeCORSOrigins: KGQL_CORS_ORIGINS (or --cors-origins) names the
// origins whose pages may call the API; a malformed one stops kgql before
// it serves.
func TestServeCORSOrigins(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	t.Setenv("KGQL_CORS_ORIGINS", "http://localhost:5173, https://app.example")
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"--addr", addr}, io.Discard, io.Discard) }()
	waitReady(t, addr)
	for origin, want := range map[string]string{"http://localhost:5173": "http://localhost:5173", "https://app.example": "https://app.example", "http://localhost:3000": ""} {
		req, _ := http.NewRequest("OPTIONS", "http://"+addr+"/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Get("Access-Control-Allow-Origin"); got != want {
			t.Errorf("preflight from %s: Access-Control-Allow-Origin %q, want %q", origin, got, want)
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}

	stderr := new(bytes.Buffer)
	err := run(context.Background(), []string{"--addr", freeAddr(t), "--cors-origins", "localhost:5173"}, io.Discard, stderr)
	var exit exitError
	if !errors.As(err, &exit) || exit != 2 || !strings.Contains(stderr.String(), "scheme://host") {
		t.Errorf("a malformed origin: %v, %q", err, stderr.String())
	}
}
