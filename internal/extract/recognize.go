package extract

import (
	"context"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/extract/text"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ontology"
)

// Mention kinds beyond the gazetteer's form kinds.
const (
	kindNamed   = "named"   // a named agreement, project or process ("Shusha Declaration")
	kindDefined = "defined" // an acronym defined in the text: "(TANAP)"
	kindGroup   = "group"   // "Middle Eastern countries" -> the region
	kindAnaphor = "anaphor" // "the two countries", resolved by coref
)

// mention is one recognised span of a sentence, by token indexes [ts, te).
type mention struct {
	ts, te int
	ids    []string // one id, or the pair of an anaphor
	label  ontology.Label
	kind   string // a gazetteer.FormKind or one of the kinds above
	// node describes a reified node named in the text (kind named).
	node *node
}

func (m mention) id() string {
	if len(m.ids) == 0 {
		return ""
	}
	return m.ids[0]
}

// actor reports whether m can be the subject or object of a political
// relation: a country, an organization or a region.
func (m mention) actor() bool {
	return m.label == ontology.Country || m.label == ontology.Organization || m.label == ontology.Region
}

// sentence is one segment with its tokens and mentions.
type sentence struct {
	seg text.Segment
	// cue marks a sentence without mentions that has a word coreference
	// reads ("the two countries"); others need no tokens in relate.
	cue   bool
	toks  []token
	ments []mention
	// parse is the parser's reading of the sentence (nil for the surface
	// engine and for pieces of over-long sentences).
	parse *corenlp.Sentence
}

// document is the working state of one Extract call.
type document struct {
	x     *Extractor
	t     string
	doc   ontology.Doc
	sents []sentence
	// defined maps acronyms defined in the text ("APP") to their node.
	defined map[string]*node
	// aliases maps the id a second name would get ("project:middle-corridor")
	// to the node it names ("X, known as Y").
	aliases map[string]*node
	nodes   map[string]*node
	seen    map[string]map[string]bool // entity id -> surface forms seen
	counts  map[string]int             // mentions per country id
	// lower is t with ASCII capitals lowered: token keys are cut from it.
	lower string
	// mentioned counts the mentions of every actor in earlier sentences.
	mentioned map[string]int
	first     map[string]int // first mention order per country id
	rels      map[relKey]*relAcc
	order     []relKey
	// author is the country an official's op-ed speaks for ("we", "my
	// country"), from the byline or the text; "" when none is said.
	author string
	// minted maps the lower-case names of nodes minted from the text
	// (organizations the gazetteer lacks, projects named by apposition) to
	// their node, so later sentences find them without NER.
	minted map[string]*node
	// depRead lists the modalities the dependency rules read each fact
	// with, per sentence (see overrule).
	depRead map[depKey][]ontology.Modality
	// lastAgreement is the last agreement without a name the dependency
	// rules read ("the agreement" of the same parties is that one).
	lastAgreement *node
	// lastTalks is the last talks between two sides read ("process:<ids>-talks").
	lastTalks string
	// people maps the lower-case surname of a person named with an office
	// of a state ("Ghana's President John Mensah") to that state, so
	// "Mensah" alone stands for it later in the article.
	people map[string][]string
	// groupActs are what groups named by their size did (see groupAct).
	groupActs []groupAct
}

func newDocument(x *Extractor, t string, doc ontology.Doc) *document {
	return &document{
		x: x, t: t, doc: doc,
		defined:   map[string]*node{},
		people:    map[string][]string{},
		aliases:   map[string]*node{},
		nodes:     map[string]*node{},
		seen:      map[string]map[string]bool{},
		counts:    map[string]int{},
		mentioned: map[string]int{},
		first:     map[string]int{},
		rels:      map[relKey]*relAcc{},
		minted:    map[string]*node{},
	}
}

func (d *document) segment(h text.Header) {
	if h.TitleEnd > h.TitleStart {
		d.sents = append(d.sents, sentence{seg: text.Segment{Start: h.TitleStart, End: h.TitleEnd, Heading: true}})
	}
	for _, s := range text.Split(d.t, h.End, d.x.maxSentence) {
		d.sents = append(d.sents, sentence{seg: s})
	}
}

