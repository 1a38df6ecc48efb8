package query

import (
	"context"
	"fmt"

	"github.com/diplograph/diplograph/internal/ontology"
)

// EvidenceByID returns the sentences with the given ids and their documents,
// keyed by sentence id. One round trip.
func (db *DB) EvidenceByID(ctx context.Context, ids []string) (map[string]*Evidence, error) {
	out := make(map[string]*Evidence, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := db.read(ctx, `MATCH (s:Sentence) WHERE s.id IN $ids
OPTIONAL MATCH (s)-[:IN_DOCUMENT]->(d:Document)
RETURN s {.*} AS s, d {.*} AS d`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		ev, err := evidenceRow(rec)
		if err != nil {
			return nil, err
		}
		out[ev.ID] = ev
	}
	return out, nil
}

// evidenceRow decodes a record with columns s (sentence map) and d (document map).
func evidenceRow(rec *neo4jRecord) (*Evidence, error) {
	sv, err := value[map[string]any](rec, "s")
	if err != nil {
		return nil, err
	}
	dv, err := value[map[string]any](rec, "d")
	if err != nil {
		return nil, err
	}
	return toEvidence(sv, dv)
}

// sentencesOf is the list of relationship r's evidence sentences, each with
// its document, in the order of r.evidence (ids without a sentence left
// out, as EvidenceByID does); decode it with toSentences.
func sentencesOf(r string) string { return sentencesIn(r + ".evidence") }

// sentencesIn is sentencesOf for a list expression of sentence ids (a
// slice of a relationship's evidence, say).
func sentencesIn(ids string) string {
	// The subquery's variables have names no caller uses: a COLLECT
	// subquery sees the outer scope.
	return `COLLECT { UNWIND ` + ids + ` AS ev_id MATCH (ev_s:Sentence {id: ev_id})
    OPTIONAL MATCH (ev_s)-[:IN_DOCUMENT]->(ev_d:Document)
    RETURN {s: ev_s {.id, .text, .start, .end, .document}, d: ev_d {.*}} }`
}

// documentsOf is the list of relationship r's documents in the order of
// r.documents (ids without a document left out, as DocumentsByID does);
// toRelation decodes it.
func documentsOf(r string) string {
	return `COLLECT { UNWIND coalesce(` + r + `.documents, []) AS doc_id MATCH (doc_d:Document {id: doc_id}) RETURN doc_d {.*} }`
}

// toSentences decodes a sentencesOf list (never nil).
func toSentences(v any) ([]*Evidence, error) {
	rows, _ := v.([]any)
	out := make([]*Evidence, 0, len(rows))
	for _, row := range rows {
		m, _ := row.(map[string]any)
		sv, _ := m["s"].(map[string]any)
		dv, _ := m["d"].(map[string]any)
		ev, err := toEvidence(sv, dv)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, nil
}

// toEvidence decodes a sentence map and its document map (nil when the
// sentence has no document node).
func toEvidence(sv, dv map[string]any) (*Evidence, error) {
	if sv == nil {
		return nil, fmt.Errorf("query: evidence without sentence")
	}
	return newEvidence(toString(sv["id"]), toString(sv["text"]), toInt(sv["start"]), toInt(sv["end"]), toString(sv["document"]), dv)
}

// newEvidence is a sentence with its document: dv decoded when there is a
// document node (nil otherwise), else only the sentence's document id.
func newEvidence(id, text string, start, end int, docID string, dv map[string]any) (*Evidence, error) {
	ev := &Evidence{ID: id, Text: text, Start: start, End: end}
	if dv != nil {
		d, err := toDoc(dv)
		if err != nil {
			return nil, err
		}
		ev.Document = *d
	} else {
		ev.Document.ID = docID
	}
	return ev, nil
}

// DocumentsByID returns the documents with the given ids, keyed by id.
func (db *DB) DocumentsByID(ctx context.Context, ids []string) (map[string]*ontology.Doc, error) {
	out := make(map[string]*ontology.Doc, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := db.read(ctx, "MATCH (d:Document) WHERE d.id IN $ids RETURN d {.*} AS d", map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		dv, err := value[map[string]any](rec, "d")
		if err != nil {
			return nil, err
		}
		d, err := toDoc(dv)
		if err != nil {
			return nil, err
		}
		out[d.ID] = d
	}
	return out, nil
}

// DocumentParts says what Documents reads beside the page.
type DocumentParts struct {
	// Count counts every document (DocumentPage.Total).
	Count bool
	// Relations lists each document's facts as DocumentRelations does.
	Relations *DocumentRelationOptions
}

// DocumentRelationOptions are DocumentRelations' page and fields.
type DocumentRelationOptions struct {
	First, Skip int
	Fields      *WalkOptions
}

// DocumentPage is a page of documents with what DocumentParts asked for.
type DocumentPage struct {
	Documents []*ontology.Doc
	Total     int                    // -1 when not counted
	Relations map[string][]*Relation // by document id, when asked
}

// Documents lists documents by publication date (newest first), then id,
// with what parts asks for. One round trip.
func (db *DB) Documents(ctx context.Context, first, skip int, parts DocumentParts) (*DocumentPage, error) {
	params := map[string]any{"first": first, "skip": skip}
	cypher := ""
	if parts.Count {
		cypher = "CALL () { MATCH (d:Document) RETURN count(d) AS c }\n"
	}
	rels := "[]"
	call := ""
	if o := parts.Relations; o != nil {
		var err error
		if call, err = documentRelationsCall(o.Fields, "rskip", "rfirst"); err != nil {
			return nil, err
		}
		params["rfirst"], params["rskip"] = o.First, o.Skip
		rels = "rows"
	}
	cypher += `CALL () {
  MATCH (d:Document) WITH d ORDER BY d.published_at DESC, d.id SKIP $skip LIMIT $first
  ` + call + `
  RETURN collect({d: d {.*}, rows: ` + rels + `}) AS docs
}
RETURN docs`
	if parts.Count {
		cypher += ", c"
	}
	recs, err := db.read(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	page := &DocumentPage{Total: -1}
	if parts.Relations != nil {
		page.Relations = map[string][]*Relation{}
	}
	if len(recs) == 0 {
		return page, nil
	}
	docs, err := value[[]any](recs[0], "docs")
	if err != nil {
		return nil, err
	}
	for _, row := range docs {
		m, _ := row.(map[string]any)
		d, err := toDoc(m["d"])
		if err != nil {
			return nil, err
		}
		page.Documents = append(page.Documents, d)
		if parts.Relations != nil {
			rows, _ := m["rows"].([]any)
			if page.Relations[d.ID], err = toRelationRows(rows, parts.Relations.Skip); err != nil {
				return nil, err
			}
		}
	}
	if parts.Count {
		c, err := value[int64](recs[0], "c")
		if err != nil {
			return nil, err
		}
		page.Total = int(c)
	}
	return page, nil
}

// CountDocuments counts documents.
func (db *DB) CountDocuments(ctx context.Context) (int, error) {
	recs, err := db.read(ctx, "MATCH (d:Document) RETURN count(d) AS c", nil)
	if err != nil || len(recs) == 0 {
		return 0, err
	}
	c, err := value[int64](recs[0], "c")
	return int(c), err
}
