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

// evidenceOwnFields are the Evidence fields its sentence answers alone;
// the others are its document's.
var evidenceOwnFields = map[string]bool{"__typename": true, "id": true, "sentence": true, "start": true, "end": true}

// bilateralParts decides which parts of the bilateral view the selection
// needs: shared nodes only for the shared lists, sectors, timeline and
// documents; the direct facts' evidence in the same round trip when asked,
// with the sentences' documents only when a field of theirs is.
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
				// The timeline's dated facts are these facts: their
				// evidence is answered from the same sentences.
				for _, path := range [][]string{{"relations", "evidence"}, {"timeline", "relation", "evidence"}} {
					for f := range fieldsAt(ctx, path...) {
						if !evidenceOwnFields[f] {
							p.EvidenceDocuments = true
						}
					}
				}
			}
		case "agreements", "projects", "processes", "organizations", "regions":
			p.Shared = true
		case "sectors", "timeline", "documents":
			p.Relations, p.Shared = true, true
			p.Sectors = p.Sectors || name == "sectors"
			p.Documents = p.Documents || name == "documents"
		}
	}
	return p
}

// fieldsAt returns the names of the fields selected at path below the field
// being resolved (every alias and fragment merged), or nil when nothing is
// selected there.
func fieldsAt(ctx context.Context, path ...string) map[string]bool {
	if graphql.GetFieldContext(ctx) == nil {
		return nil
	}
	op := graphql.GetOperationContext(ctx)
	level := graphql.CollectFieldsCtx(ctx, nil)
	for _, name := range path {
		var next []graphql.CollectedField
		for _, f := range level {
			if f.Name == name {
				next = append(next, graphql.CollectFields(op, f.Selections, nil)...)
			}
		}
		level = next
	}
	if len(level) == 0 {
		return nil
	}
	out := make(map[string]bool, len(level))
	for _, f := range level {
		out[f.Name] = true
	}
	return out
}

// slimEntityFields are the Entity fields a node with only id, name, kind
// and labels can answer (relations and the like load on their own).
var slimEntityFields = map[string]bool{"__typename": true, "id": true, "kind": true, "name": true, "category": true,
	"relations": true, "memberships": true, "members": true}

// walkOptions decides what a graph walk returns from the selection: the
// relationships' evidence and document lists only when evidence or
// documents are asked for, full nodes only when a field beyond id, name and
// kind is asked for on a node.
func walkOptions(ctx context.Context) query.WalkOptions {
	if graphql.GetFieldContext(ctx) == nil {
		return query.WalkOptions{Lists: true, FullNodes: true}
	}
	var o query.WalkOptions
	rel := fieldsAt(ctx, "relationships")
	o.Lists = rel["evidence"] || rel["documents"]
	o.Evidence = rel["evidence"]
	for _, path := range [][]string{{"nodes"}, {"relationships", "subject"}, {"relationships", "object"}, {"relationships", "target"}} {
		for name := range fieldsAt(ctx, path...) {
			if !slimEntityFields[name] {
				o.FullNodes = true
			}
		}
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

// relationFieldsOf decides what the list of relations f needs: evidence and
// document lists only when evidence or documents are selected, the
// sentences themselves in the same query when evidence is, full end nodes
// only when a field beyond id, name and kind is selected on subject, object
// or target. The planner computes it from the root, the resolver from its
// own field: both must agree for the plan to be read.
func relationFieldsOf(op *graphql.OperationContext, f graphql.CollectedField) query.WalkOptions {
	var o query.WalkOptions
	rel := map[string]bool{}
	for _, g := range graphql.CollectFields(op, f.Selections, nil) {
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
	return o
}
