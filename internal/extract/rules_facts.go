package extract

import (
	"slices"

	"github.com/diplograph/diplograph/internal/gazetteer"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// commodities maps trigger words to the commodity a fact carries.
var commodities = map[string]string{
	"oil": "oil", "gas": "gas", "lng": "gas", "energy": "energy", "electricity": "electricity", "power": "electricity",
	"wheat": "wheat", "grain": "grain", "textiles": "textiles", "weapons": "weapons", "arms": "weapons",
	"drones": "weapons", "cotton": "cotton", "uranium": "uranium", "coal": "coal", "fertilizer": "fertilizer",
	"fertilizers": "fertilizer", "food": "food", "gold": "gold", "copper": "copper", "steel": "steel",
}

// modifierStops end the words read before an agreement or project noun.
var modifierStops = set("a", "an", "the", "of", "for", "in", "on", "with", "to", "and", "or", "by", "its", "their",
	"signed", "sign", "build", "built", "construction", "agreed", "new")

var energyCommodities = set("oil", "gas", "energy", "electricity")

var (
	agreementNouns = set("agreement", "treaty", "deal", "accord", "pact", "memorandum")
	signVerbs      = set("signed", "sign", "signing", "signs", "concluded", "ratified", "negotiating", "negotiate", "agreed",
		"joined", "join", "joins", "acceded", "accede", "inked", "commits", "binds")
	agreementKinds = []struct{ words, kind string }{
		{"free trade", "free_trade"}, {"investment protection", "investment_protection"},
		{"comprehensive economic partnership", "economic_partnership"}, {"economic partnership", "economic_partnership"},
		{"swap", "swap"}, {"peace", "peace"}, {"defense", "defence"}, {"security", "security"},
		{"energy", "energy"}, {"trade", "trade"}, {"visa", "visa"},
	}
	projectNouns = map[string]string{"pipeline": "pipeline", "pipelines": "pipeline", "railway": "railway",
		"corridor": "corridor", "corridors": "corridor", "highway": "railway", "port": "port"}
	buildWords = set("construction", "build", "built", "building", "construct", "develop", "developed", "developing", "participating",
		"finance", "financed", "financing", "agreed", "launched", "opened", "constructed", "operate", "operates", "operated")
	coopNouns    = set("cooperation", "collaboration", "partnership", "ties", "cooperate", "cooperates", "cooperated", "cooperating", "collaborate", "collaborates", "collaborating")
	coopPositive = set("deepen", "deeper", "strengthen", "strengthened", "close", "strong", "expand", "normalised", "normalized",
		"normalise", "normalize", "restore", "restored", "established", "diplomatic", "upgraded")
	// endingVerbs before "ties"/"relations" turn the fact around: "cut
	// ties with X" ends cooperation, "has not cut ties" keeps it.
	endingVerbs    = set("cut", "cuts", "severed", "sever", "severs", "broke", "break", "suspended", "suspend", "froze", "freeze", "downgraded")
	mechanisms     = []string{"joint higher committee", "joint intergovernmental commission", "intergovernmental commission", "business council", "strategic dialogue", "joint committee", "joint commission"}
	mechanismHeads = set("committee", "commission", "council", "dialogue")
	investWords    = set("invest", "invests", "invested", "investing")
	exportVerbs    = set("exports", "exported", "exporting", "export", "sells", "sold", "sell", "supplies", "supplied", "supply",
		"delivers", "delivered", "flows", "ships", "shipped", "sent", "sends", "send")
	haltWords = set("halting", "halted", "halts", "halt", "stopped", "stopping", "banned", "banning", "suspending", "ended", "ending")
	// weakExport verbs need a commodity: "sent weapons to", not "sent a delegation to".
	weakExport = set("ships", "shipped", "sent", "sends", "send")
	// weaponWords name arms near a verb of trade ("air defence systems").
	weaponWords = set("defense", "artillery", "missiles", "missile", "ammunition", "howitzers", "tanks", "jets", "s-400")
	importVerbs = set("imports", "imported", "importing", "import", "buys", "bought", "buying", "buy",
		"purchased", "purchases", "purchasing")
	warWords = set("war", "fought", "clashes", "conflict", "hostilities", "dispute", "fighting", "quarrel", "feud",
		"rivalry", "standoff", "accused", "accuses", "accuse", "accusing")
	accuseWords = set("accused", "accuses", "accuse", "accusing")
)

// words before token i, lower case, up to n, stopping at non-words.
func (c *sctx) modifiers(i, n int) []string {
	var out []string
	for j := i - 1; j >= 0 && len(out) < n; j-- {
		// "water-sharing" is one modifier
		if c.key(j) == "-" && j > 0 && len(out) > 0 && c.toks[j-1].word && c.toks[j-1].e == c.toks[j].s {
			out[0] = c.key(j-1) + " " + out[0]
			j--
			continue
		}
		if !c.toks[j].word || c.toks[j].cap && !(j > 0 && c.toks[j-1].word) {
			break
		}
		if m, ok := c.mentionAt(j); ok && m.actor() {
			break
		}
		if modifierStops[c.key(j)] {
			break
		}
		out = append([]string{c.key(j)}, out...)
	}
	return out
}

// agreementID is the id of an agreement without a name:
// "agreement:<sorted party ids>[-<commodity>]-<kind>[-<year>]". The year is
// left out (0) for an agreement that is only expected.
func agreementID(parties []string, kind, commodity string, year int) string {
	id := "agreement:" + sortedIDs(parties)
	if commodity != "" {
		id += "-" + commodity
	}
	id += "-" + strings.ReplaceAll(kind, "_", "-")
	if year != 0 {
		id += "-" + itoa(year)
	}
	return id
}

// projectID is the id of a project without a name:
// "project:<sorted partner ids>[-<commodity>]-<kind>".
func projectID(partners []string, kind, commodity string) string {
	id := "project:" + sortedIDs(partners)
	if commodity != "" {
		id += "-" + commodity
	}
	return id + "-" + kind
}

func sortedIDs(ids []string) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strings.TrimPrefix(id, "org:") // "agreement:et-somaliland-agreement"
	}
	slices.Sort(s)
	s = slices.Compact(s)
	return strings.ToLower(strings.Join(s, "-"))
}

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
			year := 0
			if c.clauseOf(i).mod == ontology.Asserted {
				year = c.year
			}
			id := agreementID(parties, kind, commodity, year)
			n = c.d.node(id, ontology.Agreement, strings.TrimSpace(strings.Join(mods, " ")+" "+c.key(i)))
			n.kind, n.commodity = kind, commodity
		} else {
			continue
		}
		if verb < 0 {
			continue
		}
		if c.year != 0 && n.year == 0 {
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

// kindStops rate, date or count an agreement; they are not its kind.
// verbBefore make "deal" a verb: "to help deal with", "will deal with".
var verbBefore = set("to", "help", "will", "would", "can", "could", "must", "should", "cannot")

var kindStops = set("bilateral", "new", "first", "landmark", "historic", "breakthrough", "milestone", "important",
	// words of any deal, and units: "cooperation agreements", "a 9,000 MW power export MOU"
	"cooperation", "mw", "gw", "megawatt", "export", "exports", "import", "supply", "sale", "purchase", "dollar",
	"billion", "million", "multi-billion", "multibillion", "about", "some", "around", "nearly", "over", "almost", "comprehensive", "strategic", "formal",
	"final", "initial", "preliminary", "framework", "draft", "long", "short", "major", "key", "broad", "wide",
	"ambitious", "interim", "separate", "similar", "previous", "earlier", "later", "current", "existing",
	"intergovernmental", "trilateral", "multilateral", "regional", "global", "upgraded", "modernised", "modernized",
	"own", "such", "several", "two", "three", "various", "other", "more", "latest", "recent", "last", "next",
	"understanding", "cooperation_agreement", "signed", "planned", "proposed", "possible", "potential", "future")

var numberWords = set("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
	"fifteen", "twenty", "thirty", "fifty", "hundred", "multi", "several")

func agreementKind(mods []string) (kind, commodity string) {
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
	if kind == "" {
		// "a maritime boundary treaty": the topic words, without words
		// that rate or count it
		var topic []string
		for _, m := range mods {
			if !kindStops[m] && !duration(m) && commodities[m] == "" && !strings.Contains(m, " ") {
				topic = append(topic, m)
			}
		}
		if len(topic) > 0 && len(topic) <= 3 {
			kind = strings.Join(topic, "_")
		}
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

// projects: PARTNER_IN and IN_SECTOR. Generic project ids are
// "project:<sorted partner ids>[-<commodity>]-<kind>"
// ("project:ir-kz-gas-pipeline"); named ones "project:<slug>".
func (c *sctx) projects() {
	trig := hasAny(buildWords, c, 0, len(c.toks))
	if trig < 0 {
		return
	}
	for i := 0; i < len(c.toks); i++ {
		var n *node
		end := i + 1
		partners := []string{}
		if m, ok := c.mentionAt(i); ok && m.label == ontology.Project && m.node != nil {
			n, end = m.node, m.te
			// "TurkStream, a pipeline under the Black Sea": the apposition
			// gives the kind and is not a project of its own.
			if c.key(end) == "," && (c.key(end+1) == "a" || c.key(end+1) == "an") {
				for j := end + 2; j < end+7 && j < len(c.toks); j++ {
					if kind, ok := projectNouns[c.key(j)]; ok {
						if n.kind == "" || n.kind == namedKind(n.kind) && n.id == prefixOf(n.label)+slug(n.name) && !strings.Contains(n.name, " ") {
							n.kind = kind
						}
						end = j + 1
						break
					}
					if !c.toks[j].word || c.toks[j].cap {
						break
					}
				}
			}
			if n.commodity == "" {
				for j := m.ts; j < m.te; j++ {
					if cm := commodities[c.key(j)]; cm != "" {
						n.commodity = cm
					}
				}
			}
		} else if kind, ok := projectNouns[c.key(i)]; ok {
			if nx := c.toks[min(i+1, len(c.toks)-1)]; i+1 < len(c.toks) && nx.word && !nx.cap && !prepositions[nx.key] && !appositionFollowers[nx.key] && nx.key != "between" {
				continue // "port upgrades": not the head of its phrase
			}
			if c.key(i+1) == "of" && i+2 < len(c.toks) && c.toks[i+2].cap {
				continue // "the port of Aktau" names a place
			}
			mods := c.modifiers(i, 4)
			commodity := ""
			for _, w := range mods {
				if cm := commodities[w]; cm != "" {
					commodity = cm
				}
			}
			partners = c.projectPartners(i)
			if len(partners) == 0 {
				continue
			}
			id := projectID(partners, kind, commodity)
			n = c.d.node(id, ontology.Project, strings.TrimSpace(strings.Join(mods, " ")+" "+kind))
			n.kind, n.commodity = kind, commodity
		} else {
			continue
		}
		if by := c.passiveBy(end, buildWords); by != nil {
			// "the Rasht-Astara railway, is being financed by Russia"
			partners = c.onlyStates(by)
		}
		if len(partners) == 0 {
			partners = c.projectPartners(i)
		}
		mod := c.clauseOf(trig).mod
		for _, p := range partners {
			c.add(p, ontology.PartnerIn, n.id, mod, confLoose, nil)
		}
		if energyCommodities[n.commodity] {
			c.add(n.id, ontology.InSector, "energy", mod, confNode, nil)
		}
		i = end - 1
	}
}

// passiveBy reads "is being built by A and B" after token i: a verb of
// verbs within the next tokens of the sentence (no other clause between),
// then "by" and a list of actors. It returns the list or nil.
func (c *sctx) passiveBy(i int, verbs map[string]bool) []string {
	for j := i; j+1 < len(c.toks) && j < i+14; j++ {
		k := c.key(j)
		if k == ";" || k == "." {
			return nil
		}
		if verbs[k] && c.key(j+1) == "by" {
			ids, _ := c.list(j+2, len(c.toks))
			return ids
		}
		if k == "by" && j > i && verbs[c.key(j-1)] {
			return nil
		}
	}
	return nil
}

func (c *sctx) projectPartners(i int) []string {
	ids := c.parties(i)
	// "..., which the two countries built together"
	for j := i + 1; j < len(c.toks) && j < i+12; j++ {
		if c.key(j) == "which" || c.key(j) == "that" {
			if more, _ := c.list(j+1, len(c.toks)); len(more) > 0 {
				for _, m := range more {
					if !contains(ids, m) {
						ids = append(ids, m)
					}
				}
			}
			break
		}
	}
	var out []string
	for _, id := range ids {
		if l, ok := c.d.x.g.Label(id); ok && (l == ontology.Country || l == ontology.Organization) {
			out = append(out, id)
		}
	}
	return out
}

// cooperation: COOPERATES_WITH with sectors and mechanism.
func (c *sctx) cooperation() {
	mech, mechAt := "", -1
	low := ""
	if hasAny(mechanismHeads, c, 0, len(c.toks)) >= 0 {
		low = " " + strings.ToLower(c.d.t[c.s.seg.Start:c.s.seg.End]) + " "
	}
	for _, m := range mechanisms {
		if low == "" {
			break
		}
		if strings.Contains(low, " "+m+" ") {
			mech = m
			for i := range c.toks {
				if c.key(i) == strings.Fields(m)[len(strings.Fields(m))-1] {
					mechAt = i
					break
				}
			}
			break
		}
	}
	positive := hasAny(coopPositive, c, 0, len(c.toks)) >= 0
	done := false
	emit := func(a []string, b []string, i int, mod ontology.Modality, conf float64) {
		props := map[string]any{}
		if secs := c.sectorsAfter(i, c.sectorListEnd(i)); len(secs) > 0 {
			props["sectors"] = secs
		} else if secs := c.sectorsAfter(max(i-2, 0), i); len(secs) > 0 {
			props["sectors"] = secs // "defence cooperation with France"
		}
		for j := i - 1; j >= 0 && j >= i-4; j-- {
			if endingVerbs[c.key(j)] {
				switch mod {
				case ontology.Asserted:
					mod = ontology.Negated
				case ontology.Negated:
					mod = ontology.Asserted
				}
				break
			}
		}
		if mech != "" {
			props["mechanism"] = mech
		}
		for _, x := range a {
			for _, y := range b {
				if x != y {
					c.add(x, ontology.CooperatesWith, y, mod, conf, props)
					done = true
				}
			}
		}
	}
	for i := range c.toks {
		k := c.key(i)
		// "the EU has become Kazakhstan's main trading partner"
		if (k == "partner" || k == "ally") && !done {
			for j := i - 1; j >= 2 && j >= i-4; j-- {
				if c.key(j) == "s" && c.key(j-1) == "'" {
					if m, ok := c.mentionAt(j - 2); ok && m.actor() && len(c.clauseOf(i).subj) > 0 {
						emit(c.clauseOf(i).subj, m.ids, i, c.clauseOf(i).mod, confLoose)
					}
					break
				}
				if !c.toks[j].word || c.toks[j].cap {
					break
				}
			}
			continue
		}
		trigger := coopNouns[k] || i == mechAt || (k == "relations" || k == "relationship") && positive ||
			k == "together" && c.key(i-1) == "works" || k == "work" && c.key(i+1) == "together"
		if !trigger || done && i != mechAt {
			continue
		}
		if m, inside := c.mentionAt(i); inside && m.label != ontology.Sector {
			continue // "Shanghai Cooperation Organization"
		}
		if k == "ties" && c.key(i+1) != "with" && c.key(i+1) != "between" {
			continue
		}
		cl := c.clauseOf(i)
		// "cooperation between A and B", "the joint higher committee between A and B"
		j := i + 1
		for j < len(c.toks) && j < i+3 && c.key(j) != "between" && c.key(j) != "with" {
			j++
		}
		if c.key(j) == "between" {
			if ids, _ := c.list(j+1, len(c.toks)); len(ids) >= 2 {
				emit(ids[:1], ids[1:], i, cl.mod, confPattern)
				continue
			}
		}
		if c.key(j) == "with" || c.key(i+1) == "together" && c.key(i+2) == "with" {
			if c.key(j) != "with" {
				j = i + 2
			}
			objs, _ := c.list(j+1, len(c.toks))
			if len(objs) == 0 {
				continue
			}
			subj := []string(nil)
			// "Kazakhstan's cooperation with Iran"
			if c.key(i-1) == "s" && c.key(i-2) == "'" {
				if m, ok := c.mentionAt(i - 3); ok && m.actor() {
					subj = m.ids
				}
			}
			if subj == nil {
				subj = c.nearestBefore(i, cl)
			}
			if subj == nil {
				subj = cl.subj
			}
			emit(subj, objs, i, cl.mod, confLoose)
			continue
		}
		// "the two countries cooperate in ...", "A and B are cooperating"
		subj := c.nearestBefore(i, cl)
		if len(subj) < 2 {
			subj = cl.subj
		}
		if len(subj) >= 2 {
			emit(subj[:1], subj[1:], i, cl.mod, confLoose)
		}
	}
}

// sectorListEnd is the end of i's clause, extended over ", and <sector>"
// that closes a list of sectors ("..., education, and information
// technology").
func (c *sctx) sectorListEnd(i int) int {
	b := c.clauseOf(i).b
	for b+2 < len(c.toks) {
		j := b
		if c.key(j) == "," {
			j++
		}
		if c.key(j) == "but" && c.key(j+1) == "also" || relativeWords[c.key(j)] && j > b {
			// "not only close economic cooperation ..., but also strong
			// political and military ties"
			b = c.clauseOf(j).b
			continue
		}
		m, ok := c.mentionAt(b + 2)
		if c.key(b) != "," || c.key(b+1) != "and" || !ok || m.label != ontology.Sector {
			break
		}
		b = c.clauseOf(b + 2).b
	}
	return b
}

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

// onlyStates keeps the countries and organizations of ids.
func (c *sctx) onlyStates(ids []string) []string {
	var out []string
	for _, id := range ids {
		if l, ok := c.d.x.g.Label(id); ok && (l == ontology.Country || l == ontology.Organization) {
			out = append(out, id)
		}
	}
	return out
}

func (c *sctx) commodityNear(a, b int) string {
	for j := a; j < b && j < len(c.toks); j++ {
		if j >= 0 {
			if cm := commodities[c.key(j)]; cm != "" {
				return cm
			}
			if weaponWords[c.key(j)] {
				return "weapons"
			}
		}
	}
	return ""
}

// supplier reads "Russia is Türkiye's largest supplier of natural gas"
// and "X, the main supplier of arms to Y".
func (c *sctx) supplier(i int, cl clause) {
	var to []string
	for j := i - 1; j >= cl.a && j >= i-4; j-- {
		if c.key(j) == "s" && c.key(j-1) == "'" {
			if m, ok := c.mentionAt(j - 2); ok && m.actor() {
				to = m.ids
			}
			break
		}
	}
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

// exports: EXPORTS_TO with commodity; "A imports gas from B" is B
// EXPORTS_TO A.
func (c *sctx) exports() {
	for i := range c.toks {
		k := c.key(i)
		cl := c.clauseOf(i)
		switch {
		case k == "supplier" || k == "exporter" || k == "provider":
			c.supplier(i, cl)
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

// conflict: IN_CONFLICT_WITH, "A fought a war with B", "A and B fought
// border clashes", "the conflict between A and B".
func (c *sctx) conflict() {
	for i := range c.toks {
		k := c.key(i)
		if !warWords[k] {
			continue
		}
		cl := c.clauseOf(i)
		kind := "armed"
		if k == "dispute" {
			kind = "political"
		}
		props := map[string]any{"kind": kind}
		if c.key(i+1) == "between" {
			if ids, _ := c.list(i+2, cl.b); len(ids) >= 2 {
				c.add(ids[0], ontology.InConflictWith, ids[1], cl.mod, confPattern, props)
				return
			}
		}
		if accuseWords[k] {
			// "Cairo has accused Ethiopia of violating ...": a political
			// conflict between accuser and accused.
			objs, _ := c.list(i+1, cl.b)
			for _, s := range c.onlyStates(c.relativeOr(i, cl)) {
				for _, o := range c.onlyStates(objs) {
					c.add(s, ontology.InConflictWith, o, cl.mod, confLoose, map[string]any{"kind": "political"})
				}
			}
			continue
		}
		if k != "fought" && k != "war" && c.key(i+1) == "with" {
			// "its own quarrel with Somalia", "a dispute with Iraq"
			objs, _ := c.list(i+2, cl.b)
			if k != "dispute" && k != "quarrel" && k != "feud" && k != "rivalry" && k != "standoff" {
				props = map[string]any{"kind": "armed"}
			}
			for _, s := range c.onlyStates(c.relativeOr(i, cl)) {
				for _, o := range c.onlyStates(objs) {
					c.add(s, ontology.InConflictWith, o, cl.mod, confLoose, props)
				}
			}
			continue
		}
		if k != "fought" {
			continue
		}
		subj := c.nearestOr(i, cl)
		for j := i + 1; j < cl.b && j < i+5; j++ {
			if c.key(j) == "with" || c.key(j) == "against" {
				objs, _ := c.list(j+1, cl.b)
				for _, s := range subj {
					for _, o := range objs {
						c.add(s, ontology.InConflictWith, o, cl.mod, confPattern, props)
					}
				}
				return
			}
		}
		// "Türkiye has fought the PKK"
		if objs, _ := c.list(i+1, cl.b); len(objs) > 0 && len(subj) == 1 {
			for _, o := range objs {
				c.add(subj[0], ontology.InConflictWith, o, cl.mod, confPattern, props)
			}
			return
		}
		if len(subj) == 2 {
			c.add(subj[0], ontology.InConflictWith, subj[1], cl.mod, confLoose, props)
			return
		}
	}
}

// relativeOr returns the antecedent of a relative clause that token i is
// in ("Ethiopia, which has its own quarrel with Somalia"), else the
// nearest actor before i, else the clause subject.
func (c *sctx) relativeOr(i int, cl clause) []string {
	for j := i - 1; j >= 1 && j >= i-8; j-- {
		k := c.key(j)
		if k == "," || k == ";" {
			break
		}
		if (k == "which" || k == "who") && c.key(j-1) == "," {
			if m, ok := c.mentionAt(j - 2); ok && m.actor() {
				return m.ids
			}
			break
		}
	}
	return c.nearestOr(i, cl)
}

// sanctions: SANCTIONS with since; "the sanctions" refers to the last
// target.
func (c *sctx) sanctions() {
	since := 0
	for i := range c.toks {
		if c.key(i) == "since" && c.toks[min(i+1, len(c.toks)-1)].num {
			since = atoi(c.d.t[c.toks[i+1].s:c.toks[i+1].e])
		}
	}
	for i := range c.toks {
		k := c.key(i)
		if k != "sanctions" && k != "sanctioned" && k != "embargo" && k != "sanction" {
			continue
		}
		cl := c.clauseOf(i)
		var objs []string
		if k == "sanctioned" || k == "sanction" && c.key(i+1) != "on" && c.key(i+1) != "against" {
			objs, _ = c.list(i+1, cl.b)
		} else if c.key(i+1) == "on" || c.key(i+1) == "against" || c.key(i+1) == "targeting" {
			objs, _ = c.list(i+2, cl.b)
		} else if c.key(i-1) == "the" && c.st.sanctioned != "" {
			objs = []string{c.st.sanctioned}
		}
		subj := []string(nil)
		if len(objs) == 0 && k == "sanctioned" {
			// "Russia, which Tokyo has sanctioned since 2022 together with
			// the G7"
			for j := i - 1; j >= 2 && j >= i-6; j-- {
				if c.key(j) == "which" && c.key(j-1) == "," {
					if m, ok := c.mentionAt(j - 2); ok && m.actor() {
						objs = m.ids
						for _, sm := range c.s.ments {
							if sm.ts > j && sm.ts < i && sm.actor() {
								subj = append(subj, sm.ids...)
							}
						}
					}
					break
				}
			}
			subj = append(subj, c.togetherWith(i, cl)...)
		}
		if len(objs) == 0 {
			continue
		}
		if subj == nil {
			subj = c.nearestOr(i, cl)
		}
		props := map[string]any{}
		if since != 0 && cl.mod == ontology.Asserted {
			props["since"] = since
		}
		for _, s := range subj {
			for _, o := range objs {
				c.add(s, ontology.Sanctions, o, cl.mod, confPattern, props)
			}
		}
		c.st.sanctioned = objs[0]
	}
}

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

func itoa(n int) string { return strconv.Itoa(n) }

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}
