package query

import (
	"context"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// RelationOptions selects the relations of an entity.
type RelationOptions struct {
	Types     []ontology.Predicate // empty: all
	Direction Direction            // "" means BOTH
	First     int
	Skip      int
	// Fields says how much of each relation and end node to return (see
	// WalkOptions); nil returns everything.
	Fields *WalkOptions
}

// RelationsOf returns, for each entity id, its relations (From set to that
// id, both end entities filled), ordered by type, the other end's name and
// key. One round trip whatever the number of ids.
func (db *DB) RelationsOf(ctx context.Context, ids []string, opt RelationOptions) (map[string][]*Relation, error) {
	out, _, err := db.relationsOf(ctx, ids, opt, false)
	return out, err
}

// EntityRelations returns the entity with id (every property) and its
// relations as RelationsOf lists them, in one round trip; a nil entity when
// there is none with that id.
func (db *DB) EntityRelations(ctx context.Context, id string, opt RelationOptions) (*Entity, []*Relation, error) {
	rels, nodes, err := db.relationsOf(ctx, []string{id}, opt, true)
	if err != nil {
		return nil, nil, err
	}
	e := nodes[id]
	if e == nil {
		return nil, nil, nil
	}
	return e, rels[id], nil
}

// relationsOf is RelationsOf, also returning the listing entities (whole
// when full, else as opt.Fields asks).
func (db *DB) relationsOf(ctx context.Context, ids []string, opt RelationOptions, full bool) (map[string][]*Relation, map[string]*Entity, error) {
	out := make(map[string][]*Relation, len(ids))
	nodes := make(map[string]*Entity, len(ids))
	if len(ids) == 0 {
		return out, nodes, nil
	}
	call, err := relationsCall(opt, "skip", "first")
	if err != nil {
		return nil, nil, err
	}
	self := entityMap("n")
	if !full && opt.Fields != nil && !opt.Fields.FullNodes {
		self = entitySlim("n")
	}
	cypher := `UNWIND $ids AS id
MATCH (n:Entity {id: id})
` + call + `
RETURN id, ` + self + ` AS n, rels`
	recs, err := db.read(ctx, cypher, map[string]any{"ids": ids, "skip": opt.Skip, "first": opt.First})
	if err != nil {
		return nil, nil, err
	}
	for _, rec := range recs {
		id, err := value[string](rec, "id")
		if err != nil {
			return nil, nil, err
		}
		nv, err := value[map[string]any](rec, "n")
		if err != nil {
			return nil, nil, err
		}
		n, err := toEntity(nv)
		if err != nil {
			return nil, nil, err
		}
		rows, err := value[[]any](rec, "rels")
		if err != nil {
			return nil, nil, err
		}
		if out[id], err = toRelations(n, rows, opt); err != nil {
			return nil, nil, err
		}
		nodes[id] = n
	}
	return out, nodes, nil
}

// relationsCall is the subquery listing node n's relations as
// RelationsOf orders them, skip and first read from the named parameters,
// into a column rels; decode it with toRelations.
func relationsCall(opt RelationOptions, skip, first string) (string, error) {
	types, err := predicateList(opt.Types)
	if err != nil {
		return "", err
	}
	pattern := "(n)-[r:" + types + "]-(m:Entity)"
	switch opt.Direction {
	case Out:
		pattern = "(n)-[r:" + types + "]->(m:Entity)"
	case In:
		pattern = "(n)<-[r:" + types + "]-(m:Entity)"
	case Both, "":
	default:
		return "", invalid("unknown direction %q", opt.Direction)
	}
	rel, other := relationMap("r"), entityMap("m")
	evidence := ""
	if opt.Fields != nil {
		rel = relationSlim("r", opt.Fields.Lists)
		if !opt.Fields.FullNodes {
			other = entitySlim("m")
		}
		if opt.Fields.Evidence {
			evidence = ", evidence: " + sentencesOf("r")
		}
	}
	return `CALL (n) {
  MATCH ` + pattern + `
  WITH r, m ORDER BY type(r), m.name, r.key SKIP $` + skip + ` LIMIT $` + first + `
  RETURN collect({rel: ` + rel + `, other: ` + other + evidence + `}) AS rels
}`, nil
}

// toRelations decodes the rels column of relationsCall for node n.
func toRelations(n *Entity, rows []any, opt RelationOptions) ([]*Relation, error) {
	rels := make([]*Relation, 0, len(rows))
	for _, row := range rows {
		m, _ := row.(map[string]any)
		r, err := toRelation(m["rel"])
		if err != nil {
			return nil, err
		}
		other, err := toEntity(m["other"])
		if err != nil {
			return nil, err
		}
		if opt.Fields != nil && opt.Fields.Evidence {
			if r.Sentences, err = toSentences(m["evidence"]); err != nil {
				return nil, err
			}
		}
		r.From = n.ID
		if r.Subject == n.ID {
			r.SubjectEntity, r.ObjectEntity = n, other
		} else {
			r.SubjectEntity, r.ObjectEntity = other, n
		}
		if r.Subject == r.Object {
			r.ObjectEntity = n
		}
		r.Position = opt.Skip + len(rels)
		rels = append(rels, r)
	}
	return rels, nil
}

// RelationFilter selects facts. Zero fields select everything.
type RelationFilter struct {
	Subject  string
	Object   string
	Types    []ontology.Predicate
	Since    int // year >= Since (undated facts excluded when set)
	Until    int // year <= Until (undated facts excluded when set)
	Document string
	Modality ontology.Modality
	Origin   string
}

// Relations returns up to first facts matching f, ordered by key, after
// skipping skip; both end entities are filled.
func (db *DB) Relations(ctx context.Context, f RelationFilter, first, skip int) ([]*Relation, error) {
	match, params, err := f.match()
	if err != nil {
		return nil, err
	}
	params["first"], params["skip"] = first, skip
	cypher := match +
		" RETURN " + relationMap("r") + " AS r, " + entityMap("s") + " AS s, " + entityMap("o") +
		" AS o ORDER BY r.key SKIP $skip LIMIT $first"
	recs, err := db.read(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return relationRows(recs, "")
}

// CountRelations counts the facts matching f in one round trip. A filter
// on types alone is answered from the counts Neo4j keeps per relationship
// type (no relationship is read); any other condition counts the matches
// of the same pattern Relations pages through.
func (db *DB) CountRelations(ctx context.Context, f RelationFilter) (int, error) {
	var cypher string
	var params map[string]any
	if f.typesOnly() {
		types, err := predicateList(f.Types)
		if err != nil {
			return 0, err
		}
		parts := strings.Split(types, "|")
		for i, t := range parts {
			parts[i] = "MATCH ()-[r:" + t + "]->() RETURN count(r) AS c"
		}
		cypher = "CALL () { " + strings.Join(parts, " UNION ALL ") + " } RETURN sum(c) AS c"
	} else {
		match, p, err := f.match()
		if err != nil {
			return 0, err
		}
		cypher, params = match+" RETURN count(r) AS c", p
	}
	recs, err := db.read(ctx, cypher, params)
	if err != nil {
		return 0, err
	}
	if len(recs) == 0 {
		return 0, nil
	}
	c, err := value[int64](recs[0], "c")
	return int(c), err
}

// typesOnly reports whether f selects by relationship type alone.
func (f RelationFilter) typesOnly() bool {
	return f.Subject == "" && f.Object == "" && f.Since == 0 && f.Until == 0 && f.Document == "" &&
		f.Modality == "" && f.Origin == ""
}

// match returns the MATCH ... WHERE selecting f's facts as r, from s to o,
// and its parameters.
func (f RelationFilter) match() (string, map[string]any, error) {
	types, err := predicateList(f.Types)
	if err != nil {
		return "", nil, err
	}
	var conds []string
	params := map[string]any{}
	s, o := "(s:Entity)", "(o:Entity)"
	if f.Subject != "" {
		s, params["subject"] = "(s:Entity {id: $subject})", f.Subject
	}
	if f.Object != "" {
		o, params["object"] = "(o:Entity {id: $object})", f.Object
	}
	if f.Modality != "" {
		if !f.Modality.Valid() {
			return "", nil, invalid("unknown modality %q", f.Modality)
		}
		conds, params["modality"] = append(conds, "r.modality = $modality"), string(f.Modality)
	}
	if f.Origin != "" {
		conds, params["origin"] = append(conds, "r.origin = $origin"), f.Origin
	}
	if f.Document != "" {
		conds, params["document"] = append(conds, "$document IN r.documents"), f.Document
	}
	if f.Since != 0 {
		conds, params["since"] = append(conds, "coalesce(r.year, r.since) >= $since"), f.Since
	}
	if f.Until != 0 {
		conds, params["until"] = append(conds, "coalesce(r.year, r.since) <= $until"), f.Until
	}
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	match := "MATCH " + s + "-[r:" + types + "]->" + o
	if f.Document != "" && f.Subject == "" {
		// Start from the document's sentences (indexed on document) and the
		// entities they mention (every fact's subject is mentioned), rather
		// than scanning every relationship's documents list.
		match = "MATCH (:Sentence {document: $document})-[:MENTIONS]->(s:Entity) WITH DISTINCT s MATCH (s)-[r:" + types + "]->" + o
	}
	return match + where, params, nil
}

// relationRows decodes records with columns r, s, o.
func relationRows(recs []*neo4jRecord, from string) ([]*Relation, error) {
	out := make([]*Relation, 0, len(recs))
	for _, rec := range recs {
		rv, err := value[map[string]any](rec, "r")
		if err != nil {
			return nil, err
		}
		r, err := toRelation(rv)
		if err != nil {
			return nil, err
		}
		sv, err := value[map[string]any](rec, "s")
		if err != nil {
			return nil, err
		}
		if r.SubjectEntity, err = toEntity(sv); err != nil {
			return nil, err
		}
		ov, err := value[map[string]any](rec, "o")
		if err != nil {
			return nil, err
		}
		if r.ObjectEntity, err = toEntity(ov); err != nil {
			return nil, err
		}
		r.From = from
		out = append(out, r)
	}
	return out, nil
}

// RelationCounts returns, for each entity id, how many facts of the given
// types (all when empty) and direction it takes part in: the length of its
// whole RelationsOf list. One round trip whatever the number of ids; each
// count is one COUNT subquery per type, which Neo4j answers from the node's
// degree without reading the relationships.
func (db *DB) RelationCounts(ctx context.Context, ids []string, types []ontology.Predicate, dir Direction) (map[string]int, error) {
	out := make(map[string]int, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	count, err := relationCountExpr(types, dir)
	if err != nil {
		return nil, err
	}
	recs, err := db.read(ctx, `UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, `+count+` AS count`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		id, err := value[string](rec, "id")
		if err != nil {
			return nil, err
		}
		n, err := value[int64](rec, "count")
		if err != nil {
			return nil, err
		}
		out[id] = int(n)
	}
	return out, nil
}

// relationCountExpr is the number of node n's facts of the given types
// (all when empty) and direction, as RelationCounts counts them.
func relationCountExpr(types []ontology.Predicate, dir Direction) (string, error) {
	if len(types) == 0 {
		types = ontology.Predicates
	}
	if _, err := predicateList(types); err != nil {
		return "", err
	}
	left, right := "-", "-"
	switch dir {
	case Out:
		right = "->"
	case In:
		left = "<-"
	case Both, "":
	default:
		return "", invalid("unknown direction %q", dir)
	}
	seen := map[ontology.Predicate]bool{}
	var terms []string
	for _, t := range types {
		if seen[t] {
			continue
		}
		seen[t] = true
		// t is validated against ontology.Predicates by predicateList above.
		terms = append(terms, "COUNT { (n)"+left+"[:"+string(t)+"]"+right+"() }")
	}
	return strings.Join(terms, " + "), nil
}
