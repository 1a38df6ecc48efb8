package extract

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/extract/text"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ontology"
)

// SurfaceEngine names the rules over words in order, used without a parser.
// Its version changes when the rules change the output on the same text.
const SurfaceEngine = "surface-1"

// Parser annotates text with sentences, lemmas, named entities and
// enhanced++ dependencies; *corenlp.Client is one.
type Parser interface {
	Annotate(ctx context.Context, text string) (*corenlp.Document, error)
}

// ErrParser wraps every error of the parser: the caller may retry or fall
// back to the surface engine, and must say which it did.
var ErrParser = errors.New("parser failed")

// WithParser makes the Extractor read with the parser-backed engine, named
// engine in the output ("corenlp-4.5.10"): sentences, lemmas and the
// dependency graph come from p, and the dependency rules run beside the
// surface rules over the same mentions.
func WithParser(p Parser, engine string) Option {
	return func(x *Extractor) { x.parser, x.engine = p, engine }
}

// Engine names the engine the Extractor reads with.
func (x *Extractor) Engine() string {
	if x.parser != nil {
		return x.engine
	}
	return SurfaceEngine
}

// parse segments the headline of a "Title:" header line and the body into
// the parser's sentences, in one request: the header lines after the
// title are blanked (same length, so offsets hold). A parser sentence
// inside a heading line (or the title) is marked a heading.
func (d *document) parse(ctx context.Context, h text.Header) error {
	if h.TitleEnd <= h.TitleStart {
		return d.annotate(ctx, h.End, len(d.t), 0, "")
	}
	src := []byte(text.BlankDatelines(d.t[h.TitleStart:]))
	for i := h.TitleEnd - h.TitleStart; i < h.End-h.TitleStart; i++ {
		if src[i] != '\n' {
			src[i] = ' '
		}
	}
	return d.annotate(ctx, h.TitleStart, len(d.t), h.TitleEnd, string(src))
}

// annotate parses d.t[from:to] (src instead when given: the same text with
// parts blanked) and appends its sentences; those before titleEnd are the
// title, a heading.
func (d *document) annotate(ctx context.Context, from, to, titleEnd int, src string) error {
	if src == "" {
		src = text.BlankDatelines(d.t[from:to])
	}
	heads := text.Split(d.t[:to], from, 1<<30)
	b := []byte(src)
	d.headlineForParser(b, from, heads)
	if titleEnd > from {
		d.headlineForParser(b, from, []text.Segment{{Start: from, End: titleEnd, Heading: true}})
	}
	ann, err := d.x.parser.Annotate(ctx, string(b))
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%w: %w", ErrParser, err)
	}
	h := 0
	for i := range ann.Sentences {
		ps := &ann.Sentences[i]
		if len(ps.Tokens) == 0 {
			continue
		}
		for j := range ps.Tokens {
			ps.Tokens[j].Begin += from
			ps.Tokens[j].End += from
		}
		seg := text.Segment{Start: ps.Begin(), End: ps.End(), Heading: ps.Begin() < titleEnd}
		for h < len(heads) && heads[h].End <= seg.Start {
			h++
		}
		if h < len(heads) && heads[h].Start <= seg.Start && heads[h].Heading {
			seg.Heading = true
		}
		if d.x.maxSentence > 0 && seg.End-seg.Start > d.x.maxSentence {
			// Too long to be one sentence of an article (a table, a list):
			// read it with the surface rules only, in capped pieces.
			for _, s := range text.Split(d.t[:seg.End], seg.Start, d.x.maxSentence) {
				d.sents = append(d.sents, sentence{seg: s})
			}
			continue
		}
		d.sents = append(d.sents, sentence{seg: seg, parse: ps})
	}
	return nil
}

// orgHeads end the names of organizations: a name NER calls a place
// ("the Pacific Alliance") is an organization when its head is one of them.
var orgHeads = set("alliance", "community", "union", "organization", "council", "bloc", "group", "forum",
	"bank", "association", "league", "cooperation", "market", "commission", "coalition",
	"secretariat", "agency", "fund", "initiative", "pact", "treaty", "quad", "brics")

