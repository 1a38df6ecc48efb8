package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
)

// The direct path: a query whose every root field the planner covers is
// answered without gqlgen's per-field executor. gqlgen still parses,
// validates, prices and authorises the request (its extensions run before
// Exec); then, instead of the generated executor, the root resolvers run
// once each with the field context gqlgen would give them (so they plan
// and fetch exactly as on gqlgen's path), and a sequential writer walks the
// operation's collected fields over their results straight into JSON.
// Everything else (an unknown field, a directive, a mutation,
// introspection, arguments the planner cannot state) goes to gqlgen's
// executor unchanged. What a query text needs of the direct path (its
// collected, merged field tree) is compiled once and kept in a bounded
// cache keyed by the text and the operation name; variables apply per
// request. The direct path runs no field middleware (AroundFields,
// AroundRootFields): the handler installs none; one that does must turn
// the direct path off (HandlerConfig.DisableDirectJSON) or teach it.

// directSchema wraps gqlgen's executable schema: Exec serves covered
// queries itself and hands every other operation to the generated
// executor. Schema and Complexity are the generated ones, so validation
// and complexity limits see no difference.
type directSchema struct {
	graphql.ExecutableSchema
	res   *Resolver
	plans *lru.LRU[*directPlan]
	enums enumNames
}

func newDirectSchema(es graphql.ExecutableSchema, res *Resolver) *directSchema {
	return &directSchema{ExecutableSchema: es, res: res, plans: lru.New[*directPlan](queryCacheSize),
		enums: newEnumNames(es.Schema())}
}

// Exec implements graphql.ExecutableSchema.
func (s *directSchema) Exec(ctx context.Context) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation == nil || oc.Operation.Operation != ast.Query {
		return s.ExecutableSchema.Exec(ctx)
	}
	plan := s.plan(ctx, oc)
	if plan == nil {
		return s.ExecutableSchema.Exec(ctx)
	}
	run, ok := s.bind(oc, plan)
	if !ok {
		return s.ExecutableSchema.Exec(ctx)
	}
	done := false
	mark := directMarkFrom(ctx)
	return func(ctx context.Context) *graphql.Response {
		if done {
			return nil
		}
		done = true
		data := s.write(ctx, oc, run)
		if mark != nil {
			mark.data = data // final as written: see direct_transport.go
		}
		return &graphql.Response{Data: data}
	}
}

// plan returns the compiled plan of the operation's text, compiling it on
// first sight; nil when the direct path does not cover it (remembered
// too, so an uncovered text is not compiled again).
func (s *directSchema) plan(ctx context.Context, oc *graphql.OperationContext) *directPlan {
	key := oc.OperationName + "\x00" + oc.RawQuery
	if p, ok := s.plans.Get(ctx, key); ok {
		if !p.covered() {
			return nil
		}
		return p
	}
	p, err := compile(s.Schema(), oc)
	if err != nil {
		p = &directPlan{} // not covered: remembered as such
	}
	s.plans.Add(ctx, key, p)
	if !p.covered() {
		return nil
	}
	return p
}

// errNotCovered is why compile declines a query.
type errNotCovered struct{ what string }

func (e errNotCovered) Error() string { return "not covered by the direct path: " + e.what }

func notCovered(format string, args ...any) error {
	return errNotCovered{what: fmt.Sprintf(format, args...)}
}
