package store

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/ontology"
)

// LoadStats says what loading one document did.
type LoadStats struct {
	Document             string `json:"document"`
	Entities             int    `json:"entities"`
	Facts                int    `json:"facts"` // relations after merging duplicates
	Sentences            int    `json:"sentences"`
	NodesCreated         int    `json:"nodes_created"`
	RelationshipsCreated int    `json:"relationships_created"`
	PropertiesSet        int    `json:"properties_set"`
}

// Unchanged reports whether the load wrote nothing (the document was
// already loaded with the same facts).
func (s LoadStats) Unchanged() bool {
	return s.NodesCreated == 0 && s.RelationshipsCreated == 0 && s.PropertiesSet == 0
}

// Load writes one document's extraction in one transaction: its Document
// node, entity nodes, Sentence nodes with MENTIONS, and one relationship per
// fact carrying its evidence. It validates first (errors wrap ErrInvalid)
// and writes nothing on any error. Loading the same extraction again
// changes nothing; a fact already read in another document gains this
// document's evidence.
func (s *Store) Load(ctx context.Context, x *ontology.Extraction) (LoadStats, error) {
	if err := Validate(x); err != nil {
		return LoadStats{}, err
	}
	p := plan(x)
	var stats LoadStats
	var err error
	for attempt := 1; ; attempt++ {
		stats, err = write(ctx, s, func(tx neo4j.ManagedTransaction) (LoadStats, error) {
			return p.run(ctx, tx)
		})
		// The driver retries deadlocks for a while (MaxTransactionRetryTime);
		// concurrent loads meeting on the countries every document mentions
		// can exhaust that, so start over a few more times, with jitter.
		if err == nil || attempt == maxLoadAttempts || !isDeadlock(err) || ctx.Err() != nil {
			break
		}
		select {
		case <-time.After(time.Duration(rand.Int64N(int64(100*time.Millisecond) * int64(attempt)))):
		case <-ctx.Done():
		}
	}
	if err != nil {
		return LoadStats{}, fmt.Errorf("load %s: %w", x.Document.ID, err)
	}
	return stats, nil
}

// maxLoadAttempts bounds the rounds of driver retries Load goes through
// when concurrent loads deadlock.
const maxLoadAttempts = 8

func isDeadlock(err error) bool {
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) && ne.Code == "Neo.TransientError.Transaction.DeadlockDetected" {
		return true
	}
	return strings.Contains(err.Error(), "DeadlockDetected")
}

// loadPlan is one document's write: one Cypher query (labels and types
// cannot be parameters, so it has one UNWIND subquery per label and per
// predicate present) and its parameters.
type loadPlan struct {
	stmts []statement
	stats LoadStats
	facts int
}

// statement is one query of a load and its parameters.
type statement struct {
	query     string
	params    map[string]any
	facts     bool // returns the count of facts written in column "n"
	sentences bool // newSentenceQuery when the document is new
}

func plan(x *ontology.Extraction) *loadPlan {
	d := x.Document
	docProps := map[string]any{"length": int64(d.Length)}
	for k, v := range map[string]string{"title": d.Title, "source": d.Source, "publisher": d.Publisher, "published_at": d.PublishedAt} {
		if v != "" {
			docProps[k] = v
		}
	}
	if len(d.Authors) > 0 {
		docProps["authors"] = slices.Clone(d.Authors)
	}
	stmts := []statement{{query: documentQuery, params: map[string]any{"id": d.ID, "props": docProps}}}

	// Entities, grouped by label, sorted by id (a stable lock order).
	byLabel := map[ontology.Label][]map[string]any{}
	for _, e := range dedupEntities(x.Entities) {
		props := map[string]any{}
		for k, v := range e.Properties {
			props[k], _ = propValue(v) // validated
		}
		aliases := uniqueSorted(e.Aliases)
		byLabel[e.Label] = append(byLabel[e.Label], map[string]any{
			"id": e.ID, "name": e.Name, "aliases": aliases, "search_text": searchText(e.Name, aliases), "props": props,
		})
	}
	for _, l := range ontology.Labels {
		if rows := byLabel[l]; len(rows) > 0 {
			stmts = append(stmts, statement{query: entityQueries[l], params: map[string]any{"rows": rows}})
		}
	}

	// Facts, merged by key, grouped by predicate, sorted by key.
	facts := mergeFacts(d.ID, x.Relations)
	sentences := map[string]*sentenceRow{}
	byPred := map[ontology.Predicate][]map[string]any{}
	for _, f := range facts {
		for _, ev := range f.evidence {
			sr := sentences[ev.id]
			if sr == nil {
				sr = &sentenceRow{id: ev.id, text: ev.text, start: ev.start, end: ev.end, mentions: map[string]bool{}}
				sentences[ev.id] = sr
			}
			sr.mentions[f.subject], sr.mentions[f.object] = true, true
		}
		row := map[string]any{
			"key": f.key, "subject": f.subject, "object": f.object, "modality": string(f.modality),
			"confidence": f.confidence, "evidence": f.evidenceIDs(), "props": f.props,
		}
		if f.sectors != nil {
			row["sectors"] = f.sectors
		}
		byPred[f.predicate] = append(byPred[f.predicate], row)
	}

	rows := make([]map[string]any, 0, len(sentences))
	for _, sr := range sentences {
		rows = append(rows, map[string]any{"id": sr.id, "text": sr.text, "start": int64(sr.start), "end": int64(sr.end), "mentions": sortedKeys(sr.mentions)})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i]["id"].(string) < rows[j]["id"].(string) })
	if len(rows) > 0 {
		stmts = append(stmts, statement{query: sentenceQuery, params: map[string]any{"doc": d.ID, "rows": rows}, sentences: true})
	}
	for _, p := range ontology.Predicates {
		if rows := byPred[p]; len(rows) > 0 {
			stmts = append(stmts, statement{query: factQueries[p], params: map[string]any{"doc": d.ID, "rows": rows}, facts: true})
		}
	}
	return &loadPlan{
		stmts: stmts,
		facts: len(facts),
		stats: LoadStats{Document: d.ID, Entities: len(x.Entities), Facts: len(facts), Sentences: len(sentences)},
	}
}

