// Package errs is diplograph's error vocabulary: the domain errors every
// layer wraps (not found, invalid input, a dependency unavailable) and the
// codes the API reports in a GraphQL error's extensions.code.
//
// The mapping from errors to codes lives in one place, graph.Classify (and
// graph.ErrorPresenter for gqlgen's own parse and validation errors); the
// HTTP layer uses the codes for the few errors it answers before GraphQL
// runs (body too large, malformed JSON).
package errs

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
