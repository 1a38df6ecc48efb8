package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/internal/query"
)

// selected returns the names of the fields selected under the field being
// resolved (fragments and aliases included), each with the names selected
// under it.
func selected(ctx context.Context) map[string]map[string]bool {
	if graphql.GetFieldContext(ctx) == nil {
		return nil
	}
	op := graphql.GetOperationContext(ctx)
	out := map[string]map[string]bool{}
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		sub := out[f.Name]
		if sub == nil {
			sub = map[string]bool{}
			out[f.Name] = sub
		}
		for _, g := range graphql.CollectFields(op, f.Selections, nil) {
			sub[g.Name] = true
		}
	}
	return out
}

// bilateralParts decides which parts of the bilateral view the selection
// needs: shared nodes only for the shared lists, sectors, timeline and
// documents; the direct facts' evidence in the same round trip when asked.
// Without a field context (a direct call) everything is fetched.
func bilateralParts(ctx context.Context) query.BilateralParts {
	sel := selected(ctx)
	if sel == nil {
		return query.AllParts
	}
	var p query.BilateralParts
	for name, sub := range sel {
		switch name {
		case "relations":
			p.Relations = true
			if sub["evidence"] {
				p.Evidence = true
			}
		case "agreements", "projects", "processes", "organizations", "regions":
			p.Shared = true
		case "sectors", "timeline", "documents":
			p.Relations, p.Shared = true, true
		}
	}
	return p
}
