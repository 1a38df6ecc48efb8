package extract

import (
	"strings"

	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ontology"
)

// Names of reified nodes: "the Shusha Declaration", "the Balikatan
// exercise", "Chabahar port"; their ids are the slug of the name, and the
// head says the node's label and kind.

// stop words that cannot start a named node.
var nameStops = map[string]bool{
	"the": true, "a": true, "an": true, "in": true, "on": true, "at": true, "for": true, "since": true,
	"this": true, "these": true, "that": true, "both": true, "and": true, "of": true, "by": true, "as": true,
	// ordinals count editions of a named event, they are not its name:
	// "the Second Belt & Road Forum"
	"first": true, "second": true, "third": true, "fourth": true, "fifth": true, "sixth": true, "seventh": true,
	"eighth": true, "ninth": true, "tenth": true, "inaugural": true, "annual": true,
	// and so do Roman numerals: "the IX Summit of Heads of ..."
	"ii": true, "iii": true, "iv": true, "v": true, "vi": true, "vii": true, "viii": true, "ix": true, "xi": true,
	"xii": true, "xiii": true, "xiv": true, "xv": true, "xvi": true, "xvii": true, "xviii": true, "xix": true, "xx": true,
}

// Heads of named reified nodes, by label.
var namedHeads = map[string]ontology.Label{
	"declaration": ontology.Agreement, "treaty": ontology.Agreement, "agreement": ontology.Agreement,
	"accord": ontology.Agreement, "accords": ontology.Agreement, "pact": ontology.Agreement,
	"memorandum": ontology.Agreement, "charter": ontology.Agreement, "protocol": ontology.Agreement,
	"convention": ontology.Agreement, "arrangement": ontology.Agreement, "communique": ontology.Agreement, "communiqué": ontology.Agreement,
	"pipeline": ontology.Project, "railway": ontology.Project, "corridor": ontology.Project,
	"highway": ontology.Project, "dam": ontology.Project, "road": ontology.Project, "route": ontology.Project,
	"canal": ontology.Project, "bridge": ontology.Project, "tunnel": ontology.Project, "port": ontology.Project,
	"interconnector": ontology.Project, "cable": ontology.Project, "link": ontology.Project,
	"conference": ontology.Process,
	"process":    ontology.Process, "talks": ontology.Process, "format": ontology.Process, "week": ontology.Process,
	"forum": ontology.Process, "summit": ontology.Process, "dialogue": ontology.Process, "meeting": ontology.Process,
	"initiative": ontology.Process, "negotiations": ontology.Process,
	"exercise": ontology.Process, "exercises": ontology.Process, "drills": ontology.Process, "drill": ontology.Process,
	"programme": ontology.Process, "program": ontology.Process, "plant": ontology.Project,
}

// headFirstEvents name an event by what follows "of": "the Summit of the
// Americas", "the Summit of Heads of the Turkic-speaking States".
var headFirstEvents = set("summit", "conference")

// genericNames are kinds of agreements and meetings written in capitals,
// not names of one.
var genericNames = set("memorandum-of-understanding", "memoranda-of-understanding", "memorandum-of-cooperation",
	"memorandum-of-agreement", "framework-agreement", "free-trade-agreement", "peace-agreement", "peace-accord",
	"trade-agreement", "cooperation-agreement", "joint-declaration", "joint-statement", "security-agreement",
	"defence-agreement", "defense-agreement", "strategic-partnership-agreement", "summit", "joint-summit")

// headIDs give a named node's head its one spelling in the id: the
// "Balikatan drills" and the "Balikatan exercises" are one event,
// process:balikatan-exercise.
var headIDs = map[string]string{"exercises": "exercise", "drills": "exercise", "drill": "exercise", "program": "programme"}

var nameConnectors = map[string]bool{"&": true, "of": true, "and": true, "for": true, "on": true, "-": true, "the": true, "in": true}

