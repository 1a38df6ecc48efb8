package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/diplograph/diplograph/internal/auth"

	"github.com/diplograph/diplograph/internal/errs"
)

// Limits is a gqlgen extension rejecting operations nested deeper than
// MaxDepth, using more than MaxAliases aliases or selecting more than
// MaxFields fields (fragments expanded). gqlgen has no depth limit of its
// own, aliases let one request repeat an expensive field, and gqlgen's
// validation is quadratic in the number of fields, so these checks run on
// the raw query before validation: a hostile document is refused in
// linear time. Introspection fields (__schema, __type) do not count
// towards depth, so GraphiQL's schema query passes. A zero limit is no limit.
type Limits struct {
	MaxDepth   int
	MaxAliases int
	MaxFields  int
	MaxTokens  int // parser token limit for the pre-check; 0 means 15000
	// Verdicts, when set, keeps the verdict on each query text (it
	// depends on the text alone), so a repeated query is not parsed
	// again for the check; nil checks every request.
	Verdicts graphql.Cache[*limitVerdict]
}

// limitVerdict is the Limits check's answer on one query text: the
// reason and message of its refusal, or none.
type limitVerdict struct{ reason, msg string }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = Limits{}

// ExtensionName implements graphql.HandlerExtension.
func (Limits) ExtensionName() string { return "Limits" }

// Validate implements graphql.HandlerExtension.
func (Limits) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters implements graphql.OperationParameterMutator.
func (l Limits) MutateOperationParameters(ctx context.Context, raw *graphql.RawParams) *gqlerror.Error {
	var v *limitVerdict
	cached := false
	if l.Verdicts != nil {
		v, cached = l.Verdicts.Get(ctx, raw.Query)
	}
	if !cached {
		v = l.verdict(raw.Query)
		if l.Verdicts != nil {
			l.Verdicts.Add(ctx, raw.Query, v)
		}
	}
	if v.reason == "" {
		return nil
	}
	return limitError(v.reason, v.msg) // a fresh error each time: presenters may change it
}

// verdict checks one query text.
func (l Limits) verdict(query string) *limitVerdict {
	tokens := l.MaxTokens
	if tokens <= 0 {
		tokens = 15000
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: query}, tokens)
	if err != nil {
		return &limitVerdict{} // gqlgen reports the parse error itself
	}
	for _, op := range doc.Operations {
		m := &measurer{doc: doc, maxFields: l.MaxFields, inFragments: map[string]bool{}}
		depth := m.measure(op.SelectionSet)
		switch {
		case l.MaxAliases > 0 && m.aliases > l.MaxAliases:
			return &limitVerdict{"ALIAS_LIMIT_EXCEEDED", fmt.Sprintf("operation uses %d aliases, more than the limit of %d", m.aliases, l.MaxAliases)}
		case l.MaxFields > 0 && m.fields > l.MaxFields:
			return &limitVerdict{"FIELD_LIMIT_EXCEEDED", fmt.Sprintf("operation selects more than %d fields", l.MaxFields)}
		case l.MaxDepth > 0 && depth > l.MaxDepth:
			return &limitVerdict{"DEPTH_LIMIT_EXCEEDED", fmt.Sprintf("operation is nested %d deep, more than the limit of %d", depth, l.MaxDepth)}
		}
	}
	return &limitVerdict{}
}

// measurer walks an operation counting fields and aliases and measuring
// depth, expanding fragments (each at most once per path, so cycles end);
// it stops expanding once the field budget is spent, so a document whose
// fragments multiply cannot make it work exponentially.
type measurer struct {
	doc         *ast.QueryDocument
	maxFields   int
	fields      int
	aliases     int
	inFragments map[string]bool
}

func (m *measurer) spent() bool { return m.maxFields > 0 && m.fields > m.maxFields }

func (m *measurer) measure(set ast.SelectionSet) (depth int) {
	for _, sel := range set {
		if m.spent() {
			return depth
		}
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			m.fields++
			if s.Alias != "" && s.Alias != s.Name {
				m.aliases++
			}
			cd := m.measure(s.SelectionSet)
			if !strings.HasPrefix(s.Name, "__") {
				d = cd + 1
			}
		case *ast.InlineFragment:
			d = m.measure(s.SelectionSet)
		case *ast.FragmentSpread:
			f := m.doc.Fragments.ForName(s.Name)
			if f == nil || m.inFragments[s.Name] {
				continue
			}
			m.inFragments[s.Name] = true
			d = m.measure(f.SelectionSet)
			delete(m.inFragments, s.Name)
		}
		if d > depth {
			depth = d
		}
	}
	return depth
}

func limitError(reason, msg string) *gqlerror.Error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": errs.CodeBadUserInput, "reason": reason}}
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
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": errs.CodeUnauthenticated}}
}
