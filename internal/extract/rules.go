package extract

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// Confidence of the rules. A fact whose argument came from coreference gets
// confAnaphor instead when that is lower.
const (
	confPattern  = 0.9  // trigger and both arguments in an explicit pattern
	confNode     = 0.85 // properties of a reified node: CONCERNS, IN_SECTOR
	confLoose    = 0.75 // arguments found by position (nearest actor, "with" list)
	confAnaphor  = 0.7  // an argument resolved by coreference
	confGroup    = 0.7  // a region standing for "Middle Eastern countries"
	confLocation = 0.8
)

// sctx is one sentence under the rules.
type sctx struct {
	d         *document
	s         *sentence
	toks      []token
	at        []int // token index -> index into s.ments, or -1
	cls       []clause
	year      int
	yearSince bool // the year came after "since"
	procs     []string
	facts     []relKey // the facts read in this sentence
	st        *discourse
	anaphor   map[string]bool
	mask      uint32 // trigger classes present in the sentence
}

// relate runs coreference and the relation rules over every sentence, in
// text order.
func (d *document) relate(ctx context.Context) error {
	st := &discourse{}
	st.focal, st.focalPair = d.focus()
	var buf []token
	for si := range d.sents {
		if si%256 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		s := &d.sents[si]
		if len(s.ments) == 0 && !s.cue {
			if s.seg.Heading {
				st.framed = nil
			}
			d.remember(s, st, nil)
			continue
		}
		buf = tokenizeLower(d.t, d.lower, s.seg.Start, s.seg.End, buf[:0])
		s.toks = buf
		if s.seg.Heading {
			// A heading ends a frame; a headline is read like a sentence
			// ("Chile and Peru sign border pact").
			st.framed = nil
		}
		d.anaphora(s, st)
		if len(s.ments) == 0 && !(s.parse != nil && hasKey(s.toks, "they")) {
			// nothing to read; "they" only the parse resolves (see plural)
			d.remember(s, st, nil)
			s.toks = nil
			continue
		}
		c := d.newCtx(s, st)
		c.rules()
		c.nameFacts()
		if s.parse != nil {
			c.depRules()
		}
		c.venueHosts()
		d.remember(s, st, c.procs)
		// Done with this sentence: let its tokens and parse go.
		s.toks, s.ments, s.parse = nil, nil, nil
	}
	return nil
}

func (d *document) newCtx(s *sentence, st *discourse) *sctx {
	c := &sctx{d: d, s: s, toks: s.toks, st: st, anaphor: map[string]bool{}}
	c.at = make([]int, len(s.toks))
	for i := range c.at {
		c.at[i] = -1
	}
	for mi, m := range s.ments {
		for i := m.ts; i < m.te && i < len(c.at); i++ {
			c.at[i] = mi
		}
		if m.kind == kindAnaphor {
			for _, id := range m.ids {
				c.anaphor[id] = true
			}
		}
	}
	for _, tk := range s.toks {
		c.mask |= triggerClass[tk.key]
	}
	for _, m := range s.ments {
		switch m.label {
		case ontology.Project:
			c.mask |= clsProject | clsMember
		case ontology.Agreement:
			c.mask |= clsAgreement
		case ontology.Process:
			c.mask |= clsProcess
		}
	}
	c.cls = clauses(s.toks)
	if s.seg.Heading && c.headlineFuture() {
		for i := range c.cls {
			if c.cls[i].mod == ontology.Asserted || c.cls[i].mod == ontology.Reported {
				c.cls[i].mod = ontology.Expected
			}
		}
	}
	var prev []string
	for i := range c.cls {
		subj, poss := c.subject(c.cls[i])
		if len(subj) == 0 {
			subj = prev
		}
		c.cls[i].subj, c.cls[i].possessive = subj, poss
		prev = subj
	}
	// A leading subordinate clause without a subject of its own ("After
	// joining the SCO, Kazakhstan ...") shares the main clause's.
	if len(c.cls) > 1 && len(c.cls[0].subj) == 0 {
		c.cls[0].subj = c.cls[1].subj
	}
	for i, tk := range s.toks {
		if tk.num && len(d.t[tk.s:tk.e]) == 4 {
			if y, err := strconv.Atoi(d.t[tk.s:tk.e]); err == nil && y >= 1900 && y <= 2100 {
				prev, date := "", false
				if i > 0 {
					prev = s.toks[i-1].key
					// a full date: "6 June 2024", "June 6, 2024"
					date = months[prev] && i > 1 && s.toks[i-2].num ||
						prev == "," && i > 2 && s.toks[i-2].num && months[s.toks[i-3].key]
					if months[prev] && i > 1 {
						prev = s.toks[i-2].key
					}
				}
				if prev == "in" || prev == "since" || i == 0 || date {
					c.year, c.yearSince = y, prev == "since"
					break
				}
			}
		}
	}
	// "In the case of X and Y" frames a pair until the next heading.
	if len(s.toks) > 4 && s.toks[0].key == "in" && s.toks[1].key == "the" && s.toks[2].key == "case" && s.toks[3].key == "of" {
		if ids, _ := c.list(4, len(s.toks)); len(ids) == 2 {
			st.framed = ids
		}
	}
	return c
}