// named finds a named agreement, project or process starting at toks[i]:
// capitalised words (with "of", "and", hyphens inside) ending in a head
// noun ("Astana Peace Process", "Shusha Declaration"). It returns the
// number of tokens and the node, or 0.
func (d *document) named(toks []token, i int) (int, *node) {
	if !toks[i].cap || nameStops[toks[i].key] {
		return 0, nil
	}
	end, span := 0, 0 // span: the tokens the name covers, when more than the name
	var label ontology.Label
	headFirst := false
	// "Declaration of Principles", "Treaty of Friendship": the head first.
	if l, ok := namedHeads[toks[i].key]; ok && (l == ontology.Agreement || headFirstEvents[toks[i].key] && toks[i+1].key == "of") && i+2 < len(toks) &&
		(toks[i+1].key == "of" || toks[i+1].key == "on") && toks[i+2].cap && toks[i+2].word {
		// "the Treaty of Asuncion", "the Treaty of Rome": a capital names
		// where it was signed; another gazetteer name makes the phrase
		// generic ("the Agreement of Kazakhstan and ...")
		if n, e := d.x.trie.longest(d.t, toks, i+2); n == 0 || e != nil && (e.kind == gazetteer.FormCapital || e.kind == gazetteer.FormFormerCapital) {
			j := i + 2
			for j < len(toks) && j-i < 12 {
				switch {
				case headFirstEvents[toks[i].key] && toks[j].key == "in":
					// "the IX Summit of Heads of ... in Nakhchivan": where
					// it met, not its name
				case toks[j].cap && toks[j].word && !dateWord(toks[j]),
					nameConnectors[toks[j].key] && j+1 < len(toks) && toks[j+1].cap && toks[j+1].word && !dateWord(toks[j+1]),
					nameConnectors[toks[j].key] && j+2 < len(toks) && toks[j+1].key == "the" && toks[j+2].cap:
					j++
					continue
				case toks[j].key == "-" && j+1 < len(toks) && toks[j+1].word && toks[j].s == toks[j-1].e && toks[j+1].s == toks[j].e:
					j += 2 // "the Summit of Heads of the Turkic-speaking States"
					continue
				}
				break
			}
			end, label, headFirst = j, l, true
		}
	}
	for j := i; !headFirst && j < len(toks) && j-i < 16; j++ {
		tk := toks[j]
		if tk.word && tk.cap {
			if l, ok := namedHeads[tk.key]; ok && j > i {
				if end > 0 && label == ontology.Process && l == ontology.Process && toks[end].key == "and" {
					// "the Three Seas Initiative Summit and Business
					// Forum": one gathering, named by the first
					span = j + 1
					break
				}
				end, label = j+1, l
			}
			continue
		}
		if tk.key == "'" && j > i && strings.HasSuffix(toks[j-1].key, "s") && toks[j-1].e == tk.s &&
			j+1 < len(toks) && toks[j+1].cap && toks[j+1].word {
			continue // "the Quad Leaders' Summit"
		}
		if nameConnectors[tk.key] && j+1 < len(toks) && toks[j+1].cap && toks[j+1].word &&
			(tk.key != "the" || j > i && nameConnectors[toks[j-1].key]) {
			// "the" only after another connector: "Republic of the Congo",
			// not "Earlier the Gas Sale Agreement"
			continue
		}
		break
	}
	if end > 0 && !headFirst && (label == ontology.Process || label == ontology.Agreement) {
		end = d.nameTopic(toks, end)
	}
	if end > 0 && !headFirst && end < len(toks) && toks[end].cap && toks[end].word && !toks[end].num {
		return 0, nil // "the Kuala Lumpur Convention Centre" is a building, not a convention
	}
	if end == 0 {
		end, label = d.namedLower(toks, i)
	}
	if end == 0 {
		return 0, nil
	}
	name := d.t[toks[i].s:toks[end-1].e]
	if genericNames[slug(name)] {
		return 0, nil // "a Memorandum of Understanding" in capitals is still any memorandum
	}
	id := prefixOf(label) + slug(name)
	if h, ok := headIDs[toks[end-1].key]; ok && !headFirst {
		id = strings.TrimSuffix(id, toks[end-1].key) + h
	}
	if namedKind(toks[end-1].key) == "military_exercise" && !headFirst {
		// "the Varuna naval exercise" is process:varuna-exercise: what it
		// is in lower case describes it, the name is the rest
		var w []string
		for _, tk := range toks[i : end-1] {
			if tk.cap || !exerciseMods[tk.key] {
				w = append(w, d.t[tk.s:tk.e])
			}
		}
		id = prefixOf(label) + slug(strings.Join(w, " ")+" exercise")
	}
	if a, ok := d.aliases[id]; ok {
		return end - i, a
	}
	n := d.node(id, label, name)
	if n.kind == "" {
		n.kind = namedKind(toks[end-1].key)
	}
	if span > end {
		return span - i, n
	}
	return end - i, n
}

