package graph

import (
	"context"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/query"

	"github.com/diplograph/diplograph/internal/errs"
)

// Loaders batch the lookups of one request: every resolver at the same
// depth that needs entities, relations, evidence or documents adds its keys
// to one batch, fetched in one Cypher round trip.
type Loaders struct {
	entities  *dataloadgen.Loader[string, *query.Entity]
	relations *dataloadgen.Loader[relationsKey, []*query.Relation]
	evidence  *dataloadgen.Loader[string, *query.Evidence]
	// relationCounts keys use only id, types and direction.
	relationCounts *dataloadgen.Loader[relationsKey, int]
	documents      *dataloadgen.Loader[string, *ontology.Doc]
	docRelations   *dataloadgen.Loader[docRelationsKey, []*query.Relation]
}

// relationsKey is one entity's relation list with its arguments; keys with
// the same arguments are fetched together.
type relationsKey struct {
	id   string
	args relationsArgs
}

type relationsArgs struct {
	types     string // sorted, comma-joined predicates ("" for all)
	direction query.Direction
	first     int
	skip      int
	fields    query.WalkOptions // what the selection needs of each relation
}

// NewLoaders returns fresh loaders for one request. wait is how long a
// loader collects keys before fetching (0 for the library default, 16ms).
func NewLoaders(db *query.DB, wait time.Duration) *Loaders {
	var opts []dataloadgen.Option
	if wait > 0 {
		opts = append(opts, dataloadgen.WithWait(wait))
	}
	l := &Loaders{}
	l.entities = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*query.Entity, error) {
		return db.EntitiesByID(ctx, ids)
	}, opts...)
	l.evidence = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*query.Evidence, error) {
		return db.EvidenceByID(ctx, ids)
	}, opts...)
	l.documents = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*ontology.Doc, error) {
		return db.DocumentsByID(ctx, ids)
	}, opts...)
	l.relations = dataloadgen.NewMappedLoader(func(ctx context.Context, keys []relationsKey) (map[relationsKey][]*query.Relation, error) {
		out := make(map[relationsKey][]*query.Relation, len(keys))
		for args, ids := range groupByArgs(keys, splitRelationsKey) {
			res, err := db.RelationsOf(ctx, ids, query.RelationOptions{
				Types: predicates(args.types), Direction: args.direction, First: args.first, Skip: args.skip, Fields: &args.fields,
			})
			if err != nil {
				return nil, err
			}
			for _, id := range ids {
				rels := res[id]
				for i, r := range rels {
					r.Position = args.skip + i
				}
				out[relationsKey{id: id, args: args}] = rels
			}
		}
		return out, nil
	}, opts...)
	l.docRelations = dataloadgen.NewMappedLoader(func(ctx context.Context, keys []docRelationsKey) (map[docRelationsKey][]*query.Relation, error) {
		out := make(map[docRelationsKey][]*query.Relation, len(keys))
		for args, ids := range groupByArgs(keys, func(k docRelationsKey) (docRelationsKey, string) { id := k.id; k.id = ""; return k, id }) {
			_, res, err := db.DocumentRelations(ctx, ids, args.first, args.skip, &args.fields)
			if err != nil {
				return nil, err
			}
			for _, id := range ids {
				k := args
				k.id = id
				out[k] = res[id]
			}
		}
		return out, nil
	}, opts...)
	l.relationCounts = dataloadgen.NewMappedLoader(func(ctx context.Context, keys []relationsKey) (map[relationsKey]int, error) {
		out := make(map[relationsKey]int, len(keys))
		for args, ids := range groupByArgs(keys, splitRelationsKey) {
			res, err := db.RelationCounts(ctx, ids, query.RelationCountOptions{Types: predicates(args.types), Direction: args.direction, IncludeRejected: args.fields.IncludeRejected})
			if err != nil {
				return nil, err
			}
			for id, n := range res {
				out[relationsKey{id: id, args: args}] = n
			}
		}
		return out, nil
	}, opts...)
	return l
}

// groupByArgs groups keys by their arguments (split returns a key's
// arguments and id), each group's ids in the order first seen.
func groupByArgs[K any, A comparable](keys []K, split func(K) (A, string)) map[A][]string {
	groups := map[A][]string{}
	for _, k := range keys {
		a, id := split(k)
		groups[a] = append(groups[a], id)
	}
	return groups
}

func splitRelationsKey(k relationsKey) (relationsArgs, string) { return k.args, k.id }

// predicates splits a relationsArgs.types list.
func predicates(joined string) []ontology.Predicate {
	if joined == "" {
		return nil
	}
	var out []ontology.Predicate
	for _, t := range strings.Split(joined, ",") {
		out = append(out, ontology.Predicate(t))
	}
	return out
}

type loadersKey struct{}

// WithLoaders returns a context carrying l.
func WithLoaders(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, loadersKey{}, l)
}

// loadersFrom returns the request's loaders; without them (a caller that
// skipped the middleware) every lookup gets loaders of its own, correct but
// unbatched.
func (r *Resolver) loaders(ctx context.Context) *Loaders {
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		return l
	}
	return NewLoaders(r.DB, time.Millisecond)
}

// entity loads one entity (errs.ErrNotFound when absent).
func (r *Resolver) entity(ctx context.Context, id string) (*query.Entity, error) {
	e, err := r.loaders(ctx).entities.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil, errs.ErrNotFound
	}
	return e, err
}

// offset cursors: opaque to clients, "o:<offset of the item>".
func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(offset)))
}

// decodeAfter returns the offset to start from after the given cursor.
func decodeAfter(after *string) (int, error) {
	if after == nil || *after == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(*after)
	if err != nil || !strings.HasPrefix(string(b), "o:") {
		return 0, badInput("after: not a cursor of this API")
	}
	n, err := strconv.Atoi(strings.TrimPrefix(string(b), "o:"))
	if err != nil || n < 0 {
		return 0, badInput("after: not a cursor of this API")
	}
	return n + 1, nil
}

// pageSize checks first against [0, max].
func pageSize(first *int, def, max int) (int, error) {
	if first == nil {
		return def, nil
	}
	if *first < 0 || *first > max {
		return 0, badInput("first must be between 0 and " + strconv.Itoa(max))
	}
	return *first, nil
}
