package httpapi

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"

	"github.com/kgql/kgql/internal/export"
)

// codeTooComplex is the extensions.code of a query refused by a limit;
// extensions.limit names the limit and extensions.max gives its value.
const codeTooComplex = "QUERY_TOO_COMPLEX"

// limiter enforces the limits on a query before it is executed, so before
// any store call: tokens before the query is parsed, then directives,
// aliases, depth and cost on the validated operation, in that order.
type limiter struct {
	cfg    Config
	schema *ast.Schema
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
} = (*limiter)(nil)

func (l *limiter) ExtensionName() string { return "Limits" }

func (l *limiter) Validate(es graphql.ExecutableSchema) error {
	l.schema = es.Schema()
	return nil
}

// MutateOperationParameters counts the query's tokens before the parser
// reads it, stopping at the first token past the limit.
func (l *limiter) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	lex := lexer.New(&ast.Source{Input: p.Query})
	for n := 0; ; n++ {
		tok, err := lex.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			return nil // a lexical error is the parser's to report
		}
		if n == l.cfg.MaxTokens {
			return tooComplex("tokens", l.cfg.MaxTokens, "The query has more than %d tokens.", l.cfg.MaxTokens)
		}
	}
}

// MutateOperationContext checks the validated operation.
func (l *limiter) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if n := countDirectives(op.Doc); n > l.cfg.MaxDirectives {
		return tooComplex("directives", l.cfg.MaxDirectives, "The query has %d directives; at most %d are allowed.", n, l.cfg.MaxDirectives)
	}
	root := []ast.SelectionSet{op.Operation.SelectionSet}
	// The shape is checked over at most MaxCost fields: a document whose
	// merged fields are more costs more than MaxCost anyway (the pricing
	// below stops there too).
	sh := shape{limiter: l, doc: op.Doc, visits: l.cfg.MaxCost, exporting: exporting(ctx)}
	if err := sh.check(root, 0); err != nil {
		return err
	}
	if sh.visits >= 0 {
		for _, f := range collect(op.Doc, root) {
			if introspective(f.name) && !l.cfg.Introspection {
				err := gqlerror.Errorf("Introspection is disabled on this server.")
				err.Extensions = map[string]any{"code": "GRAPHQL_VALIDATION_FAILED"}
				return err
			}
		}
	}
	p := pricing{limiter: l, doc: op.Doc, vars: op.Variables, exporting: sh.exporting, work: l.cfg.MaxCost}
	cost, costliest := p.set(root, scope{})
	if cost > l.cfg.MaxCost || p.cut {
		return l.overCost(cost, costliest, p.cut)
	}
	op.Stats.SetExtension(costExtension, cost)
	return nil
}

// costExtension is where the operation's cost is kept for its response's
// extensions.cost.
const costExtension = "cost"

// costOfOperation returns the cost of the request's operation, once priced.
func costOfOperation(ctx context.Context) (int, bool) {
	if !graphql.HasOperationContext(ctx) {
		return 0, false
	}
	cost, ok := graphql.GetOperationContext(ctx).Stats.GetExtension(costExtension).(int)
	return cost, ok
}

// overCost refuses an operation that costs more than the limit, saying
// what it costs (at least, when its pricing was cut), the limit, and its
// costliest field: the path of response keys from the root, and what that
// field costs of the whole.
func (l *limiter) overCost(cost int, costliest priced, cut bool) *gqlerror.Error {
	costs := "costs"
	if cut {
		costs = "costs at least"
	}
	err := tooComplex("cost", l.cfg.MaxCost, "The query %s %d, more than the %d allowed; %s costs %d of it: ask for fewer items there (limit, first) or less of each (README: Limits, the cost model).",
		costs, cost, l.cfg.MaxCost, strings.Join(costliest.path, "."), costliest.pathCost)
	path := make([]any, len(costliest.path))
	for i, k := range costliest.path {
		path[i] = k
	}
	err.Extensions["cost"] = cost
	err.Extensions["costliest"] = map[string]any{"path": path, "cost": costliest.pathCost}
	return err
}

// shape checks aliases per selection set and depth, walking the merged
// fields; introspection is below any depth (it is priced by its answer).
type shape struct {
	*limiter
	doc    *ast.QueryDocument
	visits int // fields it may still walk
	// exporting: the query is an export's, whose own aliases (export.Prefix)
	// read what the export writes and are not the client's to count.
	exporting bool
}

func (s *shape) check(sets []ast.SelectionSet, depth int) *gqlerror.Error {
	fields := collect(s.doc, sets)
	aliases := 0
	for _, f := range fields {
		if f.aliased() && !(s.exporting && strings.HasPrefix(f.key, export.Prefix)) {
			aliases++
		}
	}
	if aliases > s.cfg.MaxAliases {
		return tooComplex("aliases", s.cfg.MaxAliases, "A selection set has %d aliased fields; at most %d are allowed.", aliases, s.cfg.MaxAliases)
	}
	for _, f := range fields {
		if s.visits--; s.visits < 0 {
			return nil
		}
		d := depth
		if introspective(f.name) {
			d = math.MinInt32 // nothing below counts
		} else if depth > s.cfg.MaxDepth {
			return tooComplex("depth", s.cfg.MaxDepth, "The query nests fields %d deep; at most %d are allowed.", depth, s.cfg.MaxDepth)
		}
		if err := s.check(f.selections(), d+1); err != nil {
			return err
		}
	}
	return nil
}

// countDirectives counts the directives of the whole document.
func countDirectives(doc *ast.QueryDocument) int {
	var set func(ast.SelectionSet) int
	set = func(ss ast.SelectionSet) int {
		n := 0
		for _, sel := range ss {
			switch s := sel.(type) {
			case *ast.Field:
				n += len(s.Directives) + set(s.SelectionSet)
			case *ast.InlineFragment:
				n += len(s.Directives) + set(s.SelectionSet)
			case *ast.FragmentSpread:
				n += len(s.Directives)
			}
		}
		return n
	}
	n := 0
	for _, op := range doc.Operations {
		n += len(op.Directives) + set(op.SelectionSet)
		for _, v := range op.VariableDefinitions {
			n += len(v.Directives)
		}
	}
	for _, f := range doc.Fragments {
		n += len(f.Directives) + set(f.SelectionSet)
	}
	return n
}

func tooComplex(limit string, max int, format string, args ...any) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    fmt.Sprintf(format, args...),
		Extensions: map[string]any{"code": codeTooComplex, "limit": limit, "max": max},
	}
}
