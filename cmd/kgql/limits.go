package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/kgql/kgql/internal/httpapi"
)

// limitFlag is a flag of httpapi.Config with its environment variable.
type limitFlag struct {
	name, env, usage string
	field            any // *int, *int64, *bool or *time.Duration in the Config
}

// limitFlags lists every limit serve takes; the README's table of flags
// lists them too (TestREADMEListsEveryLimitFlag).
func limitFlags(cfg *httpapi.Config) []limitFlag {
	return []limitFlag{
		{"max-cost", "KGQL_MAX_COST", "the most a query may cost (README: Limits)", &cfg.MaxCost},
		{"max-depth", "KGQL_MAX_DEPTH", "the deepest a query may nest fields (root fields at 0)", &cfg.MaxDepth},
		{"max-aliases", "KGQL_MAX_ALIASES", "the most aliased fields in one selection set", &cfg.MaxAliases},
		{"max-directives", "KGQL_MAX_DIRECTIVES", "the most directives in a query", &cfg.MaxDirectives},
		{"max-tokens", "KGQL_MAX_TOKENS", "the most tokens in a query's text", &cfg.MaxTokens},
		{"introspection", "KGQL_INTROSPECTION", "answer __schema and __type (the playground needs them)", &cfg.Introspection},
		{"max-body-bytes", "KGQL_MAX_BODY_BYTES", "the largest request body; larger: 413", &cfg.MaxBodyBytes},
		{"request-timeout", "KGQL_REQUEST_TIMEOUT", "a request's deadline: its store work is cancelled past it", &cfg.RequestTimeout},
		{"max-in-flight", "KGQL_MAX_IN_FLIGHT", "GraphQL requests served at once; more: 503 with Retry-After", &cfg.MaxInFlight},
		{"min-body-rate", "KGQL_MIN_BODY_RATE", "bytes a second a request body must arrive at, after 2 s; slower: 408 (a body is read before the request takes a slot)", &cfg.MinBodyRate},
		{"read-header-timeout", "KGQL_READ_HEADER_TIMEOUT", "time to read a request's header", &cfg.ReadHeaderTimeout},
		{"read-timeout", "KGQL_READ_TIMEOUT", "time to read a whole request", &cfg.ReadTimeout},
		{"write-timeout", "KGQL_WRITE_TIMEOUT", "time from a request's header to the end of its response (above request-timeout)", &cfg.WriteTimeout},
		{"idle-timeout", "KGQL_IDLE_TIMEOUT", "time a keep-alive connection may wait for its next request", &cfg.IdleTimeout},
		{"max-header-bytes", "KGQL_MAX_HEADER_BYTES", "the largest request line and header", &cfg.MaxHeaderBytes},
		{"max-conns", "KGQL_MAX_CONNS", "open connections; past it waiting ones are closed for new ones", &cfg.MaxConns},
		{"requests-per-second", "KGQL_REQUESTS_PER_SECOND", "requests a second per principal (API key, JWT subject, or client address); more: 429 RATE_LIMITED; 0: off", &cfg.RequestsPerSecond},
		{"request-burst", "KGQL_REQUEST_BURST", "requests a principal may send at once above its rate", &cfg.RequestBurst},
		{"cost-per-second", "KGQL_COST_PER_SECOND", "query cost a second per principal; more: 429 RATE_LIMITED; 0: off", &cfg.CostPerSecond},
		{"cost-burst", "KGQL_COST_BURST", "query cost a principal may spend at once (at least max-cost)", &cfg.CostBurst},
		{"max-cost-in-flight", "KGQL_MAX_COST_IN_FLIGHT", "the cost of all operations being answered at once, across principals; more: 503 OVERLOADED; 0: off", &cfg.MaxCostInFlight},
	}
}

// registerLimits defines the limit flags on fs with the defaults of
// httpapi.Defaults, overridden by their environment variables.
func registerLimits(fs *flag.FlagSet, cfg *httpapi.Config) error {
	*cfg = httpapi.Defaults()
	for _, f := range limitFlags(cfg) {
		usage := f.usage + " (" + f.env + ")"
		switch p := f.field.(type) {
		case *int:
			fs.IntVar(p, f.name, *p, usage)
		case *int64:
			fs.Int64Var(p, f.name, *p, usage)
		case *bool:
			fs.BoolVar(p, f.name, *p, usage)
		case *time.Duration:
			fs.DurationVar(p, f.name, *p, usage)
		default:
			panic(fmt.Sprintf("limit flag %s: no flag of %T", f.name, p))
		}
		if err := setFromEnv(fs, map[string]string{f.name: f.env}); err != nil {
			return err
		}
	}
	return nil
}

// setFromEnv sets each flag named by a key of flagEnv to the value of the
// environment variable its value names, when that is set.
func setFromEnv(fs *flag.FlagSet, flagEnv map[string]string) error {
	for name, env := range flagEnv {
		if v := os.Getenv(env); v != "" {
			if err := fs.Set(name, v); err != nil {
				return fmt.Errorf("%s=%q: %v", env, v, err)
			}
		}
	}
	return nil
}
