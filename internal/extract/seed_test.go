package extract

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/diplograph/diplograph/internal/ontology"
)

func seedText(t testing.TB) string {
	b, err := os.ReadFile("testdata/gold/kazakhstan-middle-east.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSeedDoneWhen checks the facts the seed article must give.
func TestSeedDoneWhen(t *testing.T) {
	ex, err := defaultExtractor(t).Extract(context.Background(), seedText(t), ontology.Doc{})
	if err != nil {
		t.Fatal(err)
	}
	find := func(s string, p ontology.Predicate, o string) *ontology.Relation {
		for i, r := range ex.Relations {
			if r.Subject == s && r.Predicate == p && r.Object == o && r.Modality == ontology.Asserted {
				return &ex.Relations[i]
			}
		}
		t.Errorf("missing %s %s %s", s, p, o)
		return nil
	}
	ent := func(id string) ontology.Entity {
		for _, e := range ex.Entities {
			if e.ID == id {
				return e
			}
		}
		t.Errorf("missing entity %s", id)
		return ontology.Entity{}
	}
	fta := "agreement:kz-tr-free-trade-2017"
	find("KZ", ontology.PartyTo, fta)
	find("TR", ontology.PartyTo, fta)
	if e := ent(fta); e.Properties["kind"] != "free_trade" || e.Properties["year"] != 2017 {
		t.Errorf("agreement properties %v", e.Properties)
	}
	pipe := "project:ir-kz-gas-pipeline"
	find("KZ", ontology.PartnerIn, pipe)
	find("IR", ontology.PartnerIn, pipe)
	if e := ent(pipe); e.Properties["kind"] != "pipeline" || e.Properties["commodity"] != "gas" {
		t.Errorf("project properties %v", e.Properties)
	}
	app := "process:astana-peace-process"
	find("KZ", ontology.Hosts, app)
	find(app, ontology.Concerns, "SY")
	find("KZ", ontology.Mediates, app)
	nuc := "process:iran-nuclear-negotiations"
	find("KZ", ontology.Hosts, nuc)
	if r := find(nuc, ontology.Concerns, "IR"); r != nil && r.Properties["topic"] != "nuclear program" {
		t.Errorf("topic %v", r.Properties)
	}
	afg := "process:afghanistan-peace-process"
	find("KZ", ontology.Hosts, afg)
	find(afg, ontology.Concerns, "AF")
	find("TALIBAN", ontology.ParticipatesIn, afg)
	if r := find("KZ", ontology.MemberOf, "SCO"); r != nil && r.Properties["role"] != "founding_member" {
		t.Errorf("KZ SCO role %v", r.Properties)
	}
	find("KZ", ontology.MemberOf, "OTS")
	find("TR", ontology.MemberOf, "OTS")
	for _, c := range []string{"IR", "SA"} {
		if r := find(c, ontology.MemberOf, "SCO"); r != nil && r.Properties["role"] != "observer" {
			t.Errorf("%s SCO role %v", c, r.Properties)
		}
	}
	if r := find("QA", ontology.CooperatesWith, "KZ"); r != nil {
		want := []string{"trade", "investment", "construction", "infrastructure", "agriculture", "shipping", "civil-aviation", "healthcare", "education", "it"}
		got, _ := r.Properties["sectors"].([]string)
		if !slices.Equal(got, want) || r.Properties["mechanism"] != "joint higher committee" {
			t.Errorf("QA-KZ properties %v", r.Properties)
		}
	}
	// Nothing asserted from the hedged sentences.
	for _, r := range ex.Relations {
		for _, e := range r.Evidence {
			if (strings.Contains(e.Sentence, "likely to") || strings.Contains(e.Sentence, "expected to")) && r.Modality == ontology.Asserted {
				t.Errorf("asserted fact from a hedged sentence: %s %s %s: %q", r.Subject, r.Predicate, r.Object, e.Sentence)
			}
		}
	}
}

// checkInvariants: offsets in range, sentence == text[start:end] in runes.
func checkInvariants(t *testing.T, x *Extractor, raw string) {
	ex, err := x.Extract(context.Background(), raw, ontology.Doc{})
	if err != nil {
		return
	}
	norm := []rune(normalised(raw))
	if ex.Document.Length != len(norm) {
		t.Fatalf("length %d, want %d", ex.Document.Length, len(norm))
	}
	for _, r := range ex.Relations {
		if !r.Predicate.Valid() || !r.Modality.Valid() {
			t.Fatalf("invalid relation %+v", r)
		}
		for _, e := range r.Evidence {
			if e.Start < 0 || e.End > len(norm) || e.Start > e.End {
				t.Fatalf("offsets %d-%d out of range %d", e.Start, e.End, len(norm))
			}
			if string(norm[e.Start:e.End]) != e.Sentence {
				t.Fatalf("sentence %q != text[%d:%d] %q", e.Sentence, e.Start, e.End, string(norm[e.Start:e.End]))
			}
		}
	}
	a, _ := json.Marshal(ex)
	ex2, err := x.Extract(context.Background(), raw, ontology.Doc{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(ex2)
	if string(a) != string(b) {
		t.Fatal("output differs between two runs")
	}
	if !utf8.Valid(a) {
		t.Fatal("invalid UTF-8 output")
	}
}

func TestSeedInvariants(t *testing.T) {
	checkInvariants(t, defaultExtractor(t), seedText(t))
}

func TestLongSentence(t *testing.T) {
	x := defaultExtractor(t)
	checkInvariants(t, x, strings.Repeat("Kazakhstan and Iran cooperate on trade and ", 20000))
	checkInvariants(t, x, strings.Repeat("x", 100000))
}

func FuzzExtract(f *testing.F) {
	f.Add(seedText(f))
	f.Add("U.S. sanctions on Iran. Dr. J. Smith said 2.5 percent.\nHeading\nAnkara signed a deal.")
	f.Add("Türkiye’s “free trade” agreement — with Qatar (QTA)…")
	x := defaultExtractor(f)
	f.Fuzz(func(t *testing.T, s string) {
		checkInvariants(t, x, s)
	})
}

func BenchmarkExtractSeed(b *testing.B) {
	x := defaultExtractor(b)
	s := seedText(b)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := x.Extract(context.Background(), s, ontology.Doc{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExtract10MB runs the pipeline over 10 MB of the gold texts
// concatenated.
func BenchmarkExtract10MB(b *testing.B) {
	x := New(mustGazetteer(b), WithMaxBytes(16<<20))
	var parts []string
	for _, n := range []string{"kazakhstan-middle-east", "uzbekistan-saudi-arabia", "azerbaijan-turkiye", "turkmenistan-iran", "qatar-kazakhstan", "kyrgyzstan-china"} {
		bs, err := os.ReadFile("testdata/gold/" + n + ".txt")
		if err != nil {
			b.Fatal(err)
		}
		parts = append(parts, string(bs))
	}
	var sb strings.Builder
	for sb.Len() < 10<<20 {
		for _, p := range parts {
			sb.WriteString(p)
			sb.WriteString("\n\n")
		}
	}
	s := sb.String()
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := x.Extract(context.Background(), s, ontology.Doc{}); err != nil {
			b.Fatal(err)
		}
	}
}
