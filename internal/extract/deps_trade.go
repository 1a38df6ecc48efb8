package extract

import (
	"slices"

	"github.com/diplograph/diplograph/internal/ontology"
)

// depTrade reads EXPORTS_TO and INVESTS_IN over dependencies (lexicon
// family "trade"):
//
//	X exports/supplies/sells gas to Y; X supplies Y with gas
//	Y imports/buys oil from X
//	X invested in Y; X's investment in Y; Japanese investment in Uzbekistan
//
// Verbs that move anything ("send", "ship", "deliver", "provide") need a
// commodity ("sent a delegation to" is not trade).
func (c *sctx) depTrade(g *dgraph, i int) {
	lx := c.d.x.lex
	l := g.lemma(i)
	switch {
	case g.verb(i) && (fundVerbs[l] || moneyVerbs[l] && c.moneyArg(g, i) >= 0):
		c.depFinance(g, i, l)
	case g.verb(i) && lx.is("trade", "export", l):
		from := c.subjects(g, i)
		if len(from) == 0 {
			for _, o := range g.children(i, "obj") {
				from = union(from, c.actors(g, o, "amod", "nmod:poss")) // "Qatari gas is shipped to ..."
			}
		}
		to := c.actors(g, i, "obl:to", "iobj")
		goods := g.children(i, "obj", "obl:with")
		if len(to) == 0 {
			to = c.actors(g, i, "obj") // "supplies Europe with gas"
		}
		c.depExports(g, i, from, to, goods, weakExportLemmas[l])
	case g.verb(i) && lx.is("trade", "import", l):
		to := c.subjects(g, i)
		from := c.actors(g, i, "obl:from")
		if len(from) == 0 {
			// "stopped importing Russian gas": the goods' origin
			for _, o := range g.children(i, "obj") {
				from = union(from, c.actors(g, o, "amod", "compound", "nmod:poss", "nmod:from"))
			}
		}
		c.depExports(g, i, from, to, g.children(i, "obj"), false)
	case g.verb(i) && lx.is("trade", "invest", l):
		investors := c.subjects(g, i)
		targets := c.investedIn(g, i, "obl:in")
		c.cross(investors, ontology.InvestsIn, targets, c.depMod(g, i), nil)
	case g.noun(i) && lx.is("trade", "investNoun", l):
		investors := c.actors(g, i, "nmod:poss", "amod", "nmod:from", "compound")
		targets := c.investedIn(g, i, "nmod:in")
		if len(investors) == 0 && g.has(i, "cop", set("be")) {
			investors = c.actors(g, i, "nsubj", "nsubj:xsubj") // "Japan is the largest investor in Vietnam"
		}
		if p := g.parent[i]; len(investors) == 0 && p >= 0 && g.noun(p) && g.prel[i] == "nmod" && investSources[g.lemma(p)] {
			// "the US is the largest source of foreign direct investment
			// in Chile"
			investors = c.actors(g, p, "nsubj", "nsubj:xsubj", "nmod:poss")
			targets = union(targets, c.onlyStates(c.actors(g, p, "nmod:in")))
		}
		if len(targets) == 0 || len(investors) == 0 {
			return
		}
		c.cross(investors, ontology.InvestsIn, targets, c.depMod(g, i), nil)
	}
}

// investedIn are the states invested in by rel of i: "in Chile", "in
// Chile's lithium sector".
func (c *sctx) investedIn(g *dgraph, i int, rel string) []string {
	if ids := c.onlyStates(c.actors(g, i, rel)); len(ids) > 0 {
		return ids
	}
	var ids []string
	for _, d := range g.children(i, rel) {
		ids = union(ids, c.onlyCountries(c.actors(g, d, "nmod:poss")))
	}
	return ids
}

// fundVerbs pay for their object: "Japan will finance the port", "the
// bank funds the corridor".
var fundVerbs = set("finance", "fund", "co-finance", "cofinance", "bankroll", "underwrite")