// nameTopic extends a name ending in its head at toks[end] over a topic in
// capitals after "on": "the Ministerial Conference on Counter-Terrorism
// Financing" (a tail after "for" is a description: "the Belt and Road
// Forum for International Cooperation"). A topic naming a country or an
// organization is not taken ("the Conference on Chile").
func (d *document) nameTopic(toks []token, end int) int {
	if end+1 >= len(toks) || toks[end].key != "on" || !toks[end+1].cap || !toks[end+1].word ||
		weekdays[toks[end+1].key] || months[toks[end+1].key] {
		return end // "signed the Water Charter on Sunday"
	}
	j := end + 1
	for j < len(toks) && j-end < 8 {
		if toks[j].cap && toks[j].word {
			if n, e := d.x.trie.longest(d.t, toks, j); n > 0 && (e == nil ||
				e.label == ontology.Country || e.label == ontology.Organization || e.label == ontology.Region) {
				return end
			}
			j++
			continue
		}
		if (toks[j].key == "-" || toks[j].key == "and" || toks[j].key == "&" || toks[j].key == "of") &&
			j+1 < len(toks) && toks[j+1].cap && toks[j+1].word {
			j++
			continue
		}
		break
	}
	return j
}

// Heads that name a project or process when written in lower case after a
// proper name: "the Rasht-Astara railway", "the Akkuyu nuclear power
// plant", "the Zangezur corridor".
var lowerHeads = map[string]ontology.Label{
	"pipeline": ontology.Project, "railway": ontology.Project, "corridor": ontology.Project,
	"highway": ontology.Project, "dam": ontology.Project, "canal": ontology.Project, "bridge": ontology.Project,
	"tunnel": ontology.Project, "port": ontology.Project, "plant": ontology.Project, "terminal": ontology.Project,
	"interconnector": ontology.Project, "cable": ontology.Project, "field": ontology.Project, "link": ontology.Project,
	"summit": ontology.Process, "format": ontology.Process, "exercise": ontology.Process, "exercises": ontology.Process,
	"drills": ontology.Process, "initiative": ontology.Process, "programme": ontology.Process,
}

var appositionFollowers = set("that", "which", "whose", "and", "built", "linking", "connecting", "running", "carrying", "opened",
	"launched", "under", "along", "across", "beneath", "between", "stretching", "designed", "planned")

// dateWord reports a weekday or a month: a date after a name is not part
// of it ("signed a Memorandum of Understanding on Friday").
func dateWord(tk token) bool { return weekdays[tk.key] || months[tk.key] }

var weekdays = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

// lowerMods may stand between the proper name and a lower-case head, the
// words that describe an exercise among them.
var lowerMods = set(append([]string{"nuclear", "power", "gas", "oil", "deep", "sea", "water", "hydropower", "hydroelectric",
	"rail", "transport", "trade", "deepwater", "container", "hydrogen", "energy", "electricity", "economic", "digital",
	"green", "solar", "wind", "subsea", "submarine", "undersea", "logistics", "industrial", "high-speed", "railway",
	"road", "fibre", "fiber", "optic", "data", "mini"}, exerciseModWords...)...)

// exerciseModWords describe an exercise in lower case between its name
// and its head ("the Shakti joint military drills"); they are not its name.
var exerciseModWords = []string{"naval", "military", "joint", "air", "maritime", "combined", "bilateral", "trilateral",
	"multilateral", "army", "land", "strategic", "command", "post", "staff", "tactical", "peacekeeping", "amphibious"}

var exerciseMods = set(exerciseModWords...)

