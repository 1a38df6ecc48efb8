package geonames

import (
	"strings"
	"testing"
)

func TestSelect(t *testing.T) {
	places, err := Parse(strings.NewReader(`{
		"1": {"name": "Arequipa", "countrycode": "PE", "population": 1000000},
		"2": {"name": "Valencia", "countrycode": "ES", "population": 800000},
		"3": {"name": "Valencia", "countrycode": "VE", "population": 1400000},
		"4": {"name": "Alexandria", "countrycode": "EG", "population": 5000000},
		"5": {"name": "Alexandria", "countrycode": "US", "population": 150000},
		"6": {"name": "Reading", "countrycode": "GB", "population": 300000},
		"7": {"name": "Smalltown", "countrycode": "PE", "population": 20000},
		"8": {"name": "Nowhere", "countrycode": "ZZ", "population": 900000},
		"9": {"name": "city 9", "countrycode": "PE", "population": 900000}
	}`))
	if err != nil {
		t.Fatal(err)
	}
	got, dropped := Select(places, Selection{
		MinPopulation: 150000,
		Known:         func(c string) bool { return c != "ZZ" },
		Words:         map[string]bool{"reading": true},
	})
	var names []string
	for _, c := range got {
		names = append(names, c.Name+"/"+c.Country)
	}
	want := map[string]bool{"Arequipa/PE": true, "Alexandria/EG": true}
	if len(names) != len(want) {
		t.Errorf("selected %v, want %v", names, want)
	}
	for _, n := range names {
		if !want[n] {
			t.Errorf("selected %s, want only %v", n, want)
		}
	}
	why := map[string]string{}
	for _, d := range dropped {
		why[d.Name+"/"+d.Country] = d.Why
	}
	for name, reason := range map[string]string{
		"Valencia/ES": "also a city of VE", "Valencia/VE": "also a city of ES",
		"Reading/GB": "a common word", "city 9/PE": "not a plain name", "Alexandria/US": "also a city of EG",
	} {
		if why[name] != reason {
			t.Errorf("%s: dropped for %q, want %q", name, why[name], reason)
		}
	}
}

// TestSelectKeepsTheLargest: two places of one name in one country are one
// city, the larger, whatever the order of the input.
func TestSelectKeepsTheLargest(t *testing.T) {
	for _, order := range [][]Place{
		{{"Baoshan", "CN", 935618}, {"Baoshan", "CN", 2265900}},
		{{"Baoshan", "CN", 2265900}, {"Baoshan", "CN", 935618}},
	} {
		got, _ := Select(order, Selection{MinPopulation: 150000, Known: func(string) bool { return true }})
		if len(got) != 1 || got[0].Population != 2265900 {
			t.Errorf("Select(%v) = %v, want the Baoshan of 2265900", order, got)
		}
	}
}
