package observe

import (
	"runtime/debug"
	"testing"
)

// TestBuildFrom: the build info's module version and VCS settings become
// the BuildInfo; what the build did not record is "unknown".
func TestBuildFrom(t *testing.T) {
	info := &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}, Settings: []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "0123abcd"},
		{Key: "vcs.time", Value: "2026-12-07T15:00:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	if got, want := buildFrom(info, true), (BuildInfo{"v1.2.3", "0123abcd", "2026-12-07T15:00:00Z", true}); got != want {
		t.Errorf("buildFrom: %+v, want %+v", got, want)
	}
	if got, want := buildFrom(&debug.BuildInfo{}, true), (BuildInfo{"unknown", "unknown", "unknown", false}); got != want {
		t.Errorf("buildFrom with nothing recorded: %+v, want %+v", got, want)
	}
	if got := buildFrom(nil, false); got.Version != "unknown" {
		t.Errorf("buildFrom without build info: %+v", got)
	}
}
