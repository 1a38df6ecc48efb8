package graph

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/diplograph/diplograph/internal/errs"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/query"
)

// Planning: a root field that returns an entity reads the entity and the
// relations its selection lists in one Cypher query, and leaves the
// relations (with their evidence when selected) in the request's loaders
// under the very key Entity.relations computes, so the resolvers below read
// what the plan fetched without a batch window or a second round trip. A
// selection the plan cannot state (relations under different arguments or
// shapes, an argument it cannot read) is not planned: the resolvers then
// fetch through the loaders as before. A plan that reads an argument
// differently from the resolver only misses the cache, it never answers
// for another shape.

// plannedEntity resolves a root entity field: with relations selected, the
// entity and its relations in one round trip; otherwise the entity alone.
func (r *Resolver) plannedEntity(ctx context.Context, id string) (*query.Entity, error) {
	key, ok := relationsPlan(ctx, id)
	if !ok {
		// A root has no siblings to batch with: fetch at once rather than
		// wait for the loaders' batch window.
		es, err := r.DB.EntitiesByID(ctx, []string{id})
		if err != nil {
			return nil, err
		}
		e := es[id]
		if e == nil {
			return nil, errs.ErrNotFound
		}
		r.loaders(ctx).entities.Prime(id, e)
		return e, nil
	}
	types := predicates(key.args.types)
	e, rels, err := r.DB.EntityRelations(ctx, id, query.RelationOptions{Types: types, Direction: key.args.direction,
		First: key.args.first, Skip: key.args.skip, Fields: &key.args.fields})
	if err != nil {
		return nil, err
	}
	if e == nil {
		return nil, errs.ErrNotFound
	}
	for i, rel := range rels {
		rel.Position = key.args.skip + i
	}
	l := r.loaders(ctx)
	l.entities.Prime(id, e)
	l.relations.Prime(key, rels)
	return e, nil
}

// relationsPlan returns the loader key of the one relations list selected
// on the entity the field being resolved returns, when there is exactly
// one shape of it (aliases and fragments merged).
func relationsPlan(ctx context.Context, id string) (key relationsKey, ok bool) {
	if graphql.GetFieldContext(ctx) == nil {
		return key, false
	}
	args, ok := relationsShape(graphql.GetOperationContext(ctx), graphql.CollectFieldsCtx(ctx, nil))
	return relationsKey{id: id, args: args}, ok
}

// relationsShape returns the arguments and needs of the relation lists
// (relations, memberships, members) among the fields selected on an
// entity, when they all have one shape.
func relationsShape(op *graphql.OperationContext, fields []graphql.CollectedField) (relationsArgs, bool) {
	shape, ok := oneShape(fields, func(f graphql.CollectedField) (relationsArgs, bool, bool) {
		switch f.Name {
		case "relations":
			args, ok := relationsArgsOf(op, f)
			return args, true, ok
		case "memberships":
			args, ok := fixedRelationsArgsOf(op, f, query.Out, 100)
			return args, true, ok
		case "members":
			args, ok := fixedRelationsArgsOf(op, f, query.In, 200)
			return args, true, ok
		}
		return relationsArgs{}, false, false
	})
	return shape, ok && shape.first > 0
}

// oneShape returns the arguments read gives the fields it lists among
// fields (aliases and fragments merged), when they all have one shape: not
// when none is listed, one cannot be read, or two differ. An argument
// gqlparser cannot evaluate (it panics) counts as one that cannot be read.
func oneShape[A comparable](fields []graphql.CollectedField, read func(graphql.CollectedField) (args A, listed, ok bool)) (shape A, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	found := false
	for _, f := range fields {
		args, listed, argsOK := read(f)
		if !listed {
			continue
		}
		if !argsOK || (found && args != shape) {
			return shape, false
		}
		shape, found = args, true
	}
	return shape, found
}

// fixedRelationsArgsOf reads Entity.memberships or members: MEMBER_OF
// facts in direction dir, first (default def) as entityRelations checks it.
func fixedRelationsArgsOf(op *graphql.OperationContext, f graphql.CollectedField, dir query.Direction, def int) (args relationsArgs, ok bool) {
	var first *int
	if v, set := f.ArgumentMap(op.Variables)["first"]; set && v != nil {
		n, isInt := intArg(v)
		if !isInt {
			return args, false
		}
		first = &n
	}
	n, err := pageSize(first, def, maxEntityRels)
	if err != nil {
		return args, false
	}
	return relationsArgs{types: string(ontology.MemberOf), direction: dir, first: n,
		fields: relationFieldsOf(op, f)}, true
}

// collectAt returns the fields selected at path below fields (every alias
// and fragment merged).
func collectAt(op *graphql.OperationContext, fields []graphql.CollectedField, path ...string) []graphql.CollectedField {
	for _, name := range path {
		var next []graphql.CollectedField
		for _, f := range fields {
			if f.Name == name {
				next = append(next, graphql.CollectFields(op, f.Selections, nil)...)
			}
		}
		fields = next
	}
	return fields
}

