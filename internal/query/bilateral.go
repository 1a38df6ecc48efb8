package query

import (
	"context"
	"sort"

	"github.com/diplograph/diplograph/internal/ontology"
)

// Bilateral is everything the graph holds between two actors.
type Bilateral struct {
	A, B *Entity
	// Relations are the direct facts between A and B, both directions
	// (From is A).
	Relations []*Relation
	// Shared are the nodes both are linked to: agreements, projects,
	// processes, organizations, regions, each with both sides' facts.
	Shared []*Shared
	// Sectors are the sector ids the relationship touches: sectors of direct
	// cooperation and investment, and IN_SECTOR of shared reified nodes.
	Sectors []string
	// Timeline lists the dated facts, oldest first.
	Timeline []*TimelineEntry
}

// Shared is a node both actors are linked to, with the facts linking each.
type Shared struct {
	Node       *Entity
	ARelations []*Relation
	BRelations []*Relation
}

// TimelineEntry is one dated fact or dated shared node.
type TimelineEntry struct {
	Year     int
	Relation *Relation // a dated fact, or nil
	Node     *Entity   // a dated shared node (an agreement of 2017), or nil
}

// Facts returns every fact of the bilateral view (direct and shared), once each.
func (b *Bilateral) Facts() []*Relation {
	seen := map[string]bool{}
	var out []*Relation
	add := func(rs []*Relation) {
		for _, r := range rs {
			if !seen[r.Key] {
				seen[r.Key] = true
				out = append(out, r)
			}
		}
	}
	add(b.Relations)
	for _, s := range b.Shared {
		add(s.ARelations)
		add(s.BRelations)
	}
	return out
}

// Documents returns the ids of the documents any fact of the view was read from.
func (b *Bilateral) Documents() []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range b.Facts() {
		for _, d := range r.Documents {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
		}
	}
	sort.Strings(out)
	return out
}

// sharedLabels are the kinds of node two actors can share.
var sharedLabels = []string{string(ontology.Agreement), string(ontology.Project), string(ontology.Process),
	string(ontology.Organization), string(ontology.Region)}

// Bilateral returns the view between a and b (ErrNotFound when either is
// absent). Two round trips.
func (db *DB) Bilateral(ctx context.Context, a, b string) (*Bilateral, error) {
	if a == b {
		return nil, invalid("bilateral needs two different actors")
	}
	types, err := predicateList(nil)
	if err != nil {
		return nil, err
	}
	recs, err := db.read(ctx, `MATCH (x:Entity {id: $a}), (y:Entity {id: $b})
RETURN `+entityMap("x")+` AS x, `+entityMap("y")+` AS y,
  COLLECT { MATCH (x)-[r:`+types+`]-(y) WITH r ORDER BY type(r), r.key RETURN `+relationMap("r")+` } AS direct,
  COLLECT { MATCH (x)-[r1:`+types+`]->(m:Entity)<-[r2:`+types+`]-(y)
            WHERE any(l IN labels(m) WHERE l IN $shared)
            WITH m, collect(DISTINCT `+relationMap("r1")+`) AS ra, collect(DISTINCT `+relationMap("r2")+`) AS rb
            WITH m, ra, rb ORDER BY m.id
            RETURN {node: `+entityMap("m")+`, a: ra, b: rb} } AS shared`,
		map[string]any{"a": a, "b": b, "shared": sharedLabels})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, ErrNotFound
	}
	rec := recs[0]
	out := &Bilateral{}
	xv, err := value[map[string]any](rec, "x")
	if err != nil {
		return nil, err
	}
	if out.A, err = toEntity(xv); err != nil {
		return nil, err
	}
	yv, err := value[map[string]any](rec, "y")
	if err != nil {
		return nil, err
	}
	if out.B, err = toEntity(yv); err != nil {
		return nil, err
	}
	ends := map[string]*Entity{a: out.A, b: out.B}
	fill := func(r *Relation) {
		r.From = a
		if r.Subject == b || r.Object == b {
			r.From = a
		}
		r.SubjectEntity, r.ObjectEntity = ends[r.Subject], ends[r.Object]
	}
	direct, err := value[[]any](rec, "direct")
	if err != nil {
		return nil, err
	}
	for _, v := range direct {
		r, err := toRelation(v)
		if err != nil {
			return nil, err
		}
		fill(r)
		out.Relations = append(out.Relations, r)
	}
	shared, err := value[[]any](rec, "shared")
	if err != nil {
		return nil, err
	}
	for _, v := range shared {
		m, _ := v.(map[string]any)
		node, err := toEntity(m["node"])
		if err != nil {
			return nil, err
		}
		s := &Shared{Node: node}
		for side, list := range map[string]*[]*Relation{"a": &s.ARelations, "b": &s.BRelations} {
			rows, _ := m[side].([]any)
			for _, rv := range rows {
				r, err := toRelation(rv)
				if err != nil {
					return nil, err
				}
				r.From = r.Subject
				r.SubjectEntity, r.ObjectEntity = ends[r.Subject], node
				*list = append(*list, r)
			}
			// collect(DISTINCT ...) keeps no order: sort for stable answers.
			sort.Slice(*list, func(i, j int) bool {
				x, y := (*list)[i], (*list)[j]
				if x.Type != y.Type {
					return x.Type < y.Type
				}
				return x.Key < y.Key
			})
		}
		out.Shared = append(out.Shared, s)
	}

	// Sectors: properties of the direct facts, then IN_SECTOR of shared nodes.
	sectors := map[string]bool{}
	for _, r := range out.Relations {
		for _, s := range toStrings(r.Properties["sectors"]) {
			sectors[s] = true
		}
		if s := toString(r.Properties["sector"]); s != "" {
			sectors[s] = true
		}
	}
	var sharedIDs []string
	for _, s := range out.Shared {
		if s.Node.Label.Reified() {
			sharedIDs = append(sharedIDs, s.Node.ID)
		}
	}
	if len(sharedIDs) > 0 {
		recs, err := db.read(ctx, `MATCH (m:Entity)-[:IN_SECTOR]->(s:Sector) WHERE m.id IN $ids RETURN DISTINCT s.id AS id`,
			map[string]any{"ids": sharedIDs})
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			id, err := value[string](rec, "id")
			if err != nil {
				return nil, err
			}
			sectors[id] = true
		}
	}
	for s := range sectors {
		out.Sectors = append(out.Sectors, s)
	}
	sort.Strings(out.Sectors)

	// Timeline: dated facts and dated shared nodes.
	for _, r := range out.Facts() {
		if y := r.Dated(); y != 0 {
			out.Timeline = append(out.Timeline, &TimelineEntry{Year: y, Relation: r})
		}
	}
	for _, s := range out.Shared {
		if y := toInt(s.Node.Properties["year"]); y != 0 {
			out.Timeline = append(out.Timeline, &TimelineEntry{Year: y, Node: s.Node})
		}
	}
	sort.SliceStable(out.Timeline, func(i, j int) bool {
		ti, tj := out.Timeline[i], out.Timeline[j]
		if ti.Year != tj.Year {
			return ti.Year < tj.Year
		}
		return timelineKey(ti) < timelineKey(tj)
	})
	return out, nil
}

func timelineKey(t *TimelineEntry) string {
	if t.Relation != nil {
		return "r:" + t.Relation.Key
	}
	return "n:" + t.Node.ID
}
