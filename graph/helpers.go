package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/vikstrous/dataloadgen"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/query"

	"github.com/diplograph/diplograph/internal/errs"
)

// Page size limits.
const (
	maxEntitiesPage  = 500
	maxRelationsPage = 500
	maxEntityRels    = 200
	maxDocumentsPage = 200
	maxSearch        = 100
)

// entityRelations resolves Entity.relations (and memberships, members)
// through the relations loader.
func (r *Resolver) entityRelations(ctx context.Context, obj *query.Entity, types []ontology.Predicate, direction query.Direction, first *int, def int, after *string) ([]*query.Relation, error) {
	n, err := pageSize(first, def, maxEntityRels)
	if err != nil {
		return nil, err
	}
	skip, err := decodeAfter(after)
	if err != nil {
		return nil, err
	}
	if direction == "" {
		direction = query.Both
	}
	if !direction.Valid() {
		return nil, badInput("unknown direction")
	}
	ts := make([]string, 0, len(types))
	for _, t := range types {
		if !t.Valid() {
			return nil, badInput(fmt.Sprintf("unknown relationship type %q", t))
		}
		ts = append(ts, string(t))
	}
	sort.Strings(ts)
	key := relationsKey{id: obj.ID, args: relationsArgs{types: strings.Join(ts, ","), direction: direction, first: n, skip: skip,
		fields: relationFields(ctx)}}
	if n == 0 {
		return []*query.Relation{}, nil
	}
	return r.loadRelations(ctx, key)
}

// loadRelations reads one entity's relations list through the loaders
// (where a plan primed it, at once).
func (r *Resolver) loadRelations(ctx context.Context, key relationsKey) ([]*query.Relation, error) {
	rels, err := r.loaders(ctx).relations.Load(ctx, key)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return []*query.Relation{}, nil
	}
	return rels, err
}

// relationCount resolves Entity.relationCount through the counts loader.
func (r *Resolver) relationCount(ctx context.Context, obj *query.Entity, types []ontology.Predicate, direction *query.Direction, includeRejected bool) (int, error) {
	dir := query.Both
	if direction != nil {
		dir = *direction
	}
	if !dir.Valid() {
		return 0, badInput("unknown direction")
	}
	ts := make([]string, 0, len(types))
	for _, t := range types {
		if !t.Valid() {
			return 0, badInput(fmt.Sprintf("unknown relationship type %q", t))
		}
		ts = append(ts, string(t))
	}
	sort.Strings(ts)
	return r.loadRelationCount(ctx, relationsKey{id: obj.ID,
		args: relationsArgs{types: strings.Join(ts, ","), direction: dir, fields: query.WalkOptions{IncludeRejected: includeRejected}}})
}

// loadRelationCount reads one entity's relation count through the loaders
// (where a plan primed it, at once).
func (r *Resolver) loadRelationCount(ctx context.Context, key relationsKey) (int, error) {
	n, err := r.loaders(ctx).relationCounts.Load(ctx, key)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return 0, nil
	}
	return n, err
}

// relationEnd returns the entity with id, from the relation when it holds it.
func (r *Resolver) relationEnd(ctx context.Context, known *query.Entity, id string) (*query.Entity, error) {
	if known != nil && known.ID == id {
		return known, nil
	}
	return r.entity(ctx, id)
}

func (r *Resolver) evidenceOf(ctx context.Context, rel *query.Relation) ([]*query.Evidence, error) {
	if rel.Sentences != nil {
		return rel.Sentences, nil
	}
	if len(rel.Evidence) == 0 {
		return []*query.Evidence{}, nil
	}
	evs, err := r.loaders(ctx).evidence.LoadAll(ctx, rel.Evidence)
	out := make([]*query.Evidence, 0, len(evs))
	for i, ev := range evs {
		if ev != nil {
			out = append(out, evs[i])
		}
	}
	if err != nil && !onlyNotFound(err) {
		return nil, err
	}
	return out, nil
}