// entityPagePlan says what the entities connection being resolved needs
// beside the page: its total count, the one shape of relations listed on
// its nodes and the one shape of their relationCount (nil when none or not
// one).
func entityPagePlan(ctx context.Context) (count bool, rels, counts *relationsArgs) {
	if graphql.GetFieldContext(ctx) == nil {
		return false, nil, nil
	}
	op := graphql.GetOperationContext(ctx)
	top := graphql.CollectFieldsCtx(ctx, nil)
	for _, f := range top {
		if f.Name == "totalCount" {
			count = true
		}
	}
	nodes := collectAt(op, top, "edges", "node")
	if shape, ok := relationsShape(op, nodes); ok {
		rels = &shape
	}
	if shape, ok := countShape(op, nodes); ok {
		counts = &shape
	}
	return count, rels, counts
}

// relationsArgsOf reads Entity.relations' arguments as entityRelations
// checks them, and what its selection needs (relationFieldsOf).
func relationsArgsOf(op *graphql.OperationContext, f graphql.CollectedField) (args relationsArgs, ok bool) {
	m := f.ArgumentMap(op.Variables)
	if args.types, args.direction, ok = typesAndDirection(m); !ok {
		return args, false
	}
	if args.first, args.skip, ok = pageArgs(m, 50, maxEntityRels); !ok {
		return args, false
	}
	args.fields = relationFieldsOf(op, f)
	return args, true
}

// pageArgs reads first (default def, at most max) and after as the
// resolvers check them (pageSize, decodeAfter).
func pageArgs(m map[string]any, def, max int) (first, skip int, ok bool) {
	var n *int
	if v, set := m["first"]; set && v != nil {
		i, isInt := intArg(v)
		if !isInt {
			return 0, 0, false
		}
		n = &i
	}
	first, err := pageSize(n, def, max)
	if err != nil {
		return 0, 0, false
	}
	if v, set := m["after"]; set && v != nil {
		s, isString := v.(string)
		if !isString {
			return 0, 0, false
		}
		if skip, err = decodeAfter(&s); err != nil {
			return 0, 0, false
		}
	}
	return first, skip, true
}

// typesAndDirection reads the types and direction arguments of
// Entity.relations or relationCount as the resolvers check them.
func typesAndDirection(m map[string]any) (types string, dir query.Direction, ok bool) {
	dir = query.Both
	if d, set := m["direction"]; set && d != nil {
		s, isString := d.(string)
		if !isString || !query.Direction(s).Valid() {
			return "", "", false
		}
		dir = query.Direction(s)
	}
	if ts, set := m["types"]; set && ts != nil {
		list, isList := ts.([]any)
		if !isList {
			return "", "", false
		}
		names := make([]string, 0, len(list))
		for _, t := range list {
			s, isString := t.(string)
			if !isString || !ontology.Predicate(s).Valid() {
				return "", "", false
			}
			names = append(names, s)
		}
		sort.Strings(names)
		types = strings.Join(names, ",")
	}
	return types, dir, true
}

// countShape returns the arguments of the relationCount fields among the
// fields selected on an entity, when they all have one shape.
func countShape(op *graphql.OperationContext, fields []graphql.CollectedField) (relationsArgs, bool) {
	return oneShape(fields, func(f graphql.CollectedField) (args relationsArgs, listed, ok bool) {
		if f.Name != "relationCount" {
			return args, false, false
		}
		m := f.ArgumentMap(op.Variables)
		args.types, args.direction, ok = typesAndDirection(m)
		args.fields.IncludeRejected = includeRejectedArg(m)
		return args, true, ok
	})
}

// intArg reads an Int argument as gqlparser or a decoded JSON variable
// holds it.
func intArg(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int32:
		return int(n), true
	case int64:
		return int(n), true
	case float64:
		if n != float64(int(n)) {
			return 0, false
		}
		return int(n), true
	case json.Number:
		i, err := n.Int64()
		return int(i), err == nil
	default:
		return 0, false
	}
}

// connectionPlan says what the relations connection being resolved needs
// beside the page: what its nodes' selection needs of each fact and
// whether totalCount is selected.
func connectionPlan(ctx context.Context) (fields query.WalkOptions, count bool) {
	if graphql.GetFieldContext(ctx) == nil {
		return query.WalkOptions{Lists: true, FullNodes: true}, true
	}
	op := graphql.GetOperationContext(ctx)
	top := graphql.CollectFieldsCtx(ctx, nil)
	for _, f := range top {
		count = count || f.Name == "totalCount"
	}
	return relationFieldsIn(op, collectAt(op, top, "edges", "node")), count
}

// docRelationsKey is one document's relations list with its arguments.
type docRelationsKey struct {
	id          string
	first, skip int
	fields      query.WalkOptions
}

