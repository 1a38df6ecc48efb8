package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlptest"
	"github.com/diplograph/diplograph/internal/ontology"
)

// parserExtractor is the parser-backed engine over the shared test CoreNLP
// server (skipped under -short, failing when no CoreNLP can be had).
func parserExtractor(t *testing.T) *Extractor {
	t.Helper()
	c, err := corenlp.New(corenlptest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	return New(testGazetteer(t), WithParser(c, "corenlp-test"))
}

func factSet(ex *ontology.Extraction) map[string]bool {
	out := map[string]bool{}
	for _, r := range ex.Relations {
		out[fmt.Sprintf("%s %s %s %s", r.Subject, r.Predicate, r.Object, r.Modality)] = true
		if r.Predicate.Symmetric() {
			out[fmt.Sprintf("%s %s %s %s", r.Object, r.Predicate, r.Subject, r.Modality)] = true
		}
	}
	return out
}

// TestDependencyRules: one sentence (or two) per phenomenon the rules over
// words in order missed; each case names facts that must be read and facts
// that must not. The sentences are invented for the test, not taken from
// the evaluation texts.
func TestDependencyRules(t *testing.T) {
	x := parserExtractor(t)
	cases := []struct {
		name, text string
		want, not  []string
	}{
		{"participle with a between list founds an organization",
			"The Andean Customs Union, founded in 1993 between Chile, Peru and Bolivia, removed its last tariffs in 2005.",
			[]string{"CL MEMBER_OF org:andean-customs-union asserted", "PE MEMBER_OF org:andean-customs-union asserted", "BO MEMBER_OF org:andean-customs-union asserted"},
			nil},
		{"the bloc resolves to the organization named before",
			"The Shanghai Cooperation Organisation admitted Iran in 2023. Belarus joined the bloc a year later.",
			[]string{"BY MEMBER_OF SCO asserted"}, nil},
		{"relative clause asserted, main clause expected",
			"Laos, which signed a rail agreement with Thailand in 2019, is expected to join the Shanghai Cooperation Organisation next year.",
			[]string{"LA MEMBER_OF SCO expected", "LA PARTY_TO agreement:la-th-agreement-2019 asserted"},
			[]string{"LA MEMBER_OF SCO asserted"}},
		{"passive with a coordinated agent",
			"The memorandum on grain corridors was signed in March 2021 by Egypt, Sudan and Ethiopia.",
			[]string{"EG PARTY_TO agreement:eg-et-sd-agreement-2021 asserted", "ET PARTY_TO agreement:eg-et-sd-agreement-2021 asserted"}, nil},
		{"control verb and a generic project",
			"Indonesia and Malaysia agreed to build a gas pipeline across Borneo.",
			[]string{"ID PARTNER_IN project:id-my-gas-pipeline asserted", "MY PARTNER_IN project:id-my-gas-pipeline asserted"}, nil},
		{"a comparison is no membership",
			"The Pacific Alliance was conceived as a rival to the Andean Community.",
			nil, []string{"org:pacific-alliance MEMBER_OF org:andean-community asserted"}},
		{"first person speaks for the byline's country",
			"Author: Ana Ruiz, Ambassador of Uruguay to Japan\n\nMy country honours its obligations under the Paris Agreement. We joined the Organisation for Economic Co-operation and Development in 2024.",
			[]string{"UY PARTY_TO agreement:paris-agreement asserted", "UY MEMBER_OF OECD asserted"}, nil},
		{"mediation between two sides",
			"Oman mediated talks between Iran and the United States in Muscat.",
			[]string{"OM MEDIATES process:ir-us-talks asserted", "IR PARTICIPATES_IN process:ir-us-talks asserted"}, nil},
		{"a lifted embargo is no sanction",
			"The United States lifted its arms embargo on Vietnam in 2016.",
			[]string{"US SANCTIONS VN negated"}, []string{"US SANCTIONS VN asserted"}},
		{"one commodity per fact, double object",
			"Russia supplies India with oil and weapons.",
			[]string{"RU EXPORTS_TO IN asserted"}, nil},
		{"cooperation pairs each side with the other, not the others with each other",
			"Armenia deepened defence cooperation with France and India.",
			[]string{"AM COOPERATES_WITH FR asserted", "AM COOPERATES_WITH IN asserted"},
			[]string{"FR COOPERATES_WITH IN asserted"}},
		{"neither nor negates membership",
			"Turkmenistan is a member of neither the Shanghai Cooperation Organisation nor the Collective Security Treaty Organization.",
			[]string{"TM MEMBER_OF SCO negated"}, []string{"TM MEMBER_OF SCO asserted"}},
		{"an invasion is a conflict",
			"Russia's invasion of Ukraine in 2022 changed the calculation.",
			[]string{"RU IN_CONFLICT_WITH UA asserted"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ex, err := x.Extract(context.Background(), tc.text, ontology.Doc{})
			if err != nil {
				t.Fatal(err)
			}
			got := factSet(ex)
			var all []string
			for f := range got {
				all = append(all, f)
			}
			for _, w := range tc.want {
				if !got[w] {
					t.Errorf("missing %q; read: %s", w, strings.Join(all, "; "))
				}
			}
			for _, n := range tc.not {
				if got[n] {
					t.Errorf("read %q, which the text does not say", n)
				}
			}
		})
	}
}

// TestParserEngineNamesItself: the output names the engine.
func TestParserEngineNamesItself(t *testing.T) {
	x := parserExtractor(t)
	ex, err := x.Extract(context.Background(), "Kazakhstan joined the World Trade Organization in 2015.", ontology.Doc{})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Document.Engine != "corenlp-test" {
		t.Errorf("engine %q, want corenlp-test", ex.Document.Engine)
	}
	if New(testGazetteer(t)).Engine() != SurfaceEngine {
		t.Errorf("an extractor without a parser must name the surface engine")
	}
}

// TestParserUnavailable: a parser that cannot be reached is an error
// wrapping ErrParser, never an empty result.
func TestParserUnavailable(t *testing.T) {
	c, err := corenlp.New("http://127.0.0.1:1")
	if err != nil {
		t.Fatal(err)
	}
	x := New(testGazetteer(t), WithParser(c, "corenlp-test"))
	_, err = x.Extract(context.Background(), "Kazakhstan joined the World Trade Organization in 2015.", ontology.Doc{})
	if !errors.Is(err, ErrParser) {
		t.Fatalf("want an error wrapping ErrParser, got %v", err)
	}
}

// TestLexiconRolesRequired: a lexicon missing a role the rules read fails
// to load instead of silencing a rule.
func TestLexiconRolesRequired(t *testing.T) {
	fsys := fstest.MapFS{"lexicon/triggers.json": &fstest.MapFile{Data: []byte(`{"families": {"membership": {"join": ["join"]}}}`)}}
	if _, err := loadLexicon(fsys, "lexicon/triggers.json"); err == nil {
		t.Fatal("a lexicon without most roles loaded")
	}
	if _, err := defaultLexicon(); err != nil {
		t.Fatalf("the shipped lexicon: %v", err)
	}
}
