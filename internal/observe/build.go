package observe

import (
	"fmt"
	"runtime/debug"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
)

// BuildInfo is what the Go toolchain recorded of the binary's build: the
// module version ("(devel)" for a build from a checkout), the VCS revision
// and its commit time, and whether the work tree held uncommitted changes.
// `kgql version` prints it, the first log line of `kgql serve` carries it,
// and the kgql_build_info gauge has it as labels.
type BuildInfo struct {
	Version, Revision, Time string
	Modified                bool
}

// Build reads the binary's build info (runtime/debug.ReadBuildInfo); a
// value the build did not record is "unknown".
func Build() BuildInfo { return buildFrom(debug.ReadBuildInfo()) }

func buildFrom(info *debug.BuildInfo, ok bool) BuildInfo {
	b := BuildInfo{Version: "unknown", Revision: "unknown", Time: "unknown"}
	if !ok {
		return b
	}
	if info.Main.Version != "" {
		b.Version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.time":
			b.Time = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// String is the build on one line, as `kgql version` prints it.
func (b BuildInfo) String() string {
	return fmt.Sprintf("kgql %s (revision %s, built from a commit of %s, modified %t)", b.Version, b.Revision, b.Time, b.Modified)
}

// LogAttrs are the build as slog key-value pairs.
func (b BuildInfo) LogAttrs() []any {
	return []any{"version", b.Version, "revision", b.Revision, "vcsTime", b.Time, "modified", b.Modified}
}

// buildGauge is kgql_build_info: always 1, the build in its labels (the
// Prometheus convention for facts about a process).
func buildGauge(b BuildInfo) prometheus.Gauge {
	g := prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "kgql_build_info",
		Help: "Always 1; the labels say which build of kgql runs: module version, VCS revision, VCS commit time, whether the work tree was modified.",
		ConstLabels: prometheus.Labels{
			"version": b.Version, "revision": b.Revision, "vcs_time": b.Time, "modified": strconv.FormatBool(b.Modified),
		},
	})
	g.Set(1)
	return g
}
