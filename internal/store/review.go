package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/errs"
	"github.com/diplograph/diplograph/internal/ontology"
)

// Curation. The machine's reading is never edited in place: a person's
// decision is a Review node (the audit trail: who, when, what, a note;
// never deleted, only marked undone), and the standing decision on a fact
// is a Verdict node found by the fact's key. Keys are stable across
// re-extraction, re-seeding and migration, so a decision holds for the
// fact whenever and however often it is read again. A fact a person adds
// is a relationship of origin "person" (its own key, never shared with a
// machine's claim) whose Review keeps everything needed to write it again
// when its document is loaded anew. A merge leaves a Redirect, so that a
// later extraction producing the merged id lands on the kept one.

// OriginPerson is the origin of a fact a person added.
const OriginPerson = "person"

// Actions of a review.
const (
	Confirmed = string(ontology.Confirmed)
	Rejected  = string(ontology.Rejected)
	Added     = "ADDED"
	Merged    = "MERGED"
)

// Decision is one review: a verdict on a fact, a fact added, or two
// entities merged.
type Decision struct {
	ID       string `json:"id"`
	Action   string `json:"action"`
	Fact     string `json:"fact,omitempty"` // the fact's key (verdicts and additions)
	By       string `json:"by"`
	At       string `json:"at"` // RFC 3339, UTC, milliseconds
	Note     string `json:"note,omitempty"`
	UndoneAt string `json:"undone_at,omitempty"`
	UndoneBy string `json:"undone_by,omitempty"`
	// The fact as it stood when decided on (so the decision reads well
	// even when the fact is gone).
	Subject   string `json:"subject,omitempty"`
	Predicate string `json:"predicate,omitempty"`
	Object    string `json:"object,omitempty"`
	Modality  string `json:"modality,omitempty"`
	// Document and Sentence locate an added fact's evidence.
	Document string `json:"document,omitempty"`
	Sentence string `json:"sentence,omitempty"`
	// Keep and Merge are the ids of a merge.
	Keep  string `json:"keep,omitempty"`
	Merge string `json:"merge,omitempty"`
}

// Limits of review input.
const (
	MaxNote     = 2000
	MaxReviewer = 200
)

func checkReviewer(by, note string) error {
	if strings.TrimSpace(by) == "" {
		return fmt.Errorf("%w: a review needs a reviewer", errs.ErrInvalid)
	}
	if len(by) > MaxReviewer {
		return fmt.Errorf("%w: reviewer name longer than %d bytes", errs.ErrInvalid, MaxReviewer)
	}
	if len(note) > MaxNote {
		return fmt.Errorf("%w: note longer than %d bytes", errs.ErrInvalid, MaxNote)
	}
	return nil
}

func newReviewID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return "review:" + hex.EncodeToString(b[:])
}

func now() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000Z") }

// factByKey is a subquery (importing nothing) that finds the fact with key
// $key as r from s to o: one index seek per relationship type.
var factByKey = func() string {
	parts := make([]string, len(ontology.Predicates))
	for i, p := range ontology.Predicates {
		parts[i] = "MATCH (s:Entity)-[r:" + string(p) + " {key: $key}]->(o:Entity) RETURN r, s, o"
	}
	return "CALL () {\n  " + strings.Join(parts, "\n  UNION ALL\n  ") + "\n}"
}()

// verdictLabels gives Verdict node c the label of its verdict (Rejected or
// Confirmed), so Neo4j Browser's style shows decisions apart.
const verdictLabels = `FOREACH (_ IN CASE WHEN c.verdict = 'REJECTED' THEN [1] ELSE [] END | SET c:Rejected REMOVE c:Confirmed)
FOREACH (_ IN CASE WHEN c.verdict = 'CONFIRMED' THEN [1] ELSE [] END | SET c:Confirmed REMOVE c:Rejected)`

// reviewReturn is what a write returns of its Review node v.
const reviewReturn = "RETURN v {.*} AS v"

