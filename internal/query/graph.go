package query

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"

	"github.com/diplograph/diplograph/internal/errs"
)

// Limits of the graph walks.
const (
	MaxDepth     = 3
	MaxHops      = 4
	maxGraphRels = 1000
	maxPaths     = 25
)

// Subgraph is a set of nodes and the relationships between them, ready to draw.
type Subgraph struct {
	Nodes     []*Entity
	Relations []*Relation
	Truncated bool // the walk stopped at the relationship limit
}

// Path is one path: Nodes[i] and Nodes[i+1] joined by Relations[i].
type Path struct {
	Nodes     []*Entity
	Relations []*Relation
}

// WalkOptions says how much of each relationship and node a walk returns.
type WalkOptions struct {
	// Lists adds each relationship's evidence and document id lists
	// (Relation.Evidence, Relation.Documents); without it they are empty.
	Lists bool
	// FullNodes returns every node property; without it nodes carry only
	// id, name, kind and label.
	FullNodes bool
	// Evidence fetches each relationship's sentences and their documents
	// in the same query (Relation.Sentences).
	Evidence bool
	// Documents fetches each relationship's documents in the same query
	// (Relation.Docs).
	Documents bool
	// Props lists the scalar properties to read (comma-separated, from
	// RelationProps); empty reads them all.
	Props string
	// Review reads each relationship's standing review (Relation.Review).
	Review bool
	// IncludeRejected also lists the facts people rejected, which are
	// hidden otherwise.
	IncludeRejected bool
	// NodesOnly makes Neighbors return the nodes its walk reaches and
	// whether it was truncated, without the relationships (the walk is
	// the same; the relationships stay in Neo4j).
	NodesOnly bool
}

// relationOf is relationship r projected as opt asks, as one flat map:
// the properties opt.Props names (every scalar property when empty; the
// key always), with Lists its id lists, with Evidence its sentences, with
// Documents its documents, its type and its end nodes' ids; every property,
// without sentences or documents, when opt is nil. Decode it with
// toRelation.
func relationOf(r string, opt *WalkOptions) string {
	return relationWith(r, opt, "_subject: startNode("+r+").id, _object: endNode("+r+").id")
}

// relationWith is relationOf with ends (map entries) instead of the end
// nodes' ids.
func relationWith(r string, opt *WalkOptions, ends string) string {
	if opt == nil {
		return r + " {.*, _type: type(" + r + "), " + ends + ", _review: " + reviewOf(r) + "}"
	}
	p := r + " {" + relationProps(opt) + ", _type: type(" + r + "), " + ends
	if opt.Review {
		p += ", _review: " + reviewOf(r)
	}
	if opt.Evidence {
		p += ", _evidence: " + sentencesOf(r)
	}
	if opt.Documents {
		p += ", _docs: " + documentsOf(r)
	}
	return p + "}"
}

// RelationProps are the scalar properties of a fact a selection can ask
// for (WalkOptions.Props), besides the key, which is always read.
var RelationProps = []string{"origin", "modality", "confidence", "role", "sectors", "sector", "year", "since",
	"commodity", "topic", "mechanism", "kind"}

// relationProps is the property selectors of a relationship projection:
// the key, opt.Props' properties (all of RelationProps when empty) and,
// with Lists, the evidence and document ids.
func relationProps(opt *WalkOptions) string {
	names := RelationProps
	if opt.Props != "" {
		names = strings.Split(opt.Props, ",")
	}
	sel := []string{".key"}
	for _, n := range names {
		if slices.Contains(RelationProps, n) { // a name that is not a property is never spliced in
			sel = append(sel, "."+n)
		}
	}
	if opt.Lists {
		sel = append(sel, ".evidence", ".documents")
	}
	return strings.Join(sel, ", ")
}

// entitySlim is a node's id, name, kind and labels; decode it with toEntity.
func entitySlim(n string) string {
	return fmt.Sprintf("%s {.id, .name, .kind, labels: labels(%s)}", n, n)
}