// notOrgWords mark names NER takes for organizations that are not actors
// of this ontology: media, universities, think tanks; and a state's own
// organs ("Thailand's Ministry of Transport" stands for Thailand).
var notOrgWords = set("news", "times", "post", "journal", "press", "reuters", "bloomberg", "tv", "radio",
	"university", "institute", "school", "college", "daily", "review", "magazine", "gazette", "tribune", "wire",
	"ministry", "ministries", "department", "afp", "xinhua", "tass", "interfax", "kyodo", "yonhap", "bernama", "anadolu", "efe")

// genericNameWords name no organization as a name of one or two words:
// "Regional Cooperation" in a title-case heading, "Joint Cooperation"
// before a strategy's name.
var genericNameWords = set("regional", "joint", "international", "economic", "strategic", "bilateral", "multilateral",
	"trilateral", "global", "mutual", "cooperation", "co-operation", "partnership", "relations", "development",
	"security", "trade", "strategy", "key", "opportunity", "new", "comprehensive", "for", "and", "of", "the", "a")

// parsedMentions adds to ms, for a parsed sentence: organizations named in
// the text that the gazetteer lacks (minted "org:<slug>", with a short
// name in apposition or brackets as the id: "the Southern Common Market,
// Mercosur," is "org:mercosur"), names minted earlier in the document,
// projects named by an apposition ("Gasbol, a 3,000-kilometre pipeline"),
// and first-person words that stand for the author's country.
func (d *document) parsedMentions(s *sentence, toks []token, ms []mention) []mention {
	ps := s.parse
	parent := make([]int, len(ps.Tokens))
	for i := range parent {
		parent[i] = -1
	}
	for _, e := range ps.Basic {
		if e.Rel == "compound" || e.Rel == "amod" {
			parent[e.Dep] = e.Gov
		}
	}
	for _, nm := range ps.Mentions {
		// "the African Continental Free Trade Area": NER may leave out a
		// capitalised modifier of the name's head
		for nm.Start > 0 {
			k := nm.Start - 1
			t := ps.Tokens[k]
			if parent[k] < nm.Start || parent[k] >= nm.End || t.Word == "" || t.Word[0] < 'A' || t.Word[0] > 'Z' {
				break
			}
			nm.Start = k
		}
		start, end := ps.Tokens[nm.Start].Begin, ps.Tokens[nm.End-1].End
		ts, te := tokenSpan(toks, start, end)
		if ts < 0 {
			continue
		}
		for ts < te && (toks[ts].key == "the" || !toks[ts].word) {
			ts++
		}
		if ts >= te || !toks[ts].cap {
			continue
		}
		if overlaps(ms, ts, te) {
			// "the Nordic Defence Cooperation" is an organization, not the
			// sector "defence cooperation" inside it (and "the Arctic
			// Council" not the region inside it, "China Railway
			// Construction Corporation" not China)
			lo := withArticle(toks, ts)
			company := nm.NER == "ORGANIZATION" && te-ts >= 3 && companyHeads[toks[te-1].key] && placesInside(ms, lo, te, true)
			if !company && (nm.NER != "ORGANIZATION" && !orgHeads[toks[te-1].key] || !placesInside(ms, lo, te, false)) {
				continue
			}
			ms = dropInside(ms, lo, te)
		}
		switch nm.NER {
		case "ORGANIZATION":
		case "LOCATION", "MISC":
			if !orgHeads[toks[te-1].key] {
				continue
			}
		default:
			continue
		}
		if m, ok := d.mintOrg(toks, ts, te); ok {
			ms = append(ms, m)
		}
	}
	ms = d.orgNames(ps, toks, ms)
	ms = d.mintedAgain(toks, ms)
	ms = d.namedByApposition(ps, toks, ms)
	ms = d.personMentions(ps, toks, ms)
	if d.author != "" {
		for i, tk := range toks {
			if !firstPerson[tk.key] || overlaps(ms, i, i+1) {
				continue
			}
			te := i + 1
			ids := []string{d.author}
			switch {
			case tk.key == "our" && i+2 < len(toks) && toks[i+1].key == "two" && pairNouns[toks[i+2].key],
				tk.key == "our" && i >= 2 && toks[i-1].key == "of" && toks[i-2].key == "both" && i+1 < len(toks) && pairNouns[toks[i+1].key]:
				// "our two countries", "both of our countries": the author's
				// and the partner the op-ed is about
				if other := d.partner(); other != "" {
					ids = []string{d.author, other}
					te = i + 2
					if toks[i+1].key == "two" {
						te = i + 3
					}
				}
			case tk.key == "our" && i+1 < len(toks) && (toks[i+1].key == "nations" || toks[i+1].key == "countries" || toks[i+1].key == "peoples"):
				// "our nations share ...": the author's and the partner's
				if other := d.partner(); other != "" {
					ids, te = []string{d.author, other}, i+2
				}
			case tk.key == "our" && ourPairNoun(toks, i+1):
				// "our cooperation", "our bilateral relations": the
				// author's and the partner's
				if other := d.partner(); other != "" {
					ids = []string{d.author, other}
				}
			case i+1 < len(toks) && (toks[i+1].key == "country" || toks[i+1].key == "government" || toks[i+1].key == "nation"):
				te = i + 2
			case tk.key == "my":
				continue // "my visit": the author, not the country
			}
			kind := kindFirstPerson
			if len(ids) == 2 {
				kind = kindAnaphor
			}
			ms = append(ms, mention{ts: i, te: te, ids: ids, label: ontology.Country, kind: kind})
		}
	}
	sortMentions(ms)
	return ms
}

