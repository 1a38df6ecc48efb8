// Package ontology holds diplograph's vocabulary: the node kinds, relationship
// types and modalities of ONTOLOGY.md, and the types of the extract contract
// (Document, Entity, Relation, Evidence, Extraction). It knows nothing of
// Neo4j, GraphQL or how text is read; every other package speaks through it.
package ontology

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

// Labels lists every entity kind (Document excluded), in a stable order.
var Labels = []Label{Country, Organization, Region, Agreement, Project, Process, Sector}

// Valid reports whether l is a node kind of the ontology (Document included).
func (l Label) Valid() bool {
	switch l {
	case Country, Organization, Region, Agreement, Project, Process, Sector, Document:
		return true
	}
	return false
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

// Predicates lists every relationship type, in a stable order.
var Predicates = []Predicate{
	MemberOf, PartyTo, PartnerIn, Hosts, Mediates, ParticipatesIn, Concerns,
	CooperatesWith, InvestsIn, InSector, LocatedIn, PartOf, ExportsTo,
	InConflictWith, Sanctions,
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

// Valid reports whether m is a modality of the ontology.
func (m Modality) Valid() bool {
	switch m {
	case Asserted, Expected, Negated, Reported:
		return true
	}
	return false
}
