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
	Document  string `json:"document"`
	Entities  int    `json:"entities"`
	Facts     int    `json:"facts"` // relations after merging duplicates
	Sentences int    `json:"sentences"`
	// New is true when this load created the Document node, false when the
	// document was already in the graph (a re-ingest).
	New bool `json:"new"`
	// What the transaction wrote. For a batch (LoadBatch) these are the
	// batch's totals, in BatchStats.Total.
	NodesCreated         int `json:"nodes_created"`
	RelationshipsCreated int `json:"relationships_created"`
	PropertiesSet        int `json:"properties_set"`
}

// Unchanged reports whether the load found the document already loaded and
// wrote nothing.
func (s LoadStats) Unchanged() bool {
	return !s.New && s.NodesCreated == 0 && s.RelationshipsCreated == 0 && s.PropertiesSet == 0
}

// Load writes one document's extraction in one transaction: its Document
// node, entity nodes, Sentence nodes with MENTIONS, and one relationship per
// fact carrying its evidence. It validates first (errors wrap errs.ErrInvalid)
// and writes nothing on any error. Loading the same extraction again
// changes nothing; a fact already read in another document gains this
// document's evidence.
func (s *Store) Load(ctx context.Context, x *ontology.Extraction) (LoadStats, error) {
	bs, err := s.LoadBatch(ctx, []*ontology.Extraction{x})
	if err != nil {
		return LoadStats{}, err
	}
	st := bs.Docs[0]
	st.NodesCreated, st.RelationshipsCreated, st.PropertiesSet = bs.Total.NodesCreated, bs.Total.RelationshipsCreated, bs.Total.PropertiesSet
	return st, nil
}

// BatchStats says what LoadBatch did: per document (without write
// counters) and in total.
type BatchStats struct {
	Docs  []LoadStats `json:"docs"` // in the order given
	Total LoadStats   `json:"total"`
}

