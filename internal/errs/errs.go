// Package errs is diplograph's error vocabulary: the domain errors every
// layer wraps (not found, invalid input, a dependency unavailable) and the
// codes the API reports in a GraphQL error's extensions.code.
//
// The mapping from errors to codes lives in one place, graph.Classify (and
// graph.ErrorPresenter for gqlgen's own parse and validation errors); the
// HTTP layer uses the codes for the few errors it answers before GraphQL
// runs (body too large, malformed JSON).
package errs

import (
	"errors"
	"fmt"
)

// The codes every GraphQL error carries in extensions.code. The parse and
// validation codes are the ones gqlgen and Apollo clients expect.
const (
	CodeNotFound         = "NOT_FOUND"
	CodeBadUserInput     = "BAD_USER_INPUT"
	CodeParseFailed      = "GRAPHQL_PARSE_FAILED"
	CodeValidationFailed = "GRAPHQL_VALIDATION_FAILED"
	CodeUnauthenticated  = "UNAUTHENTICATED"
	CodeUnavailable      = "UNAVAILABLE"
	CodeInternal         = "INTERNAL"
)

// Codes lists the codes, for metrics and tests.
var Codes = []string{CodeNotFound, CodeBadUserInput, CodeParseFailed, CodeValidationFailed,
	CodeUnauthenticated, CodeUnavailable, CodeInternal}

// The domain errors. Every layer wraps these (fmt.Errorf("...: %w",
// errs.ErrNotFound)); graph.Classify maps them to codes.
var (
	// ErrNotFound: the asked-for node (entity, document, ...) does not
	// exist. Code NOT_FOUND.
	ErrNotFound = errors.New("not found")
	// ErrInvalid: the client's input is wrong (an unknown relationship
	// type, a depth out of range, an empty or binary text, an extraction
	// that breaks the contract). Code BAD_USER_INPUT.
	ErrInvalid = errors.New("invalid input")
	// ErrUnavailable: a dependency cannot serve (a service not configured,
	// Neo4j unreachable). Code UNAVAILABLE.
	ErrUnavailable = errors.New("unavailable")
)

// ErrEngineUnavailable: the extraction engine's CoreNLP server cannot
// serve; nothing was written. It wraps ErrUnavailable (code UNAVAILABLE).
var ErrEngineUnavailable = fmt.Errorf("%w: the extraction engine's CoreNLP server", ErrUnavailable)