// groupNouns after a region demonym make the phrase name the region as a
// group ("Middle Eastern countries"); after a country demonym they name
// its government ("the Afghan government").
var groupNouns = map[string]bool{"countries": true, "nations": true, "states": true, "partners": true, "governments": true}
var governmentNouns = map[string]bool{
	"government": true, "authorities": true, "officials": true, "companies": true, "firms": true,
	"leadership": true, "army": true, "forces": true, "side": true, "diplomats": true, "investors": true,
}

func (d *document) recognize(ctx context.Context) error {
	d.lower = asciiLower(d.t)
	var buf []token
	order := 0
	for si := range d.sents {
		if si%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		s := &d.sents[si]
		buf = tokenizeLower(d.t, d.lower, s.seg.Start, s.seg.End, buf[:0])
		// Tokens are not kept: relate tokenizes each sentence again, so
		// that a large document never holds all its tokens at once.
		s.ments = d.mentions(buf)
		if s.parse != nil {
			if d.author == "" && !s.seg.Heading {
				d.bodyAuthor(s.seg, buf)
			}
			s.ments = d.parsedMentions(s, buf, s.ments)
		}
		if s.seg.Heading && titleCase(buf) {
			s.ments = d.titleCaseNames(buf, s.ments)
		}
		if len(s.ments) == 0 {
			for _, tk := range buf {
				if anaphorCues[tk.key] {
					s.cue = true
					break
				}
			}
		}
		for _, m := range s.ments {
			if m.actor() && m.kind != kindAnaphor {
				d.mentioned[m.id()]++
			}
			if m.label == ontology.Country && m.kind != kindAnaphor && m.kind != kindPerson {
				d.counts[m.id()]++
				if _, ok := d.first[m.id()]; !ok {
					d.first[m.id()] = order
					order++
				}
			}
		}
	}
	return nil
}

// mentions finds the spans of one sentence, left to right, longest first.
func (d *document) mentions(toks []token) []mention {
	var out []mention
	tc := titleCase(toks)
	for i := 0; i < len(toks); {
		tk := toks[i]
		if !tk.word {
			i++
			continue
		}
		// An acronym defined earlier in the text.
		if len(d.defined) == 0 || !tk.cap || !isAllUpper(d.t[tk.s:tk.e]) {
			// not a defined acronym
		} else if n, ok := d.defined[d.t[tk.s:tk.e]]; ok {
			out = append(out, mention{ts: i, te: i + 1, ids: []string{n.id}, label: n.label, kind: kindDefined, node: n})
			d.see(n.id, d.t[tk.s:tk.e])
			i++
			continue
		}
		n, e := d.x.trie.longest(d.t, toks, i)
		if nn, node := d.named(toks, i); nn > n {
			out = append(out, mention{ts: i, te: i + nn, ids: []string{node.id}, label: node.label, kind: kindNamed, node: node})
			d.see(node.id, d.t[toks[i].s:toks[i+nn-1].e])
			i += nn
			i = d.defineAcronym(toks, i, node)
			// "the Trans-Caspian Transport Corridor, known as the Middle
			// Corridor": the second name is an alias of the first node.
			if j := knownAs(toks, i); j >= 0 && toks[j].cap {
				if an, _ := d.named(toks, j); an > 0 {
					alias := prefixOf(node.label) + slug(d.t[toks[j].s:toks[j+an-1].e])
					if alias != node.id {
						if _, taken := d.aliases[alias]; !taken {
							d.aliases[alias] = node
						}
					}
				}
			}
			continue
		}
		if n == 0 {
			i++
			continue
		}
		// "the Gulf Cooperation Council": a longer match starting at the
		// next token wins over "the Gulf".
		if n2, _ := d.x.trie.longest(d.t, toks, i+1); n >= 2 && n2 > 0 && i+1+n2 > i+n {
			i++
			continue
		}
		if e.id == "" {
			// An ambiguous form ("Brussels", "Congo") names the candidate
			// the document has already mentioned most, if exactly one.
			id := d.disambiguate(e, toks, i, i+n)
			if id == "" {
				i += n
				continue
			}
			l, _ := d.x.g.Label(id)
			out = append(out, mention{ts: i, te: i + n, ids: []string{id}, label: l, kind: string(gazetteer.FormAlias)})
			d.see(id, d.t[toks[i].s:toks[i+n-1].e])
			i += n
			continue
		}
		if d.notTheEntity(toks, i, i+n, e, tc) {
			i += n
			continue
		}
		m := mention{ts: i, te: i + n, ids: []string{e.id}, label: e.label, kind: string(e.kind)}
		switch {
		case e.kind == gazetteer.FormCapital || e.kind == gazetteer.FormFormerCapital:
			if !metonym(toks, i, i+n) {
				i += n
				continue
			}
		case e.label == ontology.Sector && e.exact:
			// "IT" is a sector only inside a list of sectors.
			if !(i > 0 && (toks[i-1].key == "," || toks[i-1].key == "and" || toks[i-1].key == "in")) {
				i += n
				continue
			}
		case e.kind == gazetteer.FormDemonym && i+n < len(toks):
			nk := toks[i+n].key
			if e.label == ontology.Region && groupNouns[nk] {
				m.te++
				m.kind = kindGroup
			} else if e.label == ontology.Region {
				// "Central Asian region" / "Middle Eastern" as an adjective of
				// anything else is not an argument.
				if nk == "region" {
					m.te++
				} else {
					i += n
					continue
				}
			} else if governmentNouns[nk] {
				m.te++
			}
		case e.kind == gazetteer.FormDemonym && e.label == ontology.Region:
			i += n
			continue
		}
		out = append(out, m)
		d.see(e.id, d.t[toks[i].s:toks[i+n-1].e])
		i += n
	}
	return out
}

