package query

import (
	"context"
	"fmt"
	"sort"

	"github.com/diplograph/diplograph/internal/ontology"
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

// Neighbors walks up to depth hops (1..MaxDepth) from id along the given
// types (all when empty), one round trip per level.
func (db *DB) Neighbors(ctx context.Context, id string, types []ontology.Predicate, depth int) (*Subgraph, error) {
	if depth < 1 || depth > MaxDepth {
		return nil, invalid("depth must be between 1 and %d", MaxDepth)
	}
	pattern, err := predicateList(types)
	if err != nil {
		return nil, err
	}
	start, err := db.Entity(ctx, id, "")
	if err != nil {
		return nil, err
	}
	nodes := map[string]*Entity{id: start}
	rels := map[string]*Relation{}
	g := &Subgraph{}
	frontier := []string{id}
	for level := 0; level < depth && len(frontier) > 0; level++ {
		recs, err := db.read(ctx, `UNWIND $frontier AS fid
MATCH (x:Entity {id: fid})-[r:`+pattern+`]-(:Entity)
WITH DISTINCT r LIMIT $limit
MATCH (s)-[r]->(o)
RETURN `+relationMap("r")+` AS r, `+entityMap("s")+` AS s, `+entityMap("o")+` AS o`,
			map[string]any{"frontier": frontier, "limit": maxGraphRels + 1})
		if err != nil {
			return nil, err
		}
		found, err := relationRows(recs, "")
		if err != nil {
			return nil, err
		}
		var next []string
		for _, r := range found {
			if len(rels) >= maxGraphRels {
				g.Truncated = true
				break
			}
			if _, ok := rels[r.Key]; ok {
				continue
			}
			rels[r.Key] = r
			for _, e := range []*Entity{r.SubjectEntity, r.ObjectEntity} {
				if _, ok := nodes[e.ID]; !ok {
					nodes[e.ID] = e
					next = append(next, e.ID)
				}
			}
		}
		sort.Strings(next)
		frontier = next
	}
	g.Nodes = sortedNodes(nodes, id)
	for _, r := range rels {
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
		return nil, ErrNotFound
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