// Neighbors walks up to depth hops (1..MaxDepth) from id along the given
// types (all when empty), in one round trip, and returns the relationships
// of the walk (those of every node nearer than depth hops) with the nodes
// they reach. A walk of more than maxGraphRels relationships is cut level
// by level (nearest first) and marked truncated. With no options given,
// relationships carry their lists and nodes are full.
func (db *DB) Neighbors(ctx context.Context, id string, types []ontology.Predicate, depth int, opts ...WalkOptions) (*Subgraph, error) {
	if depth < 1 || depth > MaxDepth {
		return nil, invalid("depth must be between 1 and %d", MaxDepth)
	}
	opt := WalkOptions{Lists: true, FullNodes: true}
	if len(opts) > 0 {
		opt = opts[0]
	}
	pattern, err := predicateList(types)
	if err != nil {
		return nil, err
	}
	recs, err := db.read(ctx, neighborsCypher(pattern, depth, opt), map[string]any{"id": id, "limit": maxGraphRels + 1, "max": maxGraphRels})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, errs.ErrNotFound
	}
	rec := recs[0]
	g := &Subgraph{Relations: []*Relation{}}
	if g.Truncated, err = value[bool](rec, "truncated"); err != nil {
		return nil, err
	}
	sv, err := value[map[string]any](rec, "start")
	if err != nil {
		return nil, err
	}
	start, err := toEntity(sv)
	if err != nil {
		return nil, err
	}
	nodes := map[string]*Entity{start.ID: start}
	nrows, err := value[[]any](rec, "nodes")
	if err != nil {
		return nil, err
	}
	for _, v := range nrows {
		e, err := toEntity(v)
		if err != nil {
			return nil, err
		}
		nodes[e.ID] = e
	}
	g.Nodes = sortedNodes(nodes, id)
	if opt.NodesOnly {
		return g, nil
	}
	rows, err := value[[]any](rec, "rels")
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		r, err := toRelation(row)
		if err != nil {
			return nil, err
		}
		r.SubjectEntity, r.ObjectEntity = nodes[r.Subject], nodes[r.Object]
		g.Relations = append(g.Relations, r)
	}
	sort.Slice(g.Relations, func(i, j int) bool { return g.Relations[i].Key < g.Relations[j].Key })
	return g, nil
}

// neighborsCypher is the walk of Neighbors. Its relationships are those of
// the nodes nearer than depth hops, found by Neo4j's breadth-first
// variable-length expansion (the ball). Only when there are more than $max
// of them is the walk taken level by level, so that the cut keeps the
// nearest: level i takes at most $limit relationships not seen at an
// earlier level from the nodes level i-1 found. The text depends only on
// the types, the depth and the options, so the plan is cached.
func neighborsCypher(pattern string, depth int, opt WalkOptions) string {
	node := entitySlim
	if opt.FullNodes {
		node = entityMap
	}
	// A relationship of f is rejected when its key is among the rejected
	// facts f is an end of: two verdict seeks per node reached instead of
	// one per relationship (a node of the walk has many). The keys are
	// tested after a DISTINCT, which the planner does not push the test
	// through: in the MATCH, "r.key IN" let it scan the key index of every
	// relationship of the type and join it back to the walk (tens of
	// times slower) on some statistics.
	withRejected, notRejected := "", ""
	if !opt.IncludeRejected {
		withRejected, notRejected = ", "+rejectedKeysOf("f")+" AS rejected", "WITH DISTINCT r, rejected WHERE NOT r.key IN rejected"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `MATCH (start:Entity {id: $id})
CALL (start) {
  MATCH (start)-[:%[1]s*0..%[2]d]-(f:Entity) WITH DISTINCT f%[3]s
  MATCH (f)-[r:%[1]s]-(:Entity)%[4]s
  WITH DISTINCT r LIMIT $limit
  RETURN collect(r) AS ball
}
OPTIONAL CALL (start, ball) {
  WITH start WHERE size(ball) > $max
  WITH start, [start] AS frontier0, [start] AS known0, [] AS seen0
`, pattern, depth-1, withRejected, indented(notRejected, "  "))
	carry := "start"
	levels := make([]string, depth)
	for i := 1; i <= depth; i++ {
		levelRejected := ""
		if withRejected != "" {
			levelRejected = fmt.Sprintf("\n    WITH f, seen%d%s", i-1, withRejected)
		}
		fmt.Fprintf(&b, `  CALL (frontier%[2]d, seen%[2]d) {
    UNWIND frontier%[2]d AS f%[6]s
    MATCH (f)-[r:%[3]s]-(:Entity)
    WHERE NOT r IN seen%[2]d%[5]s
    WITH DISTINCT r LIMIT $limit
    RETURN collect(r) AS rs%[1]d
  }
  WITH %[4]s, known%[2]d, seen%[2]d, rs%[1]d,
    COLLECT { UNWIND rs%[1]d AS r UNWIND [startNode(r), endNode(r)] AS n
              WITH DISTINCT n WHERE NOT n IN known%[2]d RETURN n } AS frontier%[1]d
  WITH %[4]s, rs%[1]d, frontier%[1]d, known%[2]d + frontier%[1]d AS known%[1]d, seen%[2]d + rs%[1]d AS seen%[1]d
`, i, i-1, pattern, carry, indented(notRejected, "    "), levelRejected)
		carry += fmt.Sprintf(", rs%d", i)
		levels[i-1] = fmt.Sprintf("rs%d", i)
	}
	b.WriteString("  RETURN " + strings.Join(levels, " + ") + ` AS levels
}
WITH start, CASE WHEN size(ball) > $max THEN levels ELSE ball END AS walked
WITH start, walked[..$max] AS kept, size(walked) > $max AS truncated
RETURN ` + entityMap("start") + ` AS start, truncated,
  COLLECT { UNWIND kept AS r UNWIND [startNode(r), endNode(r)] AS n WITH DISTINCT n WHERE n <> start RETURN ` + node("n") + ` } AS nodes`)
	if !opt.NodesOnly {
		b.WriteString(",\n  [r IN kept | " + relationOf("r", &opt) + "] AS rels")
	}
	return b.String()
}

