package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/kgql/kgql/internal/kg"
)

// codeCancelled is the extensions.code of work whose client went away;
// nobody reads it.
const codeCancelled = "CANCELLED"

// presentError maps domain errors to GraphQL errors with extensions.code.
// A domain error shows its message; anything else is logged for the
// operator and shown as "Internal error." with code INTERNAL, so that no
// stack trace, driver message or address reaches a client. Work cut short
// (a deadline, a client gone) is not logged here: the request's log line
// says so, once.
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var ke *kg.Error
		switch {
		case errors.As(err, &ke):
			switch ke.Code {
			case kg.EUNAVAILABLE:
				// The store logs an outage when it begins, changes cause
				// and ends, with counts: a line per refused request
				// flooded the log (71,057 in 50 s). The request's own
				// line says unavailable=true.
				if info := infoOf(ctx); info != nil {
					info.unavailable.Store(true)
				}
				log.DebugContext(ctx, "store unavailable", "path", gqlErr.Path.String(), "err", err)
			case kg.EINTERNAL:
				log.ErrorContext(ctx, "store error", "path", gqlErr.Path.String(), "err", err)
			}
			gqlErr.Message = ke.Message
			setCode(gqlErr, ke.Code)
			return gqlErr
		case errors.Is(err, context.DeadlineExceeded):
			return presentError(log)(ctx, kg.Timeout(err))
		case errors.Is(err, context.Canceled):
			gqlErr.Message, gqlErr.Extensions = cancelled().Message, cancelled().Extensions
			return gqlErr
		}
		var existing *gqlerror.Error
		if errors.As(err, &existing) && existing.Extensions["code"] != nil {
			return gqlErr // gqlgen's own (parse, validation) and the limits'
		}
		log.ErrorContext(ctx, "internal error", "path", gqlErr.Path.String(), "err", err)
		gqlErr.Message = "Internal error."
		setCode(gqlErr, kg.EINTERNAL)
		return gqlErr
	}
}

// cancelled is the error of work whose client went away (nobody reads
// it); work past its deadline is kg's ETIMEOUT.
func cancelled() *gqlerror.Error {
	return &gqlerror.Error{Message: "The request was cancelled.", Extensions: map[string]any{"code": codeCancelled}}
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

// recoverPanic turns a resolver's panic into an internal error.
func recoverPanic(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic", "panic", fmt.Sprint(p))
		return kg.Errorf(kg.EINTERNAL, "Internal error.")
	}
}