// ReviewFact records a verdict (Confirmed or Rejected) on the fact with
// this key, by a reviewer, with an optional note, in one transaction. The
// later of two concurrent verdicts on a fact stands; both are in the audit
// trail. The error wraps errs.ErrNotFound when no fact has this key.
func (s *Store) ReviewFact(ctx context.Context, key, verdict, by, note string) (Decision, error) {
	if verdict != Confirmed && verdict != Rejected {
		return Decision{}, fmt.Errorf("%w: verdict %q: want %s or %s", errs.ErrInvalid, verdict, Confirmed, Rejected)
	}
	if err := checkReviewer(by, note); err != nil {
		return Decision{}, err
	}
	d, err := write(ctx, s, func(tx neo4j.ManagedTransaction) (Decision, error) {
		return single(ctx, tx, factByKey+`
WITH r, s, o LIMIT 1
CREATE (v:Review {id: $id, action: $verdict, fact: $key, subject: s.id, predicate: type(r), object: o.id,
  modality: r.modality, by: $by, at: $at, note: $note})
MERGE (c:Verdict {fact: $key})
SET c.verdict = $verdict, c.review = $id, c.by = $by, c.at = $at, c.note = $note,
  c.subject = s.id, c.predicate = type(r), c.object = o.id
`+verdictLabels+`
`+reviewReturn, map[string]any{"key": key, "verdict": verdict, "by": by, "note": note, "id": newReviewID(), "at": now()})
	})
	if err != nil {
		return Decision{}, fmt.Errorf("review fact %s: %w", key, err)
	}
	return d, nil
}

// NewFact is a fact a person adds: an ontology relation between two
// entities of the graph with exactly one piece of evidence, a sentence of
// a stored document.
type NewFact struct {
	Relation ontology.Relation
	Note     string
}

// AddFact writes a person's fact (origin "person", confidence 1) with its
// evidence sentence, and records the addition, in one transaction; it
// stands confirmed by its author. Adding the same fact again adds its new
// evidence. Errors wrap errs.ErrInvalid (a property, predicate or sentence
// that does not fit) or errs.ErrNotFound (an end or the document absent).
func (s *Store) AddFact(ctx context.Context, f NewFact, by string) (Decision, error) {
	if err := checkReviewer(by, f.Note); err != nil {
		return Decision{}, err
	}
	r := f.Relation
	if len(r.Evidence) != 1 {
		return Decision{}, fmt.Errorf("%w: an added fact needs exactly one evidence sentence", errs.ErrInvalid)
	}
	if r.Modality == "" {
		r.Modality = ontology.Asserted
	}
	r.Confidence = 1
	ev := r.Evidence[0]
	// The extraction validator checks predicate, modality, offsets and
	// properties; the ends' labels are checked against the graph below.
	x := &ontology.Extraction{Document: ontology.Doc{ID: ev.Document},
		Entities:  []ontology.Entity{{ID: r.Subject, Label: ontology.Country, Name: r.Subject}, {ID: r.Object, Label: ontology.Country, Name: r.Object}},
		Relations: []ontology.Relation{r}}
	if r.Subject == r.Object {
		x.Entities = x.Entities[:1]
	}
	if err := Validate(x); err != nil {
		return Decision{}, err
	}
	rows := mergeFacts(ev.Document, []ontology.Relation{r})
	g := rows[0]
	g.key = FactKey(r.Subject, r.Predicate, r.Object, r.Modality, OriginPerson, g.props)
	propsJSON, err := json.Marshal(g.props)
	if err != nil {
		return Decision{}, fmt.Errorf("%w: properties: %w", errs.ErrInvalid, err)
	}
	params := map[string]any{
		"id": newReviewID(), "at": now(), "by": by, "note": f.Note, "key": g.key,
		"subject": r.Subject, "predicate": string(r.Predicate), "object": r.Object, "modality": string(r.Modality),
		"props": string(propsJSON), "document": ev.Document, "sentence": g.evidence[0].id,
		"text": ev.Sentence, "start": int64(ev.Start), "end": int64(ev.End),
	}
	d, err := write(ctx, s, func(tx neo4j.ManagedTransaction) (Decision, error) {
		if err := checkEnds(ctx, tx, r); err != nil {
			return Decision{}, err
		}
		if err := writePersonFacts(ctx, tx, []map[string]any{personRow(params, g.props, g.sectors)}); err != nil {
			return Decision{}, err
		}
		return single(ctx, tx, `
CREATE (v:Review {id: $id, action: 'ADDED', fact: $key, subject: $subject, predicate: $predicate, object: $object,
  modality: $modality, properties: $props, document: $document, sentence: $sentence, text: $text,
  start: $start, end: $end, by: $by, at: $at, note: $note})
MERGE (c:Verdict {fact: $key})
SET c.verdict = 'CONFIRMED', c.review = $id, c.by = $by, c.at = $at, c.note = $note,
  c.subject = $subject, c.predicate = $predicate, c.object = $object, c.added = true
`+verdictLabels+`
`+reviewReturn, params)
	})
	if err != nil {
		return Decision{}, fmt.Errorf("add fact %s %s %s: %w", r.Subject, r.Predicate, r.Object, err)
	}
	return d, nil
}

