// Package gazetteer holds diplograph's reference data: countries, intergovernmental
// organizations and non-state actors, regions and sectors, with every surface form
// (names, aliases, former names, demonyms, capitals, acronyms, sector terms) that
// the extractor resolves to a canonical id. The data lives in seed/gazetteer/*.json
// ("reference data as data, not code"); this package loads and validates it.
package gazetteer

import (
	"github.com/diplograph/diplograph/internal/ontology"
	"slices"
)

// UN statuses of a country.
const (
	UNMember   = "member"
	UNObserver = "observer"
	UNNone     = "none"
)

// Membership roles.
const (
	RoleMember          = "member"
	RoleFoundingMember  = "founding_member"
	RoleObserver        = "observer"
	RoleDialoguePartner = "dialogue_partner"
	RoleAssociateMember = "associate_member"
	RolePartner         = "partner"
)

// Gazetteer is the whole reference data set. Build it with Load or Default:
// they validate the data, complete derived fields and index it for lookups.
// Slices are sorted by ID. Treat a loaded Gazetteer as read-only.
type Gazetteer struct {
	Countries     []Country      `json:"countries"`
	Organizations []Organization `json:"organizations"`
	Regions       []Region       `json:"regions"`
	Sectors       []Sector       `json:"sectors"`
	// Ambiguities are surface forms that name more than one entity ("Congo",
	// "Brussels"). They resolve to nothing on their own; an extractor may use
	// the candidates with context, or skip them.
	Ambiguities []Ambiguity `json:"ambiguities"`
	// People are holders of a state's government offices, by name: they
	// are no entities of the graph; the extractor reads "President Obama"
	// as the state he acted for.
	People []Person `json:"people"`
	// Cities are the larger cities of the states besides their capitals:
	// no entities of the graph and no metonyms of a government, they say
	// where something happens ("talks in Jeddah": Saudi Arabia).
	Cities []City `json:"cities"`

	index *index // built by Load; nil for a Gazetteer built by hand
}

// Country is a state, keyed by its ISO 3166-1 alpha-2 code.
type Country struct {
	ID       string `json:"id"`       // ISO 3166-1 alpha-2, upper case: "TR"
	Name     string `json:"name"`     // display name the country uses in English: "Türkiye"
	Official string `json:"official"` // official long name: "Republic of Türkiye"
	// Aliases are the common other names. After Load they also hold every
	// Former name, so Aliases is every name except Name and Official.
	Aliases  []string `json:"aliases,omitempty"`
	Former   []string `json:"former,omitempty"`   // former names: "Burma", "Swaziland"
	Demonyms []string `json:"demonyms,omitempty"` // demonyms and adjectives: "Turkish"
	// Capitals are the seats of government, current first. After Load they
	// also hold every FormerCapitals entry.
	Capitals       []string `json:"capitals,omitempty"`
	FormerCapitals []string `json:"former_capitals,omitempty"` // "Nur-Sultan", "Almaty"
	// Regions are region ids. Region membership may be written on either side
	// (Country.Regions or Region.Countries); Load completes both sides.
	Regions  []string `json:"regions,omitempty"`
	UNStatus string   `json:"un_status"` // "member", "observer" or "none"
	Note     string   `json:"note,omitempty"`
}

// Organization is an intergovernmental organization, one of its bodies, a
// dialogue format, or a non-state actor (Kind "armed_group", ...).
type Organization struct {
	ID       string   `json:"id"`   // usual acronym upper case ("SCO", "TALIBAN") or "org:" + slug
	Name     string   `json:"name"` // display name used in news
	Kind     string   `json:"kind"` // "intergovernmental", "armed_group", "dialogue_format", ...
	Acronyms []string `json:"acronyms,omitempty"`
	// Aliases are full names, spelling variants and, after Load, every Former name.
	Aliases []string     `json:"aliases,omitempty"`
	Former  []string     `json:"former,omitempty"` // former names: "Turkic Council"
	Founded int          `json:"founded,omitempty"`
	Members []Membership `json:"members,omitempty"`
	PartOf  string       `json:"part_of,omitempty"` // id of the parent organization (UNSC -> UN)
	Note    string       `json:"note,omitempty"`
}

// Membership is one member's standing in an organization.
type Membership struct {
	Member string `json:"member"` // country or organization id
	Role   string `json:"role"`   // member, founding_member, observer, dialogue_partner, associate_member, partner
	Since  int    `json:"since,omitempty"`
	Until  int    `json:"until,omitempty"` // 0 = current
	Note   string `json:"note,omitempty"`
}

// Current reports whether the membership still holds.
func (m Membership) Current() bool { return m.Until == 0 }