func (c *sctx) key(i int) string {
	if i < 0 || i >= len(c.toks) {
		return ""
	}
	return c.toks[i].key
}

func (c *sctx) clauseOf(i int) clause {
	for _, cl := range c.cls {
		if i >= cl.a && i < cl.b {
			return cl
		}
	}
	return c.cls[len(c.cls)-1]
}

func (c *sctx) mentionAt(i int) (mention, bool) {
	if i < 0 || i >= len(c.at) || c.at[i] < 0 {
		return mention{}, false
	}
	return c.s.ments[c.at[i]], true
}

// conf lowers base when any argument was resolved by coreference or is a
// region group.
func (c *sctx) conf(base float64, ids ...string) float64 {
	for _, id := range ids {
		if c.anaphor[id] && base > confAnaphor {
			base = confAnaphor
		}
		if strings.HasPrefix(id, "region:") && base > confGroup {
			base = confGroup
		}
	}
	return base
}

func (c *sctx) add(subj string, p ontology.Predicate, obj string, m ontology.Modality, conf float64, props map[string]any) {
	if p == ontology.LocatedIn {
		c.d.add(c.s, subj, p, obj, m, conf, props) // a region named as a place, not a group
		return
	}
	c.d.add(c.s, subj, p, obj, m, c.conf(conf, subj, obj), props)
	c.facts = append(c.facts, relKey{s: subj, p: p, o: obj, m: m})
}

var months = set("january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december")

// representatives stand for their state in a list: "the leaders of A and B".
var representatives = set("leaders", "leader", "presidents", "president", "governments", "government", "heads",
	"representatives", "ministers", "delegations", "delegation", "officials")

var skipWords = map[string]bool{
	"the": true, "both": true, "also": true, "all": true, "its": true, "their": true, "further": true,
}

// list reads a list of actors starting at token i ("Iran and Saudi Arabia",
// "the United States and the European Union", "of A and of B"); an
// apposition "such as A and B" after a group replaces the group. It returns
// the ids and the index after the list.
// titleNouns after an organization's name make it a title of the name
// that follows: "NATO member Turkey", "EU partner Norway".
var titleNouns = set("member", "members", "ally", "allies", "partner", "partners")

// orgTitle returns where the named actor starts when organization mention
// m is the title of a name after it ("NATO member Turkey"), else 0.
func (c *sctx) orgTitle(m mention) int {
	if m.label != ontology.Organization || !titleNouns[c.key(m.te)] {
		return 0
	}
	if n, ok := c.mentionAt(m.te + 1); ok && n.actor() {
		return m.te + 1
	}
	return 0
}

