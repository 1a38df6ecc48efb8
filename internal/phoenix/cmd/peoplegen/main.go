// Command peoplegen writes seed/gazetteer/people.json, the holders of
// states' government offices that diplograph takes from the Phoenix country
// actor dictionary (see package phoenix). The dictionary is not part of this
// repository; get petrarch2/data/dictionaries/Phoenix.Countries.actors.txt
// from https://github.com/openeventdata/petrarch2 (MIT) and run
//
//	go run ./internal/phoenix/cmd/peoplegen -in Phoenix.Countries.actors.txt
package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/biter777/countries"

	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/phoenix"
)

func main() {
	in := flag.String("in", "", "the Phoenix country actor dictionary (Phoenix.Countries.actors.txt)")
	out := flag.String("out", "seed/gazetteer/people.json", "gazetteer file to write")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "peoplegen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	if in == "" {
		return fmt.Errorf("-in is required: the path of Phoenix.Countries.actors.txt")
	}
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	actors, problems, err := phoenix.Parse(f)
	if err != nil {
		return err
	}
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, "peoplegen: kept without dates:", p)
	}
	g, err := gazetteer.Default()
	if err != nil {
		return err
	}
	people := People(actors, func(alpha3 string) (string, bool) {
		c := countries.ByName(alpha3)
		if c == countries.Unknown {
			return "", false
		}
		_, ok := g.Country(c.Alpha2())
		return c.Alpha2(), ok
	})
	data, err := gazetteer.MarshalLines(people)
	if err != nil {
		return err
	}
	return os.WriteFile(out, data, 0o644)
}

// People keeps the actors who held an office of a state's government
// ("GOV" sectors) in a state the gazetteer knows, one Person per state,
// with the span from the first office's start to the last one's end.
func People(actors []phoenix.Actor, alpha2 func(alpha3 string) (string, bool)) []gazetteer.Person {
	var out []gazetteer.Person
	for _, a := range actors {
		byState := map[string]*gazetteer.Person{}
		var order []string
		for _, o := range a.Offices {
			if !strings.HasPrefix(o.Sector, "GOV") {
				continue
			}
			id, ok := alpha2(o.State)
			if !ok {
				continue
			}
			p, seen := byState[id]
			if !seen {
				p = &gazetteer.Person{Names: a.Names, Country: id, From: o.From, To: o.To}
				byState[id] = p
				order = append(order, id)
				continue
			}
			if p.From != "" && (o.From == "" || o.From < p.From) {
				p.From = o.From
			}
			if p.To != "" && (o.To == "" || o.To > p.To) {
				p.To = o.To
			}
		}
		for _, id := range order {
			out = append(out, *byState[id])
		}
	}
	slices.SortStableFunc(out, func(a, b gazetteer.Person) int {
		return strings.Compare(a.Names[0]+a.Country, b.Names[0]+b.Country)
	})
	return out
}
