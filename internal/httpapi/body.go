package httpapi

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"
)

// bodyGrace is how long a body may take before MinBodyRate applies: a
// client's first bytes may wait for its TCP window or its own work.
const bodyGrace = 2 * time.Second

// readBody reads a request's whole body before the request takes an
// in-flight slot (guard), so that a client that sends its body slowly
// holds a connection, not a slot: 130 clients that sent their headers
// and part of a body held all 128 slots until the read timeout, and
// normal requests got 503. A body that arrives slower than
// cfg.MinBodyRate bytes a second (after bodyGrace) is cut with 408 and
// the connection closed. It reads at most MaxBodyBytes+1 bytes: the
// transport refuses a larger body with its 413, as it always did.
func readBody(cfg Config, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody || r.ContentLength > cfg.MaxBodyBytes {
			next.ServeHTTP(w, r) // nothing to wait for, or refused at once
			return
		}
		rc := http.NewResponseController(w)
		start := time.Now()
		limit := cfg.MaxBodyBytes + 1
		var body bytes.Buffer
		chunk := make([]byte, 32<<10)
		for int64(body.Len()) < limit {
			// The server's ReadTimeout still bounds the whole read; this
			// deadline only comes sooner for a body that trickles.
			deadline := start.Add(cfg.ReadTimeout)
			if cfg.MinBodyRate > 0 {
				due := start.Add(bodyGrace + time.Duration(float64(body.Len())/float64(cfg.MinBodyRate)*float64(time.Second)))
				if due.Before(deadline) {
					deadline = due
				}
			}
			_ = rc.SetReadDeadline(deadline) // ErrNotSupported: the server's deadline only
			n, err := r.Body.Read(chunk[:min(int64(len(chunk)), limit-int64(body.Len()))])
			body.Write(chunk[:n])
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				if errors.Is(err, os.ErrDeadlineExceeded) {
					w.Header().Set("Connection", "close")
					writeRequestError(r.Context(), w, mediaJSON, &requestError{status: http.StatusRequestTimeout, limit: "body-rate", max: int64(cfg.MinBodyRate),
						message: fmt.Sprintf("The body arrived slower than %d bytes a second.", cfg.MinBodyRate)})
				}
				return // else the client went away
			}
		}
		r.Body = io.NopCloser(&body)
		next.ServeHTTP(w, r)
	})
}
