package query

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// ConflictKind says what disagrees with what.
type ConflictKind string

// The kinds of conflict Conflicts reports.
const (
	// A claimed membership role differs from the reference role
	// ("Iran, an SCO observer" when the gazetteer says member since 2023).
	ReferenceRole ConflictKind = "reference_role"
	// A claimed membership the gazetteer lacks, for an organization whose
	// membership it holds completely.
	NoReference ConflictKind = "no_reference_membership"
	// A claim that a membership does not hold where the gazetteer has it.
	ReferenceNegated ConflictKind = "reference_negated"
	// Two claims give the same membership different roles.
	ClaimRole ConflictKind = "claim_role"
	// One claim asserts what another negates.
	ClaimNegation ConflictKind = "claim_negation"
)

// EntityRef names an entity in a conflict.
type EntityRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Sentence is a piece of evidence quoted with a claim.
type Sentence struct {
	ID       string `json:"id"`
	Document string `json:"document"`
	Text     string `json:"text"`
}

// Claim is a fact read from documents.
type Claim struct {
	Key        string            `json:"key"`
	Role       string            `json:"role,omitempty"`
	Modality   ontology.Modality `json:"modality"`
	Confidence float64           `json:"confidence"`
	Documents  []string          `json:"documents"`
	Sentences  []Sentence        `json:"sentences"`
	// Docs are the documents of Documents that exist, in that order, and
	// Evidence the sentences of Sentences with their offsets and documents:
	// what the API shows of the claim, read in the query that found it.
	// Nil when the claim did not come from Conflicts.
	Docs     []*ontology.Doc `json:"-"`
	Evidence []*Evidence     `json:"-"`
	identity string
}

// Reference is a fact of the gazetteer.
type Reference struct {
	Key    string `json:"key"`
	Role   string `json:"role,omitempty"`
	Since  int    `json:"since,omitempty"`
	Until  int    `json:"until,omitempty"`
	Source string `json:"source"`
}

// Conflict is one disagreement: a claim against the reference data
// (Reference set) or against another claim (Other set).
type Conflict struct {
	Kind      ConflictKind       `json:"kind"`
	Subject   EntityRef          `json:"subject"`
	Predicate ontology.Predicate `json:"predicate"`
	Object    EntityRef          `json:"object"`
	Claim     Claim              `json:"claim"`
	Reference *Reference         `json:"reference,omitempty"`
	Other     *Claim             `json:"other,omitempty"`
	// SubjectEntity and ObjectEntity are the ends as full entities, read
	// in the query that found the conflict; nil otherwise.
	SubjectEntity *Entity `json:"-"`
	ObjectEntity  *Entity `json:"-"`
}

// maxSentences bounds the evidence quoted per claim.
const maxSentences = 3

