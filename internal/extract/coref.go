package extract

import (
	"slices"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// discourse is what coreference remembers between sentences.
type discourse struct {
	prevActors  []string // distinct actors of the previous sentence, in order
	prevCountry string   // the one country the previous sentence named, if one
	framed      []string // pair set by "In the case of X and Y", until a heading
	lastRegion  string
	lastOrg     string
	countries   []string // countries mentioned so far, most recent last
	// lists are the lists of countries named together so far ("the US,
	// Japan and South Korea"), most recent last
	lists       [][]string
	processes   []string // processes of the last sentence that had any
	sanctioned  string   // the last target of sanctions
	lastProject *node    // the last project named
	lastDeal    *node    // the last agreement or initiative named
	// namedDeals are the named agreements read so far by the last word of
	// their name: "the joint Declaration" after "the Athens Declaration".
	namedDeals  map[string]*node
	lastEvent   *node // the last named process (summit, exercise, talks)
	focal       string
	focalPair   []string
	clauseSubjs []string
}

// focus computes the document's focal country (most mentioned, ties to the
// first mentioned) and focal pair (the two most mentioned countries; with
// only one country, that country and the most mentioned region).
func (d *document) focus() (string, []string) {
	ids := make([]string, 0, len(d.counts))
	for id := range d.counts {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int {
		if d.counts[a] != d.counts[b] {
			return d.counts[b] - d.counts[a]
		}
		return d.first[a] - d.first[b]
	})
	if len(ids) == 0 {
		return "", nil
	}
	if len(ids) >= 2 {
		return ids[0], []string{ids[0], ids[1]}
	}
	return ids[0], nil
}

var pairNouns = map[string]bool{"parties": true, "countries": true, "leaders": true, "presidents": true, "sides": true, "partners": true, "governments": true, "states": true, "nations": true, "neighbours": true, "neighbors": true, "allies": true, "rivals": true,
	// the states' own people and forces: "the two navies", "both ministers"
	"navies": true, "armies": true, "militaries": true, "ministers": true, "delegations": true, "economies": true,
	"capitals": true, "republics": true}

// pairAdjectives make "the ... parties" the two sides of a conflict or a
// negotiation.
var pairAdjectives = set("warring", "contending", "rival", "negotiating", "feuding", "belligerent")

// pairHead is the index of the group noun of "two ... countries" at
// toks[i] ("two"), over a few describing words ("oil-rich Gulf"), else 0.
func pairHead(toks []token, i int) int {
	for h := i + 1; h < len(toks) && h <= i+6; h++ {
		if pairNouns[toks[h].key] {
			return h
		}
		if !toks[h].word && toks[h].key != "-" || toks[h].key == "and" || toks[h].key == "of" || toks[h].num {
			return 0
		}
	}
	return 0
}

// anaphorCues are the words anaphora starts from.
var anaphorCues = set("two", "both", "country", "these", "those", "region", "bloc", "alliance", "organization", "union", "grouping",
	"association", "declaration", "treaty", "agreement", "pact", "charter", "convention", "protocol", "its", "deal", "warring", "contending", "rival", "negotiating", "feuding", "belligerent", "accord", "initiative", "project", "route", "corridor", "pipeline", "dam", "port", "railway", "plant", "terminal", "line",
	"summit", "forum", "meeting", "conference", "talks", "negotiations", "exercise", "exercises", "drills", "programme",
	"called", "named", "dubbed", "codenamed", "they")

var dealRefs = set("deal", "accord", "initiative")

// eventHead is the index of the head of "the summit", "the three-day
// summit", "the joint military drills" at toks[i] ("the") when it refers to
// an event of kind, else 0.
func eventHead(toks []token, i int, kind string) int {
	for h := i + 1; h < len(toks) && h <= i+5; h++ {
		if slices.Contains(eventRefs[toks[h].key], kind) {
			return h
		}
		if toks[h].cap || !toks[h].word && toks[h].key != "-" {
			return 0
		}
	}
	return 0
}

// calledName reads "<head> called <Name>" with "called" at toks[i]: a
// node named "<Name> <head>", mentioned from the head to the name's end.
func (d *document) calledName(toks []token, i int) (mention, bool) {
	h := i - 1
	if h > 0 && toks[h].key == "," {
		h--
	}
	label, ok := lowerHeads[toks[h].key]
	if !ok || toks[h].cap {
		return mention{}, false
	}
	end := i + 1
	for end < len(toks) && end-i <= 5 && toks[end].cap && toks[end].word {
		end++
	}
	name := d.t[toks[i+1].s:toks[end-1].e]
	head := toks[h].key
	if id, ok := headIDs[head]; ok {
		head = id
	}
	n := d.node(prefixOf(label)+slug(name)+"-"+head, label, name+" "+toks[h].key)
	if n.kind == "" {
		n.kind = namedKind(toks[h].key)
	}
	d.see(n.id, name)
	return mention{ts: h, te: end, ids: []string{n.id}, label: label, kind: kindNamed, node: n}, true
}

// summitOf is the node of "the summit of O" at toks[i], O an organization
// mentioned right after "of" (or "of the").
func (d *document) summitOf(s *sentence, i int) *node {
	at := i + 2
	if at < len(s.toks) && s.toks[at].key == "the" {
		at++
	}
	for _, m := range s.ments {
		if m.ts == at && m.label == ontology.Organization && len(m.ids) == 1 {
			n := d.node(summitID(m.ids[0]), ontology.Process, "summit of "+d.t[s.toks[m.ts].s:s.toks[m.te-1].e])
			if n.kind == "" {
				n.kind = "dialogue_forum"
			}
			return n
		}
	}
	return nil
}

// summitID is the id of the summit of organization org:
// process:asean-summit, process:arctic-council-summit.
func summitID(org string) string {
	return "process:" + strings.TrimPrefix(strings.ToLower(org), "org:") + "-summit"
}

// eventRefs are the heads of "the summit", "the drills": the last named
// process of one of the kinds.
var eventRefs = map[string][]string{
	"summit": {"dialogue_forum", "conference"}, "forum": {"dialogue_forum"}, "meeting": {"dialogue_forum", "conference"},
	"conference": {"conference", "dialogue_forum"}, "talks": {"negotiations"}, "negotiations": {"negotiations"},
	"exercise": {"military_exercise"}, "exercises": {"military_exercise"}, "drills": {"military_exercise"},
	"programme": {"programme"},
}

var projectRefs = set("project", "route", "corridor", "pipeline", "dam", "port", "railway", "plant", "terminal", "line")
var groupRefs = map[string]bool{"bloc": true, "alliance": true, "organization": true, "grouping": true, "union": true, "association": true}

// anaphora adds mentions for the phrases coreference resolves in sentence
// s: "the two countries", "both partners", "the country", "the region",
// "the bloc", "its neighbour".
func (d *document) anaphora(s *sentence, st *discourse) {
	toks := s.toks
	var add []mention
	for i := 0; i+1 < len(toks); i++ {
		k, n := toks[i].key, toks[i+1].key
		switch {
		case k == "the" && pairAdjectives[n] && i+2 < len(toks) && (toks[i+2].key == "parties" || toks[i+2].key == "sides"):
			// "the warring parties", "the contending sides"
			if ids := d.pair(s, i, st, true); len(ids) == 2 {
				add = append(add, mention{ts: i, te: i + 3, ids: ids, label: ontology.Country, kind: kindAnaphor})
			}
		case (k == "two" && i > 0 && toks[i-1].key == "the" || k == "both") && pairHead(toks, i) > 0:
			// "the two countries", "the two oil-rich Gulf nations"; not
			// "the two leaders of Colombia and Venezuela", which says whose
			h := pairHead(toks, i)
			if h+2 < len(toks) && toks[h+1].key == "of" && toks[h+2].cap {
				continue
			}
			if ids := d.pair(s, i, st, toks[h].key == "sides" || toks[h].key == "partners"); len(ids) == 2 {
				start := i
				if k == "two" {
					start = i - 1
				}
				add = append(add, mention{ts: start, te: h + 1, ids: ids, label: ontology.Country, kind: kindAnaphor})
			}
		case k == "the" && n == "country" && (st.focal != "" || st.prevCountry != ""):
			if i+2 < len(toks) && toks[i+2].key == "'" {
				continue
			}
			// "For Chile the stakes are high. The country ...": the one
			// country just named, else the article's focal country
			id := st.prevCountry
			if id == "" {
				id = st.focal
			}
			add = append(add, mention{ts: i, te: i + 2, ids: []string{id}, label: ontology.Country, kind: kindAnaphor})
		case (k == "these" || k == "those") && groupNouns[n] && n != "partners" && st.lastRegion != "":
			// "these countries" after "Middle Eastern countries"
			add = append(add, mention{ts: i, te: i + 2, ids: []string{st.lastRegion}, label: ontology.Region, kind: kindAnaphor})
		case k == "the" && n == "region" && st.lastRegion != "":
			add = append(add, mention{ts: i, te: i + 2, ids: []string{st.lastRegion}, label: ontology.Region, kind: kindAnaphor})
		case (k == "the" || k == "that" || k == "this") && groupRefs[n]:
			org := st.lastOrg
			for _, m := range s.ments {
				if m.ts < i && m.label == ontology.Organization {
					org = m.id()
				}
			}
			if org != "" {
				add = append(add, mention{ts: i, te: i + 2, ids: []string{org}, label: ontology.Organization, kind: kindAnaphor})
			}
		case k == "the" && st.lastOrg != "" && !groupRefs[n] && orgHeads[n] && n == d.orgHead(st.lastOrg) &&
			(i+2 >= len(toks) || !toks[i+2].cap && toks[i+2].key != "of"):
			// "the council" after "the Andean Water Council", not "the
			// council of ministers"
			add = append(add, mention{ts: i, te: i + 2, ids: []string{st.lastOrg}, label: ontology.Organization, kind: kindAnaphor})
		case k == "the" && namedDealHead(toks, i, st) > 0:
			// "The joint Declaration, which ...": the named declaration
			// read before
			h := namedDealHead(toks, i, st)
			p := st.namedDeals[toks[h].key]
			add = append(add, mention{ts: i, te: h + 1, ids: []string{p.id}, label: p.label, kind: kindAnaphor, node: p})
		case k == "the" && projectRefs[n] && st.lastProject != nil:
			if i+2 < len(toks) && (toks[i+2].cap || toks[i+2].key == "of") {
				continue // "the port of Basra" is a place
			}
			p := st.lastProject
			add = append(add, mention{ts: i, te: i + 2, ids: []string{p.id}, label: ontology.Project, kind: kindAnaphor, node: p})
		case k == "the" && st.lastDeal != nil && (dealRefs[n] || i+2 < len(toks) && dealRefs[toks[i+2].key] && toks[i+1].word && !toks[i+1].cap):
			// "the deal", "the grain deal": the last agreement or initiative
			end := i + 2
			if !dealRefs[n] {
				end = i + 3
			}
			if end < len(toks) && (toks[end].cap || toks[end].key == "of" || toks[end].key == "between") {
				continue
			}
			p := st.lastDeal
			if p.label == ontology.Process && meetingNamed(p.id) {
				continue // "the deal" after "the G20 summit" is not the summit
			}
			add = append(add, mention{ts: i, te: end, ids: []string{p.id}, label: p.label, kind: kindAnaphor, node: p})
		case k == "the" && st.lastEvent != nil && eventHead(toks, i, st.lastEvent.kind) > 0:
			h := eventHead(toks, i, st.lastEvent.kind)
			if h+1 < len(toks) && (toks[h+1].cap || toks[h+1].key == "of" || toks[h+1].key == "between" || toks[h+1].key == "with") {
				continue // "the summit of ...", "the talks between ..." say which
			}
			p := st.lastEvent
			add = append(add, mention{ts: i, te: h + 1, ids: []string{p.id}, label: p.label, kind: kindAnaphor, node: p})
		case (k == "called" || k == "named" || k == "dubbed" || k == "codenamed") && i > 0 && n != "" && toks[i+1].cap:
			// "a trilateral joint exercise called Freedom Edge":
			// process:freedom-edge-exercise, from the head to the name
			if m, ok := d.calledName(toks, i); ok {
				add = append(add, m)
			}
		case (k == "summit" || k == "summits") && n == "of":
			// "the 47th summit of the Association of Southeast Asian
			// Nations": process:asean-summit, beside the organization
			if n := d.summitOf(s, i); n != nil {
				add = append(add, mention{ts: i, te: i + 1, ids: []string{n.id}, label: n.label, kind: kindNamed, node: n})
			}
		case k == "its" && (n == "neighbour" || n == "neighbor"):
			if c := d.lastCountryBefore(s, i, st); c != "" {
				add = append(add, mention{ts: i, te: i + 2, ids: []string{c}, label: ontology.Country, kind: kindAnaphor})
			}
		}
	}
	if len(add) == 0 {
		return
	}
	// Keep only anaphors that do not overlap a recognised mention.
	for _, a := range add {
		if len(a.ids) == 2 && overlaps(s.ments, a.ts, a.te) && placesInside(s.ments, a.ts, a.te, false) {
			s.ments = dropInside(s.ments, a.ts, a.te) // "the two Gulf nations" is not the Gulf
		}
		if !overlaps(s.ments, a.ts, a.te) {
			s.ments = append(s.ments, a)
		}
	}
	sortMentions(s.ments)
}

// pair resolves "the two countries" at token i: the framing pair ("In the
// case of X and Y"), else the last two actors earlier in the sentence, else
// the previous sentence's actors when there are exactly two, else the
// document's focal pair. Countries and regions only, unless anyActor
// ("the two sides", "both partners").
func (d *document) pair(s *sentence, i int, st *discourse, anyActor bool) []string {
	if len(st.framed) == 2 {
		return st.framed
	}
	var here []string
	for _, m := range s.ments {
		if m.ts >= i {
			break
		}
		if byAgent(s, m.ts) {
			continue // "brokered by Qatar and Türkiye": mediators are not sides
		}
		if !m.actor() || (!anyActor && m.label == ontology.Organization) {
			continue
		}
		if m.label == ontology.Region && m.kind != kindGroup {
			continue // "under the Black Sea that the two countries opened"
		}
		for _, id := range m.ids {
			if !slices.Contains(here, id) {
				here = append(here, id)
			}
		}
	}
	if len(here) >= 2 {
		if p := coordinatedPair(s, i, anyActor); p != nil {
			return p
		}
		return here[len(here)-2:]
	}
	if len(st.prevActors) == 2 && (anyActor || !d.anyOrganization(st.prevActors)) {
		return st.prevActors // "the two leaders" are two states' leaders, not a bloc's
	}
	// "the two sides" after a sentence about two parties and the region
	// they are in: the parties.
	if anyActor && len(here) == 0 {
		var states []string
		for _, id := range st.prevActors {
			if l, _ := d.x.g.Label(id); l == ontology.Country || l == ontology.Organization {
				states = append(states, id)
			}
		}
		if len(states) == 2 {
			return states
		}
	}
	if len(here) == 1 && len(st.focalPair) == 2 && slices.Contains(st.focalPair, here[0]) {
		return st.focalPair
	}
	return st.focalPair
}

// anyOrganization reports whether one of the ids is an organization.
func (d *document) anyOrganization(ids []string) bool {
	for _, id := range ids {
		if l, _ := d.x.g.Label(id); l == ontology.Organization {
			return true
		}
	}
	return false
}

// byAgent reports whether the name at token i is in the "by" list of a
// passive verb of mediating or hosting ("brokered by Qatar and Türkiye").
func byAgent(s *sentence, i int) bool {
	for j := i - 1; j >= 0 && j >= i-6; j-- {
		switch s.toks[j].key {
		case "by":
			if j == 0 {
				return false
			}
			v := s.toks[j-1].key
			return mediateWords[v] || hostVerbs[v] || v == "organized" || v == "organised"
		case ",", "and", "the":
			continue
		}
		if !s.toks[j].cap {
			return false
		}
	}
	return false
}

// coordinatedPair returns the last "A and B" before token i whose two
// names are actors, or nil: "the talks between Iran and Saudi Arabia,
// after Iraq had hosted rounds of dialogue between the two rivals".
func coordinatedPair(s *sentence, i int, anyActor bool) []string {
	var out []string
	for k := 0; k+1 < len(s.ments); k++ {
		a, b := s.ments[k], s.ments[k+1]
		if b.ts >= i || !a.actor() || !b.actor() || len(a.ids) != 1 || len(b.ids) != 1 || a.id() == b.id() || byAgent(s, a.ts) {
			continue
		}
		if !anyActor && (a.label == ontology.Organization || b.label == ontology.Organization) {
			continue
		}
		if b.ts == a.te+1 && s.toks[a.te].key == "and" {
			out = []string{a.id(), b.id()}
		}
	}
	return out
}

func (d *document) lastCountryBefore(s *sentence, i int, st *discourse) string {
	subj := ""
	for _, m := range s.ments {
		if m.ts < i && m.label == ontology.Country && len(m.ids) == 1 {
			subj = m.id() // the nearest country before "its" is the owner
		}
	}
	for j := len(st.countries) - 1; j >= 0; j-- {
		if st.countries[j] != subj {
			return st.countries[j]
		}
	}
	return ""
}

// countryLists are the lists of two or more countries the sentence names
// together: mentions apart by nothing but commas, "and" and "the".
func countryLists(s *sentence) [][]string {
	var out [][]string
	var cur []string
	last := -1
	flush := func() {
		if len(cur) >= 2 {
			out = append(out, cur)
		}
		cur = nil
	}
	for _, m := range s.ments {
		if m.label != ontology.Country || m.kind == kindAnaphor || len(m.ids) != 1 {
			flush()
			last = -1
			continue
		}
		joined := last >= 0
		for j := last; joined && j < m.ts; j++ {
			if k := s.toks[j].key; k != "," && k != "and" && k != "the" {
				joined = false
			}
		}
		if !joined {
			flush()
		}
		if !slices.Contains(cur, m.id()) {
			cur = append(cur, m.id())
		}
		last = m.te
	}
	flush()
	return out
}

// remember updates the discourse state after sentence s.
func (d *document) remember(s *sentence, st *discourse, procs []string) {
	var actors []string
	countries := 0
	st.prevCountry = ""
	for _, m := range s.ments {
		if !m.actor() {
			continue
		}
		for _, id := range m.ids {
			if !slices.Contains(actors, id) {
				actors = append(actors, id)
			}
			switch m.label {
			case ontology.Region:
				st.lastRegion = id
			case ontology.Organization:
				if m.kind != kindAnaphor {
					st.lastOrg = id
				}
			case ontology.Country:
				if m.kind != kindAnaphor {
					st.countries = append(st.countries, id)
					if id != st.prevCountry {
						countries++
						st.prevCountry = id
					}
				}
			}
		}
	}
	st.prevActors = actors
	st.lists = append(st.lists, countryLists(s)...)
	if countries != 1 {
		st.prevCountry = ""
	}
	for _, m := range s.ments {
		if m.label == ontology.Project && m.node != nil && m.kind != kindAnaphor {
			st.lastProject = m.node
		}
		if m.label == ontology.Process && m.node != nil && m.kind != kindAnaphor {
			st.lastEvent = m.node
		}
		if (m.label == ontology.Agreement || m.label == ontology.Process && m.node != nil && m.node.kind == "dialogue_forum") && m.node != nil && m.kind != kindAnaphor {
			st.lastDeal = m.node
		}
		if m.label == ontology.Agreement && m.node != nil && m.kind == kindNamed && m.te <= len(s.toks) && m.te > m.ts {
			if st.namedDeals == nil {
				st.namedDeals = map[string]*node{}
			}
			st.namedDeals[s.toks[m.te-1].key] = m.node
		}
	}
	if len(procs) > 0 {
		st.processes = procs
	}
}

// orgHead is the last word of an organization's name, lower case:
// "council" for the Andean Water Council.
func (d *document) orgHead(id string) string {
	name := strings.ReplaceAll(strings.TrimPrefix(id, "org:"), "-", " ")
	if o, ok := d.x.g.Organization(id); ok {
		name = o.Name
	}
	f := strings.Fields(strings.ToLower(name))
	if len(f) == 0 {
		return ""
	}
	if k, ok := spellings[f[len(f)-1]]; ok {
		return k
	}
	return f[len(f)-1]
}

// namedDealHead is the index of the head of "the declaration", "the joint
// Declaration" at toks[i] ("the") when a named agreement with that last
// word was read before and the phrase names nothing of its own, else 0.
func namedDealHead(toks []token, i int, st *discourse) int {
	if len(st.namedDeals) == 0 {
		return 0
	}
	h := i + 1
	if h < len(toks) && (toks[h].key == "joint" || toks[h].key == "final" || toks[h].key == "new") {
		h++
	}
	if h >= len(toks) || st.namedDeals[toks[h].key] == nil {
		return 0
	}
	if h+1 < len(toks) && (toks[h+1].cap || toks[h+1].key == "of" || toks[h+1].key == "between" || toks[h+1].key == "on") {
		return 0 // "the declaration of ...", "the Declaration on ..." name their own
	}
	return h
}
