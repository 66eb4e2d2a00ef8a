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

// presentError maps domain errors to GraphQL errors with extensions.code.
// A domain error shows its message; anything else is logged for the
// operator and shown as "Internal error." with code INTERNAL, so that no
// stack trace, driver message or address reaches a client.
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var ke *kg.Error
		if errors.As(err, &ke) {
			if ke.Code == kg.EUNAVAILABLE || ke.Code == kg.EINTERNAL {
				log.Error("store error", "path", gqlErr.Path.String(), "err", err)
			}
			gqlErr.Message = ke.Message
			setCode(gqlErr, ke.Code)
			return gqlErr
		}
		var existing *gqlerror.Error
		if errors.As(err, &existing) && existing.Extensions["code"] != nil {
			return gqlErr // gqlgen's own: parse, validation, complexity
		}
		log.Error("internal error", "path", gqlErr.Path.String(), "err", err)
		gqlErr.Message = "Internal error."
		setCode(gqlErr, kg.EINTERNAL)
		return gqlErr
	}
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
		log.Error("panic", "panic", fmt.Sprint(p))
		return kg.Errorf(kg.EINTERNAL, "Internal error.")
	}
}