// The queries of a load, one per label and per predicate since labels and
// relationship types cannot be parameters; built once from the ontology's
// validated names, so Neo4j plans each once and caches it.
var (
	documentQuery = "MERGE (d:Document {id: $id}) ON CREATE SET d += $props"
	entityQueries = map[ontology.Label]string{}
	factQueries   = map[ontology.Predicate]string{}
	// A new document has new sentences: CREATE them and their MENTIONS
	// instead of MERGE, whose LockingMerge would lock every mentioned
	// entity exclusively until commit and serialize concurrent loads on
	// the countries every document mentions. Safe because the Document
	// MERGE, which runs first, holds the document's index lock: a
	// concurrent load of the same document waits for this one to commit,
	// then sees the document and takes the MERGE path.
	newSentenceQuery = `
MATCH (d:Document {id: $doc})
UNWIND $rows AS row
CREATE (s:Sentence {id: row.id, document: d.id, text: row.text, start: row.start, end: row.end})-[:IN_DOCUMENT]->(d)
WITH s, row
UNWIND row.mentions AS eid
MATCH (e:Entity {id: eid})
CREATE (s)-[:MENTIONS]->(e)`
	sentenceQuery = `
UNWIND $rows AS row
MATCH (d:Document {id: $doc})
MERGE (s:Sentence {id: row.id})
ON CREATE SET s.document = d.id, s.text = row.text, s.start = row.start, s.end = row.end
MERGE (s)-[:IN_DOCUMENT]->(d)
WITH s, row
UNWIND row.mentions AS eid
MATCH (e:Entity {id: eid})
MERGE (s)-[:MENTIONS]->(e)`
)

func init() {
	for _, l := range ontology.Labels {
		entityQueries[l] = fmt.Sprintf(`
UNWIND $rows AS row
MERGE (n:%s:Entity {id: row.id})
ON CREATE SET n += row.props, n.name = row.name, n.aliases = row.aliases, n.search_text = row.search_text
WITH n, [a IN row.aliases WHERE NOT a IN coalesce(n.aliases, [])] AS extra
WHERE size(extra) > 0
WITH n, coalesce(n.aliases, []) + extra AS aliases
SET n.aliases = aliases, n.search_text = reduce(t = n.name, a IN aliases | t + ' | ' + a)`, l)
	}
	for _, p := range ontology.Predicates {
		factQueries[p] = fmt.Sprintf(`
UNWIND $rows AS row
MATCH (a:Entity {id: row.subject})
MATCH (b:Entity {id: row.object})
MERGE (a)-[r:%s {key: row.key}]->(b)
ON CREATE SET r += row.props, r.origin = 'claim', r.modality = row.modality, r.confidence = row.confidence,
  r.evidence = row.evidence, r.documents = [$doc], r.evidence_count = size(row.evidence), r.sectors = row.sectors
WITH r, row, [e IN row.evidence WHERE NOT e IN r.evidence] AS newEv,
  [x IN coalesce(row.sectors, []) WHERE NOT x IN coalesce(r.sectors, [])] AS newSec
WITH r, row, newSec, r.evidence + newEv AS ev,
  CASE WHEN $doc IN r.documents THEN r.documents ELSE r.documents + $doc END AS docs
FOREACH (_ IN CASE WHEN size(ev) <> size(r.evidence) OR size(docs) <> size(r.documents) THEN [1] ELSE [] END |
  SET r.evidence = ev, r.evidence_count = size(ev), r.documents = docs)
FOREACH (_ IN CASE WHEN row.confidence > r.confidence THEN [1] ELSE [] END | SET r.confidence = row.confidence)
FOREACH (_ IN CASE WHEN size(newSec) > 0 THEN [1] ELSE [] END | SET r.sectors = coalesce(r.sectors, []) + newSec)
RETURN count(r) AS n`, p)
	}
}

