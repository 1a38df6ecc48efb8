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
