// Package ontology holds diplograph's vocabulary: the node kinds, relationship
// types and modalities of docs/ONTOLOGY.md, and the types of the extract
// contract (Document, Entity, Relation, Evidence, Extraction). It knows nothing of
// Neo4j, GraphQL or how text is read; every other package speaks through it.
package ontology

import "slices"

// Label is a node kind; it is also the node's Neo4j label.
type Label string

// The node kinds of the ontology.
const (
	Country      Label = "Country"
	Organization Label = "Organization"
	Region       Label = "Region"
	Agreement    Label = "Agreement"
	Project      Label = "Project"
	Process      Label = "Process"
	Sector       Label = "Sector"
	Document     Label = "Document"
)

// KindInfo describes an entity kind.
type KindInfo struct {
	Label Label
	Doc   string // one sentence, shown in the GraphQL schema
}

// Kinds is the one list of entity kinds (Document excluded), in a stable
// order: the GraphQL EntityKind enum is generated from it (go generate
// ./graph), and a test holds gqlgen.yml's bindings to it.
var Kinds = []KindInfo{
	{Country, "A state, id ISO 3166-1 alpha-2."},
	{Organization, "An organization: intergovernmental body, company, university, armed group, ..."},
	{Region, "A region such as the Middle East (region:middle-east)."},
	{Agreement, "An agreement between parties (a free trade agreement)."},
	{Project, "A project (a pipeline, a corridor)."},
	{Process, "A diplomatic process, negotiation, dialogue, forum, summit or exercise."},
	{Sector, "A sector of activity (trade, energy, civil-aviation)."},
}

// Labels lists every entity kind (Document excluded), in the order of Kinds.
var Labels = func() []Label {
	out := make([]Label, len(Kinds))
	for i, k := range Kinds {
		out[i] = k.Label
	}
	return out
}()

// Valid reports whether l is a node kind of the ontology (Document included).
func (l Label) Valid() bool {
	return l == Document || slices.Contains(Labels, l)
}

// Reified reports whether nodes of this kind stand for a fact-like thing
// (agreement, project, process) that exists in the graph only because a
// document speaks of it, as opposed to reference entities (countries, ...).
func (l Label) Reified() bool {
	return l == Agreement || l == Project || l == Process
}

// Predicate is a relationship type.
type Predicate string

// The relationship types of the ontology.
const (
	MemberOf       Predicate = "MEMBER_OF"
	PartyTo        Predicate = "PARTY_TO"
	PartnerIn      Predicate = "PARTNER_IN"
	Hosts          Predicate = "HOSTS"
	Mediates       Predicate = "MEDIATES"
	ParticipatesIn Predicate = "PARTICIPATES_IN"
	Concerns       Predicate = "CONCERNS"
	CooperatesWith Predicate = "COOPERATES_WITH"
	InvestsIn      Predicate = "INVESTS_IN"
	InSector       Predicate = "IN_SECTOR"
	LocatedIn      Predicate = "LOCATED_IN"
	PartOf         Predicate = "PART_OF"
	ExportsTo      Predicate = "EXPORTS_TO"
	InConflictWith Predicate = "IN_CONFLICT_WITH"
	Sanctions      Predicate = "SANCTIONS"
)

// PredicateInfo describes a relationship type: what may stand at its ends
// and which properties it carries besides those every fact has.
type PredicateInfo struct {
	Predicate  Predicate
	Doc        string  // one sentence, shown in the GraphQL schema
	From, To   []Label // the node kinds at its start and end
	Properties []string
	// Symmetric types hold both ways: a document states each pair once,
	// and "A COOPERATES_WITH B" is "B COOPERATES_WITH A".
	Symmetric bool
}

