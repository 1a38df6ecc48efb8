package graph

import (
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// directPlan is what the direct path keeps of one query text and
// operation: the root fields with their collected (aliases merged,
// fragments expanded, in response order) and checked field trees. A plan
// without roots is a text the direct path does not cover.
type directPlan struct {
	roots []*dfield
}

func (p *directPlan) covered() bool { return p != nil && len(p.roots) > 0 }

// dfield is one collected field of the plan: its response key, whether its
// type is non-null (and its list's elements), and the fields collected on
// its object type (none for a leaf).
type dfield struct {
	graphql.CollectedField
	key         string
	nonNull     bool
	elemNonNull bool
	fields      []*dfield
	// top are the fields collected below a root field as its resolver sees
	// them (graphql.CollectFieldsCtx), for the planner's shape functions.
	top []graphql.CollectedField
}

// entityPlace says where an Entity is in the answer, which decides what
// may be selected on it: the relation lists a root's plan fetches with it
// (the root entity, the nodes of an entities page, the entity hits of a
// search), relationCount only on a page's nodes (which the page counts);
// elsewhere an entity has its own fields only (its relations would load
// one entity at a time).
type entityPlace uint8

const (
	placePlain entityPlace = iota
	placeRoot
	placePageNode
	placeSearchHit
)

// directRoots are the root fields the direct path answers, with the type
// they return and where that puts an entity.
var directRoots = map[string]struct {
	typ   string
	place entityPlace
}{
	"entity": {"Entity", placeRoot}, "country": {"Entity", placeRoot}, "organization": {"Entity", placeRoot},
	"bilateral": {"Bilateral", placePlain}, "neighbors": {"Subgraph", placePlain}, "search": {"SearchHit", placePlain},
	"entities": {"EntityConnection", placePlain},
}

// directFields are the fields the writer knows, by type. Entity's
// relation lists and relationCount are further limited by entityPlace.
var directFields = map[string][]string{
	"Entity": {"id", "kind", "name", "aliases", "category", "reference", "year", "commodity", "properties",
		"relations", "memberships", "members", "relationCount"},
	"Relation": {"id", "type", "subject", "object", "target", "direction", "origin", "modality", "confidence", "role",
		"sectors", "sector", "year", "since", "commodity", "topic", "mechanism", "kind", "evidence", "documents",
		"review", "cursor"},
	"Evidence":         {"id", "sentence", "start", "end", "document", "title", "source", "publisher", "publishedAt"},
	"Document":         {"id", "title", "source", "publisher", "authors", "publishedAt", "length", "engine"},
	"Review":           {"id", "verdict", "by", "at", "note"},
	"Property":         {"key", "value"},
	"Bilateral":        {"a", "b", "relations", "agreements", "projects", "processes", "organizations", "regions", "sectors", "timeline", "documents"},
	"SharedNode":       {"node", "aRelations", "bRelations"},
	"TimelineEntry":    {"year", "label", "relation", "node"},
	"Subgraph":         {"nodes", "relationships", "truncated"},
	"SearchHit":        {"score", "entity", "evidence", "mentions"},
	"EntityConnection": {"edges", "pageInfo", "totalCount"},
	"EntityEdge":       {"cursor", "node"},
	"PageInfo":         {"hasNextPage", "hasPreviousPage", "startCursor", "endCursor"},
}

// compile builds the plan of the operation oc holds, or says why the
// direct path does not cover it.
func compile(schema *ast.Schema, oc *graphql.OperationContext) (*directPlan, error) {
	op := oc.Operation
	if len(op.Directives) > 0 || hasDirectives(oc.Doc, op.SelectionSet, map[string]bool{}) {
		return nil, notCovered("directives")
	}
	c := compiler{schema: schema, oc: oc}
	p := &directPlan{}
	for _, f := range graphql.CollectFields(oc, op.SelectionSet, []string{"Query"}) {
		if f.Name == "__typename" {
			p.roots = append(p.roots, &dfield{CollectedField: f, key: f.Alias, nonNull: true})
			continue
		}
		root, ok := directRoots[f.Name]
		if !ok {
			return nil, notCovered("root field %s", f.Name)
		}
		d, err := c.field(f, root.place)
		if err != nil {
			return nil, err
		}
		d.top = graphql.CollectFields(oc, f.Selections, nil)
		p.roots = append(p.roots, d)
	}
	return p, nil
}

// hasDirectives reports whether any selection below set (fragments
// followed, each once) carries a directive: @skip, @include and @defer
// depend on variables or change the response's shape, which gqlgen's
// executor handles.
func hasDirectives(doc *ast.QueryDocument, set ast.SelectionSet, seen map[string]bool) bool {
	for _, sel := range set {
		switch s := sel.(type) {
		case *ast.Field:
			if len(s.Directives) > 0 || hasDirectives(doc, s.SelectionSet, seen) {
				return true
			}
		case *ast.InlineFragment:
			if len(s.Directives) > 0 || hasDirectives(doc, s.SelectionSet, seen) {
				return true
			}
		case *ast.FragmentSpread:
			if len(s.Directives) > 0 {
				return true
			}
			if seen[s.Name] {
				continue
			}
			seen[s.Name] = true
			if f := doc.Fragments.ForName(s.Name); f == nil || len(f.Directives) > 0 || hasDirectives(doc, f.SelectionSet, seen) {
				return true
			}
		}
	}
	return false
}

type compiler struct {
	schema *ast.Schema
	oc     *graphql.OperationContext
}

// field compiles f, whose value (when an entity) is at place.
func (c compiler) field(f graphql.CollectedField, place entityPlace) (*dfield, error) {
	def := f.Definition
	if def == nil || def.Type == nil {
		return nil, notCovered("field %s without a definition", f.Name)
	}
	d := &dfield{CollectedField: f, key: f.Alias, nonNull: def.Type.NonNull}
	if def.Type.Elem != nil {
		d.elemNonNull = def.Type.Elem.NonNull
	}
	typ := c.schema.Types[def.Type.Name()]
	if typ == nil || typ.Kind != ast.Object {
		return d, nil
	}
	satisfies := append([]string{typ.Name}, typ.Interfaces...)
	for _, g := range graphql.CollectFields(c.oc, f.Selections, satisfies) {
		if g.Name == "__typename" {
			d.fields = append(d.fields, &dfield{CollectedField: g, key: g.Alias, nonNull: true})
			continue
		}
		if !slices.Contains(directFields[typ.Name], g.Name) {
			return nil, notCovered("field %s.%s", typ.Name, g.Name)
		}
		if typ.Name == "Entity" && !placeAllows(place, g.Name) {
			return nil, notCovered("Entity.%s here", g.Name)
		}
		child, err := c.field(g, childPlace(typ.Name, g.Name))
		if err != nil {
			return nil, err
		}
		d.fields = append(d.fields, child)
	}
	return d, nil
}

// placeAllows reports whether an entity at place may select field.
func placeAllows(place entityPlace, field string) bool {
	switch field {
	case "relations", "memberships", "members":
		return place != placePlain
	case "relationCount":
		return place == placePageNode
	}
	return true
}

// childPlace is where an entity among the fields of parent.field is.
func childPlace(parent, field string) entityPlace {
	switch {
	case parent == "EntityConnection" && field == "edges", parent == "EntityEdge" && field == "node":
		return placePageNode
	case parent == "SearchHit" && field == "entity":
		return placeSearchHit
	}
	return placePlain
}