func sortedNodes(nodes map[string]*Entity, first string) []*Entity {
	out := make([]*Entity, 0, len(nodes))
	for _, n := range nodes {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].ID == first) != (out[j].ID == first) {
			return out[i].ID == first
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// Paths returns the shortest paths (at most maxHops, 1..MaxHops) between two
// entities along ontology relationships, each relationship as fields asks
// (everything when nil). One round trip.
func (db *DB) Paths(ctx context.Context, from, to string, maxHops int, fields *WalkOptions) ([]*Path, error) {
	if maxHops < 1 || maxHops > MaxHops {
		return nil, invalid("maxHops must be between 1 and %d", MaxHops)
	}
	if from == to {
		return nil, invalid("paths needs two different entities")
	}
	types, err := predicateList(nil)
	if err != nil {
		return nil, err
	}
	recs, err := db.read(ctx, fmt.Sprintf(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
OPTIONAL MATCH p = allShortestPaths((a)-[:%s*..%d]-(b))
WITH a, b, [q IN collect(p) WHERE all(r IN relationships(q) WHERE %s)] AS ps
UNWIND CASE WHEN size(ps) = 0 THEN [null] ELSE ps END AS p
WITH a, b, p LIMIT $limit
RETURN a.id AS a, b.id AS b,
  CASE WHEN p IS NULL THEN null ELSE [n IN nodes(p) | `+entityMap("n")+`] END AS nodes,
  CASE WHEN p IS NULL THEN null ELSE [r IN relationships(p) | `+relationOf("r", fields)+`] END AS rels`, types, maxHops, visibleIn(fields)),
		map[string]any{"from": from, "to": to, "limit": maxPaths})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, errs.ErrNotFound
	}
	var out []*Path
	for _, rec := range recs {
		nv, err := value[[]any](rec, "nodes")
		if err != nil {
			return nil, err
		}
		if nv == nil {
			continue
		}
		rv, err := value[[]any](rec, "rels")
		if err != nil {
			return nil, err
		}
		p := &Path{}
		byID := map[string]*Entity{}
		for _, v := range nv {
			e, err := toEntity(v)
			if err != nil {
				return nil, err
			}
			byID[e.ID] = e
			p.Nodes = append(p.Nodes, e)
		}
		for i, v := range rv {
			r, err := toRelation(v)
			if err != nil {
				return nil, err
			}
			r.From = p.Nodes[i].ID
			r.SubjectEntity, r.ObjectEntity = byID[r.Subject], byID[r.Object]
			p.Relations = append(p.Relations, r)
		}
		out = append(out, p)
	}
	sort.SliceStable(out, func(i, j int) bool { return pathKey(out[i]) < pathKey(out[j]) })
	return out, nil
}

// visibleIn is the condition on a fact r of a walk with fields: not
// rejected unless asked for ("true" then).
func visibleIn(fields *WalkOptions) string {
	if c := hideRejected("r", fields != nil && fields.IncludeRejected); c != "" {
		return c
	}
	return "true"
}

// andCond is " AND c", or "" for no condition.
// indented is line c on a line of its own after the current one, with
// the given indentation ("" when c is).
func indented(c, indent string) string {
	if c == "" {
		return ""
	}
	return "\n" + indent + c
}

func andCond(c string) string {
	if c == "" {
		return ""
	}
	return " AND " + c
}

func pathKey(p *Path) string {
	s := ""
	for i, n := range p.Nodes {
		s += n.ID + ">"
		if i < len(p.Relations) {
			s += p.Relations[i].Key + ">"
		}
	}
	return s
}
