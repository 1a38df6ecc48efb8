package graph

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/internal/ontology"
)

// directRun is a plan bound to one request's variables: each root field
// with its resolver call and the shapes of the relation lists its plan
// fetches with it.
type directRun struct {
	roots []boundRoot
}

type boundRoot struct {
	f    *dfield
	args map[string]any
	call func(ctx context.Context) (any, error)
	// rels and counts are the one shape of the relation lists and of
	// relationCount selected on the entities the root's plan holds (the
	// loaders' keys, with each entity's id); nil when none is selected.
	rels, counts *relationsArgs
}

// bind applies the request's variables to plan: the root fields'
// arguments as their resolvers take them, and the relation lists' shapes
// as the planner reads them. It declines (false) when an argument cannot
// be read or the lists selected have no one shape the planner fetches:
// gqlgen's executor then answers, errors included.
func (s *directSchema) bind(oc *graphql.OperationContext, plan *directPlan) (*directRun, bool) {
	run := &directRun{roots: make([]boundRoot, 0, len(plan.roots))}
	q := &queryResolver{s.res}
	for _, f := range plan.roots {
		b := boundRoot{f: f}
		if f.Name == "__typename" {
			run.roots = append(run.roots, b)
			continue
		}
		b.args = f.ArgumentMap(oc.Variables)
		var ok bool
		if b.call, ok = s.rootCall(q, f.Name, b.args); !ok {
			return nil, false
		}
		if b.rels, b.counts, ok = listShapes(oc, f); !ok {
			return nil, false
		}
		run.roots = append(run.roots, b)
	}
	return run, true
}

// listShapes reads the shapes of the relation lists and relationCount
// selected on the entities root f's plan fetches with it, as the planner
// does (plannedEntity, Entities, search); not ok when some are selected
// without one shape.
func listShapes(oc *graphql.OperationContext, f *dfield) (rels, counts *relationsArgs, ok bool) {
	var entities []graphql.CollectedField
	switch f.Name {
	case "entity", "country", "organization":
		entities = f.top
	case "entities":
		entities = collectAt(oc, f.top, "edges", "node")
	case "search":
		entities = collectAt(oc, f.top, "entity")
	default:
		return nil, nil, true
	}
	var lists, count bool
	for _, g := range entities {
		switch g.Name {
		case "relations", "memberships", "members":
			lists = true
		case "relationCount":
			count = true
		}
	}
	if lists {
		shape, ok := relationsShape(oc, entities)
		if !ok {
			return nil, nil, false
		}
		rels = &shape
	}
	if count {
		shape, ok := countShape(oc, entities)
		if !ok {
			return nil, nil, false
		}
		counts = &shape
	}
	return rels, counts, true
}

// rootCall returns the resolver call of root field name with args, the
// arguments converted as the generated code converts them; not ok when
// one cannot be.
func (s *directSchema) rootCall(q *queryResolver, name string, args map[string]any) (func(context.Context) (any, error), bool) {
	var a argReader
	switch name {
	case "entity", "country", "organization":
		id := a.id(args["id"])
		resolve := map[string]func(context.Context, string) (any, error){
			"entity":       func(ctx context.Context, id string) (any, error) { return q.Entity(ctx, id) },
			"country":      func(ctx context.Context, id string) (any, error) { return q.Country(ctx, id) },
			"organization": func(ctx context.Context, id string) (any, error) { return q.Organization(ctx, id) },
		}[name]
		return func(ctx context.Context) (any, error) { return resolve(ctx, id) }, a.ok()
	case "bilateral":
		x, y, rejected := a.id(args["a"]), a.id(args["b"]), a.optBool(args["includeRejected"])
		return func(ctx context.Context) (any, error) { return q.Bilateral(ctx, x, y, rejected) }, a.ok()
	case "neighbors":
		id, types, depth, rejected := a.id(args["id"]), a.predicates(args["types"]), a.optInt(args["depth"]), a.optBool(args["includeRejected"])
		return func(ctx context.Context) (any, error) { return q.Neighbors(ctx, id, types, depth, rejected) }, a.ok()
	case "search":
		text, first := a.str(args["query"]), a.optInt(args["first"])
		return func(ctx context.Context) (any, error) { return q.Search(ctx, text, first) }, a.ok()
	case "entities":
		filter, order := s.entityFilter(&a, args["filter"]), s.entityOrder(&a, args["orderBy"])
		first, after := a.optInt(args["first"]), a.optStr(args["after"])
		return func(ctx context.Context) (any, error) { return q.Entities(ctx, filter, order, first, after) }, a.ok()
	}
	return nil, false
}