// docRelationsArgsOf reads Document.relations' arguments as its resolver
// checks them, and what its selection needs.
func docRelationsArgsOf(op *graphql.OperationContext, f graphql.CollectedField) (key docRelationsKey, ok bool) {
	if key.first, key.skip, ok = pageArgs(f.ArgumentMap(op.Variables), 100, maxRelationsPage); !ok {
		return key, false
	}
	key.fields = relationFieldsOf(op, f)
	return key, true
}

// docRelationsShape returns the arguments of the relations lists among
// the fields selected on a document, when they all have one shape (the key
// without its id).
func docRelationsShape(op *graphql.OperationContext, fields []graphql.CollectedField) (docRelationsKey, bool) {
	shape, ok := oneShape(fields, func(f graphql.CollectedField) (docRelationsKey, bool, bool) {
		if f.Name != "relations" {
			return docRelationsKey{}, false, false
		}
		args, ok := docRelationsArgsOf(op, f)
		return args, true, ok
	})
	return shape, ok && shape.first > 0
}

// documentsPlan says what the documents connection being resolved needs
// beside the page: its count, and the one shape of relations listed on its
// nodes (nil when none or not one).
func documentsPlan(ctx context.Context) (count bool, rels *docRelationsKey) {
	if graphql.GetFieldContext(ctx) == nil {
		return false, nil
	}
	op := graphql.GetOperationContext(ctx)
	top := graphql.CollectFieldsCtx(ctx, nil)
	for _, f := range top {
		count = count || f.Name == "totalCount"
	}
	if shape, ok := docRelationsShape(op, collectAt(op, top, "edges", "node")); ok {
		rels = &shape
	}
	return count, rels
}

// plannedDocument resolves a root field returning the document id: with
// relations selected, the document and its relations in one round trip;
// otherwise the document alone.
func (r *Resolver) plannedDocument(ctx context.Context, id string) (*ontology.Doc, error) {
	l := r.loaders(ctx)
	if graphql.GetFieldContext(ctx) != nil {
		op := graphql.GetOperationContext(ctx)
		if shape, ok := docRelationsShape(op, graphql.CollectFieldsCtx(ctx, nil)); ok {
			docs, rels, err := r.DB.DocumentRelations(ctx, []string{id}, shape.first, shape.skip, &shape.fields)
			if err != nil {
				return nil, err
			}
			d := docs[id]
			if d == nil {
				return nil, errs.ErrNotFound
			}
			shape.id = id
			l.documents.Prime(id, d)
			l.docRelations.Prime(shape, rels[id])
			return d, nil
		}
	}
	docs, err := r.DB.DocumentsByID(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	d := docs[id]
	if d == nil {
		return nil, errs.ErrNotFound
	}
	l.documents.Prime(id, d)
	return d, nil
}

// searchPlan says what the search being resolved needs beside its hits'
// ids: whole entities when a field beyond id, name and kind is selected
// on an entity or a mention, the sentences' documents when a field of the
// evidence's document is, and the one shape of relations selected on the
// entity hits (also returned, nil when none or not one).
func searchPlan(ctx context.Context) (query.SearchOptions, *relationsArgs) {
	if graphql.GetFieldContext(ctx) == nil {
		return query.SearchOptions{FullNodes: true, Documents: true}, nil
	}
	var opt query.SearchOptions
	op := graphql.GetOperationContext(ctx)
	top := graphql.CollectFieldsCtx(ctx, nil)
	entity := collectAt(op, top, "entity")
	for _, f := range slices.Concat(entity, collectAt(op, top, "mentions")) {
		opt.FullNodes = opt.FullNodes || !slimEntityFields[f.Name]
	}
	for _, f := range collectAt(op, top, "evidence") {
		opt.Documents = opt.Documents || evidenceDocumentFields[f.Name]
	}
	shape, ok := relationsShape(op, entity)
	if !ok {
		return opt, nil
	}
	opt.Relations = &query.RelationOptions{Types: predicates(shape.types), Direction: shape.direction, First: shape.first,
		Skip: shape.skip, Fields: &shape.fields}
	return opt, &shape
}

// pathFields decides what the relationships of a paths answer need: what
// the relationships lists selected at its top and in its paths need
// together.
func pathFields(ctx context.Context) query.WalkOptions {
	if graphql.GetFieldContext(ctx) == nil {
		return query.WalkOptions{Lists: true, FullNodes: true}
	}
	op := graphql.GetOperationContext(ctx)
	top := graphql.CollectFieldsCtx(ctx, nil)
	a := relationFieldsIn(op, collectAt(op, top, "relationships"))
	b := relationFieldsIn(op, collectAt(op, top, "paths", "relationships"))
	// Path nodes are always whole; FullNodes only concerns relation ends.
	props := map[string]bool{}
	for _, o := range []query.WalkOptions{a, b} {
		for _, p := range strings.Split(o.Props, ",") {
			props[p] = true
		}
	}
	return query.WalkOptions{Lists: a.Lists || b.Lists, Evidence: a.Evidence || b.Evidence,
		Documents: a.Documents || b.Documents, FullNodes: true, Props: propsOf(props)}
}
