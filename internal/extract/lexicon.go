package extract

import (
	"encoding/json"
	"fmt"
	"io/fs"

	"github.com/diplograph/diplograph/seed"
)

// LexiconFile is the trigger lexicon inside seed.FS: lemmas by family and
// role, read by the dependency rules (deps_*.go).
const LexiconFile = "lexicon/triggers.json"

// lexicon holds the trigger lemmas: family -> role -> set of lemmas.
type lexicon struct {
	sets map[string]map[string]map[string]bool
}

// roles the dependency rules read; loadLexicon checks every one is there,
// so that a renamed role in the data fails loudly instead of silencing a
// rule.
var lexiconRoles = map[string][]string{
	"membership":  {"join", "admit", "include", "found", "leave", "member", "founderRole", "observerRole"},
	"agreement":   {"sign", "noun", "party", "obligation"},
	"project":     {"build", "noun", "partner"},
	"process":     {"host", "mediate", "participate", "noun", "talks", "open", "negotiate"},
	"cooperation": {"verb", "noun", "end"},
	"trade":       {"export", "import", "invest", "investNoun", "halt"},
	"conflict":    {"sanction", "sanctionNoun", "impose", "lift", "verb", "noun", "act"},
	"modality":    {"modal", "expect", "negate", "refuse", "report"},
}

func defaultLexicon() (*lexicon, error) { return loadLexicon(seed.FS, LexiconFile) }

func loadLexicon(fsys fs.FS, name string) (*lexicon, error) {
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
	l := &lexicon{sets: map[string]map[string]map[string]bool{}}
	for fam, roles := range lexiconRoles {
		l.sets[fam] = map[string]map[string]bool{}
		for _, role := range roles {
			words, ok := file.Families[fam][role]
			if !ok || len(words) == 0 {
				return nil, fmt.Errorf("trigger lexicon %s: family %q has no role %q", name, fam, role)
			}
			l.sets[fam][role] = set(words...)
		}
	}
	return l, nil
}

// is reports whether lemma is a trigger of the family's role.
func (l *lexicon) is(family, role, lemma string) bool { return l.sets[family][role][lemma] }
