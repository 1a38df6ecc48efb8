package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ontology"
)

// entry is what a complete path of the trie names.
type entry struct {
	id    string
	label ontology.Label
	kind  gazetteer.FormKind
	form  string
	exact bool // case-sensitive: the text must equal form
	// caps[i] says token i of the form starts with a capital, which the
	// text must then do too ("Gulf" is a region, "gulf" is not).
	caps []bool
	// cands are the candidates of an ambiguous form ("Brussels": BE, EU,
	// NATO); id is empty then.
	cands []string
}

// trie is a token trie over the gazetteer's surface forms. It is built
// once by New and only read afterwards.
type trie struct {
	next    map[string]*trie
	entries []entry
}

func (n *trie) insert(keys []string, e entry) {
	for _, k := range keys {
		if n.next == nil {
			n.next = map[string]*trie{}
		}
		c := n.next[k]
		if c == nil {
			c = &trie{}
			n.next[k] = c
		}
		n = c
	}
	for _, old := range n.entries {
		if old.id == e.id && old.form == e.form {
			return
		}
	}
	n.entries = append(n.entries, e)
}

// ampersandForms are a name and, when it joins words with "and", the same
// name with "&" ("Trinidad & Tobago", "Bosnia & Herzegovina").
func ampersandForms(form string) []string {
	if !strings.Contains(form, " and ") {
		return []string{form}
	}
	return []string{form, strings.ReplaceAll(form, " and ", " & ")}
}

func buildTrie(g *gazetteer.Gazetteer) *trie {
	root := &trie{}
	for _, nm := range g.Names() {
		if nm.Kind == gazetteer.FormCity {
			continue // places, not mentions: see buildCityTrie
		}
		for _, form := range ampersandForms(nm.Form) {
			keys := keysOf(form)
			if len(keys) == 0 {
				continue
			}
			root.insert(keys, entry{id: nm.ID, label: nm.Label, kind: nm.Kind, form: form, exact: nm.CaseSensitive, caps: capsOf(form)})
		}
	}
	for _, a := range g.Ambiguities {
		keys := keysOf(a.Form)
		if len(keys) == 0 || len(a.Candidates) == 0 {
			continue
		}
		root.insert(keys, entry{id: "", form: a.Form, caps: capsOf(a.Form), cands: a.Candidates})
	}
	return root
}

// buildCityTrie indexes the gazetteer's cities that are not capitals
// ("Jeddah", "Samarkand"): they say where something happens and name no
// actor, so they are kept out of the mention trie.
func buildCityTrie(g *gazetteer.Gazetteer) *trie {
	root := &trie{}
	for _, nm := range g.Names() {
		if nm.Kind != gazetteer.FormCity {
			continue
		}
		if keys := keysOf(nm.Form); len(keys) > 0 {
			root.insert(keys, entry{id: nm.ID, label: nm.Label, kind: nm.Kind, form: nm.Form, caps: capsOf(nm.Form)})
		}
	}
	return root
}

// capsOf says which tokens of a gazetteer form are capitalised.
func capsOf(form string) []bool {
	toks := tokenize(form, 0, len(form), nil)
	caps := make([]bool, len(toks))
	for i, tk := range toks {
		caps[i] = tk.cap
	}
	return caps
}

// longest returns the longest gazetteer match starting at token i: the
// number of tokens and the entry, or 0 when nothing matches.
func (n *trie) longest(t string, toks []token, i int) (int, *entry) {
	bestN, var0 := 0, (*entry)(nil)
	node := n
	for j := i; j < len(toks); j++ {
		node = node.next[toks[j].key]
		if node == nil {
			break
		}
		// Word boundary: a match may not end inside a hyphenated word
		// ("Turkic-speaking" is not "Turkic") unless the form continues,
		// or another name follows the hyphen ("the India-UAE deal", "the
		// US-Philippine alliance").
		if len(node.entries) == 0 {
			continue
		}
		if j+1 < len(toks) && toks[j+1].key == "-" && toks[j+1].s == toks[j].e && j+2 < len(toks) && toks[j+2].s == toks[j+1].e {
			if next, _ := n.longest(t, toks, j+2); !toks[j+2].cap || next == 0 {
				continue
			}
		}
		for k := range node.entries {
			e := &node.entries[k]
			if e.fits(t, toks[i:j+1]) {
				bestN, var0 = j-i+1, e
				break
			}
		}
	}
	return bestN, var0
}

// fits applies the case rules of e to the matched tokens.
func (e *entry) fits(t string, toks []token) bool {
	text := t[toks[0].s:toks[len(toks)-1].e]
	if e.exact {
		return text == e.form
	}
	if len(e.caps) != len(toks) {
		return false
	}
	for i, c := range e.caps {
		if c && !toks[i].cap {
			return false
		}
	}
	// A one-word lower-case form ("trade") must not match an all-capital
	// acronym in the text ("TRADE" as a heading is fine, "IT" is not "it").
	if len(toks) == 1 && toks[0].e-toks[0].s <= 3 {
		r, _ := utf8.DecodeRuneInString(text)
		if unicode.IsUpper(r) && isAllUpper(text) && !isAllUpper(e.form) {
			return false
		}
	}
	return true
}

func isAllUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