func (c *sctx) list(i, b int) ([]string, int) {
	var ids []string
	j := i
	for j < b {
		k := c.key(j)
		if skipWords[k] || (len(ids) > 0 && (k == "," || k == "and" || k == "of" || k == "as" && c.key(j+1) == "well")) {
			if k == "as" {
				j += 3
				continue
			}
			j++
			continue
		}
		if representatives[k] && c.key(j+1) == "of" {
			j += 2 // "the leaders of Egypt, Ethiopia and Sudan"
			continue
		}
		if k == "non" && c.key(j+1) == "-" {
			j += 2 // "non-Mercosur member Bolivia"
			continue
		}
		m, ok := c.mentionAt(j)
		if !ok || !m.actor() {
			break
		}
		if n := c.orgTitle(m); n > 0 {
			j = n // "NATO member Turkey": Turkey
			continue
		}
		if m.label == ontology.Region && c.key(m.te) == "'" && c.key(m.te+1) == "s" {
			if o, ok := c.mentionAt(m.te + 2); ok && o.label == ontology.Organization {
				m = o // "South America's Mercosur bloc": the bloc, not the region
			}
		}
		ids = append(ids, m.ids...)
		j = m.te
	}
	// "observer states in the Middle East, such as ...": a group noun
	// phrase whose members follow.
	if len(ids) == 0 {
		for g := j; g < b && g < j+4 && c.toks[g].word && !c.toks[g].cap; g++ {
			if groupNouns[c.key(g)] {
				if more := c.suchAsNear(g+1, b, 9); len(more) > 0 {
					return more, g + 1
				}
				break
			}
		}
	}
	// trim trailing separators
	for j > i && (c.key(j-1) == "," || c.key(j-1) == "and" || c.key(j-1) == "of" || skipWords[c.key(j-1)]) {
		j--
	}
	// "states in the Middle East, such as Iran and Saudi Arabia"
	k := j
	if c.key(k) == "in" {
		if m, ok := c.mentionAt(k + 1); ok && m.label == ontology.Region {
			k = m.te
		} else if m, ok := c.mentionAt(k + 2); ok && m.label == ontology.Region {
			k = m.te
		}
	}
	if c.key(k) == "," {
		k++
	}
	if c.key(k) == "such" && c.key(k+1) == "as" || c.key(k) == "including" || c.key(k) == "like" {
		skip := 2
		if c.key(k) != "such" {
			skip = 1
		}
		if more, end := c.list(k+skip, b); len(more) > 0 {
			return more, end
		}
	}
	return ids, j
}

// suchAsNear is suchAs with "such as" within n tokens of i.
func (c *sctx) suchAsNear(i, b, n int) []string {
	for j := i; j+1 < b && j < i+n; j++ {
		if c.key(j) == "such" && c.key(j+1) == "as" {
			ids, _ := c.list(j+2, b)
			return ids
		}
	}
	return nil
}

// suchAs reads "observer states in the Middle East, such as Iran and
// Saudi Arabia" from token i: the list after "such as" within b.
func (c *sctx) suchAs(i, b int) []string {
	for j := i; j+1 < b; j++ {
		if c.key(j) == "such" && c.key(j+1) == "as" {
			ids, _ := c.list(j+2, b)
			return ids
		}
	}
	return nil
}

var introWords = map[string]bool{
	"in": true, "since": true, "through": true, "by": true, "for": true, "after": true, "during": true,
	"with": true, "as": true, "under": true, "according": true, "at": true, "to": true, "on": true,
	"economically": true, "politically": true, "historically": true, "overall": true, "thus": true,
	"furthermore": true, "moreover": true, "nevertheless": true, "nonetheless": true, "however": true,
	"meanwhile": true, "also": true, "therefore": true, "looking": true, "before": true, "when": true, "yet": true,
}
var connectorWords = map[string]bool{"and": true, "but": true, "while": true, "whereas": true, "unlike": true,
	"although": true, "though": true, ",": true, ";": true, "so": true, "then": true}

// subject reads the subject list of a clause, after connectors and an
// introductory phrase ("In 2017,", "Through close cooperation with ...,").
func (c *sctx) subject(cl clause) ([]string, bool) {
	i := cl.a
	for i < cl.b && (connectorWords[c.key(i)] || c.key(i) == "also") {
		i++
	}
	if i < cl.b && introWords[c.key(i)] {
		if _, isActor := c.mentionAt(i); !isActor {
			if d := c.dateAt(i+1, cl.b); d > i+1 {
				// "In 2017,", "In November 2022 the two sides ..."
				i = d
				if c.key(i) == "," {
					i++
				}
			} else {
				j := i
				for j < cl.b && j-i < 25 && c.key(j) != "," {
					j++
				}
				if j >= cl.b || c.key(j) != "," {
					return nil, false
				}
				i = j + 1
			}
		}
	}
	// "Qatari officials say the two countries will ...": the subject of
	// the reported clause.
	for j := i; j < cl.b && j-i < 4; j++ {
		if (c.key(j) == "say" || c.key(j) == "says" || c.key(j) == "said") && j+1 < cl.b {
			i = j + 1
			if c.key(i) == "that" {
				i++
			}
			break
		}
	}
	if c.key(i) == "it" || c.key(i) == "they" {
		return nil, false // inherits the previous clause's subject
	}
	ids, j := c.list(i, cl.b)
	if len(ids) == 0 {
		return nil, false
	}
	poss := c.key(j) == "'" && c.key(j+1) == "s"
	return ids, poss
}

