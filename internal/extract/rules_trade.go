package extract

import (
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ontology"
)

var (
	investWords = set("invest", "invests", "invested", "investing")
	exportVerbs = set("exports", "exported", "exporting", "export", "sells", "sold", "sell", "supplies", "supplied", "supply",
		"delivers", "delivered", "flows", "ships", "shipped", "sent", "sends", "send")
	haltWords = set("halting", "halted", "halts", "halt", "stopped", "stopping", "banned", "banning", "suspending", "ended", "ending")
	// weakExport verbs need a commodity: "sent weapons to", not "sent a delegation to".
	weakExport = set("ships", "shipped", "sent", "sends", "send")
	// weaponWords name arms near a verb of trade ("air defence systems").
	weaponWords = set("defense", "artillery", "missiles", "missile", "ammunition", "howitzers", "tanks", "jets", "s-400")
	importVerbs = set("imports", "imported", "importing", "import", "buys", "bought", "buying", "buy",
		"purchased", "purchases", "purchasing")
)

// investment: INVESTS_IN, "A invests in B's energy sector", "A has become
// B's largest investor".
func (c *sctx) investment() {
	for i := range c.toks {
		k := c.key(i)
		cl := c.clauseOf(i)
		switch {
		case investWords[k] || (k == "investors" || k == "investments" || k == "investment") && c.key(i+1) == "in":
			var subj []string
			if investWords[k] {
				subj = c.nearestOr(i, cl)
			} else {
				subj = cl.subj // "X companies are among the largest investors in Y"
			}
			subj = c.onlyStates(subj)
			for j := i + 1; j < len(c.toks) && j < i+8; j++ {
				m, ok := c.mentionAt(j)
				if ok && m.label == ontology.Project && m.node != nil {
					for _, s := range subj {
						c.add(s, ontology.InvestsIn, m.id(), cl.mod, confPattern, nil)
					}
					break
				}
				if !ok || m.label != ontology.Country {
					continue
				}
				props := map[string]any{}
				e := m.te
				if c.key(e) == "'" && c.key(e+1) == "s" {
					if sm, ok := c.mentionAt(e + 2); ok && sm.label == ontology.Sector {
						props["sector"] = sm.id()
					}
				}
				for _, s := range subj {
					c.add(s, ontology.InvestsIn, m.id(), cl.mod, confPattern, props)
				}
				break
			}
		case k == "investor" || k == "investors" && c.key(i+1) != "in":
			for j := i - 1; j >= 0 && j > i-5; j-- {
				if c.key(j) == "s" && c.key(j-1) == "'" {
					owner := ""
					if m, ok := c.mentionAt(j - 2); ok && m.label == ontology.Country {
						owner = m.id()
					} else if c.key(j-2) == "country" && c.key(j-3) == "the" {
						owner = c.st.focal // "the country's biggest foreign investor"
					}
					if owner != "" {
						for _, s := range cl.subj {
							c.add(s, ontology.InvestsIn, owner, cl.mod, confLoose, nil)
						}
					}
					break
				}
			}
		case (k == "stake" || k == "stakes") && c.key(i+1) == "in" || k == "money" && c.key(i+1) == "into":
			// "bought stakes in Israeli start-ups", "put money into Israeli gas"
			if m, ok := c.mentionAt(i + 2); ok && m.label == ontology.Country {
				for _, s := range c.onlyStates(c.nearestOr(i, cl)) {
					c.add(s, ontology.InvestsIn, m.id(), cl.mod, confLoose, nil)
				}
			}
		case k == "pledged" || k == "pledges":
			// "Brussels has pledged 10 billion euros ... for the Middle Corridor"
			for j := i + 1; j < cl.b && j < i+16; j++ {
				if m, ok := c.mentionAt(j); ok && m.label == ontology.Project && m.node != nil {
					mod := cl.mod
					if mod == ontology.Asserted {
						mod = ontology.Expected
					}
					for _, s := range c.onlyStates(c.nearestOr(i, cl)) {
						c.add(s, ontology.InvestsIn, m.id(), mod, confLoose, nil)
					}
					break
				}
			}
		}
	}
}

// possessorBefore is the actor whose "'s" stands a few words before token
// i in its clause ("Türkiye's largest supplier"), or nil.
func (c *sctx) possessorBefore(i int, cl clause) []string {
	for j := i - 1; j >= cl.a && j >= i-4; j-- {
		if c.key(j) == "s" && c.key(j-1) == "'" {
			if m, ok := c.mentionAt(j - 2); ok && m.actor() {
				return m.ids
			}
			return nil
		}
	}
	return nil
}

// supplier reads "Russia is Türkiye's largest supplier of natural gas"
// and "X, the main supplier of arms to Y".
func (c *sctx) supplier(i int, cl clause) {
	to := c.possessorBefore(i, cl)
	commodity := ""
	if c.key(i+1) == "of" {
		commodity = c.commodityNear(i+2, i+5)
	}
	for j := i + 1; j < cl.b && j < i+7 && to == nil; j++ {
		if c.key(j) == "to" {
			to, _ = c.list(j+1, cl.b)
		}
	}
	props := map[string]any{}
	if commodity != "" {
		props["commodity"] = commodity
	}
	for _, s := range c.onlyStates(cl.subj) {
		for _, o := range to {
			c.add(s, ontology.ExportsTo, o, cl.mod, confLoose, props)
		}
	}
}

