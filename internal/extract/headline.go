package extract

import (
	"strings"

	"github.com/diplograph/diplograph/internal/extract/text"
)

// Headlines are written for the eye, not for the parser: "Kenya, Ethiopia
// Sign Pipeline Agreements". Trained on running text, the parser reads the
// comma of a leading list of names as an apposition and every capitalised
// word as a proper noun, and finds no verb. headlineForParser rewrites the
// heading lines of src (the text sent to the parser, of the same length as
// the text, so offsets hold) in two ways that keep their length:
//
//   - in a title-case heading, a function word or a word of the trigger
//     lexicon ("Sign", "Agreements", "To") goes to lower case; names keep
//     their capitals;
//   - the commas of a leading list of names become "&" ("Kenya& Ethiopia
//     sign ..."), which the parser reads as "and".
//
// The text itself is untouched: mentions and evidence come from it.
func (d *document) headlineForParser(src []byte, from int, segs []text.Segment) {
	for _, sg := range segs {
		if !sg.Heading || sg.Start < from || sg.End-from > len(src) {
			continue
		}
		toks := tokenize(d.t, sg.Start, sg.End, nil)
		if titleCase(toks) {
			for i, tk := range toks {
				if i == 0 || !tk.cap || !d.headlineWord(tk.key) || isAllUpper(d.t[tk.s:tk.e]) {
					continue
				}
				if c := src[tk.s-from]; c >= 'A' && c <= 'Z' {
					src[tk.s-from] = c + 'a' - 'A'
				}
			}
		}
		// the leading list of names: "Kenya, Ethiopia sign", "South
		// Korea, Japan hold talks"
		upper := func(tk token) bool { c := src[tk.s-from]; return c >= 'A' && c <= 'Z' }
		for i := 0; i < len(toks); i++ {
			tk := toks[i]
			if tk.key == "," && i > 0 && i+1 < len(toks) && toks[i+1].word && upper(toks[i+1]) {
				if p := tk.s - from; p+1 < len(src) && src[p+1] == ' ' {
					src[p] = '&'
				}
				continue
			}
			if !tk.word || !upper(tk) {
				break // the list ends at the first word in lower case
			}
		}
	}
}

// headlineWord reports whether a capitalised heading word is a function
// word or a word of the trigger lexicon (any inflection), which a
// title-case heading capitalises though it names nothing.
func (d *document) headlineWord(key string) bool {
	if functionWords[key] {
		return true
	}
	for _, stem := range []string{key, strings.TrimSuffix(key, "s"), strings.TrimSuffix(key, "es"), strings.TrimSuffix(key, "ed"),
		strings.TrimSuffix(key, "d"), strings.TrimSuffix(key, "ing")} {
		if d.x.lex.any(stem) {
			return true
		}
	}
	return false
}

// functionWords are the short words a title-case heading capitalises, and
// the verbs and modifiers of headlines the trigger lexicon lacks.
var functionWords = set("a", "an", "the", "to", "in", "on", "at", "of", "for", "with", "and", "or", "as", "by", "from",
	"over", "after", "amid", "into", "against", "between", "before", "under", "its", "their", "new", "first",
	"agree", "agrees", "sign", "signs", "meet", "meets", "hold", "holds", "talks", "deal", "deals", "ties",
	"launch", "launches", "begin", "begins", "start", "starts", "end", "ends", "resume", "resumes", "open", "opens",
	"seal", "seals", "ink", "inks", "mark", "marks", "vow", "vows", "pledge", "pledges", "boost", "boosts", "deepen",
	"deepens", "expand", "expands", "strengthen", "strengthens", "discuss", "discusses", "eye", "eyes", "back",
	"backs", "urge", "urges", "reject", "rejects", "hail", "hails", "welcome", "welcomes", "visit", "visits", "set",
	"joint", "naval", "military", "bilateral", "trilateral", "defence", "defense", "trade", "energy", "gas", "oil",
	"peace", "border", "security", "economic", "strategic", "nuclear", "historic", "landmark", "free")