// moneyVerbs move money when their object is money: "pledged $2 billion in
// loans to Bangladesh", "will provide Uzbekistan with $500 million".
var moneyVerbs = set("pledge", "provide", "grant", "lend", "loan", "extend", "commit", "allocate", "earmark",
	"disburse", "give", "offer", "approve", "announce")

// moneyNouns are money, or a form of it.
// (Aid is not: "military aid to Ukraine" is no investment.)
var moneyNouns = set("loan", "grant", "credit", "financing", "funding", "investment", "dollar", "euro", "yuan", "yen",
	"$", "€", "£", "¥", "concessional", "finance", "fund")

// moneyArg is the object of verb v that is money ("$2 billion in loans",
// "a loan of $300 million"), or -1.
func (c *sctx) moneyArg(g *dgraph, v int) int {
	for _, o := range append(g.children(v, "obj"), g.withArgs(v)...) {
		if g.ps.Tokens[o].NER == "MONEY" || moneyNouns[g.lemma(o)] {
			return o
		}
		for _, d := range g.children(o, "nmod:in", "nmod:of", "compound", "nummod") {
			if g.ps.Tokens[d].NER == "MONEY" || moneyNouns[g.lemma(d)] {
				return o
			}
		}
	}
	return -1
}

// withArgs are the arguments of verb v after "with", also where the parser
// left "with" a loose dependent ("provide Uzbekistan with $500 million").
func (g *dgraph) withArgs(v int) []int {
	args := g.children(v, "obl:with")
	for _, d := range g.children(v, "dep") {
		if g.lemma(d) == "with" {
			args = append(args, g.children(d, "dep", "obj", "pobj")...)
		}
	}
	return args
}

// depFinance reads money given to a state or a project as INVESTS_IN:
// "China will finance the Kampala railway", "Japan pledged $2 billion in
// loans to Bangladesh", "Korea will provide Uzbekistan with $500
// million", "the EU committed EUR 300 million to the Harmony Link".
func (c *sctx) depFinance(g *dgraph, i int, l string) {
	funders := c.onlyStates(c.subjects(g, i))
	if len(funders) == 0 {
		return
	}
	var objs []int
	if fundVerbs[l] {
		for _, o := range g.children(i, "obj", "nsubj:pass") {
			objs = append(objs, o)
			objs = append(objs, g.children(o, "nmod:of")...) // "the construction of the railway"
		}
	} else {
		objs = g.children(i, "obl:to", "iobj", "obl:for")
		if len(g.withArgs(i)) > 0 {
			objs = append(objs, g.children(i, "obj")...) // "provide Uzbekistan with $500 million"
		}
		if m := c.moneyArg(g, i); m >= 0 {
			objs = append(objs, g.children(m, "nmod:to", "nmod:for")...) // "a loan to Kenya"
		}
	}
	var targets []string
	for _, o := range objs {
		if m, ok := c.mentionOf(g, o); ok && m.label == ontology.Project {
			targets = union(targets, []string{m.id()})
			continue
		}
		targets = union(targets, c.onlyStates(c.actorAt(g, o)))
	}
	targets = slices.DeleteFunc(targets, func(t string) bool { return contains(funders, t) })
	c.cross(funders, ontology.InvestsIn, targets, c.depMod(g, i), nil)
}