// buyer reads "India is the largest buyer of Russian oil", "Türkiye is
// Russia's second-largest customer for gas", "the biggest importer of gas
// from Qatar": the seller exports to the clause's subject.
func (c *sctx) buyer(i int, cl clause) {
	from := c.possessorBefore(i, cl)
	commodity := ""
	if k := c.key(i + 1); k == "of" || k == "for" {
		j := i + 2
		if m, ok := c.mentionAt(j); ok && m.label == ontology.Country && m.kind == string(gazetteer.FormDemonym) && from == nil {
			from = m.ids // "of Russian oil"
			j = m.te
		}
		commodity = c.commodityNear(j, j+3)
	}
	for j := i + 1; j < cl.b && j < i+7 && from == nil; j++ {
		if c.key(j) == "from" {
			from, _ = c.list(j+1, cl.b)
		}
	}
	if commodity == "" || len(from) == 0 {
		return // "the largest buyer of Airbus jets" names no seller state
	}
	for _, b := range c.onlyStates(cl.subj) {
		for _, f := range c.onlyStates(from) {
			c.add(f, ontology.ExportsTo, b, cl.mod, confLoose, map[string]any{"commodity": commodity})
		}
	}
}

// exports: EXPORTS_TO with commodity; "A imports gas from B" is B
// EXPORTS_TO A.
func (c *sctx) exports() {
	for i := range c.toks {
		k := c.key(i)
		cl := c.clauseOf(i)
		switch {
		case k == "supplier" || k == "exporter" || k == "provider":
			c.supplier(i, cl)
		case k == "buyer" || k == "importer" || k == "purchaser" || k == "customer":
			c.buyer(i, cl)
		case exportVerbs[k]:
			if weakExport[k] && c.commodityNear(i+1, i+5) == "" {
				continue
			}
			to := -1
			for j := i + 1; j < cl.b && j < i+10; j++ {
				if c.key(j) == "to" {
					to = j
					break
				}
			}
			commodity := c.commodityNear(i+1, i+5)
			var subj []string
			if k == "flows" {
				// "Turkmen gas flows to Iran"
				if m, ok := c.mentionAt(i - 2); ok && m.label == ontology.Country {
					subj = m.ids
				}
				commodity = c.commodityNear(i-1, i)
			} else {
				subj = c.nearestOr(i, cl)
			}
			if commodity == "" {
				commodity = c.commodityNear(0, len(c.toks))
			}
			var objs []string
			if to >= 0 {
				objs, _ = c.list(to+1, cl.b)
			} else if k == "exporting" {
				// "By exporting energy products, Kazakhstan has established
				// strong economic ties with Middle Eastern countries."
				for j := i; j < len(c.toks); j++ {
					if c.key(j) == "with" {
						objs, _ = c.list(j+1, len(c.toks))
						break
					}
				}
				subj = c.clauseOf(len(c.toks) - 1).subj
			}
			props := map[string]any{}
			if commodity != "" {
				props["commodity"] = commodity
			}
			mod := cl.mod
			if i > 0 && (endingVerbs[c.key(i-1)] || haltWords[c.key(i-1)]) {
				// "halting exports of cement to Afghanistan"
				switch mod {
				case ontology.Asserted:
					mod = ontology.Negated
				case ontology.Negated:
					mod = ontology.Asserted
				}
			}
			for _, s := range subj {
				for _, o := range objs {
					c.add(s, ontology.ExportsTo, o, mod, confPattern, props)
				}
			}
		case importVerbs[k] && c.demonymGoods(i, cl):
		case importVerbs[k]:
			from := -1
			for j := i + 1; j < cl.b && j < i+8; j++ {
				if c.key(j) == "from" {
					from = j
					break
				}
			}
			if from < 0 {
				continue
			}
			exporters, _ := c.list(from+1, cl.b)
			if len(exporters) == 0 && (c.key(from+1) == "both" || c.key(from+1) == "the" && c.key(from+2) == "two") {
				// "cooperation with France and India, buying artillery
				// from both"
				exporters = coordinatedPair(c.s, from, true)
			}
			props := map[string]any{}
			if cm := c.commodityNear(i+1, from); cm != "" {
				props["commodity"] = cm
			}
			for _, s := range c.nearestOr(i, cl) {
				for _, e := range exporters {
					c.add(e, ontology.ExportsTo, s, cl.mod, confPattern, props)
				}
			}
		}
	}
}

// demonymGoods reads "buys Iranian oil", "bought the Russian S-400
// system": the country of the demonym exports to the buyer. It reports
// whether it read a fact.
func (c *sctx) demonymGoods(i int, cl clause) bool {
	j := i + 1
	if c.key(j) == "the" {
		j++
	}
	m, ok := c.mentionAt(j)
	if !ok || m.label != ontology.Country || m.kind != string(gazetteer.FormDemonym) {
		return false
	}
	cm := c.commodityNear(m.te, m.te+5)
	if cm == "" {
		return false
	}
	buyers := c.onlyStates(c.nearestOr(i, cl))
	for _, b := range buyers {
		c.add(m.id(), ontology.ExportsTo, b, cl.mod, confLoose, map[string]any{"commodity": cm})
	}
	return len(buyers) > 0
}
