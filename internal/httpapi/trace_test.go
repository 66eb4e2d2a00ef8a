package httpapi_test

import (
	"io"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/kgql/kgql/internal/kg"
	"github.com/kgql/kgql/internal/observe"
)

// TestTraces: a request is a server span named by its operation, in the
// trace of its traceparent, with a child span per store call named by the
// call, holding none of the call's arguments; on both stores.
func TestTraces(t *testing.T) {
	systems := map[string]string{"neo4j": observe.SystemNeo4j, "embedded": observe.SystemEmbedded}
	forEachSeededStore(t, func(t *testing.T, store kg.Store) {
		system := systems[t.Name()[strings.LastIndex(t.Name(), "/")+1:]]
		spans := tracetest.NewInMemoryExporter()
		tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))
		srv := observed(t, store, observe.New(observe.Options{StoreSystem: system, TracerProvider: tp}), io.Discard)

		const traceID, parentID = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
		x := observedPost(t, srv.URL, `query WhoChairs { entity(id: "Hafeez Ur Rehman") { name } }`,
			map[string]string{"traceparent": "00-" + traceID + "-" + parentID + "-01"})
		if len(x.r.Errors) > 0 {
			t.Fatal(string(x.body))
		}
		got := spans.GetSpans()
		var server tracetest.SpanStub
		children := map[string]tracetest.SpanStub{}
		for _, s := range got {
			if s.SpanKind == trace.SpanKindServer {
				server = s
			} else {
				children[s.Name] = s
			}
		}
		if server.Name != "query WhoChairs" || server.SpanContext.TraceID().String() != traceID || server.Parent.SpanID().String() != parentID {
			t.Fatalf("server span %q in trace %s under %s", server.Name, server.SpanContext.TraceID(), server.Parent.SpanID())
		}
		attrs := attributes(server.Attributes)
		for k, v := range map[string]string{"graphql.operation.type": "query", "graphql.operation.name": "WhoChairs",
			"http.request.method": "POST", "url.path": "/graphql", "http.route": "/graphql", "http.response.status_code": "200"} {
			if attrs[k] != v {
				t.Errorf("server span: %s = %q, want %q", k, attrs[k], v)
			}
		}
		if _, ok := attrs["graphql.document"]; ok {
			t.Error("the span holds the document")
		}
		for _, call := range []string{"ResolveNames", "Nodes"} {
			s, ok := children[system+" "+call]
			if !ok {
				t.Errorf("no span %q among %v", system+" "+call, got)
				continue
			}
			a := attributes(s.Attributes)
			if s.SpanKind != trace.SpanKindClient || s.Parent.SpanID() != server.SpanContext.SpanID() ||
				a["db.system.name"] != system || a["db.operation.name"] != call {
				t.Errorf("%s: kind %v, parent %s, attributes %v", s.Name, s.SpanKind, s.Parent.SpanID(), a)
			}
			for k, v := range a {
				if strings.Contains(strings.ToLower(v), "hafeez") || strings.Contains(v, "person/") {
					t.Errorf("%s: %s holds an argument: %q", s.Name, k, v)
				}
			}
		}
		if len(got) != 3 {
			t.Errorf("%d spans, want 3: %v", len(got), got)
		}

		spans.Reset()
		observedPost(t, srv.URL, `{ __typename }`, nil)
		observedPost(t, srv.URL, `{ nope }`, nil)
		var names []string
		for _, s := range spans.GetSpans() {
			names = append(names, s.Name)
			if s.Parent.IsValid() {
				t.Errorf("%s has a parent without a traceparent", s.Name)
			}
		}
		if strings.Join(names, ",") != "query,GraphQL Operation" {
			t.Errorf("anonymous then invalid: %v", names)
		}
	})
}

func attributes(kvs []attribute.KeyValue) map[string]string {
	m := map[string]string{}
	for _, kv := range kvs {
		m[string(kv.Key)] = kv.Value.String()
	}
	return m
}
