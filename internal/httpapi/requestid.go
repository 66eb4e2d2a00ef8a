package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"maps"
	"net/http"

	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/kgql/kgql/internal/observe"
)

// requestIDHeader carries a request's id both ways: a client (or a proxy
// in front) may name its request, and every response names its own.
const requestIDHeader = "X-Request-Id"

// maxRequestIDBytes is the longest incoming id kept; a longer one, or one
// with other characters than requestIDByte allows, is replaced.
const maxRequestIDBytes = 64

// requestID is the id of a request: the client's X-Request-Id when it is
// well formed and short (so that it cannot forge log lines or bloat
// them), else 16 random bytes in hex.
func requestID(r *http.Request) string {
	if id := r.Header.Get(requestIDHeader); wellFormedID(id) {
		return id
	}
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func wellFormedID(id string) bool {
	if id == "" || len(id) > maxRequestIDBytes {
		return false
	}
	for _, c := range []byte(id) {
		if !requestIDByte(c) {
			return false
		}
	}
	return true
}

func requestIDByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':'
}

// requestIDOf is the id of the request ctx belongs to, "" outside one.
func requestIDOf(ctx context.Context) string {
	if info := infoOf(ctx); info != nil {
		return info.id
	}
	return ""
}

// withRequestID adds the request's id to every log line made with a
// request's context (log.InfoContext, ErrorContext, …).
type withRequestID struct{ slog.Handler }

func (h withRequestID) Handle(ctx context.Context, r slog.Record) error {
	if id := requestIDOf(ctx); id != "" {
		r.AddAttrs(slog.String("requestId", id))
	}
	return h.Handler.Handle(ctx, r)
}

func (h withRequestID) WithAttrs(attrs []slog.Attr) slog.Handler {
	return withRequestID{h.Handler.WithAttrs(attrs)}
}

func (h withRequestID) WithGroup(name string) slog.Handler {
	return withRequestID{h.Handler.WithGroup(name)}
}

// answeredErrors are the errors of a response as they are answered: each
// with the request's id in extensions.requestId, and counted by code in
// the metrics. Every GraphQL response is written through it (write).
func answeredErrors(ctx context.Context, errs gqlerror.List) gqlerror.List {
	if len(errs) == 0 {
		return errs
	}
	id := requestIDOf(ctx)
	out := make(gqlerror.List, len(errs))
	for i, e := range errs {
		if _, answered := e.Extensions["requestId"]; answered { // an export's query's, answered already
			out[i] = e
			continue
		}
		c := *e // the error may be shared (a cached refusal): answer a copy
		c.Extensions = maps.Clone(e.Extensions)
		if c.Extensions == nil {
			c.Extensions = map[string]any{}
		}
		if id != "" {
			c.Extensions["requestId"] = id
		}
		code, _ := c.Extensions["code"].(string)
		observe.CountError(ctx, code)
		out[i] = &c
	}
	return out
}