func (r *Resolver) documentsByID(ctx context.Context, ids []string) ([]*ontology.Doc, error) {
	if len(ids) == 0 {
		return []*ontology.Doc{}, nil
	}
	docs, err := r.loaders(ctx).documents.LoadAll(ctx, ids)
	if err != nil && !onlyNotFound(err) {
		return nil, err
	}
	out := make([]*ontology.Doc, 0, len(docs))
	for _, d := range docs {
		if d != nil {
			out = append(out, d)
		}
	}
	return out, nil
}

// onlyNotFound reports whether err (from LoadAll) holds only misses: ids a
// fact lists whose node has since gone are skipped, not errors.
func onlyNotFound(err error) bool {
	var es dataloadgen.ErrorSlice
	if !errors.As(err, &es) {
		return errors.Is(err, dataloadgen.ErrNotFound)
	}
	for _, e := range es {
		if e != nil && !errors.Is(e, dataloadgen.ErrNotFound) {
			return false
		}
	}
	return true
}

func optString(m map[string]any, key string) *string {
	v, ok := m[key]
	if !ok || v == nil {
		return nil
	}
	s, ok := v.(string)
	if !ok {
		s = fmt.Sprint(v)
	}
	return &s
}

func optInt(m map[string]any, key string) *int {
	switch v := m[key].(type) {
	case int64:
		n := int(v)
		return &n
	case int:
		return &v
	case float64:
		n := int(v)
		return &n
	}
	return nil
}

func stringList(m map[string]any, key string) []string {
	switch v := m[key].(type) {
	case []string:
		return v
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case string:
		return []string{v}
	}
	return []string{}
}

