package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/diplograph/diplograph/graph/model"
	"github.com/diplograph/diplograph/internal/auth"
	"github.com/diplograph/diplograph/internal/errs"
	"github.com/diplograph/diplograph/internal/extract/text"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/query"
	"github.com/diplograph/diplograph/internal/store"
)

// Curator records people's decisions on the graph (internal/store's
// curation); the review mutations need one.
type Curator interface {
	ReviewFact(ctx context.Context, key, verdict, by, note string) (store.Decision, error)
	AddFact(ctx context.Context, f store.NewFact, by string) (store.Decision, error)
	MergeEntities(ctx context.Context, keep, merge, by, note string) (store.Decision, error)
	UndoReview(ctx context.Context, id, by string) (store.Decision, error)
	Reviews(ctx context.Context, f store.ReviewFilter) ([]store.Decision, error)
	DocumentText(ctx context.Context, doc string, start, end int) (text, sentence string, err error)
}

// maxReviewsPage bounds reviews' first.
const maxReviewsPage = 500

// maxAddedProperties bounds the properties of an added fact.
const maxAddedProperties = 20

func (r *Resolver) curator() (Curator, error) {
	if r.Curator == nil {
		return nil, fmt.Errorf("review: no store configured: %w", errs.ErrUnavailable)
	}
	return r.Curator, nil
}

// reviewer is who makes the request: the name of its API key.
func reviewer(ctx context.Context) string {
	if n := auth.StatusFrom(ctx).Name; n != "" {
		return n
	}
	return "anonymous"
}

// factOf reads back the fact a decision is about, with its review, in one
// round trip (an index seek on its type's key).
func (r *Resolver) factOf(ctx context.Context, d store.Decision) (*query.Relation, error) {
	fields := relationFields(ctx)
	fields.IncludeRejected = true
	page, err := r.DB.Relations(ctx, query.RelationFilter{Key: d.Fact, Types: []ontology.Predicate{ontology.Predicate(d.Predicate)},
		IncludeRejected: true}, 1, 0, &fields, false)
	if err != nil {
		return nil, err
	}
	if len(page.Relations) == 0 {
		return nil, fmt.Errorf("fact %s: %w", d.Fact, errs.ErrNotFound)
	}
	return page.Relations[0], nil
}

// newFact checks an addFact input: its properties decode, and its evidence
// is a sentence of the stored document (one the segmenter finds in its
// stored text, or a stored evidence sentence).
func (r *Resolver) newFact(ctx context.Context, c Curator, in model.AddFactInput) (store.NewFact, error) {
	rel := ontology.Relation{Subject: strings.TrimSpace(in.Subject), Predicate: in.Type, Object: strings.TrimSpace(in.Object),
		Modality: ontology.Asserted, Properties: map[string]any{}}
	if in.Modality != nil {
		rel.Modality = *in.Modality
	}
	if len(in.Properties) > maxAddedProperties {
		return store.NewFact{}, badInput(fmt.Sprintf("at most %d properties", maxAddedProperties))
	}
	for _, p := range in.Properties {
		var v any
		if err := json.Unmarshal([]byte(p.Value), &v); err != nil {
			return store.NewFact{}, badInput(fmt.Sprintf("property %q: value is not JSON: %v", p.Key, err))
		}
		rel.Properties[p.Key] = v
	}
	ev := in.Evidence
	if ev == nil {
		return store.NewFact{}, badInput("evidence is required")
	}
	full, stored, err := c.DocumentText(ctx, strings.TrimSpace(ev.Document), ev.Start, ev.End)
	if err != nil {
		return store.NewFact{}, err
	}
	sentence := stored
	if sentence == "" {
		for _, s := range sentencesOf(ev.Document, full) {
			if s.Start == ev.Start && s.End == ev.End {
				sentence = s.Text
			}
		}
	}
	if sentence == "" {
		return store.NewFact{}, badInput(fmt.Sprintf("%d-%d is not a sentence of document %s (Document.sentences lists them)", ev.Start, ev.End, ev.Document))
	}
	rel.Evidence = []ontology.Evidence{{Document: strings.TrimSpace(ev.Document), Sentence: sentence, Start: ev.Start, End: ev.End}}
	return store.NewFact{Relation: rel, Note: str(in.Note)}, nil
}

// sentencesOf cuts a document's stored text into sentences as the surface
// reader does, with rune offsets.
func sentencesOf(doc, t string) []*model.Sentence {
	out := []*model.Sentence{}
	if t == "" {
		return out
	}
	runes := text.NewRunes(t)
	for _, seg := range text.Split(t, 0, 0) {
		s := strings.TrimSpace(seg.Text(t))
		if s == "" {
			continue
		}
		start, end := runes.Of(seg.Start), runes.Of(seg.End)
		out = append(out, &model.Sentence{ID: store.SentenceID(doc, start, end), Text: seg.Text(t), Start: start, End: end})
	}
	return out
}

// decisionOf is a decision as GraphQL shows it.
func decisionOf(d store.Decision) *model.Decision {
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	out := &model.Decision{ID: d.ID, Action: model.ReviewAction(d.Action), By: d.By, At: d.At, Note: opt(d.Note),
		UndoneAt: opt(d.UndoneAt), UndoneBy: opt(d.UndoneBy), Fact: opt(d.Fact), Subject: opt(d.Subject),
		Object: opt(d.Object), Document: opt(d.Document), Sentence: opt(d.Sentence), Keep: opt(d.Keep), Merge: opt(d.Merge)}
	if d.Predicate != "" {
		p := ontology.Predicate(d.Predicate)
		out.Predicate = &p
	}
	return out
}