func (p *loadPlan) run(ctx context.Context, tx neo4j.ManagedTransaction) (LoadStats, error) {
	st := p.stats
	written := 0
	created := false
	for i, stmt := range p.stmts {
		q := stmt.query
		if stmt.sentences && created {
			q = newSentenceQuery
		}
		res, err := tx.Run(ctx, q, stmt.params)
		if err != nil {
			return LoadStats{}, err
		}
		if stmt.facts {
			rec, err := res.Single(ctx)
			if err != nil {
				return LoadStats{}, err
			}
			n, err := intValue(rec, "n")
			if err != nil {
				return LoadStats{}, err
			}
			written += int(n)
		}
		sum, err := res.Consume(ctx)
		if err != nil {
			return LoadStats{}, err
		}
		c := sum.Counters()
		if i == 0 {
			created = c.NodesCreated() == 1
		}
		st.NodesCreated += c.NodesCreated()
		st.RelationshipsCreated += c.RelationshipsCreated()
		st.PropertiesSet += c.PropertiesSet()
	}
	if written != p.facts {
		// Validate checks that the ends of every fact are listed entities,
		// so this is a bug, and failing rolls the document back.
		return LoadStats{}, fmt.Errorf("wrote %d of %d facts", written, p.facts)
	}
	return st, nil
}

type sentenceRow struct {
	id         string
	text       string
	start, end int
	mentions   map[string]bool
}

type evidenceRow struct {
	id, text   string
	start, end int
}

type fact struct {
	key             string
	subject, object string
	predicate       ontology.Predicate
	modality        ontology.Modality
	confidence      float64
	props           map[string]any
	sectors         []any
	evidence        []evidenceRow
}

func (f *fact) evidenceIDs() []string {
	ids := make([]string, len(f.evidence))
	for i, e := range f.evidence {
		ids[i] = e.id
	}
	return ids
}

// mergeFacts turns relations into facts keyed like the graph: relations with
// the same key (the same fact read in two sentences) become one, with the
// union of their evidence and sectors and the highest confidence.
func mergeFacts(doc string, rels []ontology.Relation) []*fact {
	byKey := map[string]*fact{}
	for _, r := range rels {
		m := r.Modality
		if m == "" {
			m = ontology.Asserted
		}
		props := map[string]any{}
		var sectors []any
		for k, v := range r.Properties {
			pv, _ := propValue(v) // validated
			if k == "sectors" {
				if l, ok := pv.([]any); ok {
					sectors = l
					continue
				}
			}
			props[k] = pv
		}
		key := FactKey(r.Subject, r.Predicate, r.Object, m, OriginClaim, props)
		f := byKey[key]
		if f == nil {
			f = &fact{key: key, subject: r.Subject, object: r.Object, predicate: r.Predicate, modality: m, confidence: r.Confidence, props: props}
			byKey[key] = f
		}
		f.confidence = max(f.confidence, r.Confidence)
		for _, s := range sectors {
			if !slices.Contains(f.sectors, s) {
				f.sectors = append(f.sectors, s)
			}
		}
		for _, ev := range r.Evidence {
			id := SentenceID(doc, ev.Start, ev.End)
			if !slices.ContainsFunc(f.evidence, func(e evidenceRow) bool { return e.id == id }) {
				f.evidence = append(f.evidence, evidenceRow{id: id, text: ev.Sentence, start: ev.Start, end: ev.End})
			}
		}
	}
	out := make([]*fact, 0, len(byKey))
	for _, f := range byKey {
		sort.Slice(f.evidence, func(i, j int) bool { return f.evidence[i].start < f.evidence[j].start })
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}

// dedupEntities keeps one entity per id (the first), with the union of the
// aliases of all its listings, sorted by id.
func dedupEntities(es []ontology.Entity) []ontology.Entity {
	byID := map[string]int{}
	var out []ontology.Entity
	for _, e := range es {
		if i, ok := byID[e.ID]; ok {
			out[i].Aliases = append(out[i].Aliases, e.Aliases...)
			continue
		}
		byID[e.ID] = len(out)
		e.Aliases = slices.Clone(e.Aliases)
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func uniqueSorted(xs []string) []string {
	out := []string{}
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