// LoadBatch writes several documents in ONE transaction, with one query
// per label and per predicate for the whole batch, which is much faster
// than a transaction per document. The batch is all or nothing, so each
// document in it is too: a failure leaves none of them written (callers
// that want the others loaded retry them one by one, as ingest does). Every
// extraction is validated before anything is written. The same document
// twice in a batch is loaded once.
func (s *Store) LoadBatch(ctx context.Context, xs []*ontology.Extraction) (BatchStats, error) {
	for _, x := range xs {
		if err := Validate(x); err != nil {
			return BatchStats{}, err
		}
	}
	p := plan(xs)
	var bs BatchStats
	var err error
	for attempt := 1; ; attempt++ {
		bs, err = write(ctx, s, func(tx neo4j.ManagedTransaction) (BatchStats, error) {
			q, err := prelude(ctx, tx, p, xs)
			if err != nil {
				return BatchStats{}, err
			}
			return q.run(ctx, tx)
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
		if len(xs) == 1 {
			return BatchStats{}, fmt.Errorf("load %s: %w", xs[0].Document.ID, err)
		}
		return BatchStats{}, fmt.Errorf("load batch of %d documents: %w", len(xs), err)
	}
	return bs, nil
}

// maxLoadAttempts bounds the rounds of driver retries a load goes through
// when concurrent loads deadlock.
const maxLoadAttempts = 8

func isDeadlock(err error) bool {
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) && ne.Code == "Neo.TransientError.Transaction.DeadlockDetected" {
		return true
	}
	return strings.Contains(err.Error(), "DeadlockDetected")
}

// loadPlan is a batch's write: the parameters of the queries below, rows
// grouped by label and predicate (labels and relationship types cannot be
// parameters) and sorted by id or key, a stable lock order.
type loadPlan struct {
	docs      []map[string]any // Document rows (with the text, when known, for its DocumentText)
	entities  map[ontology.Label][]map[string]any
	sentences map[string][]map[string]any // by document id
	facts     map[ontology.Predicate][]map[string]any
	nFacts    int
	// withAdded are the documents with facts people added (learnt at the
	// start of the transaction, see prelude): loaded anew, they get them
	// back.
	withAdded map[string]bool
	stats     []LoadStats // per input extraction
}

func plan(xs []*ontology.Extraction) *loadPlan {
	p := &loadPlan{
		entities:  map[ontology.Label][]map[string]any{},
		sentences: map[string][]map[string]any{},
		facts:     map[ontology.Predicate][]map[string]any{},
	}
	docIndex := map[string]int{}
	var entities []ontology.Entity
	factByKey := map[string]*fact{}
	for _, x := range xs {
		d := x.Document
		if i, dup := docIndex[d.ID]; dup {
			p.stats = append(p.stats, p.stats[i])
			continue
		}
		docIndex[d.ID] = len(p.stats)
		props := map[string]any{"length": int64(d.Length)}
		for k, v := range map[string]string{"title": d.Title, "source": d.Source, "publisher": d.Publisher, "published_at": d.PublishedAt, "engine": d.Engine} {
			if v != "" {
				props[k] = v
			}
		}
		if len(d.Authors) > 0 {
			props["authors"] = slices.Clone(d.Authors)
		}
		row := map[string]any{"id": d.ID, "props": props}
		if x.Text != "" {
			row["text"] = x.Text
		}
		p.docs = append(p.docs, row)
		entities = append(entities, x.Entities...)

		facts := mergeFacts(d.ID, x.Relations)
		sentences := map[string]*sentenceRow{}
		for _, f := range facts {
			for _, ev := range f.evidence {
				sr := sentences[ev.id]
				if sr == nil {
					sr = &sentenceRow{id: ev.id, text: ev.text, start: ev.start, end: ev.end, mentions: map[string]bool{}}
					sentences[ev.id] = sr
				}
				sr.mentions[f.subject], sr.mentions[f.object] = true, true
			}
			// The same fact in two documents of the batch: one row.
			if g := factByKey[f.key]; g != nil {
				g.merge(f)
			} else {
				factByKey[f.key] = f
			}
		}
		rows := make([]map[string]any, 0, len(sentences))
		for _, sr := range sentences {
			rows = append(rows, map[string]any{"id": sr.id, "document": d.ID, "text": sr.text, "start": int64(sr.start), "end": int64(sr.end), "mentions": sortedKeys(sr.mentions)})
		}
		sort.Slice(rows, func(i, j int) bool { return rows[i]["id"].(string) < rows[j]["id"].(string) })
		p.sentences[d.ID] = rows
		p.stats = append(p.stats, LoadStats{Document: d.ID, Entities: len(x.Entities), Facts: len(facts), Sentences: len(sentences)})
	}

	for _, e := range dedupEntities(entities) {
		props := map[string]any{}
		for k, v := range e.Properties {
			props[k], _ = propValue(v) // validated
		}
		aliases := uniqueSorted(e.Aliases)
		p.entities[e.Label] = append(p.entities[e.Label], map[string]any{
			"id": e.ID, "name": e.Name, "aliases": aliases, "search_text": searchText(e.Name, aliases), "props": props,
		})
	}

	keys := make([]string, 0, len(factByKey))
	for k := range factByKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f := factByKey[k]
		row := map[string]any{
			"key": f.key, "subject": f.subject, "object": f.object, "modality": string(f.modality),
			"confidence": f.confidence, "evidence": f.evidenceIDs(), "docs": f.docs, "props": f.props,
		}
		if f.sectors != nil {
			row["sectors"] = f.sectors
		}
		p.facts[f.predicate] = append(p.facts[f.predicate], row)
	}
	p.nFacts = len(keys)
	return p
}