// checkEnds checks that both ends of r are entities whose kinds the
// predicate allows, and that its document is stored.
func checkEnds(ctx context.Context, tx neo4j.ManagedTransaction, r ontology.Relation) error {
	res, err := tx.Run(ctx, `
OPTIONAL MATCH (a:Entity {id: $subject})
OPTIONAL MATCH (b:Entity {id: $object})
OPTIONAL MATCH (d:Document {id: $document})
RETURN [l IN labels(a) WHERE l <> 'Entity'] AS a, [l IN labels(b) WHERE l <> 'Entity'] AS b, d IS NOT NULL AS doc`,
		map[string]any{"subject": r.Subject, "object": r.Object, "document": r.Evidence[0].Document})
	if err != nil {
		return err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return err
	}
	a, err := stringsValue(rec, "a")
	if err != nil {
		return err
	}
	b, err := stringsValue(rec, "b")
	if err != nil {
		return err
	}
	doc, _, err := neo4j.GetRecordValue[bool](rec, "doc")
	if err != nil {
		return fmt.Errorf("read doc: %w", err)
	}
	switch {
	case len(a) == 0:
		return fmt.Errorf("subject %q: %w", r.Subject, errs.ErrNotFound)
	case len(b) == 0:
		return fmt.Errorf("object %q: %w", r.Object, errs.ErrNotFound)
	case !doc:
		return fmt.Errorf("document %q: %w", r.Evidence[0].Document, errs.ErrNotFound)
	}
	from, to := ontology.Label(a[0]), ontology.Label(b[0])
	if !r.Predicate.Allows(from, to) {
		return fmt.Errorf("%w: %s does not go from a %s to a %s", errs.ErrInvalid, r.Predicate, from, to)
	}
	return nil
}

// personRow is the write row of an added fact from its review's fields.
func personRow(p map[string]any, props map[string]any, sectors []any) map[string]any {
	row := map[string]any{}
	for _, k := range []string{"key", "subject", "predicate", "object", "modality", "document", "sentence", "text", "start", "end", "by"} {
		row[k] = p[k]
	}
	row["props"] = props
	if sectors != nil {
		row["sectors"] = sectors
	}
	return row
}

// personQueries write added facts, one query per type: the evidence
// sentence (created when no machine fact cited it), the entities it
// mentions, and the relationship.
var personQueries = func() map[ontology.Predicate]string {
	m := map[ontology.Predicate]string{}
	for _, p := range ontology.Predicates {
		m[p] = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.subject})
MATCH (b:Entity {id: row.object})
MATCH (d:Document {id: row.document})
MERGE (sen:Sentence {id: row.sentence})
ON CREATE SET sen.document = d.id, sen.text = row.text, sen.start = row.start, sen.end = row.end
MERGE (sen)-[:IN_DOCUMENT]->(d)
MERGE (sen)-[:MENTIONS]->(a)
MERGE (sen)-[:MENTIONS]->(b)
MERGE (a)-[r:` + string(p) + ` {key: row.key}]->(b)
ON CREATE SET r += row.props, r.origin = 'person', r.modality = row.modality, r.confidence = 1.0,
  r.evidence = [row.sentence], r.documents = [row.document], r.evidence_count = 1, r.sectors = row.sectors,
  r.added_by = row.by
WITH r, row, CASE WHEN row.sentence IN r.evidence THEN r.evidence ELSE r.evidence + row.sentence END AS ev,
  CASE WHEN row.document IN r.documents THEN r.documents ELSE r.documents + row.document END AS docs
