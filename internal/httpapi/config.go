package httpapi

import (
	"github.com/kgql/kgql/internal/kg"

	"context"
	"fmt"
	"time"

	"github.com/kgql/kgql/internal/auth"
)

// Config is how the API guards itself against what one client may ask:
// limits on a query, checked before any store call; on a request's body,
// time and number in flight; and on connections. Defaults returns the
// documented defaults; cmd/kgql sets each from a flag or the environment.
type Config struct {
	// Limits on a query (QUERY_TOO_COMPLEX beyond them).
	MaxCost       int  // the cost model's price of the operation (cost.go)
	MaxDepth      int  // nesting of fields; root fields are at depth 0
	MaxAliases    int  // aliased fields in one selection set, fragments merged in
	MaxDirectives int  // directives in the document
	MaxTokens     int  // lexical tokens of the query text
	Introspection bool // __schema and __type are answered (and costed)

	// Limits on a request.
	MaxBodyBytes   int64         // a larger body is refused with 413
	RequestTimeout time.Duration // store work past it is cancelled (TIMEOUT)
	MaxInFlight    int           // GraphQL requests served at once; beyond: 503
	MinBodyRate    int           // bytes a second a body must arrive at (after 2 s); slower: 408

	// Budgets (budget.go): per principal, a rate of requests and a rate
	// of cost, each with its burst (429 RATE_LIMITED beyond); across all
	// principals, the cost of the operations in flight (503 OVERLOADED
	// beyond). 0 turns a budget off.
	RequestsPerSecond int
	RequestBurst      int
	CostPerSecond     int
	CostBurst         int // at least MaxCost, so that every allowed query can run
	MaxCostInFlight   int // at least MaxCost

	// Limits on a connection (http.Server and the listener).
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration // the whole request, body included
	WriteTimeout      time.Duration // from the end of the request's header to the end of the response
	IdleTimeout       time.Duration // a keep-alive connection waiting for its next request
	MaxHeaderBytes    int
	MaxConns          int // open connections; idle ones are closed to admit new ones

	// Who is calling (authn.go): the credentials accepted (nil: none, every
	// caller anonymous) and who may read (ReadsOpen or ReadsReader).
	Auth  *auth.Authenticator
	Reads string

	// AdminOnPublic serves the operator's routes (Admin: /metrics,
	// /debug/pprof/) on this handler too, behind the admin role: for a
	// kgql without an admin listener.
	AdminOnPublic bool

	// NotReady, when set, is asked first by /readyz: an error is why it
	// answers 503 whatever the store says (cmd/kgql: a store that a load
	// left cut holds part of a graph).
	NotReady func(context.Context) error
}

// DefaultMaxBodyBytes is the default body limit, derived from the cap on
// a mutation input's text (kg.MaxInputBytes) so that the two agree: an
// input at its cap fits in a body, with a quarter more for the JSON
// around its text (the query, field names, quotes and escapes), and is
// refused, if at all, by the input's own coded error. Below the cap an
// ingest the input allows would be refused with 413 instead.
const DefaultMaxBodyBytes = kg.MaxInputBytes + kg.MaxInputBytes/4

// Defaults returns the limits kgql serves with unless told otherwise.
// Every README example, the playground's introspection and the benchmark's
// queries fit them.
func Defaults() Config {
	return Config{
		MaxCost:       100000,
		MaxDepth:      12,
		MaxAliases:    15,
		MaxDirectives: 20,
		MaxTokens:     5000,
		Introspection: true,

		MaxBodyBytes:   DefaultMaxBodyBytes,
		RequestTimeout: 10 * time.Second,
		MaxInFlight:    128,
		MinBodyRate:    1024,

		RequestsPerSecond: 200,
		RequestBurst:      400,
		CostPerSecond:     200000,
		CostBurst:         200000,
		MaxCostInFlight:   1000000,

		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      20 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    64 << 10,
		MaxConns:          1024,

		Reads: ReadsOpen,
	}
}

// Validate refuses a configuration under which a limit could not hold: a
// response must be written before the connection's write timeout, so
// the write timeout is above the request deadline.
func (c Config) Validate() error {
	for _, v := range []struct {
		name string
		n    int64
	}{
		{"max-cost", int64(c.MaxCost)}, {"max-depth", int64(c.MaxDepth)}, {"max-aliases", int64(c.MaxAliases)},
		{"max-tokens", int64(c.MaxTokens)}, {"max-body-bytes", c.MaxBodyBytes}, {"max-in-flight", int64(c.MaxInFlight)}, {"min-body-rate", int64(c.MinBodyRate)},
		{"max-header-bytes", int64(c.MaxHeaderBytes)}, {"max-conns", int64(c.MaxConns)},
		{"request-timeout", int64(c.RequestTimeout)}, {"read-header-timeout", int64(c.ReadHeaderTimeout)},
		{"read-timeout", int64(c.ReadTimeout)}, {"write-timeout", int64(c.WriteTimeout)}, {"idle-timeout", int64(c.IdleTimeout)},
	} {
		if v.n <= 0 {
			return fmt.Errorf("%s must be positive", v.name)
		}
	}
	if c.Reads != ReadsOpen && c.Reads != ReadsReader {
		return fmt.Errorf("reads must be %s or %s, not %q", ReadsOpen, ReadsReader, c.Reads)
	}
	if c.MaxDirectives < 0 {
		return fmt.Errorf("max-directives must not be negative")
	}
	if c.WriteTimeout <= c.RequestTimeout {
		return fmt.Errorf("write-timeout (%s) must be above request-timeout (%s): a response is written after its work", c.WriteTimeout, c.RequestTimeout)
	}
	for _, v := range []struct {
		name string
		n    int
	}{
		{"requests-per-second", c.RequestsPerSecond}, {"request-burst", c.RequestBurst}, {"cost-per-second", c.CostPerSecond},
		{"cost-burst", c.CostBurst}, {"max-cost-in-flight", c.MaxCostInFlight},
	} {
		if v.n < 0 {
			return fmt.Errorf("%s must not be negative (0 turns it off)", v.name)
		}
	}
	if c.RequestsPerSecond > 0 && c.RequestBurst < 1 {
		return fmt.Errorf("request-burst must be at least 1 with requests-per-second")
	}
	if c.CostPerSecond > 0 && c.CostBurst < c.MaxCost {
		return fmt.Errorf("cost-burst (%d) must be at least max-cost (%d): a query the limit allows must be able to run", c.CostBurst, c.MaxCost)
	}
	if c.MaxCostInFlight > 0 && c.MaxCostInFlight < c.MaxCost {
		return fmt.Errorf("max-cost-in-flight (%d) must be at least max-cost (%d)", c.MaxCostInFlight, c.MaxCost)
	}
	if c.MaxConns <= c.MaxInFlight {
		return fmt.Errorf("max-conns (%d) must be above max-in-flight (%d): refusals need a connection to be sent on", c.MaxConns, c.MaxInFlight)
	}
	return nil
}