// The queries of a load, one per label and per predicate since labels and
// relationship types cannot be parameters; built once from the ontology's
// validated names, so Neo4j plans each once and caches it.
var (
	// documentQuery tells which documents it created: a concurrent load of
	// the same document waits on the Document index lock until this
	// transaction ends, then finds it.
	// The document's text is kept once beside it (not on it, so that reads
	// of documents never carry it).
	documentQuery = `
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
ON CREATE SET d += row.props, d.loading = true
WITH d, row, d.loading IS NOT NULL AS created
FOREACH (_ IN CASE WHEN created THEN [1] ELSE [] END | REMOVE d.loading)
FOREACH (_ IN CASE WHEN row.text IS NULL THEN [] ELSE [1] END |
  MERGE (t:DocumentText {document: row.id}) ON CREATE SET t.text = row.text)
RETURN row.id AS id, created`
	entityQueries = map[ontology.Label]string{}
	factQueries   = map[ontology.Predicate]string{}
	// A new document has new sentences: CREATE them and their MENTIONS
	// instead of MERGE, whose LockingMerge would lock every mentioned
	// entity exclusively until commit and serialize concurrent loads on
	// the countries every document mentions. Safe because documentQuery,
	// which runs first, holds the document's index lock.
	newSentenceQuery = `
UNWIND $rows AS row
MATCH (d:Document {id: row.document})
CREATE (s:Sentence {id: row.id, document: d.id, text: row.text, start: row.start, end: row.end})-[:IN_DOCUMENT]->(d)
WITH s, row
UNWIND row.mentions AS eid
MATCH (e:Entity {id: eid})
CREATE (s)-[:MENTIONS]->(e)`
	sentenceQuery = `
UNWIND $rows AS row
MATCH (d:Document {id: row.document})
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
  r.evidence = row.evidence, r.documents = row.docs, r.evidence_count = size(row.evidence), r.sectors = row.sectors
WITH r, row, [e IN row.evidence WHERE NOT e IN r.evidence] AS newEv,
  [x IN row.docs WHERE NOT x IN r.documents] AS newDocs,
  [x IN coalesce(row.sectors, []) WHERE NOT x IN coalesce(r.sectors, [])] AS newSec
WITH r, row, newSec, newDocs, newEv, r.evidence + newEv AS ev
FOREACH (_ IN CASE WHEN size(newEv) > 0 OR size(newDocs) > 0 THEN [1] ELSE [] END |
  SET r.evidence = ev, r.evidence_count = size(ev), r.documents = r.documents + newDocs)
FOREACH (_ IN CASE WHEN row.confidence > r.confidence THEN [1] ELSE [] END | SET r.confidence = row.confidence)
FOREACH (_ IN CASE WHEN size(newSec) > 0 THEN [1] ELSE [] END | SET r.sectors = coalesce(r.sectors, []) + newSec)
RETURN count(r) AS n`, p)
	}
}

func (p *loadPlan) run(ctx context.Context, tx neo4j.ManagedTransaction) (BatchStats, error) {
	w := &planWriter{ctx: ctx, tx: tx}
	// Documents first: which are new decides how their sentences are written.
	created, err := p.writeDocuments(w)
	if err != nil {
		return BatchStats{}, err
	}
	if err := p.writeEntities(w); err != nil {
		return BatchStats{}, err
	}
	if err := p.writeSentences(w, created); err != nil {
		return BatchStats{}, err
	}
	if err := p.writeFacts(w); err != nil {
		return BatchStats{}, err
	}
	var fresh []string
	for id, c := range created {
		if c && p.withAdded[id] {
			fresh = append(fresh, id)
		}
	}
	if len(fresh) > 0 {
		// A document loaded anew after a deletion gets back the facts
		// people had added to it.
		sort.Strings(fresh)
		if err := restoreAdded(ctx, tx, fresh); err != nil {
			return BatchStats{}, err
		}
	}
	return p.batchStats(w.total, created), nil
}

// planWriter runs a plan's queries in one transaction and adds up their
// write counters.
type planWriter struct {
	ctx   context.Context
	tx    neo4j.ManagedTransaction
	total LoadStats
}

func (w *planWriter) exec(query string, rows []map[string]any) (neo4j.ResultWithContext, error) {
	return w.tx.Run(w.ctx, query, map[string]any{"rows": rows})
}