// Conflicts lists the claims that disagree with the reference data or with
// each other, sorted by kind, subject, object. Two memberships agree when
// their roles are equal or both are member/founding_member; a claim
// without a role agrees with any role. Each conflict comes with its ends
// as entities and each claim with its documents and quoted sentences. One
// round trip: a subquery per side, each collected into one list.
func (db *DB) Conflicts(ctx context.Context) ([]Conflict, error) {
	claim := fmt.Sprintf(claimProjection, "c")
	recs, err := db.read(ctx, `
CALL () {
  MATCH (a:Entity)-[c:MEMBER_OF]->(o:Entity)
  WHERE c.origin = 'claim' AND c.modality IN ['asserted', 'reported', 'negated'] AND NOT `+rejected("c")+`
  OPTIONAL MATCH (a)-[ref:MEMBER_OF]->(o) WHERE ref.origin = 'reference'
  WITH a, o, c, collect(ref {.key, .role, .since, .until, .source}) AS refs
  RETURN collect({subject: `+entityMap("a")+`, object: `+entityMap("o")+`,
    complete: coalesce(o.members_complete, false), refs: refs, claim: `+claim+`}) AS reference
}
CALL () {
  MATCH (a:Entity)-[c]->(b:Entity)
  WHERE c.origin = 'claim' AND c.modality IN ['asserted', 'reported', 'negated'] AND NOT `+rejected("c")+`
  WITH a, b, type(c) AS predicate, collect(c) AS cs
  WHERE size(cs) > 1
  RETURN collect({subject: `+entityMap("a")+`, object: `+entityMap("b")+`, predicate: predicate,
    claims: [c IN cs | `+claim+`]}) AS claims
}
RETURN reference, claims`, nil)
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("query: conflicts returned %d records", len(recs))
	}
	rows, err := value[[]any](recs[0], "reference")
	if err != nil {
		return nil, err
	}
	a, err := referenceConflicts(rows)
	if err != nil {
		return nil, fmt.Errorf("conflicts against reference: %w", err)
	}
	if rows, err = value[[]any](recs[0], "claims"); err != nil {
		return nil, err
	}
	b, err := claimConflicts(rows)
	if err != nil {
		return nil, fmt.Errorf("conflicts between claims: %w", err)
	}
	out := append(a, b...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Subject.ID != b.Subject.ID {
			return a.Subject.ID < b.Subject.ID
		}
		if a.Object.ID != b.Object.ID {
			return a.Object.ID < b.Object.ID
		}
		return a.Claim.Key < b.Claim.Key
	})
	return out, nil
}

// claimProjection returns a claim relationship r as a map, with up to
// maxSentences quoted sentences (each with its document, as sentencesOf
// has them) and its documents; decode it with toClaim.
var claimProjection = `{key: %[1]s.key, props: properties(%[1]s),
  sentences: ` + sentencesIn("%[1]s.evidence[.."+fmt.Sprint(maxSentences)+"]") + `,
  documents: COLLECT { UNWIND %[1]s.documents AS did MATCH (d:Document {id: did}) RETURN d {.*} }}`

// referenceConflicts picks the conflicts against the reference data out of
// rows of claimed memberships with the reference memberships of the same
// pair (refs).
func referenceConflicts(rows []any) ([]Conflict, error) {
	var out []Conflict
	for _, row := range rows {
		m, ok := row.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("query: reference conflict row is %T, not a map", row)
		}
		c, err := conflictEnds(m)
		if err != nil {
			return nil, err
		}
		complete, _ := m["complete"].(bool)
		claim, err := toClaim(m["claim"])
		if err != nil {
			return nil, err
		}
		refs, err := toReferences(m["refs"])
		if err != nil {
			return nil, err
		}
		var current []Reference
		for _, r := range refs {
			if r.Until == 0 {
				current = append(current, r)
			}
		}
		c.Predicate, c.Claim = ontology.MemberOf, claim
		switch {
		case claim.Modality == ontology.Negated:
			for _, r := range current {
				if rolesAgree(claim.Role, r.Role) {
					c.Kind, c.Reference = ReferenceNegated, &r
					out = append(out, c)
					break
				}
			}
		case len(current) > 0:
			if !slices.ContainsFunc(current, func(r Reference) bool { return rolesAgree(claim.Role, r.Role) }) {
				r := current[0]
				c.Kind, c.Reference = ReferenceRole, &r
				out = append(out, c)
			}
		case complete:
			c.Kind = NoReference
			if len(refs) > 0 { // a former membership
				r := refs[0]
				c.Reference = &r
			}
			out = append(out, c)
		}
	}
	return out, nil
}

