package extract

import (
	"testing"

	"github.com/diplograph/diplograph/internal/ontology"
)

func TestModality(t *testing.T) {
	tests := []struct {
		in   string
		want []ontology.Modality // per clause
	}{
		{"Kazakhstan signed the deal.", []ontology.Modality{ontology.Asserted}},
		{"Kazakhstan is expected to sign the deal.", []ontology.Modality{ontology.Expected}},
		{"Kazakhstan is likely to join.", []ontology.Modality{ontology.Expected}},
		{"Kazakhstan plans to join.", []ontology.Modality{ontology.Expected}},
		{"Kazakhstan will join.", []ontology.Modality{ontology.Expected}},
		{"Kazakhstan has not joined.", []ontology.Modality{ontology.Negated}},
		{"Kazakhstan is no longer a member.", []ontology.Modality{ontology.Negated}},
		{"Kazakhstan refused to join.", []ontology.Modality{ontology.Negated}},
		{"Kazakhstan is not only a member but also a founder.", []ontology.Modality{ontology.Asserted, ontology.Asserted}},
		{"According to officials, Kazakhstan joined.", []ontology.Modality{ontology.Reported}},
		{"Kazakhstan reportedly joined.", []ontology.Modality{ontology.Reported}},
		{"Qatar is not a member but became a partner.", []ontology.Modality{ontology.Negated, ontology.Asserted}},
		{"Turkmenistan sells power to Iran, and the two countries may sign a deal.", []ontology.Modality{ontology.Asserted, ontology.Expected}},
		{"Iran, Iraq, and Qatar signed.", []ontology.Modality{ontology.Asserted}},
		{"Officials say the two will sign.", []ontology.Modality{ontology.Expected}},
		{"The EU has imposed sanctions on Russia, and Kazakhstan has said it will comply.", []ontology.Modality{ontology.Asserted, ontology.Expected}},
		{"Iran joined the SCO, and officials said trade grew.", []ontology.Modality{ontology.Asserted, ontology.Reported}},
		{"Saudi Arabia exports oil to China as well, and Saudi Aramco is expected to invest.", []ontology.Modality{ontology.Asserted, ontology.Expected}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			toks := tokenize(tc.in, 0, len(tc.in), nil)
			cls := clauses(toks)
			if len(cls) != len(tc.want) {
				t.Fatalf("%d clauses %+v, want %d", len(cls), cls, len(tc.want))
			}
			for i, c := range cls {
				if c.mod != tc.want[i] {
					t.Errorf("clause %d: %s, want %s", i, c.mod, tc.want[i])
				}
			}
		})
	}
}
