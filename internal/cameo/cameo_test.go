package cameo

import (
	"slices"
	"strings"
	"testing"
)

// sample is an invented dictionary in PETRARCH's format: synonym sets, a
// block with its own code, a verb with a code of its own, a block without a
// code, and a transformation section that must be ignored.
const sample = `# comment
####### SYNONYM SETS #######

&CEASEFIRE
+TRUCE
+CEASEFIRE
+CEASE_FIRE

&TREATY
+PACT
+ACCORD

####### VERB PATTERNS #######

---  HOST   [043:042]  ---
HOST   # a comment
CONVENE {CONVENES CONVENED}
- * SUMMIT                                            [043:042]     # HOST

---  BARGAIN   [050]  ---
HAGGLE
BROKER [045]

---  INVADE   [192]  ---
INVADE
RESIDE
+MARCH_INTO

---  SIGN   [---]  ---
SIGN
- * &TREATY                                           [057]         # SIGN

######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
`

func TestParse(t *testing.T) {
	d, err := Parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	for verb, code := range map[string]string{"host": "043", "convene": "043", "haggle": "050", "broker": "045", "invade": "192"} {
		if d.Verbs[verb] != code {
			t.Errorf("%s: code %q, want %q", verb, d.Verbs[verb], code)
		}
	}
	if _, ok := d.Verbs["sign"]; ok {
		t.Error("a verb of a block without a code got one")
	}
	if _, ok := d.Verbs["march_into"]; ok {
		t.Error("a multi-word verb was read")
	}
	if got := d.Synonyms["CEASEFIRE"]; !slices.Equal(got, []string{"truce", "ceasefire"}) {
		t.Errorf("CEASEFIRE = %q", got)
	}
}

func TestLexicon(t *testing.T) {
	d, err := Parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	lx := Lexicon(d)
	for _, tc := range []struct {
		family, role, word string
		in                 bool
	}{
		{"process", "host", "convene", true},
		{"process", "mediate", "broker", true},
		{"conflict", "verb", "invade", true},
		{"conflict", "verb", "reside", false}, // in Stop
		{"agreement", "noun", "pact", true},
		{"agreement", "ceasefire", "truce", true},
		{"agreement", "ceasefire", "pact", false},
		{"cooperation", "verb", "haggle", false}, // 050 is not mapped
	} {
		if got := slices.Contains(lx[tc.family][tc.role], tc.word); got != tc.in {
			t.Errorf("%s/%s has %q: %v, want %v", tc.family, tc.role, tc.word, got, tc.in)
		}
	}
}

func TestParseRejectsOtherFiles(t *testing.T) {
	if _, err := Parse(strings.NewReader("just some text\nwith lines\n")); err == nil {
		t.Error("a file that is no CAMEO dictionary parsed")
	}
}