// argReader converts argument values (literals or coerced variables) as
// the generated code's unmarshalers do, remembering whether one failed.
type argReader struct{ failed bool }

func (a *argReader) ok() bool { return !a.failed }

func (a *argReader) check(err error) {
	if err != nil {
		a.failed = true
	}
}

func (a *argReader) id(v any) string {
	s, err := graphql.UnmarshalID(v)
	a.check(err)
	return s
}

func (a *argReader) str(v any) string {
	s, err := graphql.UnmarshalString(v)
	a.check(err)
	return s
}

func (a *argReader) optStr(v any) *string {
	if v == nil {
		return nil
	}
	s := a.str(v)
	return &s
}

func (a *argReader) optInt(v any) *int {
	if v == nil {
		return nil
	}
	n, err := graphql.UnmarshalInt(v)
	a.check(err)
	return &n
}

func (a *argReader) optBool(v any) *bool {
	if v == nil {
		return nil
	}
	b, err := graphql.UnmarshalBoolean(v)
	a.check(err)
	return &b
}

func (a *argReader) predicates(v any) []ontology.Predicate {
	if v == nil {
		return nil
	}
	list := graphql.CoerceList(v)
	out := make([]ontology.Predicate, len(list))
	for i, x := range list {
		out[i] = ontology.Predicate(a.str(x))
	}
	return out
}

// entityFilter reads an EntityFilter input (nil when absent).
func (s *directSchema) entityFilter(a *argReader, v any) *model.EntityFilter {
	if v == nil {
		return nil
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		a.failed = true
		return nil
	}
	f := &model.EntityFilter{NameStartsWith: a.optStr(m["nameStartsWith"]), NameContains: a.optStr(m["nameContains"]),
		Region: a.optID(m["region"]), MemberOf: a.optID(m["memberOf"])}
	if k, set := m["kind"]; set && k != nil {
		l := s.enums.label(a, k)
		f.Kind = &l
	}
	if ks, set := m["kinds"]; set && ks != nil {
		for _, k := range graphql.CoerceList(ks) {
			f.Kinds = append(f.Kinds, s.enums.label(a, k))
		}
	}
	for k := range m {
		switch k {
		case "kind", "kinds", "nameStartsWith", "nameContains", "region", "memberOf":
		default:
			a.failed = true
		}
	}
	return f
}

func (a *argReader) optID(v any) *string {
	if v == nil {
		return nil
	}
	s := a.id(v)
	return &s
}

// entityOrder reads an EntityOrder input with its fields' defaults (nil
// when absent).
func (s *directSchema) entityOrder(a *argReader, v any) *model.EntityOrder {
	if v == nil {
		return nil
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		a.failed = true
		return nil
	}
	o := &model.EntityOrder{Field: model.EntityOrderFieldName, Direction: model.SortDirectionAsc}
	if f, set := m["field"]; set {
		a.check(o.Field.UnmarshalGQL(f))
	}
	if d, set := m["direction"]; set {
		a.check(o.Direction.UnmarshalGQL(d))
	}
	return o
}

// enumNames are the schema's names of the enums bound to Go values that
// are not the names themselves (EntityKind, Modality), both ways.
type enumNames struct {
	kindName   map[ontology.Label]string
	kindValue  map[string]ontology.Label
	modalities map[ontology.Modality]string
}

// newEnumNames matches the schema's enum values with the ontology's: a
// value's name is its Go value upper-cased (gqlgen.yml binds them so).
func newEnumNames(s *ast.Schema) enumNames {
	e := enumNames{kindName: map[ontology.Label]string{}, kindValue: map[string]ontology.Label{},
		modalities: map[ontology.Modality]string{}}
	for _, v := range enumValues(s, "EntityKind") {
		for _, l := range ontology.Labels {
			if strings.ToUpper(string(l)) == v {
				e.kindName[l], e.kindValue[v] = v, l
			}
		}
	}
	for _, v := range enumValues(s, "Modality") {
		for _, m := range ontology.Modalities {
			if strings.ToUpper(string(m.Modality)) == v {
				e.modalities[m.Modality] = v
			}
		}
	}
	return e
}

func enumValues(s *ast.Schema, name string) []string {
	var out []string
	if t := s.Types[name]; t != nil {
		for _, v := range t.EnumValues {
			out = append(out, v.Name)
		}
	}
	return out
}

// label reads an EntityKind value.
func (e enumNames) label(a *argReader, v any) ontology.Label {
	s, isString := v.(string)
	l, known := e.kindValue[s]
	if !isString || !known {
		a.failed = true
	}
	return l
}
