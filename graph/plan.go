package graph

import (
	"context"
	"encoding/json"
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
// entity and its relations in one round trip; otherwise through the loader.
func (r *Resolver) plannedEntity(ctx context.Context, id string) (*query.Entity, error) {
	key, ok := relationsPlan(ctx, id)
	if !ok {
		return r.entity(ctx, id)
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
func relationsShape(op *graphql.OperationContext, fields []graphql.CollectedField) (shape relationsArgs, ok bool) {
	found := false
	for _, f := range fields {
		var args relationsArgs
		var argsOK bool
		switch f.Name {
		case "relations":
			args, argsOK = relationsArgsOf(op, f)
		case "memberships":
			args, argsOK = fixedRelationsArgsOf(op, f, query.Out, 100)
		case "members":
			args, argsOK = fixedRelationsArgsOf(op, f, query.In, 200)
		default:
			continue
		}
		if !argsOK || (found && args != shape) {
			return shape, false
		}
		shape, found = args, true
	}
	return shape, found && shape.first > 0
}

// fixedRelationsArgsOf reads Entity.memberships or members: MEMBER_OF
// facts in direction dir, first (default def) as entityRelations checks it.
func fixedRelationsArgsOf(op *graphql.OperationContext, f graphql.CollectedField, dir query.Direction, def int) (args relationsArgs, ok bool) {
	defer func() {
		if recover() != nil { // an argument gqlparser cannot evaluate
			ok = false
		}
	}()
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
	defer func() {
		if recover() != nil { // an argument gqlparser cannot evaluate
			ok = false
		}
	}()
	m := f.ArgumentMap(op.Variables)
	if args.types, args.direction, ok = typesAndDirection(m); !ok {
		return args, false
	}
	var first *int
	if v, set := m["first"]; set && v != nil {
		n, isInt := intArg(v)
		if !isInt {
			return args, false
		}
		first = &n
	}
	n, err := pageSize(first, 50, maxEntityRels)
	if err != nil {
		return args, false
	}
	args.first = n
	if v, set := m["after"]; set && v != nil {
		s, isString := v.(string)
		if !isString {
			return args, false
		}
		if args.skip, err = decodeAfter(&s); err != nil {
			return args, false
		}
	}
	args.fields = relationFieldsOf(op, f)
	return args, true
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
func countShape(op *graphql.OperationContext, fields []graphql.CollectedField) (shape relationsArgs, ok bool) {
	defer func() {
		if recover() != nil { // an argument gqlparser cannot evaluate
			ok = false
		}
	}()
	found := false
	for _, f := range fields {
		if f.Name != "relationCount" {
			continue
		}
		var args relationsArgs
		var argsOK bool
		if args.types, args.direction, argsOK = typesAndDirection(f.ArgumentMap(op.Variables)); !argsOK || (found && args != shape) {
			return shape, false
		}
		shape, found = args, true
	}
	return shape, found
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
