package query

import (
	"fmt"
	"sort"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// Entity is one entity node (any ontology.Label but Document) as the graph
// holds it: the extract contract's entity (its Properties are the node's
// other scalar properties: year, commodity, ...) with what the graph adds.
type Entity struct {
	ontology.Entity
	Kind      string // the node's own `kind` property: free_trade, intergovernmental, ...
	Reference bool   // true when the node comes from the gazetteer
}

// Direction says which way a relation points from the entity it was listed from.
type Direction string

// Directions.
const (
	Out  Direction = "OUT"
	In   Direction = "IN"
	Both Direction = "BOTH"
)

// Valid reports whether d is a direction.
func (d Direction) Valid() bool { return d == Out || d == In || d == Both }

// Relation is one fact: a relationship of type Type from Subject to Object.
type Relation struct {
	Key        string
	Type       ontology.Predicate
	Subject    string
	Object     string
	Origin     string // "claim" or "reference"
	Modality   ontology.Modality
	Confidence float64
	Evidence   []string // Sentence ids
	Documents  []string // Document ids
	// Properties holds the fact's own properties (role, sectors, year, since, ...).
	Properties map[string]any

	// From is the id of the entity the relation was listed from ("" when
	// listed on its own); it decides Target and Direction.
	From string
	// SubjectEntity and ObjectEntity are filled when the query that found
	// the relation had the end nodes at hand; nil otherwise.
	SubjectEntity, ObjectEntity *Entity
	// Sentences are the fact's evidence sentences with their documents, in
	// the order of Evidence, when the query that found the relation fetched
	// them (WalkOptions.Evidence); nil otherwise.
	Sentences []*Evidence
	// Docs are the fact's documents, in the order of Documents, when the
	// query that found the relation fetched them (WalkOptions.Documents);
	// nil otherwise.
	Docs []*ontology.Doc
	// Review is the standing decision of a person on the fact, when the
	// query read it (WalkOptions.Review) and there is one.
	Review *Review
	// Position is the relation's offset in the list it came from (for cursors).
	Position int
}

// Target is the id of the other end as seen from From (the object when From is
// empty or the subject).
func (r *Relation) Target() string {
	if r.From != "" && r.From == r.Object && r.From != r.Subject {
		return r.Subject
	}
	return r.Object
}

// TargetEntity is the other end's entity when known.
func (r *Relation) TargetEntity() *Entity {
	if r.Target() == r.Subject && r.Subject != r.Object {
		return r.SubjectEntity
	}
	return r.ObjectEntity
}

// Direction is OUT when From is the subject, IN when it is the object.
func (r *Relation) Direction() Direction {
	if r.From != "" && r.From == r.Object && r.From != r.Subject {
		return In
	}
	return Out
}

// Dated is the fact's year (or since) when it has one, else 0.
func (r *Relation) Dated() int {
	if y := toInt(r.Properties["year"]); y != 0 {
		return y
	}
	return toInt(r.Properties["since"])
}

// Evidence is one sentence supporting facts, with its document.
type Evidence struct {
	ID       string // "<docid>:<start>-<end>"
	Text     string
	Start    int
	End      int
	Document ontology.Doc
}

// The document's fields as GraphQL reads them on the sentence: methods, so
// the executor marshals them inline instead of calling a resolver per
// element; nil when the document does not say.

// Title is the document's title.
func (e *Evidence) Title() *string { return nonEmpty(e.Document.Title) }

// Source is the document's source (URL or name).
func (e *Evidence) Source() *string { return nonEmpty(e.Document.Source) }

// Publisher is the document's publisher.
func (e *Evidence) Publisher() *string { return nonEmpty(e.Document.Publisher) }

// PublishedAt is the document's publication date.
func (e *Evidence) PublishedAt() *string { return nonEmpty(e.Document.PublishedAt) }

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Direction of an ordering.
type SortDirection string

// Sort directions.
const (
	Asc  SortDirection = "ASC"
	Desc SortDirection = "DESC"
)

// entityProjection returns a node as a map; decode it with toEntity.
const entityProjection = "%s {.*, labels: labels(%s)}"

func entityMap(v string) string { return fmt.Sprintf(entityProjection, v, v) }

// relationProjection returns a relationship as a map; decode it with toRelation.
func relationMap(r string) string {
	return fmt.Sprintf("{props: properties(%s), type: type(%s), subject: startNode(%s).id, object: endNode(%s).id, _review: %s}", r, r, r, r, reviewOf(r))
}

// entitySkip are the keys of a projected entity that are not its own
// properties: the graph's fields (ontology.EntityFields) and the
// projection's kind and labels.
var entitySkip = func() map[string]bool {
	m := map[string]bool{"kind": true, "labels": true}
	for _, f := range ontology.EntityFields {
		m[f] = true
	}
	return m
}()

func toEntity(v any) (*Entity, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("query: entity is %T, not a map", v)
	}
	e := &Entity{
		Entity:    ontology.Entity{ID: toString(m["id"]), Name: toString(m["name"]), Aliases: toStrings(m["aliases"])},
		Kind:      toString(m["kind"]),
		Reference: m["reference"] == true,
	}
	e.Label = labelOf(m["labels"])
	for k, val := range m {
		if entitySkip[k] {
			continue
		}
		if e.Properties == nil {
			e.Properties = map[string]any{}
		}
		e.Properties[k] = val
	}
	if e.ID == "" {
		return nil, fmt.Errorf("query: entity without id")
	}
	if e.Name == "" {
		e.Name = e.ID
	}
	return e, nil
}

