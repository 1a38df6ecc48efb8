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
	identity   string
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
}

// maxSentences bounds the evidence quoted per claim.
const maxSentences = 3

// Conflicts lists the claims that disagree with the reference data or with
// each other, sorted by kind, subject, object. Two memberships agree when
// their roles are equal or both are member/founding_member; a claim
// without a role agrees with any role. Two round trips.
func (db *DB) Conflicts(ctx context.Context) ([]Conflict, error) {
	a, err := db.referenceConflicts(ctx)
	if err != nil {
		return nil, fmt.Errorf("conflicts against reference: %w", err)
	}
	b, err := db.claimConflicts(ctx)
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
// maxSentences quoted sentences.
var claimProjection = `{key: %[1]s.key, props: properties(%[1]s),
  sentences: [id IN %[1]s.evidence[..` + fmt.Sprint(maxSentences) + `] | COLLECT { MATCH (s:Sentence {id: id}) RETURN {id: s.id, document: s.document, text: s.text} }[0]]}`

func (db *DB) referenceConflicts(ctx context.Context) ([]Conflict, error) {
	recs, err := db.read(ctx, fmt.Sprintf(`
MATCH (a:Entity)-[c:MEMBER_OF]->(o:Entity)
WHERE c.origin = 'claim' AND c.modality IN ['asserted', 'reported', 'negated']
OPTIONAL MATCH (a)-[ref:MEMBER_OF]->(o) WHERE ref.origin = 'reference'
WITH a, o, c, collect(ref {.key, .role, .since, .until, .source}) AS refs
RETURN a.id AS sid, a.name AS sname, o.id AS oid, o.name AS oname,
  coalesce(o.members_complete, false) AS complete, refs, %s AS claim`, fmt.Sprintf(claimProjection, "c")), nil)
	if err != nil {
		return nil, err
	}
	var out []Conflict
	for _, rec := range recs {
		subj, obj, err := ends(rec)
		if err != nil {
			return nil, err
		}
		complete, err := value[bool](rec, "complete")
		if err != nil {
			return nil, err
		}
		cm, err := value[map[string]any](rec, "claim")
		if err != nil {
			return nil, err
		}
		claim := toClaim(cm)
		refs, err := referencesValue(rec, "refs")
		if err != nil {
			return nil, err
		}
		var current []Reference
		for _, r := range refs {
			if r.Until == 0 {
				current = append(current, r)
			}
		}
		c := Conflict{Subject: subj, Predicate: ontology.MemberOf, Object: obj, Claim: claim}
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

func (db *DB) claimConflicts(ctx context.Context) ([]Conflict, error) {
	recs, err := db.read(ctx, fmt.Sprintf(`
MATCH (a:Entity)-[c]->(b:Entity)
WHERE c.origin = 'claim' AND c.modality IN ['asserted', 'reported', 'negated']
WITH a, b, type(c) AS predicate, collect(c) AS cs
WHERE size(cs) > 1
RETURN a.id AS sid, a.name AS sname, b.id AS oid, b.name AS oname, predicate,
  [c IN cs | %s] AS claims`, fmt.Sprintf(claimProjection, "c")), nil)
	if err != nil {
		return nil, err
	}
	var out []Conflict
	for _, rec := range recs {
		subj, obj, err := ends(rec)
		if err != nil {
			return nil, err
		}
		pred, err := value[string](rec, "predicate")
		if err != nil {
			return nil, err
		}
		raw, err := value[[]any](rec, "claims")
		if err != nil {
			return nil, err
		}
		claims := make([]Claim, 0, len(raw))
		for _, x := range raw {
			m, ok := x.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("query: claims: %T is not a map", x)
			}
			claims = append(claims, toClaim(m))
		}
		sort.Slice(claims, func(i, j int) bool { return claims[i].Key < claims[j].Key })
		p := ontology.Predicate(pred)
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
					out = append(out, Conflict{Kind: kind, Subject: subj, Predicate: p, Object: obj, Claim: a, Other: &b})
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

func ends(rec *neo4jRecord) (EntityRef, EntityRef, error) {
	var s, o EntityRef
	var err error
	for _, f := range []struct {
		dst *string
		key string
	}{{&s.ID, "sid"}, {&s.Name, "sname"}, {&o.ID, "oid"}, {&o.Name, "oname"}} {
		if *f.dst, err = value[string](rec, f.key); err != nil {
			return s, o, err
		}
	}
	return s, o, nil
}

// toClaim maps the claimProjection of a relationship to a Claim.
func toClaim(m map[string]any) Claim {
	props, _ := m["props"].(map[string]any)
	c := Claim{Key: toString(m["key"]), Role: toString(props["role"]), Modality: ontology.Modality(toString(props["modality"]))}
	c.Confidence = toFloat(props["confidence"])
	c.Documents = append([]string{}, toStrings(props["documents"])...)
	if ss, ok := m["sentences"].([]any); ok {
		for _, x := range ss {
			if sm, ok := x.(map[string]any); ok {
				c.Sentences = append(c.Sentences, Sentence{ID: toString(sm["id"]), Document: toString(sm["document"]), Text: toString(sm["text"])})
			}
		}
	}
	var id []string
	for _, k := range ontology.IdentityProperties {
		if v, ok := props[k]; ok {
			id = append(id, fmt.Sprintf("%s=%v", k, v))
		}
	}
	c.identity = strings.Join(id, "|")
	return c
}

func referencesValue(rec *neo4jRecord, key string) ([]Reference, error) {
	raw, err := value[[]any](rec, key)
	if err != nil {
		return nil, err
	}
	var out []Reference
	for _, x := range raw {
		m, ok := x.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("query: %s: %T is not a map", key, x)
		}
		out = append(out, Reference{Key: toString(m["key"]), Role: toString(m["role"]), Since: toInt(m["since"]),
			Until: toInt(m["until"]), Source: toString(m["source"])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Since > out[j].Since })
	return out, nil
}