SET r.evidence = ev, r.evidence_count = size(ev), r.documents = docs
RETURN count(r) AS n`
	}
	return m
}()

func writePersonFacts(ctx context.Context, tx neo4j.ManagedTransaction, rows []map[string]any) error {
	byType := map[ontology.Predicate][]map[string]any{}
	for _, r := range rows {
		p := ontology.Predicate(r["predicate"].(string))
		byType[p] = append(byType[p], r)
	}
	for _, p := range ontology.Predicates {
		if len(byType[p]) == 0 {
			continue
		}
		res, err := tx.Run(ctx, personQueries[p], map[string]any{"rows": byType[p]})
		if err != nil {
			return err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return err
		}
		n, err := intValue(rec, "n")
		if err != nil {
			return err
		}
		if int(n) != len(byType[p]) {
			return fmt.Errorf("%w: an end of an added %s fact or its document is gone", errs.ErrNotFound, p)
		}
	}
	return nil
}

// restoreAdded writes again the facts people added to these documents
// (loaded anew after a deletion), from their reviews.
func restoreAdded(ctx context.Context, tx neo4j.ManagedTransaction, docs []string) error {
	res, err := tx.Run(ctx, `
UNWIND $docs AS doc
MATCH (v:Review {document: doc})
WHERE v.action = 'ADDED' AND v.undone_at IS NULL
MATCH (:Entity {id: v.subject})
MATCH (:Entity {id: v.object})
RETURN v {.*} AS v`, map[string]any{"docs": docs})
	if err != nil {
		return err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return err
	}
	rows := make([]map[string]any, 0, len(recs))
	for _, rec := range recs {
		v, _, err := neo4j.GetRecordValue[map[string]any](rec, "v")
		if err != nil {
			return fmt.Errorf("read review: %w", err)
		}
		var props map[string]any
		if s, _ := v["properties"].(string); s != "" {
			if err := json.Unmarshal([]byte(s), &props); err != nil {
				return fmt.Errorf("review %v: properties: %w", v["id"], err)
			}
		}
		var sectors []any
		if l, ok := props["sectors"].([]any); ok {
			sectors = l
			delete(props, "sectors")
		}
		for k, x := range props {
			props[k], _ = propValue(x) // JSON numbers back to integers
		}
		v["key"] = v["fact"]
		rows = append(rows, personRow(v, props, sectors))
	}
	return writePersonFacts(ctx, tx, rows)
}

// UndoReview marks a decision undone (it stays in the audit trail) and
// restores what stood before it: the fact's previous verdict (or none);
// an added fact is removed; a merge is reversed (see undoMerge). The
// error wraps errs.ErrNotFound when there is no such review and
// errs.ErrInvalid when it was undone already.
func (s *Store) UndoReview(ctx context.Context, id, by string) (Decision, error) {
	if err := checkReviewer(by, ""); err != nil {
		return Decision{}, err
	}
	d, err := write(ctx, s, func(tx neo4j.ManagedTransaction) (Decision, error) {
		d, err := single(ctx, tx, `
MATCH (v:Review {id: $id})
RETURN v {.*} AS v`, map[string]any{"id": id})
		if err != nil {
			return d, err
		}
		if d.UndoneAt != "" {
			return d, fmt.Errorf("%w: review %s was undone at %s by %s", errs.ErrInvalid, id, d.UndoneAt, d.UndoneBy)
		}
		switch d.Action {
		case Merged:
			if err := undoMerge(ctx, tx, id); err != nil {
				return d, err
			}
		case Added:
			if _, err := tx.Run(ctx, factByKey+`
WITH r WHERE r.origin = 'person'
DELETE r`, map[string]any{"key": d.Fact}); err != nil {
				return d, err
			}
		}
		d, err = single(ctx, tx, `
MATCH (v:Review {id: $id})
SET v.undone_at = $at, v.undone_by = $by
`+reviewReturn, map[string]any{"id": id, "at": now(), "by": by})
		if err != nil {
			return d, err
		}
		if d.Fact != "" {
			err = restoreVerdict(ctx, tx, d.Fact)
		}
		return d, err
	})
	if err != nil {
		return Decision{}, fmt.Errorf("undo review %s: %w", id, err)
	}
	return d, nil
}

// restoreVerdict makes the latest standing review of a fact its verdict,
// or removes the verdict when none stands.
func restoreVerdict(ctx context.Context, tx neo4j.ManagedTransaction, key string) error {
	_, err := tx.Run(ctx, `