// labelOf is the node label among a node's labels (a list from Cypher's
// labels()), read without copying the list.
func labelOf(v any) ontology.Label {
	ls, _ := v.([]any)
	for _, l := range ls {
		if s, ok := l.(string); ok {
			if lab := ontology.Label(s); lab.Valid() && lab != ontology.Document {
				return lab
			}
		}
	}
	for _, l := range toStrings(v) { // other list types (tests, older rows)
		if lab := ontology.Label(l); lab.Valid() && lab != ontology.Document {
			return lab
		}
	}
	return ""
}

// relationSkip are the graph's fields of a fact (ontology.RelationFields).
var relationSkip = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range ontology.RelationFields {
		m[f] = true
	}
	return m
}()

func toRelation(v any) (*Relation, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("query: relation is %T, not a map", v)
	}
	// Two forms: relationMap's {props, type, subject, object}, and
	// relationOf's flat map of properties with _type, _subject, _object and
	// the lists it adds (_evidence, _docs).
	props, nested := m["props"].(map[string]any)
	typ, subject, object := m["type"], m["subject"], m["object"]
	if !nested {
		props = m
		typ, subject, object = m["_type"], m["_subject"], m["_object"]
	}
	r := &Relation{
		Type:       ontology.Predicate(toString(typ)),
		Subject:    toString(subject),
		Object:     toString(object),
		Key:        toString(props["key"]),
		Origin:     toString(props["origin"]),
		Modality:   ontology.Modality(toString(props["modality"])),
		Confidence: toFloat(props["confidence"]),
		Evidence:   toStrings(props["evidence"]),
		Documents:  toStrings(props["documents"]),
	}
	if r.Modality == "" {
		r.Modality = ontology.Asserted
	}
	if r.Origin == "" {
		r.Origin = "claim"
	}
	if r.Key == "" {
		r.Key = defaultKey(r)
	}
	for k, val := range props {
		if relationSkip[k] || val == nil || strings.HasPrefix(k, "_") {
			continue
		}
		if r.Properties == nil {
			r.Properties = map[string]any{}
		}
		r.Properties[k] = val
	}
	r.Review = toReview(m["_review"])
	// The lists relationOf adds when asked, present (possibly empty) only then.
	if v, ok := m["_evidence"]; ok {
		var err error
		if r.Sentences, err = toSentences(v); err != nil {
			return nil, err
		}
	}
	if v, ok := m["_docs"]; ok {
		rows, _ := v.([]any)
		r.Docs = make([]*ontology.Doc, 0, len(rows))
		for _, row := range rows {
			d, err := toDoc(row)
			if err != nil {
				return nil, err
			}
			r.Docs = append(r.Docs, d)
		}
	}
	return r, nil
}

// defaultKey addresses a relationship written outside the loader, which
// has no key.
func defaultKey(r *Relation) string {
	return fmt.Sprintf("%s|%s|%s", r.Subject, r.Type, r.Object)
}

func toDoc(v any) (*ontology.Doc, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("query: document is %T, not a map", v)
	}
	return &ontology.Doc{
		ID:          toString(m["id"]),
		Title:       toString(m["title"]),
		Source:      toString(m["source"]),
		Publisher:   toString(m["publisher"]),
		Authors:     toStrings(m["authors"]),
		PublishedAt: toString(m["published_at"]),
		Length:      toInt(m["length"]),
		Engine:      toString(m["engine"]),
	}, nil
}

func toString(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case nil:
		return ""
	default:
		return fmt.Sprint(t)
	}
}

func toStrings(v any) []string {
	switch t := v.(type) {
	case []string:
		return t
	case []any:
		out := make([]string, 0, len(t))
		for _, x := range t {
			if x != nil {
				out = append(out, toString(x))
			}
		}
		return out
	case string:
		return []string{t}
	}
	return nil
}

func toInt(v any) int {
	switch t := v.(type) {
	case int64:
		return int(t)
	case int:
		return t
	case float64:
		return int(t)
	}
	return 0
}

func toFloat(v any) float64 {
	switch t := v.(type) {
	case float64:
		return t
	case int64:
		return float64(t)
	}
	return 0
}

// predicateList validates types (empty means all) and returns them as the
// relationship-type pattern to splice, e.g. "MEMBER_OF|PARTY_TO".
func predicateList(types []ontology.Predicate) (string, error) {
	if len(types) == 0 {
		types = ontology.Predicates
	}
	seen := map[ontology.Predicate]bool{}
	var out []string
	for _, t := range types {
		if !t.Valid() {
			return "", invalid("unknown relationship type %q", t)
		}
		if !seen[t] {
			seen[t] = true
			out = append(out, string(t))
		}
	}
	sort.Strings(out)
	s := ""
	for i, t := range out {
		if i > 0 {
			s += "|"
		}
		s += t
	}
	return s, nil
}
