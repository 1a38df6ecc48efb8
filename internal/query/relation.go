package query

import (
	"context"
	"fmt"
	"slices"
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
	// One flat map per fact: its properties, whether n is its start node
	// (rather than its end nodes' ids) and the other end, flattened when
	// slim (nested maps cost Neo4j and the driver more than the values).
	other := "_other: " + entityMap("m")
	if opt.Fields != nil && !opt.Fields.FullNodes {
		other = "_id: m.id, _name: m.name, _kind: m.kind, _labels: labels(m)"
	}
	hide, cond := "", ""
	if opt.Fields == nil || !opt.Fields.IncludeRejected {
		hide, cond = "WITH n, "+rejectedKeysOf("n")+" AS rejected\n  ", " WHERE NOT r.key IN rejected"
	}
	return `CALL (n) {
  ` + hide + `MATCH ` + pattern + cond + `
  WITH r, m ORDER BY type(r), m.name, r.key SKIP $` + skip + ` LIMIT $` + first + `
  RETURN collect(` + relationWith("r", opt.Fields, "_out: startNode(r) = n, "+other) + `) AS rels
}`, nil
}

// toRelations decodes the rels column of relationsCall for node n.
func toRelations(n *Entity, rows []any, opt RelationOptions) ([]*Relation, error) {
	rels := make([]*Relation, 0, len(rows))
	for _, row := range rows {
		m, _ := row.(map[string]any)
		r, err := toRelation(m)
		if err != nil {
			return nil, err
		}
		var other *Entity
		if ov, nested := m["_other"]; nested {
			other, err = toEntity(ov)
		} else {
			other, err = flatOther(m)
		}
		if err != nil {
			return nil, err
		}
		r.From = n.ID
		if m["_out"] == true {
			r.Subject, r.Object = n.ID, other.ID
			r.SubjectEntity, r.ObjectEntity = n, other
		} else {
			r.Subject, r.Object = other.ID, n.ID
			r.SubjectEntity, r.ObjectEntity = other, n
		}
		if m["key"] == nil {
			r.Key = defaultKey(r)
		}
		r.Position = opt.Skip + len(rels)
		rels = append(rels, r)
	}
	return rels, nil
}

// flatOther is the other end of a listed fact projected flat beside it
// (_id, _name, _kind, _labels), read without an intermediate map.
func flatOther(m map[string]any) (*Entity, error) {
	e := &Entity{Entity: ontology.Entity{ID: toString(m["_id"]), Name: toString(m["_name"]), Label: labelOf(m["_labels"])}, Kind: toString(m["_kind"])}
	if e.ID == "" {
		return nil, fmt.Errorf("query: entity without id")
	}
	if e.Name == "" {
		e.Name = e.ID
	}
	return e, nil
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
	Key      string // one fact's key (Relation.id); give its type too for an index seek
	// IncludeRejected also selects facts people rejected.
	IncludeRejected bool
}

// RelationPage is a page of facts and, when counted, how many facts the
// filter selects (-1 when not counted).
type RelationPage struct {
	Relations []*Relation
	Total     int
}

