package extract

import (
	"slices"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

var (
	agreementNouns = set("agreement", "treaty", "deal", "accord", "pact", "memorandum")
	signVerbs      = set("signed", "sign", "signing", "signs", "concluded", "ratified", "negotiating", "negotiate", "agreed",
		"joined", "join", "joins", "acceded", "accede", "inked", "commits", "binds")
	agreementKinds = []struct{ words, kind string }{
		{"free trade", "free_trade"}, {"investment protection", "investment_protection"},
		{"comprehensive economic partnership", "economic_partnership"}, {"economic partnership", "economic_partnership"},
		{"swap", "swap"}, {"peace", "peace"}, {"defense", "defence"}, {"security", "security"},
		{"energy", "energy"}, {"trade", "trade"}, {"visa", "visa"},
		{"investment", "investment"}, {"maritime boundary", "maritime_boundary"}, {"water sharing", "water_sharing"},
		{"military", "military"},
	}
)

// agreements: PARTY_TO and IN_SECTOR. Generic agreement ids are
// "agreement:<sorted party ids>[-<commodity>]-<kind>[-<year>]"
// ("agreement:kz-tr-free-trade-2017"); named ones "agreement:<slug>".
func (c *sctx) agreements() {
	verb := hasAny(signVerbs, c, 0, len(c.toks))
	generic := 0
	for i := 0; i < len(c.toks); i++ {
		var n *node
		at, end := i, i+1
		named := false
		if m, ok := c.mentionAt(i); ok && m.label == ontology.Agreement && m.node != nil {
			n, end, named = m.node, m.te, true
			// ", a defence agreement" in apposition gives the kind; so does
			// "(CEPA), Israel's first free trade deal".
			if c.key(end) == "(" && c.key(end+2) == ")" {
				end += 3
			}
			if c.key(end) == "," && (c.key(end+1) == "a" || c.key(end+1) == "an" || c.key(end+1) == "the" || c.key(end+2) == "'") {
				for j := end + 2; j < end+9 && j < len(c.toks); j++ {
					if signVerbs[c.key(j)] || c.key(j) == "," {
						break
					}
					if agreementNouns[c.key(j)] {
						if k, _ := agreementKind(c.modifiers(j, 4)); k != "" && n.kind != "treaty" && n.kind != "declaration" {
							n.kind = k
						}
						end = j + 1
						break
					}
				}
			}
			i = end - 1
		} else if agreementNouns[c.key(i)] && verb >= 0 && !(c.key(i) == "deal" && verbBefore[c.key(i-1)]) {
			if i >= 2 && c.key(i-2) == "the" && c.toks[i-1].cap && c.toks[i-1].word {
				if _, ok := c.mentionAt(i - 1); !ok {
					continue // "the Paris agreement", "the Minsk accords": a name, not the sentence's parties' deal
				}
			}
			generic++
			// A second deal in the sentence needs a verb of its own: "signed
			// a defence pact with Somalia ... over a port deal with
			// Somaliland".
			if generic > 1 && !c.signVerbNear(i) {
				continue
			}
			mods := c.modifiers(i, 4)
			kind, commodity := agreementKind(mods)
			parties := c.agreementParties(i, i+1)
			if len(parties) < 2 {
				continue
			}
			if last := c.sameDeal(i, parties); last != nil && c.key(i-1) == "the" && c.key(i+1) != "between" && c.key(i+1) != "with" {
				n = last // "The agreement, signed by both countries and the U.S."
			} else {
				year := 0
				if c.clauseOf(i).mod == ontology.Asserted && !c.yearSince {
					year = c.year // "since 2016" is how long, not when signed
				}
				id := agreementID(parties, kind, commodity, year)
				n = c.d.node(id, ontology.Agreement, strings.TrimSpace(strings.Join(mods, " ")+" "+c.key(i)))
				n.kind, n.commodity = kind, commodity
				if n.parties == nil {
					n.parties = parties
				}
				c.d.lastAgreement = n
			}
		} else {
			continue
		}
		if verb < 0 {
			continue
		}
		if c.year != 0 && !c.yearSince && n.year == 0 {
			n.year = c.year
		}
		v := verb
		if named {
			// the verb that governs this name: the nearest before it in its
			// clause, else the first after it
			if nv := c.signVerbFor(at, end); nv >= 0 {
				v = nv
			}
		}
		mod := c.clauseOf(v).mod
		if m2 := c.clauseOf(at).mod; m2 != ontology.Asserted && mod == ontology.Asserted {
			mod = m2
		}
		for _, p := range c.agreementParties(at, end) {
			c.add(p, ontology.PartyTo, n.id, mod, confPattern, nil)
		}
		// "were later joined by Morocco and Sudan"
		for j := end; j+1 < len(c.toks); j++ {
			if joinWords[c.key(j)] && c.key(j+1) == "by" {
				more, _ := c.list(j+2, len(c.toks))
				for _, p := range more {
					c.add(p, ontology.PartyTo, n.id, c.clauseOf(j).mod, confPattern, nil)
				}
				break
			}
		}
		// "signed a memorandum of understanding on the Development Road":
		// the parties are partners in the project.
		on := end
		if c.key(on) == "of" && c.key(on+1) == "understanding" {
			on += 2
		}
		if c.key(on) == "on" || c.key(on) == "for" || c.key(on) == "over" {
			j := on + 1
			if c.key(j) == "the" {
				j++
			}
			if pm, ok := c.mentionAt(j); ok && pm.label == ontology.Project && pm.node != nil {
				for _, p := range c.onlyStates(c.agreementParties(at, end)) {
					c.add(p, ontology.PartnerIn, pm.id(), mod, confLoose, nil)
				}
			}
		}
		sectors := c.sectorsAfter(end, c.clauseOf(end-1).b)
		if energyCommodities[n.commodity] || n.kind == "energy" {
			sectors = append([]string{"energy"}, sectors...)
		}
		for _, s := range sectors {
			c.add(n.id, ontology.InSector, s, mod, confNode, nil)
		}
		i = end - 1
	}
}

// signVerbNear reports whether a verb of signing stands right before the
// agreement noun at i ("signed a defence pact") or after it in the
// passive ("an agreement ... was signed").
func (c *sctx) signVerbNear(i int) bool {
	for j := i - 1; j >= 0 && j >= i-6; j-- {
		if signVerbs[c.key(j)] {
			return true
		}
	}
	for j := i + 1; j < len(c.toks) && j <= i+16; j++ {
		if signVerbs[c.key(j)] && (c.key(j-1) == "was" || c.key(j-1) == "were" || c.key(j-1) == "been") {
			return true
		}
	}
	return false
}

// signVerbFor returns the verb of signing or joining that governs a named
// agreement at [at, end): the nearest one before it within its clause,
// else the first after it, else -1.
func (c *sctx) signVerbFor(at, end int) int {
	cl := c.clauseOf(at)
	for j := at - 1; j >= cl.a && j >= at-6; j-- {
		if signVerbs[c.key(j)] {
			return j
		}
	}
	for j := end; j < len(c.toks); j++ {
		if signVerbs[c.key(j)] {
			return j
		}
	}
	return -1
}

// agreementParties reads the parties of the agreement at [at, end):
// "between A and B" after it, the passive "was signed (in X) by A and B",
// "commits A and B", else its clause's subject and "with" lists.
func (c *sctx) agreementParties(at, end int) []string {
	for j := end; j < len(c.toks) && j < end+3; j++ {
		if c.key(j) == "between" {
			if ids, _ := c.list(j+1, len(c.toks)); len(ids) >= 2 {
				return ids
			}
		}
	}
	for j := end; j < len(c.toks) && j < end+20; j++ {
		k := c.key(j)
		if k == "commits" || k == "binds" || k == "obliges" {
			if ids, _ := c.list(j+1, len(c.toks)); len(ids) >= 2 {
				return ids
			}
		}
		if !signVerbs[k] || joinWords[k] {
			continue
		}
		for b := j + 1; b < len(c.toks) && b <= j+6; b++ {
			if c.key(b) == "," || c.key(b) == ";" {
				break
			}
			if c.key(b) == "by" {
				if ids, _ := c.list(b+1, len(c.toks)); len(ids) > 0 {
					return ids
				}
				break
			}
		}
		break
	}
	return c.parties(at)
}

// duration reports whether a hyphenated modifier gives a length of time or
// a sum ("ten year", "25 year", "17 billion dollar"), not a kind.
func duration(mod string) bool {
	f := strings.Fields(mod)
	if len(f) == 0 {
		return false
	}
	return numberWords[f[0]] || f[0][0] >= '0' && f[0][0] <= '9'
}

// verbBefore make "deal" a verb: "to help deal with", "will deal with".
var verbBefore = set("to", "help", "will", "would", "can", "could", "must", "should", "cannot")

var numberWords = set("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
	"fifteen", "twenty", "thirty", "fifty", "hundred", "multi", "several")

// sponsorWords end a modifier that says who stands behind a deal, not what
// it is about: "an EU-backed deal", "a US-brokered truce".
var sponsorWords = set("backed", "brokered", "mediated", "led", "sponsored", "funded", "based", "drafted", "proposed")

func agreementKind(mods []string) (kind, commodity string) {
	mods = slices.DeleteFunc(slices.Clone(mods), func(m string) bool {
		f := strings.Fields(m)
		return len(f) > 1 && sponsorWords[f[len(f)-1]]
	})
	joined := " " + strings.Join(mods, " ") + " "
	for _, k := range agreementKinds {
		if strings.Contains(joined, " "+k.words+" ") {
			kind = k.kind
			break
		}
	}
	if kind == "" && len(mods) > 0 && strings.Contains(mods[len(mods)-1], " ") && !duration(mods[len(mods)-1]) {
		kind = strings.ReplaceAll(mods[len(mods)-1], " ", "_") // "water-sharing"
	}
	for _, m := range mods {
		if cm := commodities[m]; cm != "" && cm != "energy" {
			commodity = cm
		}
	}
	if kind == "" {
		kind = "agreement"
	}
	return kind, commodity
}

// parties of an agreement or project at token i: "between A and B" after
// it, else the subject of its clause (with "X's cooperation with Y" and
// "with Y" after it).
func (c *sctx) parties(i int) []string {
	for j := i + 1; j < len(c.toks) && j < i+3; j++ {
		if c.key(j) == "between" {
			ids, _ := c.list(j+1, len(c.toks))
			if len(ids) >= 2 {
				return ids
			}
		}
	}
	cl := c.clauseOf(i)
	ids := slices.Clone(cl.subj)
	for j := cl.a; j < cl.b; j++ {
		if c.key(j) == "with" && (j < i && j > cl.a || j == i+1) {
			more, _ := c.list(j+1, cl.b)
			for _, m := range more {
				if !contains(ids, m) {
					ids = append(ids, m)
				}
			}
		}
	}
	return ids
}
