package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kgql/kgql/internal/httpapi"
)

// TestLimitFlags: each limit is set by its flag, else by its environment
// variable, else by its default; a malformed or inconsistent limit stops
// kgql before it serves, saying which.
func TestLimitFlags(t *testing.T) {
	parse := func(args ...string) (httpapi.Config, error) {
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		var cfg httpapi.Config
		if err := registerLimits(fs, &cfg); err != nil {
			return cfg, err
		}
		return cfg, fs.Parse(args)
	}
	for _, env := range []string{"KGQL_REQUESTS_PER_SECOND", "KGQL_COST_PER_SECOND", "KGQL_MAX_COST_IN_FLIGHT"} {
		t.Setenv(env, "") // TestMain turns the budgets off for the other tests
	}
	cfg, err := parse()
	if err != nil || !reflect.DeepEqual(cfg, httpapi.Defaults()) {
		t.Fatalf("no flags: %+v, %v", cfg, err)
	}
	t.Setenv("KGQL_MAX_COST", "777")
	t.Setenv("KGQL_REQUEST_TIMEOUT", "3s")
	t.Setenv("KGQL_INTROSPECTION", "false")
	cfg, err = parse("--max-cost", "999", "--max-body-bytes", "1024")
	if err != nil || cfg.MaxCost != 999 || cfg.RequestTimeout != 3*time.Second || cfg.Introspection || cfg.MaxBodyBytes != 1024 {
		t.Errorf("flags over env over defaults: %+v, %v", cfg, err)
	}
	t.Setenv("KGQL_MAX_DEPTH", "deep")
	if _, err := parse(); err == nil || !strings.Contains(err.Error(), "KGQL_MAX_DEPTH") {
		t.Errorf("a malformed variable: %v", err)
	}

	for _, args := range [][]string{
		{"--write-timeout", "5s", "--request-timeout", "5s"},
		{"--max-conns", "10", "--max-in-flight", "10"},
		{"--max-cost", "0"},
	} {
		stderr := &bytes.Buffer{}
		os.Unsetenv("KGQL_MAX_DEPTH")
		err := run(context.Background(), append([]string{"--addr", "127.0.0.1:0"}, args...), io.Discard, stderr)
		if err != exitError(2) || !strings.Contains(stderr.String(), strings.TrimPrefix(args[0], "--")) {
			t.Errorf("%v: %v, %s", args, err, stderr)
		}
	}
}

// TestREADMEListsEveryLimitFlag: the README's configuration table gives
// every limit's flag, variable and default, as kgql -h prints it.
func TestREADMEListsEveryLimitFlag(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var cfg httpapi.Config
	if err := registerLimits(fs, &cfg); err != nil {
		t.Fatal(err)
	}
	for _, f := range limitFlags(&cfg) {
		row := "| `--" + f.name + "` | `" + f.env + "` | " + fs.Lookup(f.name).DefValue + " |"
		if !strings.Contains(string(readme), row) {
			t.Errorf("the README lacks the row %s", row)
		}
	}
}