// Relations returns up to first facts matching f, ordered by key, after
// skipping skip, both end entities filled, each as fields asks (everything
// when nil); with count also the number of facts f selects. One round trip.
func (db *DB) Relations(ctx context.Context, f RelationFilter, first, skip int, fields *WalkOptions, count bool) (*RelationPage, error) {
	match, params, err := f.match("")
	if err != nil {
		return nil, err
	}
	params["first"], params["skip"] = first, skip
	cypher := ""
	if count {
		c, err := f.countCypher(match)
		if err != nil {
			return nil, err
		}
		cypher = "CALL () {\n" + c + " RETURN c\n}\n"
	}
	cypher += "CALL () {\n" + match + "\n" + relationRowsReturn(fields, "skip", "first") + "\n}\nRETURN rows"
	if count {
		cypher += ", c"
	}
	recs, err := db.read(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	page := &RelationPage{Total: -1}
	if len(recs) == 0 {
		return page, nil
	}
	rows, err := value[[]any](recs[0], "rows")
	if err != nil {
		return nil, err
	}
	if page.Relations, err = toRelationRows(rows, skip); err != nil {
		return nil, err
	}
	if count {
		c, err := value[int64](recs[0], "c")
		if err != nil {
			return nil, err
		}
		page.Total = int(c)
	}
	return page, nil
}

// relationRowsReturn ends a MATCH of facts r from s to o: the page the
// named parameters skip and first give, ordered by key, collected as rows
// (decode them with toRelationRows).
func relationRowsReturn(fields *WalkOptions, skip, first string) string {
	end := entityMap
	if fields != nil && !fields.FullNodes {
		end = entitySlim
	}
	return "WITH r, s, o ORDER BY r.key SKIP $" + skip + " LIMIT $" + first + "\nRETURN collect({r: " + relationOf("r", fields) +
		", s: " + end("s") + ", o: " + end("o") + "}) AS rows"
}

// toRelationRows decodes relationRowsReturn's rows, the first at offset skip.
func toRelationRows(rows []any, skip int) ([]*Relation, error) {
	out := make([]*Relation, 0, len(rows))
	for _, row := range rows {
		m, _ := row.(map[string]any)
		r, err := toRelation(m["r"])
		if err != nil {
			return nil, err
		}
		if r.SubjectEntity, err = toEntity(m["s"]); err != nil {
			return nil, err
		}
		if r.ObjectEntity, err = toEntity(m["o"]); err != nil {
			return nil, err
		}
		r.Position = skip + len(out)
		out = append(out, r)
	}
	return out, nil
}

// DocumentRelations returns the documents with the given ids and, for each,
// the facts it supports as Relations with a Document filter lists them.
// One round trip whatever the number of ids.
func (db *DB) DocumentRelations(ctx context.Context, ids []string, first, skip int, fields *WalkOptions) (map[string]*ontology.Doc, map[string][]*Relation, error) {
	docs := make(map[string]*ontology.Doc, len(ids))
	out := make(map[string][]*Relation, len(ids))
	if len(ids) == 0 {
		return docs, out, nil
	}
	call, err := documentRelationsCall(fields, "skip", "first")
	if err != nil {
		return nil, nil, err
	}
	recs, err := db.read(ctx, "UNWIND $ids AS id\nMATCH (d:Document {id: id})\n"+call+"\nRETURN id, d {.*} AS d, rows",
		map[string]any{"ids": ids, "first": first, "skip": skip})
	if err != nil {
		return nil, nil, err
	}
	for _, rec := range recs {
		id, err := value[string](rec, "id")
		if err != nil {
			return nil, nil, err
		}
		dv, err := value[map[string]any](rec, "d")
		if err != nil {
			return nil, nil, err
		}
		if docs[id], err = toDoc(dv); err != nil {
			return nil, nil, err
		}
		rows, err := value[[]any](rec, "rows")
		if err != nil {
			return nil, nil, err
		}
		if out[id], err = toRelationRows(rows, skip); err != nil {
			return nil, nil, err
		}
	}
	return docs, out, nil
}

// documentRelationsCall is the subquery listing document d's facts as
// DocumentRelations does (the page the named parameters skip and first
// give), into a column rows.
func documentRelationsCall(fields *WalkOptions, skip, first string) (string, error) {
	match, _, err := RelationFilter{Document: "d", IncludeRejected: fields != nil && fields.IncludeRejected}.match("d")
	if err != nil {
		return "", err
	}
	return "CALL (d) {\n" + match + "\n" + relationRowsReturn(fields, skip, first) + "\n}", nil
}

// CountRelations counts the facts matching f in one round trip.
func (db *DB) CountRelations(ctx context.Context, f RelationFilter) (int, error) {
	match, params, err := f.match("")
	if err != nil {
		return 0, err
	}
	cypher, err := f.countCypher(match)
	if err != nil {
		return 0, err
	}
	recs, err := db.read(ctx, cypher+" RETURN c", params)
	if err != nil {
		return 0, err
	}
	if len(recs) == 0 {
		return 0, nil
	}
	c, err := value[int64](recs[0], "c")
	return int(c), err
}

// countCypher counts the facts match (f.match's) selects into c (to be
// returned): a filter on types alone is answered from the counts Neo4j
// keeps per relationship type (no relationship is read); any other
// condition counts the matches of the pattern.
func (f RelationFilter) countCypher(match string) (string, error) {
	if !f.typesOnly() {
		return match + " WITH count(r) AS c", nil
	}
	types, err := predicateList(f.Types)
	if err != nil {
		return "", err
	}
	parts := strings.Split(types, "|")
	names := slices.Clone(parts)
	for i, t := range parts {
		parts[i] = "MATCH ()-[r:" + t + "]->() RETURN count(r) AS n"
	}
	if !f.IncludeRejected {
		// Less the rejected facts of these types that still exist.
		parts = append(parts, "MATCH (c:Verdict) WHERE "+rejectedOfTypes(names)+
			" AND EXISTS { MATCH (:Entity {id: c.subject})-[x]->(:Entity {id: c.object}) WHERE x.key = c.fact } RETURN -count(c) AS n")
	}
	return "CALL () { " + strings.Join(parts, " UNION ALL ") + " } WITH sum(n) AS c", nil
}

// typesOnly reports whether f selects by relationship type alone.
func (f RelationFilter) typesOnly() bool {
	return f.Subject == "" && f.Object == "" && f.Since == 0 && f.Until == 0 && f.Document == "" &&
		f.Modality == "" && f.Origin == "" && f.Key == ""
}

// match returns the MATCH ... WHERE selecting f's facts as r, from s to o,
// and its parameters. With docNode "" a document filter reads f.Document
// as a parameter; otherwise it is the id of the Document node bound to
// docNode (in a subquery that imports it).
func (f RelationFilter) match(docNode string) (string, map[string]any, error) {
	doc, carry := "$document", ""
	if docNode != "" {
		doc, carry = docNode+".id", docNode+", "
	}
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
	if f.Key != "" {
		conds, params["key"] = append(conds, "r.key = $key"), f.Key
	}
	if f.Document != "" {
		conds = append(conds, doc+" IN r.documents")
		if docNode == "" {
			params["document"] = f.Document
		}
	}
	if f.Since != 0 {
		conds, params["since"] = append(conds, "coalesce(r.year, r.since) >= $since"), f.Since
	}
	if c := hideRejected("r", f.IncludeRejected); c != "" {
		conds = append(conds, c)
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
		match = "MATCH (:Sentence {document: " + doc + "})-[:MENTIONS]->(s:Entity) WITH DISTINCT " + carry + "s MATCH (s)-[r:" + types + "]->" + o
	}
	return match + where, params, nil
}

// RelationCounts returns, for each entity id, how many facts of the given
// types (all when empty) and direction it takes part in: the length of its
// whole RelationsOf list. One round trip whatever the number of ids; each
// count is one COUNT subquery per type, which Neo4j answers from the node's
// degree without reading the relationships.
func (db *DB) RelationCounts(ctx context.Context, ids []string, opt RelationCountOptions) (map[string]int, error) {
	out := make(map[string]int, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	count, err := relationCountExpr(opt)
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
func relationCountExpr(opt RelationCountOptions) (string, error) {
	types, dir := opt.Types, opt.Direction
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
	count := strings.Join(terms, " + ")
	if !opt.IncludeRejected {
		names := make([]string, 0, len(seen))
		for _, t := range types {
			if seen[t] {
				names = append(names, string(t))
				seen[t] = false
			}
		}
		count = "(" + count + ") - " + rejectedCount(names, dir)
	}
	return count, nil
}
