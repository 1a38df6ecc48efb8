package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/diplograph/diplograph/internal/auth"
)

// Limits is a gqlgen extension rejecting operations nested deeper than
// MaxDepth or using more than MaxAliases aliases (gqlgen has no depth limit
// of its own; aliases let one request repeat an expensive field). Fields of
// introspection (__schema, __type) do not count, so GraphiQL's own schema
// query passes. A zero limit is no limit.
type Limits struct {
	MaxDepth   int
	MaxAliases int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = Limits{}

// ExtensionName implements graphql.HandlerExtension.
func (Limits) ExtensionName() string { return "Limits" }

// Validate implements graphql.HandlerExtension.
func (Limits) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (l Limits) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	depth, aliases := measure(oc.Operation.SelectionSet, map[string]bool{})
	if l.MaxDepth > 0 && depth > l.MaxDepth {
		return limitError("DEPTH_LIMIT_EXCEEDED", fmt.Sprintf("operation is nested %d deep, more than the limit of %d", depth, l.MaxDepth))
	}
	if l.MaxAliases > 0 && aliases > l.MaxAliases {
		return limitError("ALIAS_LIMIT_EXCEEDED", fmt.Sprintf("operation uses %d aliases, more than the limit of %d", aliases, l.MaxAliases))
	}
	return nil
}

// measure returns the depth of a selection set and the number of aliased
// fields in it, following fragments (each fragment once per path, so a
// cycle cannot loop; validation rejects cycles anyway).
func measure(set ast.SelectionSet, inFragments map[string]bool) (depth, aliases int) {
	for _, sel := range set {
		var d, a int
		switch s := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue
			}
			if s.Alias != "" && s.Alias != s.Name {
				a++
			}
			cd, ca := measure(s.SelectionSet, inFragments)
			d, a = cd+1, a+ca
		case *ast.InlineFragment:
			d, a = measure(s.SelectionSet, inFragments)
		case *ast.FragmentSpread:
			if s.Definition == nil || inFragments[s.Name] {
				continue
			}
			inFragments[s.Name] = true
			d, a = measure(s.Definition.SelectionSet, inFragments)
			delete(inFragments, s.Name)
		}
		if d > depth {
			depth = d
		}
		aliases += a
	}
	return depth, aliases
}

func limitError(reason, msg string) *gqlerror.Error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": CodeBadUserInput, "reason": reason}}
}

// RequireKey is a gqlgen extension that rejects mutations (and, when
// Queries is set, every operation) unless the request carried a valid API
// key (auth.Status in the context, set by the HTTP layer). Rejection
// happens before any resolver runs, so nothing is written.
type RequireKey struct {
	Queries bool
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = RequireKey{}

// ExtensionName implements graphql.HandlerExtension.
func (RequireKey) ExtensionName() string { return "RequireKey" }

// Validate implements graphql.HandlerExtension.
func (RequireKey) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (k RequireKey) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if oc.Operation.Operation != ast.Mutation && !k.Queries {
		return nil
	}
	st := auth.StatusFrom(ctx)
	if st.Valid {
		return nil
	}
	msg := "an API key is required: Authorization: Bearer <key>"
	if st.Presented {
		msg = "the API key is not valid"
	}
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": CodeUnauthenticated}}
}
