package extract

import "github.com/diplograph/diplograph/internal/ontology"

// location: LOCATED_IN, "X, a landlocked country in Central Asia",
// "states in the Middle East, such as A and B", "X is located in R".
func (c *sctx) location() {
	for i := range c.toks {
		k := c.key(i)
		if k != "in" {
			continue
		}
		r, ok := c.mentionAt(i + 1)
		if !ok || r.label != ontology.Region {
			if r, ok = c.mentionAt(i + 2); !ok || r.label != ontology.Region || c.key(i+1) != "the" {
				continue
			}
		}
		cl := c.clauseOf(i)
		prev := c.key(i - 1)
		switch {
		case placeNouns[prev]:
			// find the country this apposition describes
			for j := i - 2; j >= 0 && j > i-10; j-- {
				if m, ok := c.mentionAt(j); ok && m.label == ontology.Country {
					if c.key(m.te) == "," || c.key(m.te) == "is" {
						c.add(m.id(), ontology.LocatedIn, r.id(), cl.mod, confLocation, nil)
					}
					break
				}
			}
		case prev == "states" || prev == "countries" || prev == "nations":
			for _, id := range c.suchAs(r.te, cl.b) {
				if l, _ := c.d.x.g.Label(id); l == ontology.Country {
					c.add(id, ontology.LocatedIn, r.id(), cl.mod, confLocation, nil)
				}
			}
		}
	}
}

// placeNouns before "in <region>" in an apposition place the country
// there: "Kazakhstan, the largest economy in Central Asia".
var placeNouns = set("country", "state", "nation", "located", "lies", "economy", "power", "republic", "kingdom",
	"monarchy", "democracy", "emirate", "producer")

// partOf: PART_OF, "O1, a body of O2", "O1 is part of O2".
func (c *sctx) partOf() {
	for i := range c.toks {
		k := c.key(i)
		if (k == "body" || k == "organ" || k == "agency" || k == "part" || k == "branch") && c.key(i+1) == "of" {
			objs := c.orgsAfter(i+2, len(c.toks))
			if len(objs) == 0 {
				continue
			}
			o := c.orgBefore(i)
			if o != "" && o != objs[0] {
				c.add(o, ontology.PartOf, objs[0], c.clauseOf(i).mod, confPattern, nil)
			}
		}
	}
}