func properties(m map[string]any, skip ...string) []*model.Property {
	keys := make([]string, 0, len(m))
outer:
	for k := range m {
		for _, s := range skip {
			if k == s {
				continue outer
			}
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*model.Property, 0, len(keys))
	for _, k := range keys {
		b, err := json.Marshal(m[k])
		if err != nil {
			b = []byte(fmt.Sprintf("%q", fmt.Sprint(m[k])))
		}
		out = append(out, &model.Property{Key: k, Value: string(b)})
	}
	return out
}

func pageInfo(start, n int, hasNext bool) *model.PageInfo {
	pi := &model.PageInfo{HasNextPage: hasNext, HasPreviousPage: start > 0}
	if n > 0 {
		s, e := encodeCursor(start), encodeCursor(start+n-1)
		pi.StartCursor, pi.EndCursor = &s, &e
	}
	return pi
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func sharedOf(b *query.Bilateral, labels ...ontology.Label) []*model.SharedNode {
	out := []*model.SharedNode{}
	for _, s := range b.Shared {
		for _, l := range labels {
			if s.Node.Label == l {
				out = append(out, &model.SharedNode{Node: s.Node, ARelations: s.ARelations, BRelations: s.BRelations})
			}
		}
	}
	return out
}

func entityFilter(f *model.EntityFilter) query.EntityFilter {
	var out query.EntityFilter
	if f == nil {
		return out
	}
	if f.Kind != nil {
		out.Kinds = append(out.Kinds, *f.Kind)
	}
	out.Kinds = append(out.Kinds, f.Kinds...)
	out.NamePrefix, out.NameContains = str(f.NameStartsWith), str(f.NameContains)
	out.Region, out.MemberOf = str(f.Region), str(f.MemberOf)
	return out
}

func pathResult(paths []*query.Path) *model.PathResult {
	out := &model.PathResult{Paths: paths, Nodes: []*query.Entity{}, Relationships: []*query.Relation{}}
	if out.Paths == nil {
		out.Paths = []*query.Path{}
	}
	seenN, seenR := map[string]bool{}, map[string]bool{}
	for _, p := range paths {
		for _, n := range p.Nodes {
			if !seenN[n.ID] {
				seenN[n.ID] = true
				out.Nodes = append(out.Nodes, n)
			}
		}
		for _, rel := range p.Relations {
			if !seenR[rel.Key] {
				seenR[rel.Key] = true
				out.Relationships = append(out.Relationships, rel)
			}
		}
	}
	return out
}

func (r *Resolver) search(ctx context.Context, text string, first *int) ([]*query.Hit, error) {
	n, err := pageSize(first, 20, maxSearch)
	if err != nil {
		return nil, err
	}
	if len(text) > 1000 {
		return nil, badInput("query is longer than 1000 bytes")
	}
	opt, rels := searchPlan(ctx)
	hits, err := r.DB.Search(ctx, text, n, opt)
	if err != nil {
		return nil, err
	}
	// The entity hits' relations came with them: Entity.relations reads
	// them from the loaders.
	l := r.loaders(ctx)
	for _, h := range hits {
		if h.Entity != nil && rels != nil {
			l.entities.Prime(h.Entity.ID, h.Entity)
			l.relations.Prime(relationsKey{id: h.Entity.ID, args: *rels}, h.Relations)
		}
	}
	if hits == nil {
		hits = []*query.Hit{}
	}
	return hits, nil
}

// node resolves Relay's node(id): documents by their doc: prefix, entities
// otherwise; null (no error) when absent.
func (r *Resolver) node(ctx context.Context, id string) (model.Node, error) {
	var n model.Node
	var err error
	if strings.HasPrefix(id, "doc:") {
		n, err = r.plannedDocument(ctx, id)
	} else {
		n, err = r.plannedEntity(ctx, id)
	}
	if errors.Is(err, errs.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return n, nil
}

// ingestResult answers an ingestion with what the selection asks for. The
// document's fields come from the ingestion when it created the document
// (read back otherwise, and not at all when only its id or relations are
// selected); its facts and their entities are read back only when selected.
// An ingestion asking for neither costs no read after the write.
func (r *Resolver) ingestResult(ctx context.Context, res *Ingested) (*model.IngestResult, error) {
	sel := selected(ctx) // nil without a field context: everything
	out := &model.IngestResult{
		Document:  &ontology.Doc{ID: res.Document},
		Unchanged: res.Unchanged,
		Counts:    &model.IngestCounts{Entities: res.Entities, Relations: res.Relations, Sentences: res.Sentences},
		Relations: []*query.Relation{},
		Entities:  []*query.Entity{},
	}
	if res.Doc != nil {
		out.Document = res.Doc
	}
	needDoc := res.Doc == nil && (sel == nil || needsStoredDocument(sel["document"]))
	needRels := sel == nil || sel["relations"] != nil || sel["entities"] != nil
	var doc *ontology.Doc
	switch {
	case needRels: // the document and its facts in one round trip
		docs, byDoc, err := r.DB.DocumentRelations(ctx, []string{res.Document}, maxRelationsPage, 0, nil)
		if err != nil {
			return nil, err
		}
		doc = docs[res.Document]
		if rels := byDoc[res.Document]; rels != nil {
			out.Relations = rels
		}
	case needDoc:
		docs, err := r.DB.DocumentsByID(ctx, []string{res.Document})
		if err != nil {
			return nil, err
		}
		doc = docs[res.Document]
	}
	if needDoc && doc != nil {
		out.Document = doc
	}
	seen := map[string]bool{}
	for i, rel := range out.Relations {
		rel.Position = i
		for _, e := range []*query.Entity{rel.SubjectEntity, rel.ObjectEntity} {
			if e != nil && !seen[e.ID] {
				seen[e.ID] = true
				out.Entities = append(out.Entities, e)
			}
		}
	}
	sort.Slice(out.Entities, func(i, j int) bool { return out.Entities[i].ID < out.Entities[j].ID })
	return out, nil
}

// needsStoredDocument reports whether the fields selected on a document
// need its stored properties: any field but its id and its relations
// (which its resolver reads by id).
func needsStoredDocument(fields map[string]bool) bool {
	for name := range fields {
		switch name {
		case "__typename", "id", "relations":
		default:
			return true
		}
	}
	return false
}
