// Package cameo reads the CAMEO verb dictionary of the PETRARCH event coder
// (CAMEO.2.0.txt, MIT licence, Open Event Data Alliance) and turns the parts
// of it that name diplograph's relations into trigger words of the
// extraction lexicon (seed/lexicon/cameo.json, written by cmd/cameogen).
//
// The dictionary has synonym sets ("&TREATY" followed by "+PACT" lines) and
// verb blocks ("---  HOST   [043:042]  ---" followed by verb lines and
// pattern lines "- * SUMMIT  [043]  # HOST"). A verb's CAMEO code is the
// code on its own line, else its block's; verbs of blocks coded "---" get
// none (their patterns code them only with certain objects, which a
// lexicon of lemmas cannot say). Table maps codes and synonym sets to
// the lexicon's families and roles; Stop drops the words a code carries in
// the dictionary but not in diplomatic prose ("reside" under INVADE).
package cameo

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
)

// Dictionary is what Parse reads: verb lemma -> CAMEO code (root code,
// before any ":"), and synonym set name (without "&") -> words.
type Dictionary struct {
	Verbs    map[string]string
	Synonyms map[string][]string
}

var (
	blockRe = regexp.MustCompile(`^---\s+(\S+)\s+\[([^\]]*)\]`)
	codeRe  = regexp.MustCompile(`\[([^\]]*)\]`)
)

// Parse reads a CAMEO verb dictionary in PETRARCH's format.
func Parse(r io.Reader) (*Dictionary, error) {
	d := &Dictionary{Verbs: map[string]string{}, Synonyms: map[string][]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var (
		section string // "synonyms", "verbs" or "" (before, after)
		synset  string
		block   string // the code of the verb block being read
	)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), " \t\r")
		switch {
		case strings.HasPrefix(line, "####### SYNONYM SETS"):
			section = "synonyms"
			continue
		case strings.HasPrefix(line, "####### VERB PATTERNS"):
			section = "verbs"
			continue
		case strings.HasPrefix(line, "######## TRANSFORMATIONS"):
			section = ""
			continue
		}
		switch section {
		case "synonyms":
			switch {
			case strings.HasPrefix(line, "&"):
				synset = strings.TrimSpace(line[1:])
			case strings.HasPrefix(line, "+") && synset != "":
				if w := word(line[1:]); w != "" {
					d.Synonyms[synset] = append(d.Synonyms[synset], w)
				}
			case line == "":
				synset = ""
			}
		case "verbs":
			if m := blockRe.FindStringSubmatch(line); m != nil {
				block = root(m[2])
				continue
			}
			if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "-") || strings.HasPrefix(line, "+") {
				continue // blank, comment, pattern, multi-word verb
			}
			body, _, _ := strings.Cut(line, "#")
			head, _, _ := strings.Cut(body, "{")
			fields := strings.Fields(head)
			if len(fields) == 0 {
				continue
			}
			v := word(fields[0])
			if v == "" {
				continue
			}
			code := block
			if m := codeRe.FindStringSubmatch(head); m != nil && root(m[1]) != "" {
				code = root(m[1])
			}
			if code != "" {
				d.Verbs[v] = code
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("cameo dictionary line %d: %w", n, err)
	}
	if len(d.Verbs) == 0 || len(d.Synonyms) == 0 {
		return nil, fmt.Errorf("cameo dictionary: no verb blocks or synonym sets (is this PETRARCH's CAMEO verb dictionary?)")
	}
	return d, nil
}

// root is a bracketed code's own part: "043:042" -> "043"; "---" and ""
// (no code) -> "".
func root(code string) string {
	code, _, _ = strings.Cut(strings.TrimSpace(code), ":")
	if code == "" || strings.Trim(code, "-") == "" {
		return ""
	}
	return code
}

// word is a dictionary word as a lexicon lemma: lower case; "" for
// multi-word entries ("WRITTEN_AGREEMENT") and stray characters.
func word(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || strings.ContainsAny(s, "_ &+*$%^{}[]()") {
		return ""
	}
	return s
}

