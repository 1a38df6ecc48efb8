package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/errs"
	"github.com/diplograph/diplograph/internal/ontology"
)

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
