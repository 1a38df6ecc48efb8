package query

import (
	"context"
	"fmt"
	"sort"

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
	// in the same query (Relation.Sentences); only RelationsOf honours it.
	Evidence bool
}

// relationSlim is a relationship with its scalar properties (the ones the
// API exposes) and, with lists, its evidence and document ids; decode it
// with toRelation.
func relationSlim(r string, lists bool) string {
	props := r + " {.key, .origin, .modality, .confidence, .role, .sectors, .sector, .year, .since, .commodity, .topic, .mechanism, .kind"
	if lists {
		props += ", .evidence, .documents"
	}
	return fmt.Sprintf("{props: %s}, type: type(%s), subject: startNode(%s).id, object: endNode(%s).id}", props, r, r, r)
}

// entitySlim is a node's id, name, kind and labels; decode it with toEntity.
func entitySlim(n string) string {
	return fmt.Sprintf("%s {.id, .name, .kind, labels: labels(%s)}", n, n)
}

// Neighbors walks up to depth hops (1..MaxDepth) from id along the given
// types (all when empty), one round trip per level after the start node's.
// Each level returns only the relationships not seen yet, once each, and
// the nodes not seen yet, once each. With no options given, relationships
// carry their lists and nodes are full.
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
	start, err := db.Entity(ctx, id, "")
	if err != nil {
		return nil, err
	}
	node := entitySlim("n")
	if opt.FullNodes {
		node = entityMap("n")
	}
	cypher := `UNWIND $frontier AS fid
MATCH (:Entity {id: fid})-[r:` + pattern + `]-(:Entity)
WHERE NOT elementId(r) IN $seen
WITH DISTINCT r LIMIT $limit
WITH collect(r) AS rs
RETURN [r IN rs | {eid: elementId(r), rel: ` + relationSlim("r", opt.Lists) + `}] AS rels,
  COLLECT { UNWIND rs AS r UNWIND [startNode(r), endNode(r)] AS n
            WITH DISTINCT n WHERE NOT n.id IN $known RETURN ` + node + ` } AS nodes`
	nodes := map[string]*Entity{id: start}
	rels := map[string]*Relation{}
	seen := []string{} // element ids of the relationships found so far
	g := &Subgraph{}
	frontier := []string{id}
	for level := 0; level < depth && len(frontier) > 0 && !g.Truncated; level++ {
		known := make([]string, 0, len(nodes))
		for k := range nodes {
			known = append(known, k)
		}
		room := maxGraphRels - len(rels)
		recs, err := db.read(ctx, cypher, map[string]any{
			"frontier": frontier, "seen": seen, "known": known, "limit": room + 1})
		if err != nil {
			return nil, err
		}
		if len(recs) != 1 {
			return nil, fmt.Errorf("query: neighbors returned %d records", len(recs))
		}
		rows, err := value[[]any](recs[0], "rels")
		if err != nil {
			return nil, err
		}
		nrows, err := value[[]any](recs[0], "nodes")
		if err != nil {
			return nil, err
		}
		fresh := map[string]*Entity{}
		for _, v := range nrows {
			e, err := toEntity(v)
			if err != nil {
				return nil, err
			}
			fresh[e.ID] = e
		}
		var next []string
		for _, row := range rows {
			if len(rels) >= maxGraphRels {
				g.Truncated = true
				break
			}
			m, _ := row.(map[string]any)
			r, err := toRelation(m["rel"])
			if err != nil {
				return nil, err
			}
			seen = append(seen, toString(m["eid"]))
			if _, ok := rels[r.Key]; ok {
				continue
			}
			rels[r.Key] = r
			for _, end := range []string{r.Subject, r.Object} {
				if _, ok := nodes[end]; ok {
					continue
				}
				e, ok := fresh[end]
				if !ok {
					return nil, fmt.Errorf("query: neighbors lacks node %q", end)
				}
				nodes[end] = e
				next = append(next, end)
			}
		}
		sort.Strings(next)
		frontier = next
	}
	g.Nodes = sortedNodes(nodes, id)
	for _, r := range rels {
		r.SubjectEntity, r.ObjectEntity = nodes[r.Subject], nodes[r.Object]
		g.Relations = append(g.Relations, r)
	}
	sort.Slice(g.Relations, func(i, j int) bool { return g.Relations[i].Key < g.Relations[j].Key })
	return g, nil
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
// entities along ontology relationships. One round trip after the lookups.
func (db *DB) Paths(ctx context.Context, from, to string, maxHops int) ([]*Path, error) {
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
WITH a, b, p LIMIT $limit
RETURN a.id AS a, b.id AS b,
  CASE WHEN p IS NULL THEN null ELSE [n IN nodes(p) | `+entityMap("n")+`] END AS nodes,
  CASE WHEN p IS NULL THEN null ELSE [r IN relationships(p) | `+relationMap("r")+`] END AS rels`, types, maxHops),
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