// dateAt returns the index after a date phrase starting at i ("2017",
// "November 2022", "13 March 2025", "early 2024"), or i when there is none.
func (c *sctx) dateAt(i, b int) int {
	j := i
	for j < b && (c.toks[j].num || months[c.key(j)] || c.key(j) == "early" || c.key(j) == "late" || c.key(j) == "mid") {
		j++
	}
	if j > i && !c.toks[j-1].num && !months[c.key(j-1)] {
		return i
	}
	return j
}

// nearestBefore returns the actor list that ends nearest before token i in
// the clause, skipping adverbs, auxiliaries and an apposition ", as ... ,".
func (c *sctx) nearestBefore(i int, cl clause) []string {
	j := i - 1
	for j >= cl.a {
		k := c.key(j)
		if k == "," {
			// skip an apposition back to the previous comma
			p := j - 1
			for p >= cl.a && c.key(p) != "," {
				p--
			}
			if p >= cl.a && p < j-1 {
				j = p - 1
				continue
			}
			j--
			continue
		}
		if m, ok := c.mentionAt(j); ok {
			if !m.actor() {
				return nil
			}
			ids, _ := c.list(m.ts, i)
			// back over a list "A and B" ending here
			start := m.ts
			for start-1 >= cl.a && (c.key(start-1) == "and" || c.key(start-1) == "," || c.key(start-1) == "the" && (c.key(start-2) == "and" || c.key(start-2) == ",")) {
				if c.key(start-1) == "the" {
					start--
				}
				pm, ok := c.mentionAt(start - 2)
				if !ok || !pm.actor() {
					break
				}
				start = pm.ts
			}
			ids, _ = c.list(start, i)
			return ids
		}
		if !c.toks[j].word || c.toks[j].cap || j < i-5 {
			return nil
		}
		j--
	}
	return nil
}

func (c *sctx) rules() {
	for _, r := range []struct {
		cls  uint32
		rule func()
	}{
		{clsProcess, c.processes}, {clsMember, c.memberOf}, {clsAgreement, c.agreements},
		{clsProject, c.projects}, {clsCoop, c.cooperation}, {clsInvest, c.investment},
		{clsTrade, c.exports}, {clsWar, c.conflict}, {clsSanction, c.sanctions},
		{clsLocation, c.location}, {clsPartOf, c.partOf},
	} {
		if c.mask&r.cls != 0 {
			r.rule()
		}
	}
}

// sectorsAfter lists the sector ids mentioned in [i, b), in order. Single
// commodity words ("gas", "oil") are commodities, not sectors, here.
func (c *sctx) sectorsAfter(i, b int) []string {
	var out []string
	for _, m := range c.s.ments {
		if m.ts < i || m.ts >= b || !c.isSector(m) {
			continue
		}
		if !slices.Contains(out, m.id()) {
			out = append(out, m.id())
		}
	}
	return out
}

// isSector reports whether m names a sector: "oil and gas", "energy", but
// not "oil" alone, which is a commodity.
func (c *sctx) isSector(m mention) bool {
	return m.label == ontology.Sector && !(m.te-m.ts == 1 && commodities[c.key(m.ts)] != "" && m.id() != "energy")
}

func hasAny(keys map[string]bool, c *sctx, a, b int) int {
	for i := a; i < b && i < len(c.toks); i++ {
		if keys[c.key(i)] {
			return i
		}
	}
	return -1
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// headlineFuture reports a headline's infinitive of the future right after
// its actors: "Chile and Peru to sign border pact", "Bolivia to join
// Mercosur".
func (c *sctx) headlineFuture() bool {
	for i := 1; i+1 < len(c.toks); i++ {
		if c.toks[i].key == "to" && c.at[i-1] >= 0 && !c.toks[i+1].cap && c.toks[i+1].word {
			return true
		}
	}
	return false
}

// hasKey reports whether a token of toks has key k.
func hasKey(toks []token, k string) bool {
	for _, t := range toks {
		if t.key == k {
			return true
		}
	}
	return false
}