// A Rule sends the verbs of a CAMEO code (Code, matched as a prefix) or the
// words of a synonym set (Synonyms) to a lexicon family's role.
type Rule struct {
	Code, Synonyms string
	Family, Role   string
	Why            string
}

// Table is the one map from CAMEO to diplograph's lexicon.
var Table = []Rule{
	{Code: "043", Family: "process", Role: "host", Why: "043 host a visit, a meeting, a summit"},
	{Code: "045", Family: "process", Role: "mediate", Why: "045 mediate"},
	{Code: "046", Family: "process", Role: "negotiate", Why: "046 engage in negotiation"},
	{Code: "057", Family: "agreement", Role: "sign", Why: "057 sign a formal agreement"},
	{Code: "163", Family: "conflict", Role: "sanction", Why: "163 impose an embargo, boycott or sanctions"},
	{Code: "19", Family: "conflict", Role: "verb", Why: "19x use conventional military force"},
	{Synonyms: "TREATY", Family: "agreement", Role: "noun", Why: "treaties, pacts, accords"},
	{Synonyms: "CEASEFIRE", Family: "agreement", Role: "noun", Why: "a ceasefire is an agreement"},
	{Synonyms: "CEASEFIRE", Family: "agreement", Role: "ceasefire", Why: "its kind is ceasefire"},
	{Synonyms: "NEGOTIATION", Family: "process", Role: "talks", Why: "negotiations are talks"},
	{Synonyms: "NEGOTIATION", Family: "process", Role: "noun", Why: "and a process"},
	{Synonyms: "FIGHT", Family: "conflict", Role: "noun", Why: "war, fighting, hostilities"},
	{Synonyms: "DISPUTE", Family: "conflict", Role: "noun", Why: "disputes, quarrels"},
}

// Stop holds words the dictionary puts under a code of Table that do not
// carry the relation in diplomatic prose, by family/role.
var Stop = map[string][]string{
	"process/host":  {"entertain", "receive", "welcome", "accommodate"},
	"process/talks": {"proposal", "proposition", "mediation", "arbitration", "conciliation", "discussion"},
	"process/noun":  {"proposal", "proposition", "mediation", "arbitration", "conciliation", "discussion"},
	"conflict/noun": {"struggle", "contravention", "argument", "difference", "controversy", "contention", "contestation", "disputation", "arguing", "combat", "battle"},
	"conflict/verb": {"beat", "best", "blow", "break", "bust", "circle", "hang", "master", "match", "overshadow", "overtake",
		"ring", "stone", "surmount", "dominate", "overcome", "pit", "disarm", "defeat", "ruin", "thump", "surround", "crush",
		"hammer", "smash", "shatter", "struggle", "conflict", "battle", "combat", "eradicate", "murder", "slay", "behead",
		"decapitate", "ravish", "reave", "altercate", "die", "engage", "target", "destroy", "pound", "shoot", "kill",
		"flatten", "reside", "inhabit", "infest", "fire", "hit", "strike", "blast", "ram", "storm", "siege", "pelt",
		"pummel", "clobber", "despoil", "desolate", "dynamite", "detonate", "torch", "snipe", "duel", "grapple"},
}

// Lexicon is the dictionary as lexicon families: family -> role -> sorted
// lemmas, after Table and Stop.
func Lexicon(d *Dictionary) map[string]map[string][]string {
	out := map[string]map[string][]string{}
	add := func(r Rule, w string) {
		if slices.Contains(Stop[r.Family+"/"+r.Role], w) {
			return
		}
		if out[r.Family] == nil {
			out[r.Family] = map[string][]string{}
		}
		if !slices.Contains(out[r.Family][r.Role], w) {
			out[r.Family][r.Role] = append(out[r.Family][r.Role], w)
		}
	}
	for _, r := range Table {
		if r.Synonyms != "" {
			for _, w := range d.Synonyms[r.Synonyms] {
				add(r, w)
			}
			continue
		}
		for v, c := range d.Verbs {
			if strings.HasPrefix(c, r.Code) {
				add(r, v)
			}
		}
	}
	for _, roles := range out {
		for _, ws := range roles {
			slices.Sort(ws)
		}
	}
	return out
}