// relationNounsOf are what "our" shares with the partner in an official's
// op-ed: "our cooperation", "our relations".
var relationNounsOf = set("cooperation", "co-operation", "relations", "relationship", "ties", "partnership", "friendship")

// ourPairNoun reports a relation noun at toks[i], after at most two
// describing words ("our strong bilateral ties"), that names no other side
// ("our relations with Beijing" are the author's country's alone).
func ourPairNoun(toks []token, i int) bool {
	for j := i; j < len(toks) && j <= i+2; j++ {
		if relationNounsOf[toks[j].key] {
			return j+1 >= len(toks) || toks[j+1].key != "with" && toks[j+1].key != "between"
		}
		if !toks[j].word || toks[j].cap {
			return false
		}
	}
	return false
}

// mintOrg mints the organization named by toks[ts:te]: "org:<slug>", or
// the slug of a short name right after it in apposition or brackets.
func (d *document) mintOrg(toks []token, ts, te int) (mention, bool) {
	name := d.t[toks[ts].s:toks[te-1].e]
	for _, tk := range toks[ts:te] {
		if notOrgWords[tk.key] {
			return mention{}, false
		}
	}
	if representativeLemmas[toks[te-1].key] || governmentNouns[toks[te-1].key] {
		return mention{}, false // "Brazil's Senate" stands for Brazil
	}
	if te-ts <= 2 && !slices.ContainsFunc(toks[ts:te], func(tk token) bool { return !genericNameWords[tk.key] }) {
		// (a longer one is a name: the Regional Comprehensive Economic
		// Partnership)
		return mention{}, false
	}
	if te-ts == 1 && len(name) <= 2 {
		return mention{}, false
	}
	if te-ts == 1 && orgHeads[toks[ts].key] {
		// "The Council" after "the Arctic Council": the one minted name
		// with that head, else no name
		var found *node
		for full, n := range d.minted {
			if strings.HasSuffix(full, " "+toks[ts].key) {
				if found != nil && found != n {
					return mention{}, false
				}
				found = n
			}
		}
		if found == nil {
			return mention{}, false
		}
		return mention{ts: ts, te: te, ids: []string{found.id}, label: found.label, kind: kindMinted, node: found}, true
	}
	short, end := "", te
	if te+2 < len(toks) && (toks[te].key == "," || toks[te].key == "(") && toks[te+1].cap &&
		(toks[te+2].key == "," || toks[te+2].key == ")" || toks[te+2].key == ".") {
		if n, _ := d.x.trie.longest(d.t, toks, te+1); n == 0 {
			short, end = d.t[toks[te+1].s:toks[te+1].e], te+2
		}
	}
	// "the Trans-Pacific Partnership" and "the Treaty of Asuncion" are
	// agreements, whatever NER says
	label, prefix := ontology.Organization, "org:"
	if l, ok := namedHeads[toks[te-1].key]; ok && l == ontology.Agreement || toks[te-1].key == "partnership" ||
		te-ts > 2 && namedHeads[toks[ts].key] == ontology.Agreement && toks[ts+1].key == "of" ||
		strings.Contains(strings.ToLower(name), "free trade") {
		// "the African Continental Free Trade Area" is the agreement
		label, prefix = ontology.Agreement, "agreement:"
	}
	id := prefix + slug(name)
	if short != "" {
		id = prefix + slug(short)
	}
	if id == prefix {
		return mention{}, false
	}
	n := d.node(id, label, name)
	if short != "" {
		n.name = short
	}
	if n.kind == "" && label == ontology.Organization {
		n.kind = kindMinted
	}
	d.minted[strings.ToLower(name)] = n
	if short != "" {
		d.minted[strings.ToLower(short)] = n
	}
	d.see(id, name)
	return mention{ts: ts, te: end, ids: []string{id}, label: label, kind: kindMinted, node: n}, true
}

