package extract

import (
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
)

// clause is a stretch of a sentence that modality cues scope over, by token
// indexes [a, b). Clauses end at ";" and before "but", "while", "whereas",
// "unlike", "although", "though" and ", and".
type clause struct {
	a, b int
	mod  ontology.Modality
	subj []string
	// possessive marks a subject read from "X's ..." ("Kazakhstan's
	// cooperation with Iran").
	possessive bool
}

var relativeWords = set("which", "who", "whose")

// relativeAux start the verb of a relative clause: "that had", "which
// will".
var relativeAux = set("had", "has", "have", "was", "were", "is", "are", "will", "would", "could", "can", "did", "does", "do",
	"may", "might", "should")

// notRelativeBefore are words "that" follows as a conjunction: "said that",
// "so that".
var notRelativeBefore = set("said", "says", "say", "agreed", "agree", "agrees", "announced", "noted", "stated", "added",
	"so", "such", "believe", "believes", "hope", "hopes", "expect", "expects", "now", "fact", "than", "ensure", "warned",
	"insisted", "confirmed", "reported", "claimed", "told", "argued", "acknowledged", "stressed", "emphasised", "emphasized")

// pastVerb guesses a past-tense verb by its ending ("directed").
func pastVerb(k string) bool {
	return len(k) > 4 && k[len(k)-2:] == "ed"
}

var subordinators = set("when", "after", "before", "because", "once", "since", "although", "though", "while", "whereas")

// sentenceAdverbs may come before a leading subordinate clause.
var sentenceAdverbs = set("moreover", "however", "meanwhile", "still", "yet", "besides", "furthermore", "indeed", "but", "and", "now", "today")

var clauseStarters = map[string]bool{"but": true, "while": true, "whereas": true, "unlike": true, "although": true, "though": true}

func clauses(toks []token) []clause {
	var out []clause
	a := 0
	// "When A and B normalised relations in 2020, few expected ...": a
	// leading subordinate clause ends at its comma.
	lead := 0
	if len(toks) > 3 && sentenceAdverbs[toks[0].key] && toks[1].key == "," {
		lead = 2 // "Moreover, although A signed ..., B has yet to ..."
	}
	if len(toks) > lead+2 && subordinators[toks[lead].key] && !(toks[lead].key == "since" && toks[lead+1].num) {
		for i := lead + 2; i < len(toks) && i < lead+40; i++ {
			if toks[i].key == "," {
				out = append(out, clause{a: 0, b: i})
				a = i
				break
			}
		}
	}
	inRelative := false
	for i := a + 1; i < len(toks); i++ {
		k := toks[i].key
		cut := -1
		switch {
		case k == ";":
			cut = i
		case clauseStarters[k]:
			cut = i
			if toks[i-1].key == "," {
				cut = i - 1
			}
			if k == "but" && toks[i-1].key == "not" { // "not ... but": keep together
				cut = -1
			}
		case k == "and" && toks[i-1].key == "," && !oxfordList(toks, i):
			cut = i - 1
		case relativeWords[k] && toks[i-1].key == ",":
			// ", which Kabul has never recognised": a hedge or negation in
			// a relative clause does not reach the main clause
			cut = i - 1
			inRelative = true
		case k == "," && inRelative:
			cut = i
			inRelative = false
		case (k == "that" || k == "which" || k == "who") && toks[i-1].word && !toks[i-1].cap && !notRelativeBefore[toks[i-1].key] &&
			i+1 < len(toks) && relativeAux[toks[i+1].key]:
			// "a commission that had not met since 2016": a relative
			// clause without a comma is a statement of its own too
			cut = i
			inRelative = true
		case k == "and" && inRelative && i+1 < len(toks) && pastVerb(toks[i+1].key):
			// "... that had not met since 2016 and directed their
			// ministers": the main clause goes on
			cut = i
			inRelative = false
		}
		if cut > a {
			out = append(out, clause{a: a, b: cut})
			a = cut
		}
	}
	out = append(out, clause{a: a, b: len(toks)})
	// "According to", "reportedly" scope over the sentence; "said", "say"
	// over their clause and the clauses after it.
	whole := false
	for i := range toks {
		if k := toks[i].key; k == "according" || k == "reportedly" || k == "allegedly" {
			whole = true
			break
		}
	}
	reported := whole
	for i := range out {
		if !reported {
			for j := out[i].a; j < out[i].b; j++ {
				if cueWords[toks[j].key]&2 != 0 {
					reported = true
					break
				}
			}
		}
		out[i].mod = modalityOf(toks, out[i].a, out[i].b, reported)
	}
	return out
}

