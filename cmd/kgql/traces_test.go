package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	collectortrace "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	tracev1 "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/proto"
)

// otlpReceiver is an OTLP/HTTP collector in the test: it keeps the spans
// that kgql's exporter posts to /v1/traces, with their service.name.
type otlpReceiver struct {
	mu       sync.Mutex
	spans    []*tracev1.Span
	services []string
}

func (o *otlpReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var req collectortrace.ExportTraceServiceRequest
	if r.URL.Path != "/v1/traces" || r.Header.Get("Content-Type") != "application/x-protobuf" || proto.Unmarshal(body, &req) != nil {
		http.Error(w, "not an OTLP/HTTP protobuf export", http.StatusBadRequest)
		return
	}
	o.mu.Lock()
	for _, rs := range req.ResourceSpans {
		for _, a := range rs.GetResource().GetAttributes() {
			if a.Key == "service.name" {
				o.services = append(o.services, a.Value.GetStringValue())
			}
		}
		for _, ss := range rs.ScopeSpans {
			o.spans = append(o.spans, ss.Spans...)
		}
	}
	o.mu.Unlock()
	b, _ := proto.Marshal(&collectortrace.ExportTraceServiceResponse{})
	w.Header().Set("Content-Type", "application/x-protobuf")
	w.Write(b)
}

// TestTracesReachAnOTLPCollector runs kgql with the standard OTLP
// variables pointing at a collector in the test, sends one request and
// stops kgql: stopping flushes the spans, so the request's trace is at
// the collector when serve returns.
func TestTracesReachAnOTLPCollector(t *testing.T) {
	receiver := &otlpReceiver{}
	collector := httptest.NewServer(receiver)
	defer collector.Close()
	t.Setenv("NEO4J_URI", "")
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", collector.URL)
	t.Setenv("OTEL_SERVICE_NAME", "kgql-under-test")
	t.Setenv("OTEL_BSP_SCHEDULE_DELAY", "600000") // nothing leaves before the flush at shutdown

	addr := freeAddr(t)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	var stderr bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--addr", addr}, io.Discard, &stderr) }()
	waitReady(t, addr)
	body := `{"query": "query WhoChairsPTA { entity(id: \"PTA\") { name } }"}`
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	stop()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v\n%s", err, stderr.String())
	}

	receiver.mu.Lock()
	defer receiver.mu.Unlock()
	names := map[string]*tracev1.Span{}
	for _, s := range receiver.spans {
		names[s.Name] = s
	}
	server, ok := names["query WhoChairsPTA"]
	if !ok {
		t.Fatalf("the collector got %d spans, not the request's: %v\n%s", len(receiver.spans), names, stderr.String())
	}
	if got := hex.EncodeToString(server.TraceId); got != "4bf92f3577b34da6a3ce929d0e0e4736" {
		t.Errorf("trace id %s: the traceparent was not followed", got)
	}
	for _, call := range []string{"embedded ResolveNames", "embedded Nodes"} {
		if s, ok := names[call]; !ok || !bytes.Equal(s.ParentSpanId, server.SpanId) {
			t.Errorf("store span %q missing or not under the request's", call)
		}
	}
	if len(receiver.services) == 0 || receiver.services[0] != "kgql-under-test" {
		t.Errorf("service.name %v, want OTEL_SERVICE_NAME's", receiver.services)
	}
}