// disambiguate picks the candidate of an ambiguous form that earlier
// sentences mentioned most, or "" when none or several tie. A form that is
// a candidate's capital must stand for a government (see metonym).
func (d *document) disambiguate(e *entry, toks []token, i, j int) string {
	best, bestN, tie := "", 0, false
	capital := false
	for _, c := range e.cands {
		if cn, ok := d.x.g.Country(c); ok {
			for _, cp := range cn.Capitals {
				if gazetteer.Fold(cp) == gazetteer.Fold(e.form) {
					capital = true
				}
			}
		}
		n := d.mentioned[c]
		switch {
		case n > bestN:
			best, bestN, tie = c, n, false
		case n == bestN && n > 0:
			tie = true
		}
	}
	if tie || best == "" || capital && !metonym(toks, i, j) {
		return ""
	}
	return best
}

func (d *document) see(id, form string) {
	s := d.seen[id]
	if s == nil {
		s = map[string]bool{}
		d.seen[id] = s
	}
	s[form] = true
}

// defineAcronym registers "(ACR)" right after a named node as an alias of
// that node in this document, and returns the index after it.
func (d *document) defineAcronym(toks []token, i int, n *node) int {
	if n == nil || i+2 >= len(toks) || toks[i].key != "(" || toks[i+2].key != ")" {
		return i
	}
	w := d.t[toks[i+1].s:toks[i+1].e]
	if len(w) < 2 || !isAllUpper(w) {
		return i
	}
	if _, taken := d.defined[w]; !taken {
		d.defined[w] = n
	}
	d.see(n.id, w)
	return i + 3
}

// metonym reports whether a capital at toks[i:j] stands for its government:
// in subject position before a lower-case word ("Ankara signed") or as a
// possessive ("Tashkent's decision"), and not after a preposition or
// article ("in Astana", "a Tashkent think tank", "between Doha and Astana").
func metonym(toks []token, i, j int) bool {
	// Walk back over a list of names ("Ankara and Baghdad", "Doha and
	// Astana") to the word before it: a preposition or article there makes
	// every name of the list a place, unless a relation noun or trade verb
	// comes before it ("talks between Yerevan and Baku").
	p := i - 1
	for p >= 1 && (toks[p].key == "and" || toks[p].key == ",") && toks[p-1].cap {
		p -= 2
		for p >= 0 && toks[p].cap && toks[p].word {
			p--
		}
	}
	if p >= 0 && prepositions[toks[p].key] {
		return governmentContext(toks, p)
	}
	if j >= len(toks) {
		return false
	}
	next := toks[j]
	if next.key == "'" {
		return true // possessive
	}
	// "Washington state", "the Ankara agreement", "the Minsk talks"
	if placeAfter[next.key] || namedHeads[next.key] != "" || lowerHeads[next.key] != "" {
		return false
	}
	// "Abu Dhabi, the Emirati capital, has ..."
	if next.key == "," && j+1 < len(toks) && (toks[j+1].key == "the" || toks[j+1].key == "a") {
		for k := j + 2; k < len(toks) && k < j+6; k++ {
			if toks[k].key == "capital" {
				return k+1 < len(toks) && toks[k+1].key == ","
			}
		}
		return false
	}
	return next.word && !next.cap && !next.num
}

