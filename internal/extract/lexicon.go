package extract

import (
	"encoding/json"
	"fmt"
	"io/fs"

	"github.com/diplograph/diplograph/seed"
)

// LexiconFiles are the trigger lexicon inside seed.FS: lemmas by family
// and role, read by the dependency rules (deps_*.go). triggers.json is
// ours; cameo.json is generated from the CAMEO verb dictionary
// (internal/cameo) and adds its words to the same roles.
var LexiconFiles = []string{"lexicon/triggers.json", "lexicon/cameo.json"}

// lexicon holds the trigger lemmas: family -> role -> set of lemmas.
type lexicon struct {
	sets map[string]map[string]map[string]bool
	all  map[string]bool // every lemma of every role
}

// roles the dependency rules read; loadLexicon checks every one is there,
// so that a renamed role in the data fails loudly instead of silencing a
// rule.
var lexiconRoles = map[string][]string{
	"membership":  {"join", "admit", "include", "found", "leave", "member", "founderRole", "observerRole"},
	"agreement":   {"sign", "noun", "party", "obligation", "ceasefire"},
	"project":     {"build", "noun", "partner"},
	"process":     {"host", "mediate", "participate", "noun", "talks", "open", "negotiate", "hold"},
	"cooperation": {"verb", "noun", "end", "support", "supportNoun"},
	"trade":       {"export", "import", "invest", "investNoun", "halt"},
	"conflict":    {"sanction", "sanctionNoun", "impose", "lift", "verb", "noun", "act"},
	"modality":    {"modal", "expect", "negate", "refuse", "report"},
}

func defaultLexicon() (*lexicon, error) { return loadLexicon(seed.FS, LexiconFiles...) }

// loadLexicon reads and merges the lexicon files. A file may name only
// families and roles the rules read; together they must give every role a
// word.
func loadLexicon(fsys fs.FS, names ...string) (*lexicon, error) {
	l := &lexicon{sets: map[string]map[string]map[string]bool{}}
	for fam, roles := range lexiconRoles {
		l.sets[fam] = map[string]map[string]bool{}
		for _, role := range roles {
			l.sets[fam][role] = map[string]bool{}
		}
	}
	for _, name := range names {
		raw, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("trigger lexicon: %w", err)
		}
		var file struct {
			Families map[string]map[string][]string `json:"families"`
		}
		if err := json.Unmarshal(raw, &file); err != nil {
			return nil, fmt.Errorf("trigger lexicon %s: %w", name, err)
		}
		for fam, roles := range file.Families {
			for role, words := range roles {
				known, ok := l.sets[fam][role]
				if !ok {
					return nil, fmt.Errorf("trigger lexicon %s: no rule reads family %q role %q", name, fam, role)
				}
				for _, w := range words {
					known[w] = true
				}
			}
		}
	}
	l.all = map[string]bool{}
	for fam, roles := range lexiconRoles {
		for _, role := range roles {
			if len(l.sets[fam][role]) == 0 {
				return nil, fmt.Errorf("trigger lexicon %v: family %q has no role %q", names, fam, role)
			}
			for w := range l.sets[fam][role] {
				l.all[w] = true
			}
		}
	}
	return l, nil
}

// is reports whether lemma is a trigger of the family's role.
func (l *lexicon) is(family, role, lemma string) bool { return l.sets[family][role][lemma] }

// any reports whether lemma is a word of any role.
func (l *lexicon) any(lemma string) bool { return l.all[lemma] }