// Vocabulary is the one list of relationship types: the GraphQL enum is
// generated from it (go generate ./graph), and tests compare the Cypher
// migrations, the benchmark and the model diagram with it. Adding a type
// is adding an entry here (and its constant above); docs/ONTOLOGY.md says
// what else follows.
var Vocabulary = []PredicateInfo{
	{MemberOf, "Country/Organization is a member of an Organization (role: member, founding_member, observer, dialogue_partner).",
		actors, []Label{Organization}, []string{"role", "since", "until"}, false},
	{PartyTo, "Country/Organization is party to an Agreement.",
		actors, []Label{Agreement}, []string{"role"}, false},
	{PartnerIn, "Country/Organization is partner in a Project (role: builder, supplier, customer, partner).",
		actors, []Label{Project}, []string{"role"}, false},
	{Hosts, "Country/Organization hosts a Process.",
		actors, []Label{Process}, nil, false},
	{Mediates, "Country/Organization mediates a Process.",
		actors, []Label{Process}, nil, false},
	{ParticipatesIn, "Country/Organization participates in a Process or Organization.",
		actors, []Label{Process, Organization}, []string{"role"}, false},
	{Concerns, "A Process/Agreement/Project concerns a Country, Region or Sector (topic).",
		reified, []Label{Country, Region, Sector}, []string{"topic"}, false},
	{CooperatesWith, "Two actors cooperate (sectors, mechanism).",
		actors, []Label{Country, Organization, Region}, []string{"sectors", "mechanism"}, true},
	{InvestsIn, "An actor invests in a Country or Project (sector).",
		actors, []Label{Country, Project}, []string{"sector"}, false},
	{InSector, "An Agreement/Project/Process belongs to a Sector.",
		reified, []Label{Sector}, nil, false},
	{LocatedIn, "A Country lies in a Region.",
		[]Label{Country}, []Label{Region}, nil, false},
	{PartOf, "An Organization is an organ of a larger one.",
		[]Label{Organization}, []Label{Organization}, nil, false},
	{ExportsTo, "An actor exports a commodity to a Country or Region.",
		actors, []Label{Country, Region}, []string{"commodity"}, false},
	{InConflictWith, "Two actors are in conflict (kind: armed, territorial, political).",
		actors, actors, []string{"kind"}, true},
	{Sanctions, "An actor sanctions another (since).",
		actors, actors, []string{"since"}, false},
}

var (
	actors  = []Label{Country, Organization}
	reified = []Label{Agreement, Project, Process}
)

// IdentityProperties are the relation properties that tell two facts
// between the same nodes apart: KZ MEMBER_OF SCO as member and as observer
// are two claims, while the sectors of a cooperation or the year of a
// membership are attributes of one claim.
var IdentityProperties = []string{"role", "commodity", "sector", "kind", "topic"}

// Predicates lists every relationship type, in the order of Vocabulary.
var Predicates = func() []Predicate {
	out := make([]Predicate, len(Vocabulary))
	for i, v := range Vocabulary {
		out[i] = v.Predicate
	}
	return out
}()

// Symmetric reports whether p holds both ways (Vocabulary).
func (p Predicate) Symmetric() bool {
	for _, v := range Vocabulary {
		if v.Predicate == p {
			return v.Symmetric
		}
	}
	return false
}

// Allows reports whether a fact of type p may go from a node of kind from
// to one of kind to, as Vocabulary says; false for an unknown type.
func (p Predicate) Allows(from, to Label) bool {
	for _, v := range Vocabulary {
		if v.Predicate == p {
			return slices.Contains(v.From, from) && slices.Contains(v.To, to)
		}
	}
	return false
}

// Valid reports whether p is a relationship type of the ontology. Because
// relationship types cannot be Cypher parameters, only valid predicates may
// ever be spliced into a query.
func (p Predicate) Valid() bool {
	for _, q := range Predicates {
		if p == q {
			return true
		}
	}
	return false
}

// Modality says how a source states a fact.
type Modality string

// The modalities of the ontology.
const (
	Asserted Modality = "asserted"
	Expected Modality = "expected"
	Negated  Modality = "negated"
	Reported Modality = "reported"
)

// ModalityInfo describes a modality.
type ModalityInfo struct {
	Modality Modality
	Doc      string // one sentence, shown in the GraphQL schema
}

// Modalities is the one list of modalities; the GraphQL Modality enum is
// generated from it (go generate ./graph).
var Modalities = []ModalityInfo{
	{Asserted, "Stated as fact."},
	{Expected, "Expected or future (\"is expected to\", \"will\")."},
	{Negated, "Denied."},
	{Reported, "Reported second-hand (\"according to\")."},
}

// Valid reports whether m is a modality of the ontology.
func (m Modality) Valid() bool {
	for _, v := range Modalities {
		if v.Modality == m {
			return true
		}
	}
	return false
}

// Verdict is a person's decision on a fact (curation): the GraphQL Verdict
// enum.
type Verdict string

// Verdicts.
const (
	Confirmed Verdict = "CONFIRMED"
	Rejected  Verdict = "REJECTED"
)

// Valid reports whether v is a verdict.
func (v Verdict) Valid() bool { return v == Confirmed || v == Rejected }
