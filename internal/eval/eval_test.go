package eval

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/ontology"
)

func rel(s, p, o string, m ontology.Modality, props map[string]any) ontology.Relation {
	return ontology.Relation{Subject: s, Predicate: ontology.Predicate(p), Object: o, Modality: m, Properties: props}
}

func TestMatches(t *testing.T) {
	cases := []struct {
		name string
		f    Fact
		r    ontology.Relation
		want bool
	}{
		{"same fact", Fact{"KZ", "MEMBER_OF", "SCO", "asserted", nil}, rel("KZ", "MEMBER_OF", "SCO", ontology.Asserted, nil), true},
		{"other modality", Fact{"KZ", "MEMBER_OF", "SCO", "asserted", nil}, rel("KZ", "MEMBER_OF", "SCO", ontology.Expected, nil), false},
		{"symmetric either way", Fact{"KZ", "COOPERATES_WITH", "TR", "asserted", nil}, rel("TR", "COOPERATES_WITH", "KZ", ontology.Asserted, nil), true},
		{"not symmetric", Fact{"KZ", "EXPORTS_TO", "TR", "asserted", nil}, rel("TR", "EXPORTS_TO", "KZ", ontology.Asserted, nil), false},
		{"gold property must match", Fact{"KZ", "EXPORTS_TO", "TR", "asserted", map[string]any{"commodity": "oil"}},
			rel("KZ", "EXPORTS_TO", "TR", ontology.Asserted, map[string]any{"commodity": "gas"}), false},
		{"extra extracted property is not scored", Fact{"KZ", "EXPORTS_TO", "TR", "asserted", nil},
			rel("KZ", "EXPORTS_TO", "TR", ontology.Asserted, map[string]any{"commodity": "gas"}), true},
		{"lists as sets", Fact{"KZ", "COOPERATES_WITH", "TR", "asserted", map[string]any{"sectors": []any{"energy", "trade"}}},
			rel("KZ", "COOPERATES_WITH", "TR", ontology.Asserted, map[string]any{"sectors": []string{"trade", "energy"}}), true},
		{"lists of other length", Fact{"KZ", "COOPERATES_WITH", "TR", "asserted", map[string]any{"sectors": []any{"energy"}}},
			rel("KZ", "COOPERATES_WITH", "TR", ontology.Asserted, map[string]any{"sectors": []string{"trade", "energy"}}), false},
		{"forbidden without modality: any but negated", Fact{"CO", "MEMBER_OF", "org:x", "", nil}, rel("CO", "MEMBER_OF", "org:x", ontology.Reported, nil), true},
		{"forbidden without modality: negated is fine", Fact{"CO", "MEMBER_OF", "org:x", "", nil}, rel("CO", "MEMBER_OF", "org:x", ontology.Negated, nil), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Matches(tc.f, tc.r); got != tc.want {
				t.Errorf("Matches = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestEvaluate(t *testing.T) {
	g := Gold{
		Facts: []Fact{
			{"KZ", "MEMBER_OF", "SCO", "asserted", nil},
			{"KZ", "MEMBER_OF", "CSTO", "asserted", nil},
		},
		Forbidden: []Fact{{"KZ", "MEMBER_OF", "EU", "", nil}},
	}
	ex := &ontology.Extraction{Relations: []ontology.Relation{
		rel("KZ", "MEMBER_OF", "SCO", ontology.Asserted, nil),
		rel("KZ", "MEMBER_OF", "SCO", ontology.Asserted, map[string]any{"role": "member"}), // a second relation matches nothing
		rel("KZ", "MEMBER_OF", "EU", ontology.Expected, nil),
	}}
	r := Evaluate("t", g, ex)
	if r.Score != (Score{TP: 1, FP: 2, FN: 1}) {
		t.Errorf("score %+v, want tp 1 fp 2 fn 1", r.Score)
	}
	if len(r.Forbidden) != 1 || len(r.Missed) != 1 || r.Missed[0].Object != "CSTO" {
		t.Errorf("forbidden %v missed %v", r.Forbidden, r.Missed)
	}
	p, rr, f := r.Score.PRF()
	if p < 0.33 || p > 0.34 || rr != 0.5 || f < 0.39 || f > 0.41 {
		t.Errorf("P %.2f R %.2f F1 %.2f", p, rr, f)
	}
	if pool := Pool([]Result{r, r}); pool != (Score{TP: 2, FP: 4, FN: 2}) {
		t.Errorf("pool %+v", pool)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("ok.txt", "Kazakhstan joined the SCO.")
	ok := write("ok.gold.json", `{"about": "x", "facts": [{"subject": "KZ", "predicate": "MEMBER_OF", "object": "SCO"}]}`)
	name, text, g, err := Load(ok)
	if err != nil || name != "ok" || !strings.HasPrefix(text, "Kazakhstan") || g.Facts[0].Modality != "asserted" {
		t.Fatalf("Load: %q %q %+v %v", name, text, g, err)
	}
	bad := []struct{ name, body string }{
		{"badjson", `{"facts": [`},
		{"badpred", `{"facts": [{"subject": "KZ", "predicate": "LIKES", "object": "SCO"}]}`},
		{"badmod", `{"facts": [{"subject": "KZ", "predicate": "MEMBER_OF", "object": "SCO", "modality": "maybe"}]}`},
		{"unknownfield", `{"fact": []}`},
		{"notext", `{"facts": []}`},
	}
	for _, b := range bad {
		if b.name != "notext" {
			write(b.name+".txt", "text")
		}
		p := write(b.name+".gold.json", b.body)
		if _, _, _, err := Load(p); !errors.Is(err, ErrGold) {
			t.Errorf("%s: want ErrGold, got %v", b.name, err)
		}
	}
}

func TestUnique(t *testing.T) {
	tests := []struct {
		in, want []string
	}{
		{[]string{"d/a.gold.json", "d/a.txt", "d/b.txt", "d/b.gold.json"}, []string{"d/a.gold.json", "d/b.txt"}},
		{[]string{"a.gold.json", "b.gold.json"}, []string{"a.gold.json", "b.gold.json"}},
		{nil, nil},
	}
	for _, tt := range tests {
		if got := Unique(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Unique(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestAlign(t *testing.T) {
	party := func(s, o string) Fact { return Fact{s, "PARTY_TO", o, "asserted", nil} }
	cases := []struct {
		name string
		gold []Fact
		ex   []ontology.Relation
		want map[string]string
	}{
		{"generic id to the gold's name",
			[]Fact{party("AU", "agreement:pukpuk-treaty"), party("PG", "agreement:pukpuk-treaty")},
			[]ontology.Relation{rel("AU", "PARTY_TO", "agreement:au-pg-defence", ontology.Asserted, nil), rel("PG", "PARTY_TO", "agreement:au-pg-defence", ontology.Asserted, nil)},
			map[string]string{"agreement:au-pg-defence": "agreement:pukpuk-treaty"}},
		{"one shared party is not enough",
			[]Fact{party("AU", "agreement:anzus-treaty"), party("US", "agreement:anzus-treaty")},
			[]ontology.Relation{rel("AU", "PARTY_TO", "agreement:au-pg-defence", ontology.Asserted, nil), rel("PG", "PARTY_TO", "agreement:au-pg-defence", ontology.Asserted, nil)},
			map[string]string{}},
		{"a shared sector does not count",
			[]Fact{party("AU", "agreement:pukpuk-treaty"), {"agreement:pukpuk-treaty", "IN_SECTOR", "military", "asserted", nil}},
			[]ontology.Relation{rel("AU", "PARTY_TO", "agreement:au-pg-defence", ontology.Asserted, nil), rel("agreement:au-pg-defence", "IN_SECTOR", "military", ontology.Asserted, nil)},
			map[string]string{}},
		{"two names the text gave are two things",
			[]Fact{{"CD", "PARTICIPATES_IN", "process:luanda-summit", "asserted", nil}, {"RW", "PARTICIPATES_IN", "process:luanda-summit", "asserted", nil}},
			[]ontology.Relation{rel("CD", "PARTICIPATES_IN", "process:nairobi-process", ontology.Asserted, nil), rel("RW", "PARTICIPATES_IN", "process:nairobi-process", ontology.Asserted, nil)},
			map[string]string{}},
		{"a name holding the other",
			[]Fact{{"KG", "PARTNER_IN", "project:kambar-ata-1-hydropower-plant", "asserted", nil}, {"KZ", "PARTNER_IN", "project:kambar-ata-1-hydropower-plant", "asserted", nil}},
			[]ontology.Relation{rel("KG", "PARTNER_IN", "project:hydropower-plant", ontology.Asserted, nil), rel("KZ", "PARTNER_IN", "project:hydropower-plant", ontology.Asserted, nil)},
			map[string]string{"project:hydropower-plant": "project:kambar-ata-1-hydropower-plant"}},
		{"a gold node the engine named is taken",
			[]Fact{party("AU", "agreement:pukpuk-treaty"), party("PG", "agreement:pukpuk-treaty")},
			[]ontology.Relation{rel("AU", "PARTY_TO", "agreement:pukpuk-treaty", ontology.Asserted, nil), rel("AU", "PARTY_TO", "agreement:au-pg-defence", ontology.Asserted, nil), rel("PG", "PARTY_TO", "agreement:au-pg-defence", ontology.Asserted, nil)},
			map[string]string{}},
		{"the heavier pair first, one to one",
			[]Fact{party("AM", "agreement:am-az-us-peace"), party("AZ", "agreement:am-az-us-peace"), party("US", "agreement:am-az-us-peace"), party("AM", "agreement:am-az-transit"), party("AZ", "agreement:am-az-transit")},
			[]ontology.Relation{rel("AM", "PARTY_TO", "agreement:am-az-agreement", ontology.Asserted, nil), rel("AZ", "PARTY_TO", "agreement:am-az-agreement", ontology.Asserted, nil), rel("US", "PARTY_TO", "agreement:am-az-agreement", ontology.Asserted, nil),
				rel("AM", "PARTY_TO", "agreement:am-az-peace", ontology.Asserted, nil), rel("AZ", "PARTY_TO", "agreement:am-az-peace", ontology.Asserted, nil)},
			map[string]string{"agreement:am-az-agreement": "agreement:am-az-us-peace", "agreement:am-az-peace": "agreement:am-az-transit"}},
		{"countries are never renamed",
			[]Fact{party("KZ", "agreement:kz-tr-agreement"), party("TR", "agreement:kz-tr-agreement")},
			[]ontology.Relation{rel("KG", "PARTY_TO", "agreement:kz-tr-agreement", ontology.Asserted, nil), rel("TR", "PARTY_TO", "agreement:kz-tr-agreement", ontology.Asserted, nil)},
			map[string]string{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Align(Gold{Facts: tc.gold}, &ontology.Extraction{Relations: tc.ex})
			if !maps.Equal(got, tc.want) {
				t.Errorf("Align = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestEvaluateAligned(t *testing.T) {
	g := Gold{Facts: []Fact{{"CN", "PARTY_TO", "agreement:cn-sb-security-2022", "asserted", nil}, {"SB", "PARTY_TO", "agreement:cn-sb-security-2022", "asserted", nil}}}
	ex := &ontology.Extraction{Relations: []ontology.Relation{
		rel("CN", "PARTY_TO", "agreement:cn-sb-security", ontology.Asserted, nil),
		rel("SB", "PARTY_TO", "agreement:cn-sb-security", ontology.Asserted, nil),
	}}
	r := Evaluate("t", g, ex)
	if r.Score != (Score{TP: 0, FP: 2, FN: 2}) || r.Aligned != (Score{TP: 2}) {
		t.Errorf("strict %+v aligned %+v, want strict fp 2 fn 2 and aligned tp 2", r.Score, r.Aligned)
	}
	if ex.Relations[0].Object != "agreement:cn-sb-security" {
		t.Errorf("Evaluate changed the extraction: %v", ex.Relations[0])
	}
}
