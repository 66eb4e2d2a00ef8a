package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/kgql/kgql/bench/internal/loadgen"
)

// sample is kgql's state at one time of the soak.
type sample struct {
	at         time.Duration // since the load began
	rssMB      float64
	goroutines int
	fds        int   // kgql's open file descriptors
	heldOpen   int64 // the hostile's held connections open at that time
	slowOpen   int64
}

// sampleServer records kgql's state every interval until ctx ends.
func sampleServer(ctx context.Context, s *server, every time.Duration, h *hostile) []sample {
	start := time.Now()
	var out []sample
	take := func() {
		out = append(out, sample{at: time.Since(start).Round(time.Second), rssMB: loadgen.RSSMB(s.pid()), goroutines: goroutines(s.debug),
			fds: openFiles(s.pid()), heldOpen: h.heldOpen.Load(), slowOpen: h.slowOpen.Load()})
	}
	take()
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			take()
			return out
		case <-t.C:
			take()
		}
	}
}

// goroutines reads the count of kgql's goroutines from its profile.
func goroutines(debug string) int {
	c := &http.Client{Timeout: 10 * time.Second}
	res, err := c.Get(debug + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		return -1
	}
	defer res.Body.Close()
	line, _ := bufio.NewReader(res.Body).ReadString('\n')
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "goroutine profile: total")))
	if err != nil {
		return -1
	}
	return n
}

func openFiles(pid int) int {
	entries, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		return -1
	}
	return len(entries)
}
