package extract

import (
	"testing"

	"github.com/diplograph/diplograph/internal/extract/text"
	"github.com/diplograph/diplograph/internal/ontology"
)

func TestHeadlineForParser(t *testing.T) {
	x := New(testGazetteer(t))
	cases := []struct{ name, in, want string }{
		{"title case: verbs and small words down, names kept", "Bolivia, Paraguay Agree To Ceasefire In Asuncion Talks\n\nBody.",
			"Bolivia& Paraguay agree to ceasefire in Asuncion talks\n\nBody."},
		{"a name of two words in the list", "South Korea, Japan Hold Talks In Seoul\n\nBody.",
			"South Korea& Japan hold talks in Seoul\n\nBody."},
		{"sentence case: only the list's commas", "Kenya, Ethiopia sign pipeline deals\n\nBody.",
			"Kenya& Ethiopia sign pipeline deals\n\nBody."},
		{"acronyms keep their capitals", "Chile, Peru Join APEC Trade Talks\n\nBody.",
			"Chile& Peru join APEC trade talks\n\nBody."},
		{"the body is untouched", "Leaders met\n\nChile, Peru Sign Deal.",
			"Leaders met\n\nChile, Peru Sign Deal."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := newDocument(x, tc.in, ontology.Doc{})
			b := []byte(d.t)
			d.headlineForParser(b, 0, text.Split(d.t, 0, 1<<30))
			if got := string(b); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if len(b) != len(d.t) {
				t.Errorf("length changed: %d, want %d", len(b), len(d.t))
			}
		})
	}
}