// notTheEntity reports whether a gazetteer match at toks[i:j] is part of
// another name: a person ("Michael Jordan", "Chad Smith"), a company
// ("Qatar Airways", "Turkish Airlines"), a place elsewhere ("Atlanta,
// Georgia", "the US state of Georgia"), a body of water ("the Gulf of
// Aden").
func (d *document) notTheEntity(toks []token, i, j int, e *entry, titleCased bool) bool {
	var next, prev *token
	if j < len(toks) {
		next = &toks[j]
	}
	if i > 0 {
		prev = &toks[i-1]
	}
	switch e.label {
	case ontology.Region:
		// "the Gulf of Aden", "the Gulf of Oman"
		return next != nil && next.key == "of" && j+1 < len(toks) && toks[j+1].cap
	case ontology.Country:
	default:
		return false
	}
	if next != nil && (next.key == "airlines" || next.key == "airways" || next.key == "air") && next.cap {
		return true
	}
	if next != nil && next.key == "$" && next.s == toks[j-1].e {
		return true // "US$1.8 billion", "NZ$": a currency
	}
	if e.kind == gazetteer.FormDemonym {
		return false
	}
	// "the US state of Georgia", "Atlanta, Georgia"
	if i >= 2 && prev.key == "of" && (toks[i-2].key == "state" || toks[i-2].key == "county" || toks[i-2].key == "city") {
		return true
	}
	if i >= 2 && prev.key == "," && toks[i-2].cap && toks[i-2].word {
		if n, _ := d.x.trie.longest(d.t, toks, i-2); n == 0 && (i < 3 || !toks[i-3].cap) && !nameStops[toks[i-2].key] {
			if d.startsName(toks, i-2) {
				return true
			}
		}
	}
	// A capitalised word right before or after that is no entity makes a
	// person's or a company's name ("Michael Jordan", "Chad Smith"), but
	// not in a heading that capitalises every word ("Peru, Ecuador End
	// Border Dispute").
	if titleCased {
		return false
	}
	if prev != nil && i-1 > 0 && prev.cap && prev.word && !prev.num && !titleWords[prev.key] && !nameStops[prev.key] {
		if n, _ := d.x.trie.longest(d.t, toks, i-1); n == 0 && !(i >= 2 && toks[i-2].key == "-") {
			if _, isHead := namedHeads[prev.key]; !isHead {
				return true
			}
		}
	}
	if next != nil && next.cap && next.word && !next.num && !titleWords[next.key] {
		if _, isHead := namedHeads[next.key]; isHead {
			return false
		}
		if i >= 2 && prev.key == "of" && officeHeads[toks[i-2].key] {
			return false // "the President of Kyrgyzstan Sadyr Japarov"
		}
		if n, _ := d.x.trie.longest(d.t, toks, j); n == 0 && !(j+1 < len(toks) && toks[j+1].key == "-") {
			return true
		}
	}
	return false
}

// startsName reports whether the capitalised word at toks[i] is a place
// or person name rather than the first word of a sentence or heading
// ("Atlanta, Georgia" yes; "However, Georgia" no).
func (d *document) startsName(toks []token, i int) bool {
	k := toks[i].key
	return i > 0 && !introWords[k] && !subordinators[k] && !connectorWords[k]
}

// titleWords may stand next to a country's name without making it part
// of a person's or company's name.
var titleWords = set("president", "prime", "minister", "ministry", "foreign", "government", "king", "emir", "crown",
	"prince", "parliament", "embassy", "ambassador", "army", "navy", "state", "republic", "national", "central",
	"bank", "news", "agency", "times", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
	"president's", "mr", "ms", "dr", "general", "secretary", "leader", "chairman", "council", "kingdom", "federation", "ministers")

// officeHeads end an office a state's name follows with "of": "the
// President of Kyrgyzstan", "Prime Minister of India".
var officeHeads = set("president", "minister", "leader", "king", "queen", "emir", "ambassador", "premier", "chancellor",
	"speaker", "envoy", "secretary", "head", "chairman", "chief", "governor", "prince", "sultan", "delegation", "government")

var placeAfter = set("state", "city", "province", "county", "airport", "university", "street", "metro",
	"municipality", "district", "suburbs", "residents", "mayor", "police", "region", "office", "offices")