MATCH (c:Verdict {fact: $key})
OPTIONAL MATCH (v:Review {fact: $key})
WHERE v.undone_at IS NULL AND v.action IN ['CONFIRMED', 'REJECTED', 'ADDED']
WITH c, v ORDER BY v.at DESC, v.id DESC
WITH c, collect(v)[0] AS last
FOREACH (_ IN CASE WHEN last IS NULL THEN [1] ELSE [] END | DELETE c)
FOREACH (_ IN CASE WHEN last IS NOT NULL THEN [1] ELSE [] END |
  SET c.verdict = CASE last.action WHEN 'ADDED' THEN 'CONFIRMED' ELSE last.action END,
      c.review = last.id, c.by = last.by, c.at = last.at, c.note = last.note)
WITH c WHERE last IS NOT NULL
`+verdictLabels, map[string]any{"key": key})
	return err
}

// ReviewFilter selects decisions of the audit trail.
type ReviewFilter struct {
	Fact     string // one fact's key
	Document string // decisions on facts read from (or added to) this document
	By       string
	Undone   *bool // nil: both
	First    int
	Skip     int
}

// Reviews lists decisions, newest first.
func (s *Store) Reviews(ctx context.Context, f ReviewFilter) ([]Decision, error) {
	if f.First <= 0 {
		f.First = 100
	}
	var conds []string
	params := map[string]any{"first": int64(f.First), "skip": int64(f.Skip)}
	if f.Fact != "" {
		conds, params["fact"] = append(conds, "v.fact = $fact"), f.Fact
	}
	if f.Document != "" {
		conds, params["document"] = append(conds, "(v.document = $document OR EXISTS { "+factOfReviewInDocument+" })"), f.Document
	}
	if f.By != "" {
		conds, params["by"] = append(conds, "v.by = $by"), f.By
	}
	if f.Undone != nil {
		conds = append(conds, map[bool]string{true: "v.undone_at IS NOT NULL", false: "v.undone_at IS NULL"}[*f.Undone])
	}
	where := ""
	if len(conds) > 0 {
		where = "WHERE " + strings.Join(conds, " AND ")
	}
	out, err := read(ctx, s, func(tx neo4j.ManagedTransaction) ([]Decision, error) {
		res, err := tx.Run(ctx, "MATCH (v:Review) "+where+" WITH v ORDER BY v.at DESC, v.id DESC SKIP $skip LIMIT $first "+reviewReturn, params)
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		ds := make([]Decision, 0, len(recs))
		for _, rec := range recs {
			d, err := decision(rec)
			if err != nil {
				return nil, err
			}
			ds = append(ds, d)
		}
		return ds, nil
	})
	if err != nil {
		return nil, fmt.Errorf("list reviews: %w", err)
	}
	return out, nil
}

// factOfReviewInDocument is true (inside EXISTS) when review v's fact was
// read from $document, through its subject's relationships.
const factOfReviewInDocument = "MATCH (:Entity {id: v.subject})-[r]->(:Entity {id: v.object}) WHERE r.key = v.fact AND $document IN r.documents"

// single runs a query returning one Review as v; no row is ErrNotFound.
func single(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) (Decision, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return Decision{}, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return Decision{}, err
	}
	if len(recs) == 0 {
		return Decision{}, errs.ErrNotFound
	}
	return decision(recs[0])
}

func decision(rec *neo4j.Record) (Decision, error) {
	v, _, err := neo4j.GetRecordValue[map[string]any](rec, "v")
	if err != nil {
		return Decision{}, fmt.Errorf("read review: %w", err)
	}
	str := func(k string) string { s, _ := v[k].(string); return s }
	return Decision{ID: str("id"), Action: str("action"), Fact: str("fact"), By: str("by"), At: str("at"),
		Note: str("note"), UndoneAt: str("undone_at"), UndoneBy: str("undone_by"), Subject: str("subject"),
		Predicate: str("predicate"), Object: str("object"), Modality: str("modality"), Document: str("document"),
		Sentence: str("sentence"), Keep: str("keep"), Merge: str("merged")}, nil
}

// DocumentText returns a document's stored text ("" for a document loaded
// before texts were kept) and the text of its stored sentence start-end
// ("" when no fact cited it); the error wraps errs.ErrNotFound when there
// is no such document.
func (s *Store) DocumentText(ctx context.Context, doc string, start, end int) (text, sentence string, err error) {
	type out struct{ text, sentence string }
	o, err := read(ctx, s, func(tx neo4j.ManagedTransaction) (out, error) {
		res, err := tx.Run(ctx, `
