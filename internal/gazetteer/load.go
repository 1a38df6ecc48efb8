package gazetteer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/seed"
)

// Dir is the directory of the gazetteer files inside the FS given to Load.
const Dir = "gazetteer"

// The gazetteer files. Each holds one JSON array; Load rejects any other
// *.json file in Dir so that a misnamed file is not silently ignored.
const (
	CountriesFile     = "countries.json"     // []Country
	OrganizationsFile = "organizations.json" // []Organization (intergovernmental bodies, formats)
	ActorsFile        = "actors.json"        // []Organization (non-state actors)
	RegionsFile       = "regions.json"       // []Region
	SectorsFile       = "sectors.json"       // []Sector
	AmbiguousFile     = "ambiguous.json"     // []Ambiguity
	PeopleFile        = "people.json"        // []Person (generated: cmd/peoplegen)
	CitiesFile        = "cities.json"        // []City (generated: cmd/citiesgen)
)

// ErrInvalid is wrapped by every error Load returns for data that reads but
// does not validate.
var ErrInvalid = errors.New("invalid gazetteer data")

// Default loads the gazetteer shipped in the binary (seed.FS).
func Default() (*Gazetteer, error) {
	return Load(seed.FS)
}

// Load reads gazetteer/*.json from fsys, validates the data, completes the
// derived fields (former names into Aliases, former capitals into Capitals,
// region membership on both sides), sorts every list by ID and indexes it.
// Every validation problem is reported in one error wrapping ErrInvalid.
func Load(fsys fs.FS) (*Gazetteer, error) {
	files, err := fs.Glob(fsys, Dir+"/*.json")
	if err != nil {
		return nil, fmt.Errorf("gazetteer: list %s: %w", Dir, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("gazetteer: no %s/*.json files", Dir)
	}
	slices.Sort(files)
	g := &Gazetteer{}
	for _, file := range files {
		var dst any
		switch path.Base(file) {
		case CountriesFile:
			dst = &g.Countries
		case OrganizationsFile, ActorsFile:
			var orgs []Organization
			if err := decode(fsys, file, &orgs); err != nil {
				return nil, err
			}
			g.Organizations = append(g.Organizations, orgs...)
			continue
		case RegionsFile:
			dst = &g.Regions
		case SectorsFile:
			dst = &g.Sectors
		case AmbiguousFile:
			dst = &g.Ambiguities
		case PeopleFile:
			dst = &g.People
		case CitiesFile:
			dst = &g.Cities
		default:
			return nil, fmt.Errorf("gazetteer: %s: unknown file (want one of %s)", file,
				strings.Join([]string{CountriesFile, OrganizationsFile, ActorsFile, RegionsFile, SectorsFile, AmbiguousFile, PeopleFile, CitiesFile}, ", "))
		}
		if err := decode(fsys, file, dst); err != nil {
			return nil, err
		}
	}
	if err := g.prepare(); err != nil {
		return nil, err
	}
	return g, nil
}

// decode reads one JSON array strictly: unknown fields and trailing data are errors.
func decode(fsys fs.FS, file string, dst any) error {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return fmt.Errorf("gazetteer: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return fmt.Errorf("gazetteer: %s: %w", file, err)
	}
	if dec.More() {
		return fmt.Errorf("gazetteer: %s: trailing data after the JSON array", file)
	}
	return nil
}

// index holds the lookups of a loaded Gazetteer.
type index struct {
	countries, organizations, regions, sectors map[string]int
	names                                      []Name
	byFold                                     map[string][]Name
	people, surnames                           map[string][]int // folded name -> indexes into People
}

// prepare validates g, completes derived fields, sorts and indexes it.
func (g *Gazetteer) prepare() error {
	// Validate what was written before completing anything, so that errors
	// point at the data as written.
	if errs := validate(g); len(errs) > 0 {
		return fmt.Errorf("gazetteer: %w: %d problem(s):\n%w", ErrInvalid, len(errs), errors.Join(errs...))
	}
	complete(g)
	ix := &index{
		countries:     map[string]int{},
		organizations: map[string]int{},
		regions:       map[string]int{},
		sectors:       map[string]int{},
		byFold:        map[string][]Name{},
		people:        map[string][]int{},
		surnames:      map[string][]int{},
	}
	for i, p := range g.People {
		for _, n := range p.Names {
			k := Fold(n)
			if !slices.Contains(ix.people[k], i) {
				ix.people[k] = append(ix.people[k], i)
			}
			if f := strings.Fields(n); len(f) > 1 {
				s := Fold(f[len(f)-1])
				if !slices.Contains(ix.surnames[s], i) {
					ix.surnames[s] = append(ix.surnames[s], i)
				}
			}
		}
	}
	for i, c := range g.Countries {
		ix.countries[c.ID] = i
	}
	for i, o := range g.Organizations {
		ix.organizations[o.ID] = i
	}
	for i, r := range g.Regions {
		ix.regions[r.ID] = i
	}
	for i, s := range g.Sectors {
		ix.sectors[s.ID] = i
	}
	ambiguous := map[string]bool{}
	for _, a := range g.Ambiguities {
		ambiguous[Fold(a.Form)] = true
	}
	for _, n := range collectNames(g) {
		k := Fold(n.Form)
		if ambiguous[k] {
			continue
		}
		ix.names = append(ix.names, n)
		ix.byFold[k] = append(ix.byFold[k], n)
	}
	g.index = ix
	return nil
}

// complete fills the derived fields and sorts every list.
func complete(g *Gazetteer) {
	regionCountries := map[string][]string{}
	for i := range g.Countries {
		c := &g.Countries[i]
		c.Aliases = union(c.Aliases, c.Former)
		c.Capitals = union(c.Capitals, c.FormerCapitals)
		for _, r := range c.Regions {
			regionCountries[r] = append(regionCountries[r], c.ID)
		}
	}
	countryRegions := map[string][]string{}
	for i := range g.Regions {
		r := &g.Regions[i]
		r.Countries = union(r.Countries, regionCountries[r.ID])
		slices.Sort(r.Countries)
		for _, c := range r.Countries {
			countryRegions[c] = append(countryRegions[c], r.ID)
		}
	}
	for i := range g.Countries {
		c := &g.Countries[i]
		c.Regions = union(c.Regions, countryRegions[c.ID])
		slices.Sort(c.Regions)
	}
	for i := range g.Organizations {
		o := &g.Organizations[i]
		o.Aliases = union(o.Aliases, o.Former)
	}
	slices.SortFunc(g.Countries, func(a, b Country) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(g.Organizations, func(a, b Organization) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(g.Regions, func(a, b Region) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(g.Sectors, func(a, b Sector) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(g.Ambiguities, func(a, b Ambiguity) int { return strings.Compare(Fold(a.Form), Fold(b.Form)) })
}

// union returns a followed by the elements of b not already in it.
func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
