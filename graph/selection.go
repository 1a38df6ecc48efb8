package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/internal/query"
)

// selected returns the names of the fields selected under the field being
// resolved (fragments and aliases included), each with the names selected
// under it; nil without a field context.
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
// documents; of the direct facts, the properties selected, and their
// evidence and documents in the same round trip when asked. Without a
// field context (a direct call) everything is fetched.
func bilateralParts(ctx context.Context) query.BilateralParts {
	if graphql.GetFieldContext(ctx) == nil {
		return query.AllParts
	}
	op := graphql.GetOperationContext(ctx)
	top := graphql.CollectFieldsCtx(ctx, nil)
	p := query.BilateralParts{IncludeRejected: rootIncludeRejected(ctx)}
	for _, f := range top {
		switch f.Name {
		case "relations":
			p.Relations = true
		case "agreements", "projects", "processes", "organizations", "regions":
			p.Shared = true
		case "sectors", "timeline", "documents":
			p.Relations, p.Shared = true, true
			p.Sectors = p.Sectors || f.Name == "sectors"
			p.Documents = p.Documents || f.Name == "documents"
		}
	}
	rels := collectAt(op, top, "relations")
	if len(rels) == 0 {
		return p
	}
	fields := relationFieldsIn(op, rels)
	if !p.Shared { // the timeline and the shared lists read every property
		p.Fields = &fields
	}
	p.Evidence = fields.Evidence || fields.Documents
	for _, f := range collectAt(op, rels, "evidence") {
		p.EvidenceDocuments = p.EvidenceDocuments || evidenceDocumentFields[f.Name]
	}
	p.EvidenceDocuments = p.EvidenceDocuments || fields.Documents
	return p
}

// evidenceDocumentFields are the Evidence fields its document answers (the
// others are the sentence's own).
var evidenceDocumentFields = map[string]bool{"document": true, "title": true, "source": true, "publisher": true,
	"publishedAt": true}

// slimEntityFields are the Entity fields a node with only id, name, kind
// and labels can answer (relations and the like load on their own).
var slimEntityFields = map[string]bool{"__typename": true, "id": true, "kind": true, "name": true, "category": true,
	"relations": true, "memberships": true, "members": true}

// walkOptions decides what a graph walk returns from the selection: no
// relationships when none are asked for, their evidence and documents only
// when asked for, full nodes only when a field beyond id, name and kind is
// asked for on a node.
func walkOptions(ctx context.Context) query.WalkOptions {
	if graphql.GetFieldContext(ctx) == nil {
		return query.WalkOptions{Lists: true, FullNodes: true}
	}
	op := graphql.GetOperationContext(ctx)
	top := graphql.CollectFieldsCtx(ctx, nil)
	rels := collectAt(op, top, "relationships")
	o := relationFieldsIn(op, rels)
	o.IncludeRejected = rootIncludeRejected(ctx)
	o.NodesOnly = len(rels) == 0
	for _, f := range collectAt(op, top, "nodes") {
		o.FullNodes = o.FullNodes || !slimEntityFields[f.Name]
	}
	return o
}

// relationFields decides what a list of relations (the field being
// resolved) needs: see relationFieldsOf.
func relationFields(ctx context.Context) query.WalkOptions {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return query.WalkOptions{Lists: true, FullNodes: true}
	}
	return relationFieldsOf(graphql.GetOperationContext(ctx), fc.Field)
}

// relationFieldsOf decides what the list of relations f needs: see
// relationFieldsIn. The planner computes it from the root, the resolver
// from its own field: both must agree for the plan to be read.
func relationFieldsOf(op *graphql.OperationContext, f graphql.CollectedField) query.WalkOptions {
	o := relationFieldsIn(op, graphql.CollectFields(op, f.Selections, nil))
	o.IncludeRejected = includeRejectedArg(f.ArgumentMap(op.Variables))
	return o
}

// includeRejectedArg reads a list field's includeRejected argument
// (false when absent or null).
func includeRejectedArg(args map[string]any) bool {
	switch b := args["includeRejected"].(type) {
	case bool:
		return b
	case *bool: // a resolver's typed arguments
		return b != nil && *b
	}
	return false
}

// rootIncludeRejected reads the includeRejected argument of the root field
// being resolved (bilateral, neighbors, paths).
func rootIncludeRejected(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return false
	}
	return includeRejectedArg(fc.Args)
}

// relationFieldsIn decides what relations whose selected fields are fields
// need: the fact properties selected and no other, evidence and document
// lists only when evidence or documents are selected, the sentences and the
// documents themselves in the same query when they are, full end nodes
// only when a field beyond id, name and kind is selected on subject,
// object or target.
func relationFieldsIn(op *graphql.OperationContext, fields []graphql.CollectedField) query.WalkOptions {
	var o query.WalkOptions
	rel := map[string]bool{}
	for _, g := range fields {
		rel[g.Name] = true
		switch g.Name {
		case "subject", "object", "target":
			for _, h := range graphql.CollectFields(op, g.Selections, nil) {
				if !slimEntityFields[h.Name] {
					o.FullNodes = true
				}
			}
		}
	}
	o.Lists = rel["evidence"] || rel["documents"]
	o.Evidence = rel["evidence"]
	o.Documents = rel["documents"]
	o.Review = rel["review"]
	o.Props = propsOf(rel)
	return o
}

// propsOf is WalkOptions.Props for relations whose selected fields are
// selected: the fact properties among them (the key is always read).
func propsOf(selected map[string]bool) string {
	props := []string{"key"}
	for _, p := range query.RelationProps {
		if selected[p] {
			props = append(props, p)
		}
	}
	return strings.Join(props, ",")
}