MATCH (d:Document {id: $doc})
OPTIONAL MATCH (t:DocumentText {document: $doc})
OPTIONAL MATCH (sen:Sentence {id: $sid})
RETURN t.text AS text, sen.text AS sentence`, map[string]any{"doc": doc, "sid": SentenceID(doc, start, end)})
		if err != nil {
			return out{}, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return out{}, err
		}
		if len(recs) == 0 {
			return out{}, fmt.Errorf("document %q: %w", doc, errs.ErrNotFound)
		}
		t, err := stringValue(recs[0], "text")
		if err != nil {
			return out{}, err
		}
		sen, err := stringValue(recs[0], "sentence")
		return out{t, sen}, err
	})
	return o.text, o.sentence, err
}

// ReviewedDocument is a document whose facts people reviewed: what they
// confirmed (or added) and what they rejected, as facts of the extract
// contract (no evidence), with the document's stored text.
type ReviewedDocument struct {
	Document  ontology.Doc
	Text      string // "" for a document loaded before texts were kept
	Confirmed []ontology.Relation
	Rejected  []ontology.Relation
}

// ReviewedDocuments lists, by document id, every document with a fact
// that stands confirmed or rejected. One query per relationship type and
// one for the documents, in one read transaction.
func (s *Store) ReviewedDocuments(ctx context.Context) ([]ReviewedDocument, error) {
	out, err := read(ctx, s, func(tx neo4j.ManagedTransaction) ([]ReviewedDocument, error) {
		byDoc := map[string]*ReviewedDocument{}
		for _, p := range ontology.Predicates {
			res, err := tx.Run(ctx, `
MATCH (c:Verdict {predicate: $p})
MATCH (:Entity {id: c.subject})-[r:`+string(p)+` {key: c.fact}]->(:Entity {id: c.object})
UNWIND r.documents AS doc
RETURN doc, c.verdict AS verdict, c.subject AS subject, c.object AS object, properties(r) AS props`, map[string]any{"p": string(p)})
			if err != nil {
				return nil, err
			}
			recs, err := res.Collect(ctx)
			if err != nil {
				return nil, err
			}
			for _, rec := range recs {
				doc, _ := stringValue(rec, "doc")
				verdict, _ := stringValue(rec, "verdict")
				subject, _ := stringValue(rec, "subject")
				object, _ := stringValue(rec, "object")
				props, _, _ := neo4j.GetRecordValue[map[string]any](rec, "props")
				rel := ontology.Relation{Subject: subject, Predicate: p, Object: object, Properties: map[string]any{}}
				if m, ok := props["modality"].(string); ok {
					rel.Modality = ontology.Modality(m)
				}
				for _, k := range IdentityProperties {
					if v, ok := props[k]; ok {
						rel.Properties[k] = v
					}
				}
				d := byDoc[doc]
				if d == nil {
					d = &ReviewedDocument{Document: ontology.Doc{ID: doc}}
					byDoc[doc] = d
				}
				if verdict == Rejected {
					d.Rejected = append(d.Rejected, rel)
				} else {
					d.Confirmed = append(d.Confirmed, rel)
				}
			}
		}
		ids := make([]string, 0, len(byDoc))
		for id := range byDoc {
			ids = append(ids, id)
		}
		res, err := tx.Run(ctx, `
UNWIND $ids AS id
MATCH (d:Document {id: id})
OPTIONAL MATCH (t:DocumentText {document: id})
RETURN id, d.title AS title, d.source AS source, t.text AS text ORDER BY id`, map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return nil, err
		}
		out := make([]ReviewedDocument, 0, len(recs))
		for _, rec := range recs {
			id, _ := stringValue(rec, "id")
			d := byDoc[id]
			d.Document.Title, _ = stringValue(rec, "title")
			d.Document.Source, _ = stringValue(rec, "source")
			d.Text, _ = stringValue(rec, "text")
			out = append(out, *d)
		}
		return out, nil
	})
	if err != nil {
		return nil, fmt.Errorf("reviewed documents: %w", err)
	}
	return out, nil
}
