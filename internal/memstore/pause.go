package memstore

import (
	"fmt"
	"os"
	"time"
)

// PauseEnv names a point of a write at which the process stops, for tests
// that kill it there (kill -9 during a load) without depending on timing:
// it says so on stderr and waits to be killed. Unset in production. The
// points: entities-written and relations-written, when a transaction has
// put the entities or the relations of a load, before it commits; and
// change-written, when a write's transaction has put its graph changes
// and its change, before it commits.
const PauseEnv = "KGQL_TEST_PAUSE"

// pauseAt stops the process at point when PauseEnv names it.
func pauseAt(point string) {
	if os.Getenv(PauseEnv) != point {
		return
	}
	fmt.Fprintf(os.Stderr, "kgql: paused at %s (%s)\n", point, PauseEnv)
	for {
		time.Sleep(time.Hour)
	}
}