// governmentContext reports whether the preposition at toks[p] makes the
// names after it governments rather than places: "talks between Yerevan
// and Baku", "sanctions on Moscow", "relations with Tehran", "sent
// weapons to Mogadishu".
func governmentContext(toks []token, p int) bool {
	if p == 0 {
		return false
	}
	switch toks[p].key {
	case "between", "with", "on", "against":
		if relationNouns[toks[p-1].key] {
			return true
		}
		// "signed agreements worth $7.5 billion with Riyadh"
		for j := p - 2; j >= 0 && j >= p-7 && toks[p].key == "with"; j-- {
			if k := toks[j].key; k == "signed" || k == "sign" || k == "signs" || k == "agreements" || k == "deals" || k == "agreement" || k == "deal" {
				return true
			}
			if !toks[j].word && toks[j].key != "$" && toks[j].key != "." {
				break
			}
		}
		return false
	case "to", "from":
		for j := p - 1; j >= 0 && j >= p-8; j-- {
			if j < p-4 && !visitWords[toks[j].key] {
				continue // "the visit of the Omani foreign minister to"
			}
			if exportVerbs[toks[j].key] || importVerbs[toks[j].key] || toks[j].key == "sent" || toks[j].key == "exports" {
				return true
			}
			if toks[p].key == "to" && visitWords[toks[j].key] {
				return true // "the minister's visit to Tehran": to its government
			}
		}
	}
	return false
}

// visitWords go to a capital's government: "a visit to Tehran", "the
// delegation travelled to Beijing".
var visitWords = set("visit", "visits", "visited", "trip", "travelled", "traveled", "travels", "flew", "delegation")

// relationNouns are the nouns after which "between X and Y", "with X" and
// "on X" name governments.
var relationNouns = set("talks", "negotiations", "dialogue", "relations", "ties", "cooperation", "dispute", "conflict",
	"tensions", "rapprochement", "agreement", "deal", "treaty", "sanctions", "pressure", "rivalry", "quarrel", "war",
	"normalization", "normalisation", "consultations", "contacts", "channel", "summit", "meeting", "embargo")

var prepositions = map[string]bool{
	"a": true, "an": true, "the": true, "in": true, "at": true, "to": true, "from": true, "of": true,
	"between": true, "near": true, "via": true, "through": true, "with": true, "for": true, "by": true,
	"on": true, "into": true, "outside": true, "around": true, "across": true, "toward": true, "towards": true,
}

// titleCase reports a heading that capitalises every word of four letters
// or more ("Heads of State Extend Congratulations on the Signing of the
// Trilateral Agreement"): there, capitals do not make a name.
func titleCase(toks []token) bool {
	words, caps := 0, 0
	for _, tk := range toks {
		if !tk.word || tk.num || tk.e-tk.s < 4 {
			continue
		}
		words++
		if tk.cap {
			caps++
		}
	}
	return words >= 4 && caps == words
}

// titleCaseNames drops from a title-case heading's mentions the names read
// from its capitals alone (a named agreement, project or process, an
// organization minted from the text) that the rest of the text never
// writes the same way.
func (d *document) titleCaseNames(toks []token, ms []mention) []mention {
	var out, inside []mention
	for _, m := range ms {
		if m.kind == kindNamed || strings.HasPrefix(m.id(), "org:") {
			name := d.t[toks[m.ts].s:toks[m.te-1].e]
			if strings.Count(d.t, name) < 2 {
				// "Afghanistan Agree To Ceasefire In Doha Talks" read as
				// one name: the states inside it are still named
				inside = append(inside, d.actorsWithin(toks, m.ts, m.te)...)
				continue
			}
		}
		out = append(out, m)
	}
	if len(inside) == 0 {
		return out
	}
	out = append(out, inside...)
	slices.SortFunc(out, func(a, b mention) int { return a.ts - b.ts })
	return out
}

// actorsWithin are the countries, organizations and regions the gazetteer
// names inside toks[a:b], the tokens after b left out.
func (d *document) actorsWithin(toks []token, a, b int) []mention {
	var out []mention
	for i := a; i < b; {
		n, e := d.x.trie.longest(d.t, toks[:b], i)
		if n == 0 || e.id == "" {
			i++
			continue
		}
		if m := (mention{ts: i, te: i + n, ids: []string{e.id}, label: e.label, kind: string(e.kind)}); m.actor() {
			out = append(out, m)
		}
		i += n
	}
	return out
}