// orgNames mints organizations NER missed by the head of their name:
// proper nouns ending in an organization's head ("the Andean Community",
// "the Alliance of Sahel States").
func (d *document) orgNames(ps *corenlp.Sentence, toks []token, ms []mention) []mention {
	for i, t := range ps.Tokens {
		if t.POS != "NNP" && t.POS != "NNPS" || !orgHeads[strings.ToLower(t.Word)] {
			continue
		}
		start, end := t.Begin, t.End
		for k := i - 1; k >= 0 && (ps.Tokens[k].POS == "NNP" || ps.Tokens[k].POS == "NNPS"); k-- {
			start = ps.Tokens[k].Begin
		}
		// "Alliance of Sahel States", "Community of Portuguese Language
		// Countries"
		of := i+2 < len(ps.Tokens) && strings.EqualFold(ps.Tokens[i+1].Word, "of") &&
			(ps.Tokens[i+2].POS == "NNP" || ps.Tokens[i+2].POS == "NNPS")
		if start == t.Begin && !of {
			continue // "Community" alone is no name
		}
		if of {
			k := i + 2
			for k < len(ps.Tokens) && (ps.Tokens[k].POS == "NNP" || ps.Tokens[k].POS == "NNPS") {
				end = ps.Tokens[k].End
				k++
			}
		}
		ts, te := tokenSpan(toks, start, end)
		if ts < 0 || representativeLemmas[toks[te-1].key] {
			continue
		}
		if overlaps(ms, ts, te) {
			// "the Arctic Council", "the Pacific Islands Forum": a region
			// inside an organization's name is part of the name
			lo := withArticle(toks, ts)
			if !placesInside(ms, lo, te, false) {
				continue
			}
			ms = dropInside(ms, lo, te)
		}
		if m, ok := d.mintOrg(toks, ts, te); ok {
			ms = append(ms, m)
		}
	}
	return ms
}

// mintedAgain finds names minted in earlier sentences ("Mercosur").
func (d *document) mintedAgain(toks []token, ms []mention) []mention {
	if len(d.minted) == 0 {
		return ms
	}
	for i := 0; i < len(toks); i++ {
		if !toks[i].cap {
			continue
		}
		for j := min(len(toks), i+6); j > i; j-- {
			n, ok := d.minted[strings.ToLower(d.t[toks[i].s:toks[j-1].e])]
			if !ok || overlaps(ms, i, j) {
				continue
			}
			ms = append(ms, mention{ts: i, te: j, ids: []string{n.id}, label: n.label, kind: kindMinted, node: n})
			i = j - 1
			break
		}
	}
	return ms
}