// Region is a geographic or political region.
type Region struct {
	ID        string   `json:"id"` // "region:" + slug
	Name      string   `json:"name"`
	Aliases   []string `json:"aliases,omitempty"`
	Demonyms  []string `json:"demonyms,omitempty"` // adjectives: "Middle Eastern", "Central Asian"
	Countries []string `json:"countries,omitempty"`
	Note      string   `json:"note,omitempty"`
}

// Sector is a field of cooperation, keyed by a lower-case slug.
type Sector struct {
	ID    string   `json:"id"` // "civil-aviation"
	Name  string   `json:"name"`
	Terms []string `json:"terms,omitempty"` // surface forms: "civil aviation", "air transport"
}

// Person is someone who held an office of a state's government, with the
// names news use for them and the time of the offices (YYYY-MM-DD; "" when
// the dictionary leaves it open).
type Person struct {
	Names   []string `json:"names"`
	Country string   `json:"country"`
	From    string   `json:"from,omitempty"`
	To      string   `json:"to,omitempty"`
}

// City is a city and the state it is in.
type City struct {
	Name       string `json:"name"`
	Country    string `json:"country"`
	Population int    `json:"population,omitempty"`
}

// PersonCountries returns the distinct states the people named name (a
// full name: "Barack Obama") held offices of, in gazetteer order; a date
// (YYYY-MM-DD, may be "") prefers the people in office on that day.
func (g *Gazetteer) PersonCountries(name, date string) []string {
	if g.index == nil {
		return nil
	}
	return g.countriesOf(g.index.people[Fold(name)], date)
}

// SurnameCountries is PersonCountries for a surname alone ("Obama").
func (g *Gazetteer) SurnameCountries(surname, date string) []string {
	if g.index == nil {
		return nil
	}
	return g.countriesOf(g.index.surnames[Fold(surname)], date)
}

func (g *Gazetteer) countriesOf(people []int, date string) []string {
	var all, then []string
	for _, i := range people {
		p := g.People[i]
		if !slices.Contains(all, p.Country) {
			all = append(all, p.Country)
		}
		if date != "" && (p.From == "" || p.From <= date) && (p.To == "" || date <= p.To) && !slices.Contains(then, p.Country) {
			then = append(then, p.Country)
		}
	}
	if len(then) > 0 {
		return then
	}
	return all
}

// Ambiguity is a surface form that names several entities.
type Ambiguity struct {
	Form       string   `json:"form"`
	Candidates []string `json:"candidates"`
	Note       string   `json:"note,omitempty"`
}

// Country returns the country with this ISO id.
func (g *Gazetteer) Country(id string) (Country, bool) {
	if g.index != nil {
		i, ok := g.index.countries[id]
		if !ok {
			return Country{}, false
		}
		return g.Countries[i], true
	}
	for _, c := range g.Countries {
		if c.ID == id {
			return c, true
		}
	}
	return Country{}, false
}

// Organization returns the organization or non-state actor with this id.
func (g *Gazetteer) Organization(id string) (Organization, bool) {
	if g.index != nil {
		i, ok := g.index.organizations[id]
		if !ok {
			return Organization{}, false
		}
		return g.Organizations[i], true
	}
	for _, o := range g.Organizations {
		if o.ID == id {
			return o, true
		}
	}
	return Organization{}, false
}

// Region returns the region with this id ("region:central-asia").
func (g *Gazetteer) Region(id string) (Region, bool) {
	if g.index != nil {
		i, ok := g.index.regions[id]
		if !ok {
			return Region{}, false
		}
		return g.Regions[i], true
	}
	for _, r := range g.Regions {
		if r.ID == id {
			return r, true
		}
	}
	return Region{}, false
}

// Sector returns the sector with this slug.
func (g *Gazetteer) Sector(id string) (Sector, bool) {
	if g.index != nil {
		i, ok := g.index.sectors[id]
		if !ok {
			return Sector{}, false
		}
		return g.Sectors[i], true
	}
	for _, s := range g.Sectors {
		if s.ID == id {
			return s, true
		}
	}
	return Sector{}, false
}

// Label returns the node kind of the entity with this id: Country,
// Organization, Region or Sector.
func (g *Gazetteer) Label(id string) (ontology.Label, bool) {
	if _, ok := g.Country(id); ok {
		return ontology.Country, true
	}
	if _, ok := g.Organization(id); ok {
		return ontology.Organization, true
	}
	if _, ok := g.Region(id); ok {
		return ontology.Region, true
	}
	if _, ok := g.Sector(id); ok {
		return ontology.Sector, true
	}
	return "", false
}

// DisplayName returns the display name of the entity with this id.
func (g *Gazetteer) DisplayName(id string) (string, bool) {
	if c, ok := g.Country(id); ok {
		return c.Name, true
	}
	if o, ok := g.Organization(id); ok {
		return o.Name, true
	}
	if r, ok := g.Region(id); ok {
		return r.Name, true
	}
	if s, ok := g.Sector(id); ok {
		return s.Name, true
	}
	return "", false
}
