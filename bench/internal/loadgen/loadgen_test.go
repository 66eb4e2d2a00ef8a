package loadgen

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kgql/kgql/bench/internal/workload"
)

// A fake kgql: every fifth request fails, search requests hang, others
// take at least 2 ms (the sleep is a floor for the latencies measured,
// not a wait for anything).
func TestRun(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := make([]byte, 4096)
		k, _ := r.Body.Read(body)
		if strings.Contains(string(body[:k]), "query Search") {
			<-r.Context().Done()
			return
		}
		time.Sleep(2 * time.Millisecond)
		if n.Add(1)%5 == 0 {
			w.Write([]byte(`{"errors":[{"message":"boom"}],"data":null}`))
			return
		}
		w.Write([]byte(`{"data":{"entity":{"id":"x"}},"extensions":{"roundTrips":3}}`))
	}))
	defer srv.Close()
	params := &workload.Params{IDs: []string{"person/a"}, Searches: []workload.SearchCase{{Text: "a"}}, Pairs: [][2]string{{"a/a", "b/b"}},
		Kinds: workload.ListKinds, MixOrder: []workload.Shape{workload.OneHop}}
	cfg := Config{Clients: 2, Warmup: 100 * time.Millisecond, Duration: 400 * time.Millisecond, Params: params}
	target := Target{Name: "fake", BaseURL: srv.URL, Protocol: workload.KGQL{}, PID: os.Getpid()}

	st := Run(context.Background(), target, workload.OneHop, cfg)
	// The requests measured are those that ended in the window: a run of
	// the server's consecutive requests, give or take one per client at
	// each end. Ten hold at least one fifth; how many more the window holds
	// depends on the machine, so nothing asks for more than ten.
	if st.Requests < 10 || st.Errors == 0 || st.Errors > st.Requests/5+cfg.Clients {
		t.Errorf("requests %d, errors %d", st.Requests, st.Errors)
	}
	if st.FirstError != "GraphQL error: boom" || st.RoundTrips != 3 {
		t.Errorf("first error %q, round trips %v", st.FirstError, st.RoundTrips)
	}
	if st.P50 < 2 || st.P99 < st.P50 || st.Max < st.P99 || st.Throughput <= 0 || st.RSSMaxMB <= 0 {
		t.Errorf("stats %+v", st)
	}

	st = Run(context.Background(), target, workload.Search, cfg)
	if st.Requests != 0 || st.Unfinished != 2 || st.UnfinishedMs < 400 {
		t.Errorf("hanging requests: %d done, %d cut off after %.0f ms", st.Requests, st.Unfinished, st.UnfinishedMs)
	}
}
