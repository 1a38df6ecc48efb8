package scenario

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/ontology"
)

// factTypes are the relationship types that are facts (sentences' MENTIONS
// and IN_DOCUMENT are not): the ontology's, as a Cypher type alternation.
var factTypes = func() string {
	types := make([]string, len(ontology.Predicates))
	for i, p := range ontology.Predicates {
		types[i] = string(p)
	}
	return strings.Join(types, "|")
}()

// FloorCypher is the minimal Cypher for each read scenario: one round trip,
// returning only what the question asks.
var FloorCypher = map[ID]string{
	Country: `MATCH (c:Country {id: $id})
CALL (c) {
  OPTIONAL MATCH (c)-[r:` + factTypes + `]->(t:Entity)
  WITH r, t ORDER BY type(r), t.name, r.key
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {key: r.key, type: type(r), target: t.id, name: t.name, modality: r.modality} END) AS rels
}
RETURN c.id AS id, c.name AS name, rels`,
	Bilateral: `MATCH (a:Entity {id: $a})-[r:` + factTypes + `]-(b:Entity {id: $b})
CALL (r) {
  UNWIND r.evidence AS sid
  MATCH (s:Sentence {id: sid})
  RETURN collect(s.text) AS texts
}
RETURN r.key AS key, type(r) AS type, startNode(r).id AS subject, endNode(r).id AS object, r.modality AS modality, texts`,
	Neighbours: `MATCH (o:Entity {id: $id})-[:MEMBER_OF*1..2]-(n:Entity)
WHERE n <> o
RETURN DISTINCT n.id AS id, n.name AS name`,
	Search: `CALL () {
  CALL db.index.fulltext.queryNodes('entity_names', $q, {limit: $first}) YIELD node, score
  RETURN score, node.id AS entity, null AS sentence, [] AS mentions
  UNION ALL
  CALL db.index.fulltext.queryNodes('sentence_text', $q, {limit: $first}) YIELD node, score
  RETURN score, null AS entity, node.id AS sentence, COLLECT { MATCH (node)-[:MENTIONS]->(m:Entity) RETURN m.id ORDER BY m.id } AS mentions
}
RETURN entity, sentence, mentions ORDER BY score DESC, coalesce(entity, sentence) LIMIT $first`,
	List: `CALL () { MATCH (c:Country) RETURN count(c) AS total }
MATCH (c:Country)
WITH total, c ORDER BY c.id LIMIT $size
CALL (c) {
  OPTIONAL MATCH (c)-[r:` + factTypes + `]->(t:Entity)
  WITH r, t ORDER BY type(r), t.name, r.key LIMIT $first
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {key: r.key, type: type(r), target: t.id, modality: r.modality} END) AS rels
}
RETURN total, c.id AS id, c.name AS name, rels`,
}

// IngestCypher writes one already-extracted document (the floor's and the
// peer's ingest: the same statement).
const IngestCypher = `MERGE (d:Document {id: $id}) SET d.title = $title
WITH d
CALL (d) {
  UNWIND $sentences AS s
  MERGE (x:Sentence {id: s.id})
  SET x.document = d.id, x.text = s.text, x.start = s.start, x.end = s.end
  MERGE (x)-[:IN_DOCUMENT]->(d)
  WITH x, s UNWIND s.mentions AS m
  MATCH (e:Entity {id: m})
  MERGE (x)-[:MENTIONS]->(e)
}
CALL (d) {
  UNWIND $facts AS f
  MATCH (a:Entity {id: f.subject}), (b:Entity {id: f.object})
  MERGE (a)-[r:COOPERATES_WITH {key: f.key}]->(b)
  ON CREATE SET r.origin = 'claim', r.modality = f.modality, r.confidence = f.confidence,
                r.evidence = [f.sentence], r.documents = [d.id], r.evidence_count = 1
  ON MATCH SET r.confidence = CASE WHEN f.confidence > r.confidence THEN f.confidence ELSE r.confidence END,
               r.evidence = CASE WHEN f.sentence IN r.evidence THEN r.evidence ELSE r.evidence + f.sentence END,
               r.documents = CASE WHEN d.id IN r.documents THEN r.documents ELSE r.documents + d.id END,
               r.evidence_count = size(r.evidence)
}
RETURN d.id AS id`

// FloorParams are the Cypher parameters of a read scenario.
func FloorParams(id ID, p Params) map[string]any {
	switch id {
	case Country:
		return map[string]any{"id": p.Country}
	case Bilateral, Ingest:
		return map[string]any{"a": p.A, "b": p.B}
	case Neighbours:
		return map[string]any{"id": p.Org}
	case Search:
		return map[string]any{"q": p.Query, "first": p.First}
	case List:
		return map[string]any{"size": ListSize, "first": ListFirst}
	}
	return nil
}