// Cues. "not only ... but also" is not a negation.
var (
	negationCues = map[string]bool{"not": true, "never": true, "refused": true, "refuses": true, "refuse": true,
		"declined": true, "declines": true, "neither": true, "nor": true, "denied": true, "denies": true, "rejected": true}
	expectationCues = map[string]bool{"will": true, "would": true, "may": true, "might": true, "could": true,
		"expected": true, "expect": true, "expects": true, "likely": true, "plans": true, "plan": true, "planned": true,
		"intends": true, "intend": true, "applied": true, "applies": true, "seeks": true, "seeking": true, "aspires": true, "negotiating": true, "hopes": true, "potential": true, "proposed": true,
		"planning": true, "upcoming": true, "prospective": true}
	// toCues are expectation cues only before "to": "set to sign", "due to
	// meet" ("due to the war" is not one).
	toCues = set("set", "due", "poised", "scheduled", "slated")
	// aimCues are nouns of an aim whose "to" comes a few words later:
	// "took another step on Friday to join", "a bid to host".
	aimCues    = set("step", "steps", "bid", "effort", "efforts", "attempt", "attempts")
	aimVerbs   = set("take", "takes", "took", "taking", "taken", "make", "makes", "made", "making", "launched", "launch")
	reportCues = map[string]bool{"according": true, "reportedly": true, "said": true, "say": true, "says": true,
		"claimed": true, "claims": true, "allegedly": true, "reported": true}
)

// cueWords marks every word modalityOf looks at, so that other words cost
// one lookup.
var cueWords = func() map[string]uint8 {
	m := map[string]uint8{"not": 1, "no": 1, "yet": 1, "t": 1}
	for w := range toCues {
		m[w] |= 1
	}
	for w := range aimCues {
		m[w] |= 1
	}
	for _, set := range []map[string]bool{negationCues, expectationCues} {
		for w := range set {
			m[w] |= 1
		}
	}
	for w := range reportCues {
		m[w] |= 2
	}
	return m
}()

// modalityOf: negated > expected > reported > asserted. Reported cues scope
// over the whole sentence, the others over their clause.
func modalityOf(toks []token, a, b int, reported bool) ontology.Modality {
	neg, exp := false, false
	for i := a; i < b; i++ {
		k := toks[i].key
		if cueWords[k]&1 == 0 {
			continue
		}
		switch {
		case k == "not" && i+1 < len(toks) && (toks[i+1].key == "only" || toks[i+1].key == "without" || toks[i+1].key == "necessarily"):
		case k == "no" && i+1 < len(toks) && toks[i+1].key == "longer":
			neg = true
		case k == "yet" && i > 0 && toks[i-1].key == "has":
			neg = true
		case k == "may" && toks[i].cap && i > 0:
			// "in May 2022": the month
		case toCues[k]:
			// "set to witness", not "due to the war"
			if i+2 < len(toks) && toks[i+1].key == "to" && !toks[i+2].cap && toks[i+2].key != "the" && toks[i+2].key != "a" {
				exp = true
			}
		case aimCues[k]:
			// only an aim someone takes or makes: "took another step to
			// join", "made a bid to host" (not "explore steps to improve")
			if !(i > 0 && aimVerbs[toks[i-1].key] || i > 1 && aimVerbs[toks[i-2].key]) {
				continue
			}
			for j := i + 1; j+1 < b && j <= i+5; j++ {
				if toks[j].key == "to" && !toks[j+1].cap && toks[j+1].key != "the" && toks[j+1].key != "a" {
					exp = true
					break
				}
			}
		case k == "never" && i+2 < b && (toks[i+1].key == "been" || toks[i+1].key == "be") && comparativeWord(toks[i+2].key):
			// "has never been stronger" praises
		case k == "not" && i+1 < b && (toks[i+1].key == "limited" || toks[i+1].key == "confined" || toks[i+1].key == "restricted"):
			// "are not limited to energy" widens
		case negationCues[k]:
			neg = true
		case expectationCues[k]:
			exp = true
		case k == "t" && i > 1 && toks[i-1].key == "'":
			neg = true // "don't", "hasn't"
		}
	}
	switch {
	case neg:
		return ontology.Negated
	case exp:
		return ontology.Expected
	case reported:
		return ontology.Reported
	}
	return ontology.Asserted
}

// comparativeWord reports a comparative: "stronger", "closer", "better",
// "more".
func comparativeWord(k string) bool {
	return k == "more" || k == "better" || k == "greater" || len(k) > 4 && strings.HasSuffix(k, "er") && !strings.HasSuffix(k, "ever")
}

// oxfordList reports whether the ", and" at toks[i] closes a list of names
// ("Iran, Iraq, and Qatar") rather than joining two clauses.
func oxfordList(toks []token, i int) bool {
	if i+1 >= len(toks) || !toks[i+1].cap || i < 3 || !toks[i-2].cap {
		return false
	}
	for j := i - 3; j >= 0 && j >= i-6; j-- {
		if toks[j].key == "," {
			return true
		}
		if !toks[j].cap && toks[j].word {
			return false
		}
	}
	return false
}
