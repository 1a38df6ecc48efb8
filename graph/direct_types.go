package graph

import (
	"slices"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/query"
)

// The writer's types: each reads its fields as its resolvers (or the
// generated code's field reads) do, through the same helpers.

// entityOrNull writes entity e of field f (null when nil).
func (w *writer) entityOrNull(f *dfield, e *query.Entity, h *held) bool {
	if e == nil {
		return w.null(f)
	}
	return w.entity(f.fields, e, h)
}

func (w *writer) entity(fs []*dfield, e *query.Entity, h *held) bool {
	return w.object(fs, func(f *dfield) bool {
		ok := true
		switch f.Name {
		case "__typename":
			w.string("Entity")
		case "id":
			w.string(e.ID)
		case "kind":
			w.string(w.enums.kindName[e.Label])
		case "name":
			w.string(e.Name)
		case "aliases":
			w.strings(e.Aliases)
		case "category":
			w.string(e.Kind)
		case "reference":
			w.bool(e.Reference)
		case "year":
			w.optInt(optInt(e.Properties, "year"))
		case "commodity":
			w.optString(optString(e.Properties, "commodity"))
		case "properties":
			ok = list(w, f, properties(e.Properties, "year", "commodity"), nil, (*writer).property)
		case "relations", "memberships", "members":
			ok = w.heldRelations(f, e, h)
		case "relationCount":
			n, err := w.r.loadRelationCount(w.ctx, relationsKey{id: e.ID, args: *h.counts})
			if ok = w.check(f, err); ok {
				w.int(n)
			}
		}
		return ok
	})
}

// heldRelations writes an entity's relation list from what its root's plan
// fetched (the loaders primed under the planner's key).
func (w *writer) heldRelations(f *dfield, e *query.Entity, h *held) bool {
	rels, err := w.r.loadRelations(w.ctx, relationsKey{id: e.ID, args: *h.rels})
	if err != nil {
		return w.check(f, err)
	}
	return list(w, f, rels, nil, (*writer).relation)
}

func (w *writer) property(fs []*dfield, p *model.Property, _ *held) bool {
	return w.object(fs, func(f *dfield) bool {
		switch f.Name {
		case "__typename":
			w.string("Property")
		case "key":
			w.string(p.Key)
		case "value":
			w.string(p.Value)
		}
		return true
	})
}

func (w *writer) relation(fs []*dfield, rel *query.Relation, _ *held) bool {
	if rel == nil {
		w.fail(errNullElement)
		return false
	}
	return w.object(fs, func(f *dfield) bool {
		ok := true
		switch f.Name {
		case "__typename":
			w.string("Relation")
		case "id":
			w.string(rel.Key)
		case "type":
			w.string(string(rel.Type))
		case "subject":
			ok = w.relationEnd(f, rel.SubjectEntity, rel.Subject)
		case "object":
			ok = w.relationEnd(f, rel.ObjectEntity, rel.Object)
		case "target":
			ok = w.relationEnd(f, rel.TargetEntity(), rel.Target())
		case "direction":
			w.string(string(rel.Direction()))
		case "origin":
			w.string(rel.Origin)
		case "modality":
			w.string(w.enums.modalities[rel.Modality])
		case "confidence":
			ok = w.float(rel.Confidence)
		case "role", "sector", "commodity", "topic", "mechanism", "kind":
			w.optString(optString(rel.Properties, f.Name))
		case "sectors":
			sectors := slices.Clone(stringList(rel.Properties, "sectors"))
			slices.Sort(sectors)
			w.strings(sectors)
		case "year", "since":
			w.optInt(optInt(rel.Properties, f.Name))
		case "evidence":
			ok = w.evidenceOf(f, rel)
		case "documents":
			ok = w.documentsOf(f, rel)
		case "review":
			ok = w.review(f, rel.Review)
		case "cursor":
			w.string(encodeCursor(rel.Position))
		}
		return ok
	})
}

// relationEnd writes a relation's end (Relation.subject, object, target).
func (w *writer) relationEnd(f *dfield, known *query.Entity, id string) bool {
	e, err := w.r.relationEnd(w.ctx, known, id)
	if err != nil {
		return w.check(f, err)
	}
	return w.entityOrNull(f, e, nil)
}

func (w *writer) evidenceOf(f *dfield, rel *query.Relation) bool {
	evs, err := w.r.evidenceOf(w.ctx, rel)
	if err != nil {
		return w.check(f, err)
	}
	return list(w, f, evs, nil, (*writer).evidence)
}

func (w *writer) documentsOf(f *dfield, rel *query.Relation) bool {
	docs := rel.Docs
	if docs == nil {
		var err error
		if docs, err = w.r.documentsByID(w.ctx, rel.Documents); err != nil {
			return w.check(f, err)
		}
	}
	return list(w, f, docs, nil, (*writer).document)
}

func (w *writer) review(f *dfield, rv *query.Review) bool {
	if rv == nil {
		return w.null(f)
	}
	return w.object(f.fields, func(g *dfield) bool {
		switch g.Name {
		case "__typename":
			w.string("Review")
		case "id":
			w.string(rv.ID)
		case "verdict":
			v := ""
			if rv.Verdict.Valid() {
				v = string(rv.Verdict)
			}
			w.string(v)
		case "by":
			w.string(rv.By)
		case "at":
			w.string(rv.At)
		case "note":
			w.optString(rv.Note)
		}
		return true
	})
}

func (w *writer) evidence(fs []*dfield, ev *query.Evidence, _ *held) bool {
	if ev == nil {
		w.fail(errNullElement)
		return false
	}
	return w.object(fs, func(f *dfield) bool {
		switch f.Name {
		case "__typename":
			w.string("Evidence")
		case "id":
			w.string(ev.ID)
		case "sentence":
			w.string(ev.Text)
		case "start":
			w.int(ev.Start)
		case "end":
			w.int(ev.End)
		case "document":
			w.document(f.fields, &ev.Document, nil)
		case "title":
			w.optString(ev.Title())
		case "source":
			w.optString(ev.Source())
		case "publisher":
			w.optString(ev.Publisher())
		case "publishedAt":
			w.optString(ev.PublishedAt())
		}
		return true
	})
}

func (w *writer) document(fs []*dfield, d *ontology.Doc, _ *held) bool {
	if d == nil {
		w.fail(errNullElement)
		return false
	}
	return w.object(fs, func(f *dfield) bool {
		switch f.Name {
		case "__typename":
			w.string("Document")
		case "id":
			w.string(d.ID)
		case "title":
			w.string(d.Title)
		case "source":
			w.string(d.Source)
		case "publisher":
			w.string(d.Publisher)
		case "authors":
			w.strings(d.Authors)
		case "publishedAt":
			w.string(d.PublishedAt)
		case "length":
			w.int(d.Length)
		case "engine":
			w.string(d.Engine)
		}
		return true
	})
}

// plainEntity is entity for list elements (no plan held with them).
func (w *writer) plainEntity(fs []*dfield, e *query.Entity, h *held) bool {
	if e == nil {
		w.fail(errNullElement)
		return false
	}
	return w.entity(fs, e, h)
}
