package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/internal/errs"
	"github.com/diplograph/diplograph/internal/store"
)

// Error is an error meant for the client: its message is shown as is.
type Error struct {
	Code    string
	Message string
	Reason  string // optional finer reason (COMPLEXITY_LIMIT_EXCEEDED, ...)
}

func (e *Error) Error() string { return e.Message }

func badInput(msg string) error { return &Error{Code: errs.CodeBadUserInput, Message: msg} }

// Unauthenticated is the error of a request without a valid API key.
func Unauthenticated(msg string) error { return &Error{Code: errs.CodeUnauthenticated, Message: msg} }

// Classify returns the code of err and the message safe to show the client.
// Unknown errors are INTERNAL with a generic message.
func Classify(err error) (code, message, reason string) {
	var ge *Error
	switch {
	case errors.As(err, &ge):
		return ge.Code, ge.Message, ge.Reason
	case err.Error() == "introspection disabled": // from the generated code
		return errs.CodeBadUserInput, "introspection is disabled on this server", "INTROSPECTION_DISABLED"
	case errors.Is(err, errs.ErrNotFound):
		return errs.CodeNotFound, "not found", ""
	case errors.Is(err, errs.ErrInvalid):
		return errs.CodeBadUserInput, err.Error(), ""
	case errors.Is(err, context.DeadlineExceeded):
		return errs.CodeUnavailable, "the request timed out", ""
	case errors.Is(err, context.Canceled):
		return errs.CodeUnavailable, "the request was cancelled", ""
	case errors.Is(err, errs.ErrEngineUnavailable):
		return errs.CodeUnavailable, "the extraction engine's CoreNLP server is unavailable; nothing was written", ""
	case store.Unavailable(err):
		return errs.CodeUnavailable, "the graph database is unavailable", ""
	}
	return errs.CodeInternal, "internal error", ""
}

// ErrorPresenter sets extensions.code on every error and hides internals:
// INTERNAL and UNAVAILABLE errors are logged with their cause and shown
// with a generic message only.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		if gerr.Extensions == nil {
			gerr.Extensions = map[string]any{}
		}
		// gqlgen's own errors are the client's: keep their message. Parse
		// and validation errors keep the standard codes clients know
		// (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED); any other
		// code gqlgen sets (COMPLEXITY_LIMIT_EXCEEDED, ...) is bad input,
		// with gqlgen's code as the reason.
		if gerr.Err == nil {
			c, _ := gerr.Extensions["code"].(string)
			switch c {
			case errs.CodeBadUserInput, errs.CodeUnauthenticated, errs.CodeNotFound,
				errs.CodeParseFailed, errs.CodeValidationFailed:
			case "":
				gerr.Extensions["code"] = errs.CodeBadUserInput
			default:
				gerr.Extensions["code"] = errs.CodeBadUserInput
				gerr.Extensions["reason"] = c
			}
			return gerr
		}
		cause := gerr.Err
		if cause == nil {
			cause = err
		}
		code, msg, reason := Classify(cause)
		if code == errs.CodeInternal || code == errs.CodeUnavailable {
			log.ErrorContext(ctx, "graphql resolver failed", "code", code, "path", gerr.Path.String(), "err", cause)
		}
		gerr.Message = msg
		gerr.Extensions["code"] = code
		if reason != "" {
			gerr.Extensions["reason"] = reason
		}
		return gerr
	}
}

// Recover turns a panic in a resolver into an INTERNAL error and logs it.
func Recover(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "graphql resolver panicked", "panic", fmt.Sprint(p))
		return errors.New("panic in resolver")
	}
}