func (w *planWriter) count(res neo4j.ResultWithContext) error {
	sum, err := res.Consume(w.ctx)
	if err != nil {
		return err
	}
	c := sum.Counters()
	w.total.NodesCreated += c.NodesCreated()
	w.total.RelationshipsCreated += c.RelationshipsCreated()
	w.total.PropertiesSet += c.PropertiesSet()
	return nil
}

// writeDocuments merges the Document nodes and says which were created.
func (p *loadPlan) writeDocuments(w *planWriter) (map[string]bool, error) {
	res, err := w.exec(documentQuery, p.docs)
	if err != nil {
		return nil, err
	}
	created := map[string]bool{}
	for res.Next(w.ctx) {
		id, err := stringValue(res.Record(), "id")
		if err != nil {
			return nil, err
		}
		c, _, err := neo4j.GetRecordValue[bool](res.Record(), "created")
		if err != nil {
			return nil, fmt.Errorf("read created: %w", err)
		}
		created[id] = c
	}
	if err := res.Err(); err != nil {
		return nil, err
	}
	return created, w.count(res)
}

// writeEntities merges the entity nodes, one query per label.
func (p *loadPlan) writeEntities(w *planWriter) error {
	for _, l := range ontology.Labels {
		if rows := p.entities[l]; len(rows) > 0 {
			res, err := w.exec(entityQueries[l], rows)
			if err != nil {
				return err
			}
			if err := w.count(res); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeSentences creates the sentences of new documents and merges those
// of documents loaded before.
func (p *loadPlan) writeSentences(w *planWriter, created map[string]bool) error {
	var newRows, oldRows []map[string]any
	for _, d := range p.docs {
		id := d["id"].(string)
		for _, r := range p.sentences[id] {
			if created[id] {
				newRows = append(newRows, r)
			} else {
				oldRows = append(oldRows, r)
			}
		}
	}
	for _, s := range []struct {
		q    string
		rows []map[string]any
	}{{newSentenceQuery, newRows}, {sentenceQuery, oldRows}} {
		if len(s.rows) == 0 {
			continue
		}
		res, err := w.exec(s.q, s.rows)
		if err != nil {
			return err
		}
		if err := w.count(res); err != nil {
			return err
		}
	}
	return nil
}

// writeFacts merges the facts, one query per type, and checks that every
// one was written.
func (p *loadPlan) writeFacts(w *planWriter) error {
	written := 0
	for _, pr := range ontology.Predicates {
		rows := p.facts[pr]
		if len(rows) == 0 {
			continue
		}
		res, err := w.exec(factQueries[pr], rows)
		if err != nil {
			return err
		}
		rec, err := res.Single(w.ctx)
		if err != nil {
			return err
		}
		n, err := intValue(rec, "n")
		if err != nil {
			return err
		}
		written += int(n)
		if err := w.count(res); err != nil {
			return err
		}
	}
	if written != p.nFacts {
		// Validate checks that the ends of every fact are listed entities,
		// so this is a bug, and failing rolls the batch back.
		return fmt.Errorf("wrote %d of %d facts", written, p.nFacts)
	}
	return nil
}

// batchStats is what the batch did, per document and in total.
func (p *loadPlan) batchStats(total LoadStats, created map[string]bool) BatchStats {
	bs := BatchStats{Docs: make([]LoadStats, len(p.stats)), Total: total}
	for i, st := range p.stats {
		st.New = created[st.Document]
		if i > 0 && slices.ContainsFunc(p.stats[:i], func(o LoadStats) bool { return o.Document == st.Document }) {
			st.New = false // the second copy of a document in the batch
		}
		bs.Docs[i] = st
	}
	bs.Total.Document = fmt.Sprintf("%d documents", len(p.docs))
	for _, st := range bs.Docs {
		bs.Total.Entities += st.Entities
		bs.Total.Facts += st.Facts
		bs.Total.Sentences += st.Sentences
		bs.Total.New = bs.Total.New || st.New
	}
	return bs
}
