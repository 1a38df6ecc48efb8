package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"

	"github.com/diplograph/diplograph/graph/generated"
)

// DirectCovers reports whether the direct path answers query with vars
// (operation name op): what the equivalence tests check they exercise.
func DirectCovers(query, op string, vars map[string]any) bool {
	res := &Resolver{}
	cfg := generated.Config{Resolvers: res}
	SetComplexity(&cfg.Complexity)
	es := generated.NewExecutableSchema(cfg)
	d := newDirectSchema(es, res)
	ctx := graphql.StartOperationTrace(context.Background())
	oc, errs := executor.New(es).CreateOperationContext(ctx, &graphql.RawParams{Query: query, OperationName: op, Variables: vars})
	if errs != nil {
		return false
	}
	p := d.plan(ctx, oc)
	if p == nil {
		return false
	}
	_, ok := d.bind(oc, p)
	return ok
}