// namedLower reads a proper name that is not a gazetteer entity, followed
// by a lower-case head ("Chabahar port"), or by an apposition that says
// what it is ("TurkStream, a pipeline under the Black Sea"). A name at the
// start of a sentence needs the apposition. It returns the end of the
// name (head included when the head follows directly) and the label.
func (d *document) namedLower(toks []token, i int) (int, ontology.Label) {
	if introWords[toks[i].key] || months[toks[i].key] || weekdays[toks[i].key] {
		return 0, ""
	}
	j := i
	entity := false // a gazetteer name other than a capital is part of it
	of := false     // "the Power of Siberia pipeline": a name that holds a place
	for j < len(toks) && j-i < 6 {
		tk := toks[j]
		if tk.key == "of" && j > i && !toks[j-1].num && j+1 < len(toks) && toks[j+1].word && toks[j+1].cap {
			of = true
			j++
			continue
		}
		if tk.word && tk.cap && !tk.num {
			// a capital names the place of a format ("the Astana format");
			// any other gazetteer name makes the phrase generic
			if n, e := d.x.trie.longest(d.t, toks, j); n > 0 {
				if e.kind != gazetteer.FormCapital && e.kind != gazetteer.FormFormerCapital && !of {
					entity = true
				}
				j += n
				continue
			}
			j++
			continue
		}
		if tk.key == "-" && j > i && j+1 < len(toks) && (toks[j+1].cap || toks[j+1].num) && toks[j+1].s == tk.e && toks[j-1].e == tk.s {
			j++
			if toks[j].num {
				j++ // "Kavkaz-2020": the edition is part of the name
			}
			continue
		}
		break
	}
	if j == i || toks[j-1].key == "-" {
		return 0, ""
	}
	// lower-case head, possibly after a few modifiers
	if i > 0 {
		for h := j; h < len(toks) && h-j < 4; h++ {
			k := toks[h].key
			if l, ok := lowerHeads[k]; ok && !toks[h].cap {
				// "the EU-Central Asia summit" names a meeting; "the Kazakh
				// gas pipeline" is a generic project
				if entity && (l != ontology.Process || h != j || k != "summit" && k != "format") {
					return 0, "" // "the Philippine-US exercise" is described, not named
				}
				if h+1 < len(toks) && toks[h+1].key == "of" && h+2 < len(toks) && toks[h+2].cap {
					return 0, "" // "the Kuryk port of ..." reads as something else
				}
				return h + 1, l
			}
			if k == "-" && h > j && h+1 < len(toks) && toks[h-1].e == toks[h].s && toks[h].e == toks[h+1].s {
				continue // "the Luanda mini-summit"
			}
			if !toks[h].word || toks[h].cap || !lowerMods[k] {
				break
			}
		}
	}
	// apposition: "TurkStream, a pipeline ..."
	if entity {
		return 0, ""
	}
	if j+2 < len(toks) && toks[j].key == "," && (toks[j+1].key == "a" || toks[j+1].key == "an" || toks[j+1].key == "the") {
		for h := j + 2; h < len(toks) && h < j+6; h++ {
			k := toks[h].key
			if l, ok := lowerHeads[k]; ok && l == ontology.Project {
				// the head ends the noun phrase: "a pipeline under the
				// Black Sea", not "a port city"
				if h+1 < len(toks) && toks[h+1].word && !toks[h+1].cap && !prepositions[toks[h+1].key] && !appositionFollowers[toks[h+1].key] {
					return 0, ""
				}
				return j, l
			}
			if !toks[h].word || toks[h].cap {
				break
			}
		}
	}
	return 0, ""
}

// knownAs reads ", better known as" / ", also known as" / "known as"
// after a named node at toks[i] and returns the index of the alias name,
// or -1.
func knownAs(toks []token, i int) int {
	j := i
	if j < len(toks) && toks[j].key == "," {
		j++
	}
	if j < len(toks) && (toks[j].key == "better" || toks[j].key == "also" || toks[j].key == "commonly" || toks[j].key == "widely") {
		j++
	}
	if j+1 < len(toks) && toks[j].key == "known" && toks[j+1].key == "as" {
		j += 2
		if j < len(toks) && toks[j].key == "the" {
			j++
		}
		if j < len(toks) {
			return j
		}
	}
	return -1
}

func namedKind(head string) string {
	switch head {
	case "process":
		return "peace_process"
	case "talks", "negotiations":
		return "negotiations"
	case "week", "forum", "summit", "dialogue", "format", "initiative", "meeting":
		return "dialogue_forum"
	case "pipeline":
		return "pipeline"
	case "railway", "highway", "road", "route", "bridge", "tunnel", "canal":
		return "transport"
	case "conference":
		return "conference"
	case "corridor":
		return "corridor"
	case "declaration":
		return "declaration"
	case "exercise", "exercises", "drills", "drill":
		return "military_exercise"
	case "programme", "program":
		return "programme"
	case "treaty":
		return "treaty"
	}
	return head
}

func prefixOf(l ontology.Label) string {
	switch l {
	case ontology.Agreement:
		return "agreement:"
	case ontology.Project:
		return "project:"
	}
	return "process:"
}

// slug lower-cases s and joins its words with hyphens: "Astana Peace
// Process" -> "astana-peace-process".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, tk := range tokenize(s, 0, len(s), nil) {
		if tk.key == "&" {
			tk.key, tk.word = "and", true // "Belt & Road" is "belt-and-road"
		}
		if !tk.word {
			continue
		}
		if dash {
			b.WriteByte('-')
		}
		b.WriteString(asciiFold(tk.key))
		dash = true
	}
	return b.String()
}

// asciiFold drops diacritics from the common Latin letters of the corpus.
func asciiFold(s string) string {
	if isASCII(s) {
		return s
	}
	r := strings.NewReplacer("ü", "u", "ö", "o", "ç", "c", "ş", "s", "ğ", "g", "ı", "i", "é", "e", "è", "e",
		"á", "a", "à", "a", "â", "a", "ä", "a", "í", "i", "ó", "o", "ú", "u", "ñ", "n", "ā", "a", "ē", "e", "ī", "i", "ō", "o", "ū", "u")
	return r.Replace(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