// depExports adds EXPORTS_TO from every exporter to every importer, with the
// commodity of goods when one is named.
func (c *sctx) depExports(g *dgraph, v int, from, to []string, goods []int, needGoods bool) {
	from, to = c.onlyActors(from), c.onlyActors(to)
	if len(from) == 0 || len(to) == 0 {
		return
	}
	// one fact per commodity named: "supplies India with oil and weapons"
	var goodsOf []string
	for _, o := range goods {
		if cm := c.commodityAt(g, o); cm != "" && !contains(goodsOf, cm) {
			goodsOf = append(goodsOf, cm)
		}
		for _, d := range g.children(o, "conj:and", "conj:or") {
			if cm := c.commodityAt(g, d); cm != "" && !contains(goodsOf, cm) {
				goodsOf = append(goodsOf, cm)
			}
		}
	}
	if len(goodsOf) == 0 && (needGoods || len(goods) > 0) {
		// goods named but not a commodity ("sell the rest to Brazil"):
		// the fact is read where the goods are named
		return
	}
	if len(goodsOf) == 0 {
		goodsOf = []string{""}
	}
	mod := c.depMod(g, v)
	if g.prel[v] == "xcomp" && c.d.x.lex.is("trade", "halt", g.lemma(g.parent[v])) {
		mod = ontology.Negated
	}
	for _, commodity := range goodsOf {
		var props map[string]any
		if commodity != "" {
			props = map[string]any{"commodity": commodity}
		}
		c.cross(from, ontology.ExportsTo, to, mod, props)
	}
}

// commodityAt reads the commodity a noun names, itself or through its
// modifiers ("air defence systems" -> weapons, "natural gas" -> gas), by
// the surface keys (spellings folded).
func (c *sctx) commodityAt(g *dgraph, o int) string {
	words := append([]int{o}, g.children(o, "compound", "amod")...)
	for _, w := range words {
		si := g.surf[w]
		if si < 0 {
			continue
		}
		k := c.key(si)
		if cm := commodities[k]; cm != "" {
			return cm
		}
		if weaponWords[k] || k == "weapons" || k == "arms" {
			return "weapons"
		}
	}
	if cm := commodities[g.lemma(o)]; cm != "" {
		return cm
	}
	// "1.2 million tonnes of liquefied gas", "a third of its wheat"
	if quantityNouns[g.lemma(o)] {
		for _, d := range g.children(o, "nmod:of") {
			if cm := c.commodityAt(g, d); cm != "" {
				return cm
			}
		}
		return ""
	}
	// any other goods by their own name: "rice", "jewellery", "cars"
	if t := g.ps.Tokens[o]; (t.POS == "NN" || t.POS == "NNS") && !notGoods[g.lemma(o)] && g.ment[o] < 0 && !representativeLemmas[g.lemma(o)] {
		return g.lemma(o)
	}
	return ""
}

// investSources head "X is the source / origin of investment in Y".
var investSources = set("source", "origin", "provider", "supplier")

// weakExportLemmas move anything, so they need a commodity: "sent a
// delegation to" is not trade.
var weakExportLemmas = set("send", "ship", "deliver", "provide")

// quantityNouns measure goods; the goods follow "of".
var quantityNouns = set("tonne", "ton", "barrel", "cubic", "metre", "meter", "million", "billion", "percent", "%",
	"share", "third", "half", "quarter", "bulk", "most", "volume", "amount", "lot", "part", "majority", "worth",
	"shipment", "cargo", "supply", "quantity", "bcm", "kilogram", "foot", "feet", "mmcfd", "megawatt", "mw", "gigawatt",
	"gw", "kilowatt", "kwh", "litre", "liter", "unit", "container", "truckload", "wagon")

// notGoods are objects of verbs of trade that are not goods.
var notGoods = set("good", "product", "commodity", "item", "more", "less", "delegation", "message", "signal", "letter",
	"invitation", "support", "help", "aid", "assistance", "troop", "envoy", "team", "mission", "one", "thing", "way",
	"service", "opportunity", "access", "market", "investment", "capital", "money", "fund", "credit", "loan",
	"export", "import", "trade", "year", "time", "rest", "world", "region", "partner", "country",
	"deal", "agreement", "contract", "order", "package", "surplus", "share", "part", "most", "electricity_share",
	// people are sent, not sold: "allow China to send police and military personnel"
	"police", "personnel", "officer", "staff", "expert", "worker", "peacekeeper", "doctor", "student", "tourist",
	"observer", "advisor", "adviser", "instructor", "volunteer")