// namedByApposition mints a project or agreement named by a proper noun
// in apposition with its kind: "Gasbol, a 3,000-kilometre pipeline".
func (d *document) namedByApposition(ps *corenlp.Sentence, toks []token, ms []mention) []mention {
	for _, e := range ps.Basic {
		if e.Rel != "appos" || e.Gov < 0 {
			continue
		}
		head, kindTok := ps.Tokens[e.Gov], ps.Tokens[e.Dep]
		if head.POS != "NNP" && head.POS != "NNPS" &&
			!(head.POS == "CD" && e.Gov > 0 && ps.Tokens[e.Gov-1].POS == "NNP") { // "Estlink 2"
			continue
		}
		kind, ok := projectNouns[strings.ToLower(kindTok.Word)]
		if !ok {
			kind, ok = linkNouns[strings.ToLower(kindTok.Word)]
		}
		label := ontology.Project
		if !ok {
			if !agreementNouns[strings.ToLower(kindTok.Word)] {
				continue
			}
			kind, label = "agreement", ontology.Agreement
		}
		// the name: the head and the proper nouns before it
		start := head.Begin
		for k := e.Gov - 1; k >= 0 && (ps.Tokens[k].POS == "NNP" || ps.Tokens[k].POS == "NNPS"); k-- {
			start = ps.Tokens[k].Begin
		}
		ts, te := tokenSpan(toks, start, head.End)
		if ts < 0 || overlaps(ms, ts, te) || !toks[ts].cap {
			continue
		}
		name := d.t[toks[ts].s:toks[te-1].e]
		n := d.node(prefixOf(label)+slug(name), label, name)
		if n.kind == "" {
			n.kind = kind
		}
		d.minted[strings.ToLower(name)] = n
		d.see(n.id, name)
		ms = append(ms, mention{ts: ts, te: te, ids: []string{n.id}, label: label, kind: kindNamed, node: n})
	}
	return ms
}

// linkNouns are kinds of projects that name one only in apposition with
// a name ("Estlink 2, a power cable"): alone they are too common.
var linkNouns = map[string]string{"line": "power_line", "cable": "cable", "interconnector": "interconnector",
	"link": "link", "dam": "dam", "bridge": "bridge", "tunnel": "tunnel", "canal": "canal", "road": "road",
	"plant": "plant", "terminal": "terminal", "refinery": "refinery", "route": "route"}

// Mention kinds of the parser-backed engine.
const (
	kindMinted      = "minted"      // a name the gazetteer lacks, kind from NER
	kindFirstPerson = "firstperson" // "we", "our country": the author's country
)

// tokenSpan finds the tokens [ts, te) of toks that lie in bytes
// [start, end), or -1.
func tokenSpan(toks []token, start, end int) (int, int) {
	ts, te := -1, -1
	for i, tk := range toks {
		if ts < 0 && tk.s >= start {
			ts = i
		}
		if tk.s < end {
			te = i + 1
		}
	}
	if ts < 0 || te <= ts {
		return -1, -1
	}
	return ts, te
}

func overlaps(ms []mention, ts, te int) bool {
	for _, m := range ms {
		if ts < m.te && m.ts < te {
			return true
		}
	}
	return false
}

func sortMentions(ms []mention) {
	slices.SortStableFunc(ms, func(a, b mention) int { return a.ts - b.ts })
}

// placesInside reports whether the mentions overlapping [ts, te) lie inside
// it, none spans it whole, and each is a region, a sector or a demonym (or,
// with countries, any country).
func placesInside(ms []mention, ts, te int, countries bool) bool {
	for _, m := range ms {
		if !(ts < m.te && m.ts < te) {
			continue
		}
		place := m.label == ontology.Region || m.label == ontology.Sector || m.kind == string(gazetteer.FormDemonym) ||
			countries && m.label == ontology.Country
		if !place || m.ts < ts || m.te > te || m.te-m.ts == te-ts {
			return false
		}
	}
	return true
}

// companyHeads end the names of companies, which may begin with a
// country's name ("China Railway Construction Corporation").
var companyHeads = set("corporation", "corp", "company", "co", "group", "ltd", "limited", "inc", "plc", "holdings", "bank", "airways", "airlines")

// withArticle is ts, or the "the" before it: a region mention "the Arctic"
// starts there.
func withArticle(toks []token, ts int) int {
	if ts > 0 && toks[ts-1].key == "the" {
		return ts - 1
	}
	return ts
}

func dropInside(ms []mention, ts, te int) []mention {
	out := ms[:0]
	for _, m := range ms {
		if !(m.ts >= ts && m.te <= te) {
			out = append(out, m)
		}
	}
	return out
}
