package extract

import (
	"slices"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	in := "Kazakhstan's Turkic-speaking U.S. Organisation 2.5"
	var keys []string
	for _, tk := range tokenize(in, 0, len(in), nil) {
		keys = append(keys, tk.key)
	}
	want := "kazakhstan|'|s|turkic|-|speaking|u|.|s|.|organization|2|.|5"
	if got := strings.Join(keys, "|"); got != want {
		t.Fatalf("keys = %s, want %s", got, want)
	}
}

func TestRecognize(t *testing.T) {
	x := defaultExtractor(t)
	tests := []struct {
		name    string
		in      string
		want    []string // ids in order
		notWant []string
	}{
		{"longest match process", "Kazakhstan hosted the Astana Peace Process.", []string{"KZ", "process:astana-peace-process"}, nil},
		{"capital as place-name modifier", "The Astana International Week of Cultural and Spiritual Dialogue opened.",
			[]string{"process:astana-international-week-of-cultural-and-spiritual-dialogue"}, []string{"KZ"}},
		{"capital as government", "Ankara signed the deal.", []string{"TR"}, nil},
		{"two capitals as governments", "In April 2024, Ankara and Baghdad signed a memorandum.", []string{"TR", "IQ"}, nil},
		{"two capitals as places", "A flight between Doha and Astana was launched.", nil, []string{"QA", "KZ"}},
		{"capital as place", "Talks were held in Ankara last week.", nil, []string{"TR"}},
		{"capital after article", "He works at a Tashkent think tank.", nil, []string{"UZ"}},
		{"turkic is not turkish", "The Turkic-speaking states met.", nil, []string{"TR"}},
		{"both names of a hyphenated pair", "the Kenya-Uganda railway and the Chilean-Peruvian ties", []string{"KE", "UG", "CL", "PE"}, nil},
		{"an exercise described by its states is not named by them", "the Kenya-Uganda military exercise", []string{"KE", "UG"},
			[]string{"process:kenya-uganda-exercise", "process:kenya-uganda-military-exercise"}},
		{"demonym", "Iranian officials met Turkish diplomats.", []string{"IR", "TR"}, nil},
		{"a name with and written with an ampersand", "Trinidad & Tobago and Bosnia & Herzegovina signed.", []string{"TT", "BA"}, nil},
		{"the Nordic countries as a group", "The Nordic countries met in Oslo.", []string{"region:nordic-countries"}, nil},
		{"a title-case headline's capitals do not make a country a company", "Chile, Bolivia Settle Water Dispute",
			[]string{"CL", "BO"}, nil},
		{"a capitalised word after a country in a sentence does", "Shares of Chile Holdings rose.", nil, []string{"CL"}},
		{"organization full name", "Members of the Cooperation Council of Turkic-speaking States met.", []string{"OTS"}, []string{"TR"}},
		{"acronym case", "the us and the US", []string{"US"}, nil},
		{"IT only in a sector list", "It rained. They cooperate in trade, energy and IT.", []string{"trade", "energy", "it"}, nil},
		{"region group noun", "Middle Eastern countries import grain.", []string{"region:middle-east"}, nil},
		{"defined acronym", "the Trans-Anatolian Natural Gas Pipeline (TANAP) opened; TANAP carries gas.",
			[]string{"project:trans-anatolian-natural-gas-pipeline", "project:trans-anatolian-natural-gas-pipeline"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := mentionIDs(x, tc.in)
			var filtered []string
			for _, id := range got {
				if slices.Contains(tc.want, id) {
					filtered = append(filtered, id)
				}
			}
			if len(tc.want) > 0 && !slices.Equal(filtered, tc.want) {
				t.Errorf("ids = %q, want %q in order", got, tc.want)
			}
			for _, n := range tc.notWant {
				if slices.Contains(got, n) {
					t.Errorf("ids = %q, must not contain %q", got, n)
				}
			}
		})
	}
}

// foldWord skips the spellings lookup for words that cannot be keys; keep
// the keys within what it checks.
func TestSpellingKeys(t *testing.T) {
	for k := range spellings {
		if len(k) < 6 || !strings.ContainsRune("opdclt", rune(k[0])) {
			t.Errorf("spelling key %q is never looked up", k)
		}
	}
}