// RunFloor runs a read scenario's minimal Cypher through the driver and returns
// its canonical answer. The records are decoded, nothing more.
func RunFloor(ctx context.Context, driver neo4j.DriverWithContext, db string, id ID, p Params) (any, error) {
	cy := id
	if id == Ingest {
		cy = Bilateral
	}
	q, ok := FloorCypher[cy]
	if !ok {
		return nil, fmt.Errorf("scenario %d has no floor query", id)
	}
	res, err := neo4j.ExecuteQuery(ctx, driver, q, FloorParams(id, p), neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, fmt.Errorf("floor scenario %d: %w", id, err)
	}
	return decodeFloor(cy, res.Records)
}

// FloorIngest writes one document the way the peer's mutation does.
func FloorIngest(ctx context.Context, driver neo4j.DriverWithContext, db string, doc IngestDoc) error {
	_, err := neo4j.ExecuteQuery(ctx, driver, IngestCypher, doc.Params(), neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		return fmt.Errorf("floor ingest: %w", err)
	}
	return nil
}

func get[T any](rec *neo4j.Record, key string) (T, error) {
	var zero T
	v, ok := rec.Get(key)
	if !ok {
		return zero, fmt.Errorf("record has no %q", key)
	}
	if v == nil {
		return zero, nil
	}
	t, ok := v.(T)
	if !ok {
		return zero, fmt.Errorf("record %q is %T", key, v)
	}
	return t, nil
}

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

func strs(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func relRows(v any, withName bool) []Rel {
	l, _ := v.([]any)
	out := []Rel{}
	for _, x := range l {
		m, ok := x.(map[string]any)
		if !ok {
			continue
		}
		r := Rel{Key: str(m, "key"), Type: str(m, "type"), Target: str(m, "target"), Modality: lower(str(m, "modality"))}
		if withName {
			r.TargetName = str(m, "name")
		}
		out = append(out, r)
	}
	return out
}

func decodeFloor(id ID, recs []*neo4j.Record) (any, error) {
	switch id {
	case Country:
		if len(recs) != 1 {
			return nil, fmt.Errorf("country: %d records", len(recs))
		}
		a := CountryAnswer{}
		var err error
		if a.ID, err = get[string](recs[0], "id"); err != nil {
			return nil, err
		}
		if a.Name, err = get[string](recs[0], "name"); err != nil {
			return nil, err
		}
		rels, err := get[[]any](recs[0], "rels")
		if err != nil {
			return nil, err
		}
		a.Relations = relRows(rels, true)
		return a, nil
	case Bilateral:
		out := []Rel{}
		for _, rec := range recs {
			var r Rel
			var err error
			for k, dst := range map[string]*string{"key": &r.Key, "type": &r.Type, "subject": &r.Subject, "object": &r.Object, "modality": &r.Modality} {
				if *dst, err = get[string](rec, k); err != nil {
					return nil, err
				}
			}
			r.Modality = lower(r.Modality)
			texts, err := get[[]any](rec, "texts")
			if err != nil {
				return nil, err
			}
			r.Evidence = strs(texts)
			sort.Strings(r.Evidence)
			out = append(out, r)
		}
		sortByKey(out)
		return out, nil
	case Neighbours:
		out := []Node{}
		for _, rec := range recs {
			id, err := get[string](rec, "id")
			if err != nil {
				return nil, err
			}
			name, err := get[string](rec, "name")
			if err != nil {
				return nil, err
			}
			out = append(out, Node{ID: id, Name: name})
		}
		sortNodes(out)
		return out, nil
	case Search:
		out := []Hit{}
		for _, rec := range recs {
			e, err := get[string](rec, "entity")
			if err != nil {
				return nil, err
			}
			s, err := get[string](rec, "sentence")
			if err != nil {
				return nil, err
			}
			m, err := get[[]any](rec, "mentions")
			if err != nil {
				return nil, err
			}
			h := Hit{Entity: e, Sentence: s}
			if ms := strs(m); len(ms) > 0 {
				h.Mentions = ms
			}
			out = append(out, h)
		}
		return out, nil
	case List:
		a := ListAnswer{Countries: []ListRow{}}
		for _, rec := range recs {
			total, err := get[int64](rec, "total")
			if err != nil {
				return nil, err
			}
			a.Total = int(total)
			var row ListRow
			if row.ID, err = get[string](rec, "id"); err != nil {
				return nil, err
			}
			if row.Name, err = get[string](rec, "name"); err != nil {
				return nil, err
			}
			rels, err := get[[]any](rec, "rels")
			if err != nil {
				return nil, err
			}
			row.First = relRows(rels, false)
			a.Countries = append(a.Countries, row)
		}
		return a, nil
	}
	return nil, fmt.Errorf("scenario %d: no decoder", id)
}

func sortNodes(ns []Node) {
	sort.Slice(ns, func(i, j int) bool { return ns[i].ID < ns[j].ID })
}
