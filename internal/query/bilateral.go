package query

import (
	"context"
	"fmt"
	"sort"

	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/errs"
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
	// Evidence holds the direct facts' sentences by id when they were
	// asked for (BilateralParts.Evidence); nil otherwise.
	Evidence map[string]*Evidence
	// SectorNodes are the entities of Sectors (those that exist, in order)
	// when they were asked for (BilateralParts.Sectors); nil otherwise.
	SectorNodes []*Entity
	// DocumentNodes are the documents of Documents (those that exist, in
	// order) when they were asked for (BilateralParts.Documents); nil
	// otherwise.
	DocumentNodes []*ontology.Doc
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

// BilateralParts says which parts of the view to fetch, so a client asking
// only for the direct facts does not pay for the shared nodes.
type BilateralParts struct {
	// Relations fetches the direct facts.
	Relations bool
	// Fields says which properties of the direct facts to read (see
	// WalkOptions.Props); nil reads them all.
	Fields *WalkOptions
	// Evidence also fetches the direct facts' sentences, in the same round
	// trip (Bilateral.Evidence, Relation.Sentences).
	Evidence bool
	// EvidenceDocuments also fetches the documents of those sentences
	// (Evidence.Document, Relation.Docs); it needs Evidence.
	EvidenceDocuments bool
	// Shared fetches the shared nodes with both sides' facts, and the
	// sectors of the reified ones.
	Shared bool
	// Sectors also fetches the sector entities (Bilateral.SectorNodes);
	// it needs Relations and Shared.
	Sectors bool
	// Documents also fetches the documents of every fact of the view
	// (Bilateral.DocumentNodes); it needs Relations and Shared.
	Documents bool
	// IncludeRejected also lists the facts people rejected, in every part.
	IncludeRejected bool
}

// AllParts fetches every part but evidence: what sectors, timeline and
// documents are computed from.
var AllParts = BilateralParts{Relations: true, Shared: true}

// Bilateral returns the view between a and b (errs.ErrNotFound when either is
// absent), with the parts asked for (AllParts when none is given). One round
// trip.
func (db *DB) Bilateral(ctx context.Context, a, b string, parts ...BilateralParts) (*Bilateral, error) {
	if a == b {
		return nil, invalid("bilateral needs two different actors")
	}
	want := AllParts
	if len(parts) > 0 {
		want = parts[0]
	}
	types, err := predicateList(nil)
	if err != nil {
		return nil, err
	}
	want.Sectors = want.Sectors && want.Relations && want.Shared
	want.Documents = want.Documents && want.Relations && want.Shared
	want.Evidence = want.Evidence && want.Relations
	want.EvidenceDocuments = want.EvidenceDocuments && want.Evidence
	recs, err := db.read(ctx, bilateralCypher(want, types), map[string]any{"a": a, "b": b, "shared": sharedLabels})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, errs.ErrNotFound
	}
	d := &bilateralReader{rec: recs[0], want: want, out: &Bilateral{}, sectors: map[string]bool{}, sectorByID: map[string]*Entity{}}
	steps := []func() error{func() error { return d.readEnds(a, b) }}
	if want.Sectors {
		steps = append(steps, d.readDirectSectors)
	}
	if want.Relations {
		steps = append(steps, func() error { return d.readRelations(a) })
	}
	if want.Shared {
		steps = append(steps, d.readShared)
	}
	steps = append(steps, d.listSectors)
	if want.Documents {
		steps = append(steps, d.readDocuments)
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	d.out.timeline()
	return d.out, nil
}

// bilateralCypher is the one query of a bilateral view with the parts
// asked for.
func bilateralCypher(want BilateralParts, types string) string {
	head := "RETURN " + entityMap("x") + " AS x, " + entityMap("y") + " AS y"
	if want.Documents {
		// The documents are read from the facts the other columns found,
		// so those are computed first and returned after.
		head = "WITH x, y, rs"
	}
	// The facts between the two are expanded once and reused by every
	// column that reads them.
	cypher := "MATCH (x:Entity {id: $a}), (y:Entity {id: $b})\n"
	if want.Relations {
		cypher += "CALL (x, y) { MATCH (x)-[r:" + types + "]-(y)" + where(hideRejected("r", want.IncludeRejected)) +
			" WITH r ORDER BY type(r), r.key RETURN collect(r) AS rs }\n"
	}
	cypher += head
	if want.Relations {
		rel := relationMap("r")
		if want.Fields != nil {
			// The evidence comes once per sentence below, so the facts
			// carry their id lists, not the sentences.
			f := WalkOptions{Props: want.Fields.Props, Lists: want.Fields.Lists || want.Evidence, Review: want.Fields.Review}
			rel = relationOf("r", &f)
		}
		cypher += `,
  [r IN rs | ` + rel + `] AS direct`
		if want.Evidence {
			cypher += `,
  COLLECT { UNWIND rs AS r UNWIND r.evidence AS sid WITH DISTINCT sid
            MATCH (s:Sentence {id: sid})
            RETURN [s.id, s.text, s.start, s.end, s.document] } AS evidence`
		}
		if want.EvidenceDocuments {
			cypher += `,
  COLLECT { UNWIND rs AS r UNWIND r.documents AS did WITH DISTINCT did
            MATCH (d:Document {id: did})
            RETURN d {.*} } AS evidenceDocuments`
		}
	}
	sectorNodes := ""
	if want.Sectors {
		sectorNodes = ", sectorNodes: [(m)-[:IN_SECTOR]->(s:Sector) | " + entityMap("s") + "]"
	}
	if want.Shared {
		// Only nodes b also points to are candidates (b's targets first,
		// by element id), so a hub a points to is not expanded unless b
		// shares it.
		cypher += `,
  COLLECT { WITH x, y, COLLECT { MATCH (y)-[:` + types + `]->(n) RETURN DISTINCT elementId(n) } AS ys
            MATCH (x)-[r1:` + types + `]->(m:Entity)
            WHERE elementId(m) IN ys AND any(l IN labels(m) WHERE l IN $shared)` + andCond(hideRejected("r1", want.IncludeRejected)) + `
            WITH m, collect(` + relationMap("r1") + `) AS ra
            MATCH (m)<-[r2:` + types + `]-(y)` + where(hideRejected("r2", want.IncludeRejected)) + `
            WITH m, ra, collect(` + relationMap("r2") + `) AS rb
            ORDER BY m.id
            RETURN {node: ` + entityMap("m") + `, a: ra, b: rb,
                    sectors: [(m)-[:IN_SECTOR]->(s:Sector) | s.id]` + sectorNodes + `} } AS shared`
	}
	if want.Sectors {
		cypher += `,
  COLLECT { UNWIND rs AS r
            UNWIND coalesce(r.sectors, []) + CASE WHEN r.sector IS NULL THEN [] ELSE [r.sector] END AS sid
            WITH DISTINCT sid MATCH (s:Entity {id: sid}) RETURN ` + entityMap("s") + ` } AS directSectors`
	}
	if want.Documents {
		tail := "direct, shared"
		if want.Evidence {
			tail += ", evidence"
		}
		if want.EvidenceDocuments {
			tail += ", evidenceDocuments"
		}
		if want.Sectors {
			tail += ", directSectors"
		}
		cypher += `
RETURN ` + entityMap("x") + ` AS x, ` + entityMap("y") + ` AS y, ` + tail + `,
  COLLECT { CALL (direct, shared) {
              UNWIND direct AS r UNWIND coalesce(r.props.documents, []) AS did RETURN did
              UNION
              UNWIND shared AS sh UNWIND sh.a + sh.b AS r UNWIND coalesce(r.props.documents, []) AS did RETURN did }
            MATCH (d:Document {id: did}) RETURN d {.*} } AS documents`
	}
	return cypher
}

// bilateralReader decodes the record of a bilateral view into out.
type bilateralReader struct {
	rec        *neo4j.Record
	want       BilateralParts
	out        *Bilateral
	ends       map[string]*Entity
	sectors    map[string]bool    // sector ids of the view
	sectorByID map[string]*Entity // sector entities, when asked for
}

// readEnds reads the two actors.
func (d *bilateralReader) readEnds(a, b string) error {
	xv, err := value[map[string]any](d.rec, "x")
	if err != nil {
		return err
	}
	if d.out.A, err = toEntity(xv); err != nil {
		return err
	}
	yv, err := value[map[string]any](d.rec, "y")
	if err != nil {
		return err
	}
	if d.out.B, err = toEntity(yv); err != nil {
		return err
	}
	d.ends = map[string]*Entity{a: d.out.A, b: d.out.B}
	return nil
}

// readDirectSectors reads the sector entities of the direct facts.
func (d *bilateralReader) readDirectSectors() error {
	rows, err := value[[]any](d.rec, "directSectors")
	if err != nil {
		return err
	}
	for _, v := range rows {
		e, err := toEntity(v)
		if err != nil {
			return err
		}
		d.sectorByID[e.ID] = e
	}
	return nil
}

// readRelations reads the direct facts between the two, with their
// evidence when asked for.
func (d *bilateralReader) readRelations(a string) error {
	direct, err := value[[]any](d.rec, "direct")
	if err != nil {
		return err
	}
	for _, v := range direct {
		r, err := toRelation(v)
		if err != nil {
			return err
		}
		r.From = a
		r.SubjectEntity, r.ObjectEntity = d.ends[r.Subject], d.ends[r.Object]
		d.out.Relations = append(d.out.Relations, r)
		// Sectors: properties of the direct facts.
		for _, s := range toStrings(r.Properties["sectors"]) {
			d.sectors[s] = true
		}
		if s := toString(r.Properties["sector"]); s != "" {
			d.sectors[s] = true
		}
	}
	if d.want.Evidence {
		rows, err := value[[]any](d.rec, "evidence")
		if err != nil {
			return err
		}
		// Documents come once each rather than once per sentence:
		// a busy pair has hundreds of sentences from a few documents.
		var docs map[string]map[string]any
		if d.want.EvidenceDocuments {
			docRows, err := value[[]any](d.rec, "evidenceDocuments")
			if err != nil {
				return err
			}
			docs = make(map[string]map[string]any, len(docRows))
			for _, v := range docRows {
				dv, _ := v.(map[string]any)
				docs[toString(dv["id"])] = dv
			}
			for _, r := range d.out.Relations {
				r.Docs = make([]*ontology.Doc, 0, len(r.Documents))
				for _, id := range r.Documents {
					if dv, ok := docs[id]; ok {
						doc, err := toDoc(dv)
						if err != nil {
							return err
						}
						r.Docs = append(r.Docs, doc)
					}
				}
			}
		}
		d.out.Evidence = make(map[string]*Evidence, len(rows))
		for _, v := range rows {
			// a list, not a map: a busy pair has hundreds of sentences,
			// and the driver builds a Go map for every map Cypher returns
			l, _ := v.([]any)
			if len(l) != 5 {
				return fmt.Errorf("query: evidence row %v, want [id, text, start, end, document]", v)
			}
			ev, err := newEvidence(toString(l[0]), toString(l[1]), toInt(l[2]), toInt(l[3]), toString(l[4]), docs[toString(l[4])])
			if err != nil {
				return err
			}
			d.out.Evidence[ev.ID] = ev
		}
		// Each fact reads its sentences without a lookup per element.
		for _, r := range d.out.Relations {
			r.Sentences = make([]*Evidence, 0, len(r.Evidence))
			for _, id := range r.Evidence {
				if ev, ok := d.out.Evidence[id]; ok {
					r.Sentences = append(r.Sentences, ev)
				}
			}
		}
	}
	return nil
}

// readShared reads the nodes both actors point to, with each side's facts.
func (d *bilateralReader) readShared() error {
	shared, err := value[[]any](d.rec, "shared")
	if err != nil {
		return err
	}
	for _, v := range shared {
		m, _ := v.(map[string]any)
		node, err := toEntity(m["node"])
		if err != nil {
			return err
		}
		s := &Shared{Node: node}
		for _, side := range []struct {
			name string
			list *[]*Relation
		}{{"a", &s.ARelations}, {"b", &s.BRelations}} {
			rows, _ := m[side.name].([]any)
			for _, rv := range rows {
				r, err := toRelation(rv)
				if err != nil {
					return err
				}
				r.From = r.Subject
				r.SubjectEntity, r.ObjectEntity = d.ends[r.Subject], node
				*side.list = append(*side.list, r)
			}
			sortRelations(*side.list)
		}
		if d.want.Sectors {
			rows, _ := m["sectorNodes"].([]any)
			for _, v := range rows {
				e, err := toEntity(v)
				if err != nil {
					return err
				}
				d.sectorByID[e.ID] = e
			}
		}
		// Sectors: IN_SECTOR of shared reified nodes.
		if node.Label.Reified() {
			for _, id := range toStrings(m["sectors"]) {
				d.sectors[id] = true
			}
		}
		d.out.Shared = append(d.out.Shared, s)
	}
	return nil
}

// listSectors sorts the view's sectors and picks their entities.
func (d *bilateralReader) listSectors() error {
	for s := range d.sectors {
		d.out.Sectors = append(d.out.Sectors, s)
	}
	sort.Strings(d.out.Sectors)
	if d.want.Sectors {
		d.out.SectorNodes = make([]*Entity, 0, len(d.out.Sectors))
		for _, id := range d.out.Sectors {
			if e := d.sectorByID[id]; e != nil {
				d.out.SectorNodes = append(d.out.SectorNodes, e)
			}
		}
	}
	return nil
}

// readDocuments reads the documents of every fact of the view.
func (d *bilateralReader) readDocuments() error {
	rows, err := value[[]any](d.rec, "documents")
	if err != nil {
		return err
	}
	byID := make(map[string]*ontology.Doc, len(rows))
	for _, v := range rows {
		doc, err := toDoc(v)
		if err != nil {
			return err
		}
		byID[doc.ID] = doc
	}
	d.out.DocumentNodes = make([]*ontology.Doc, 0, len(byID))
	for _, id := range d.out.Documents() {
		if doc := byID[id]; doc != nil {
			d.out.DocumentNodes = append(d.out.DocumentNodes, doc)
		}
	}
	return nil
}

// timeline lists the dated facts and dated shared nodes, by year.
func (out *Bilateral) timeline() {
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
}

// sortRelations orders one side's facts by type then key, so answers do not
// depend on the order Neo4j happened to collect them in.
func sortRelations(rs []*Relation) {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Type != rs[j].Type {
			return rs[i].Type < rs[j].Type
		}
		return rs[i].Key < rs[j].Key
	})
}

func timelineKey(t *TimelineEntry) string {
	if t.Relation != nil {
		return "r:" + t.Relation.Key
	}
	return "n:" + t.Node.ID
}