// claimConflicts pairs the claims that disagree out of rows of two or more
// claims of the same type between the same subject and object.
func claimConflicts(rows []any) ([]Conflict, error) {
	var out []Conflict
	for _, row := range rows {
		m, ok := row.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("query: claim conflict row is %T, not a map", row)
		}
		ends, err := conflictEnds(m)
		if err != nil {
			return nil, err
		}
		raw, _ := m["claims"].([]any)
		claims := make([]Claim, 0, len(raw))
		for _, x := range raw {
			c, err := toClaim(x)
			if err != nil {
				return nil, err
			}
			claims = append(claims, c)
		}
		sort.Slice(claims, func(i, j int) bool { return claims[i].Key < claims[j].Key })
		p := ontology.Predicate(toString(m["predicate"]))
		for i := range claims {
			for j := i + 1; j < len(claims); j++ {
				a, b := claims[i], claims[j]
				var kind ConflictKind
				switch {
				case (a.Modality == ontology.Negated) != (b.Modality == ontology.Negated):
					if a.identity == b.identity || a.Role == "" || b.Role == "" {
						kind = ClaimNegation
					}
				case a.Modality != ontology.Negated && p == ontology.MemberOf && !rolesAgree(a.Role, b.Role):
					kind = ClaimRole
				}
				if kind != "" {
					c := ends
					c.Kind, c.Predicate, c.Claim, c.Other = kind, p, a, &b
					out = append(out, c)
				}
			}
		}
	}
	return out, nil
}

// rolesAgree: equal roles agree, member and founding_member agree, and a
// claim that names no role agrees with any.
func rolesAgree(a, b string) bool {
	norm := func(r string) string {
		if r == "founding_member" {
			return "member"
		}
		return r
	}
	return a == "" || b == "" || norm(a) == norm(b)
}

// conflictEnds returns a conflict with the subject and object of a row
// (entity maps), as references and as entities.
func conflictEnds(m map[string]any) (Conflict, error) {
	var c Conflict
	for _, end := range []struct {
		key string
		ref *EntityRef
		e   **Entity
	}{{"subject", &c.Subject, &c.SubjectEntity}, {"object", &c.Object, &c.ObjectEntity}} {
		e, err := toEntity(m[end.key])
		if err != nil {
			return c, fmt.Errorf("%s: %w", end.key, err)
		}
		// The reference keeps the name as stored (toEntity falls back to the id).
		name, _ := m[end.key].(map[string]any)["name"].(string)
		*end.ref, *end.e = EntityRef{ID: e.ID, Name: name}, e
	}
	return c, nil
}

// toClaim maps the claimProjection of a relationship to a Claim.
func toClaim(v any) (Claim, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return Claim{}, fmt.Errorf("query: claim is %T, not a map", v)
	}
	props, _ := m["props"].(map[string]any)
	c := Claim{Key: toString(m["key"]), Role: toString(props["role"]), Modality: ontology.Modality(toString(props["modality"]))}
	c.Confidence = toFloat(props["confidence"])
	c.Documents = append([]string{}, toStrings(props["documents"])...)
	var err error
	if c.Evidence, err = toSentences(m["sentences"]); err != nil {
		return c, err
	}
	if ss, ok := m["sentences"].([]any); ok {
		for _, x := range ss {
			row, _ := x.(map[string]any)
			if sm, ok := row["s"].(map[string]any); ok {
				c.Sentences = append(c.Sentences, Sentence{ID: toString(sm["id"]), Document: toString(sm["document"]), Text: toString(sm["text"])})
			}
		}
	}
	docs, _ := m["documents"].([]any)
	c.Docs = make([]*ontology.Doc, 0, len(docs))
	for _, x := range docs {
		d, err := toDoc(x)
		if err != nil {
			return c, err
		}
		c.Docs = append(c.Docs, d)
	}
	var id []string
	for _, k := range ontology.IdentityProperties {
		if v, ok := props[k]; ok {
			id = append(id, fmt.Sprintf("%s=%v", k, v))
		}
	}
	c.identity = strings.Join(id, "|")
	return c, nil
}

// toReferences decodes a list of reference membership maps, latest first.
func toReferences(v any) ([]Reference, error) {
	raw, _ := v.([]any)
	var out []Reference
	for _, x := range raw {
		m, ok := x.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("query: reference is %T, not a map", x)
		}
		out = append(out, Reference{Key: toString(m["key"]), Role: toString(m["role"]), Since: toInt(m["since"]),
			Until: toInt(m["until"]), Source: toString(m["source"])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Since > out[j].Since })
	return out, nil
}
