package graph

import (
	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/query"
)

// The writer's root types and what they contain.

func (w *writer) bilateral(fs []*dfield, b *query.Bilateral) bool {
	res := &bilateralResolver{w.r}
	return w.object(fs, func(f *dfield) bool {
		ok := true
		switch f.Name {
		case "__typename":
			w.string("Bilateral")
		case "a":
			ok = w.entityOrNull(f, b.A, nil)
		case "b":
			ok = w.entityOrNull(f, b.B, nil)
		case "relations":
			ok = list(w, f, b.Relations, nil, (*writer).relation)
		case "agreements":
			ok = list(w, f, sharedOf(b, ontology.Agreement), nil, (*writer).shared)
		case "projects":
			ok = list(w, f, sharedOf(b, ontology.Project), nil, (*writer).shared)
		case "processes":
			ok = list(w, f, sharedOf(b, ontology.Process), nil, (*writer).shared)
		case "organizations":
			ok = list(w, f, sharedOf(b, ontology.Organization), nil, (*writer).shared)
		case "regions":
			ok = list(w, f, sharedOf(b, ontology.Region), nil, (*writer).shared)
		case "sectors":
			es, err := res.Sectors(w.ctx, b)
			ok = w.check(f, err) && list(w, f, es, nil, (*writer).plainEntity)
		case "timeline":
			ok = list(w, f, b.Timeline, nil, (*writer).timelineEntry)
		case "documents":
			docs, err := res.Documents(w.ctx, b)
			ok = w.check(f, err) && list(w, f, docs, nil, (*writer).document)
		}
		return ok
	})
}

func (w *writer) shared(fs []*dfield, s *model.SharedNode, _ *held) bool {
	return w.object(fs, func(f *dfield) bool {
		ok := true
		switch f.Name {
		case "__typename":
			w.string("SharedNode")
		case "node":
			ok = w.entityOrNull(f, s.Node, nil)
		case "aRelations":
			ok = list(w, f, s.ARelations, nil, (*writer).relation)
		case "bRelations":
			ok = list(w, f, s.BRelations, nil, (*writer).relation)
		}
		return ok
	})
}

func (w *writer) timelineEntry(fs []*dfield, t *query.TimelineEntry, _ *held) bool {
	if t == nil {
		w.fail(errNullElement)
		return false
	}
	res := &timelineEntryResolver{w.r}
	return w.object(fs, func(f *dfield) bool {
		ok := true
		switch f.Name {
		case "__typename":
			w.string("TimelineEntry")
		case "year":
			w.int(t.Year)
		case "label":
			label, err := res.Label(w.ctx, t)
			if ok = w.check(f, err); ok {
				w.string(label)
			}
		case "relation":
			if t.Relation == nil {
				ok = w.null(f)
			} else {
				ok = w.relation(f.fields, t.Relation, nil)
			}
		case "node":
			ok = w.entityOrNull(f, t.Node, nil)
		}
		return ok
	})
}

func (w *writer) subgraph(fs []*dfield, g *query.Subgraph) bool {
	return w.object(fs, func(f *dfield) bool {
		ok := true
		switch f.Name {
		case "__typename":
			w.string("Subgraph")
		case "nodes":
			ok = list(w, f, g.Nodes, nil, (*writer).plainEntity)
		case "relationships":
			ok = list(w, f, g.Relations, nil, (*writer).relation)
		case "truncated":
			w.bool(g.Truncated)
		}
		return ok
	})
}

func (w *writer) hit(fs []*dfield, h *query.Hit, plan *held) bool {
	if h == nil {
		w.fail(errNullElement)
		return false
	}
	return w.object(fs, func(f *dfield) bool {
		ok := true
		switch f.Name {
		case "__typename":
			w.string("SearchHit")
		case "score":
			ok = w.float(h.Score)
		case "entity":
			ok = w.entityOrNull(f, h.Entity, plan)
		case "evidence":
			if h.Evidence == nil {
				ok = w.null(f)
			} else {
				ok = w.evidence(f.fields, h.Evidence, nil)
			}
		case "mentions":
			ok = list(w, f, h.Mentions, nil, (*writer).plainEntity)
		}
		return ok
	})
}

func (w *writer) entityConnection(fs []*dfield, c *model.EntityConnection, plan *held) bool {
	return w.object(fs, func(f *dfield) bool {
		ok := true
		switch f.Name {
		case "__typename":
			w.string("EntityConnection")
		case "edges":
			ok = list(w, f, c.Edges, plan, (*writer).entityEdge)
		case "pageInfo":
			if c.PageInfo == nil {
				ok = w.null(f)
			} else {
				w.pageInfo(f.fields, c.PageInfo)
			}
		case "totalCount":
			n, err := (&entityConnectionResolver{w.r}).TotalCount(w.ctx, c)
			if ok = w.check(f, err); ok {
				w.int(n)
			}
		}
		return ok
	})
}

func (w *writer) entityEdge(fs []*dfield, e *model.EntityEdge, plan *held) bool {
	if e == nil {
		w.fail(errNullElement)
		return false
	}
	return w.object(fs, func(f *dfield) bool {
		ok := true
		switch f.Name {
		case "__typename":
			w.string("EntityEdge")
		case "cursor":
			w.string(e.Cursor)
		case "node":
			ok = w.entityOrNull(f, e.Node, plan)
		}
		return ok
	})
}

func (w *writer) pageInfo(fs []*dfield, p *model.PageInfo) {
	w.object(fs, func(f *dfield) bool {
		switch f.Name {
		case "__typename":
			w.string("PageInfo")
		case "hasNextPage":
			w.bool(p.HasNextPage)
		case "hasPreviousPage":
			w.bool(p.HasPreviousPage)
		case "startCursor":
			w.optString(p.StartCursor)
		case "endCursor":
			w.optString(p.EndCursor)
		}
		return true
	})
}
