package extract

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/seed"
)

// goldFact is one expected fact of a gold annotation. Properties given in
// the gold must match (lists as sets); others are not scored.
type goldFact struct {
	Subject    string         `json:"subject"`
	Predicate  string         `json:"predicate"`
	Object     string         `json:"object"`
	Modality   string         `json:"modality"`
	Properties map[string]any `json:"properties"`
}

// testGazetteer is the shipped gazetteer plus testdata/gazetteer-extra.json:
// entities the test texts name that the reference data may not have yet.
// Entries whose id the gazetteer already has only add aliases.
func testGazetteer(t testing.TB) *gazetteer.Gazetteer {
	t.Helper()
	base, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("testdata/gazetteer-extra.json")
	if err != nil {
		t.Fatal(err)
	}
	var extra struct {
		Countries     []gazetteer.Country      `json:"countries"`
		Organizations []gazetteer.Organization `json:"organizations"`
	}
	if err := json.Unmarshal(raw, &extra); err != nil {
		t.Fatal(err)
	}
	countries := slices.Clone(base.Countries)
	for _, c := range extra.Countries {
		if _, ok := base.Country(c.ID); !ok {
			countries = append(countries, c)
		}
	}
	orgs := slices.Clone(base.Organizations)
	for _, o := range extra.Organizations {
		if i := slices.IndexFunc(orgs, func(x gazetteer.Organization) bool { return x.ID == o.ID }); i >= 0 {
			for _, a := range o.Aliases {
				if !slices.Contains(orgs[i].Aliases, a) && a != orgs[i].Name {
					orgs[i].Aliases = append(slices.Clone(orgs[i].Aliases), a)
				}
			}
			continue
		}
		orgs = append(orgs, o)
	}
	fsys := fstest.MapFS{}
	put := func(name string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		fsys["gazetteer/"+name] = &fstest.MapFile{Data: b}
	}
	// Former names are folded into Aliases by Load; clear them so that the
	// round trip validates.
	for i := range countries {
		countries[i].Former = nil
		countries[i].FormerCapitals = nil
	}
	for i := range orgs {
		orgs[i].Former = nil
	}
	put("countries.json", countries)
	put("organizations.json", orgs)
	put("regions.json", base.Regions)
	put("sectors.json", base.Sectors)
	if _, err := fs.Stat(seed.FS, "gazetteer/ambiguous.json"); err == nil {
		put("ambiguous.json", base.Ambiguities)
	}
	g, err := gazetteer.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

type score struct{ tp, fp, fn int }

func (s score) prf() (p, r, f float64) {
	p, r = 1, 1
	if s.tp+s.fp > 0 {
		p = float64(s.tp) / float64(s.tp+s.fp)
	}
	if s.tp+s.fn > 0 {
		r = float64(s.tp) / float64(s.tp+s.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

func matches(g goldFact, r ontology.Relation) bool {
	if string(r.Predicate) != g.Predicate || string(r.Modality) != g.Modality {
		return false
	}
	same := r.Subject == g.Subject && r.Object == g.Object
	if !same && symmetric[r.Predicate] {
		same = r.Subject == g.Object && r.Object == g.Subject
	}
	if !same {
		return false
	}
	for k, want := range g.Properties {
		got, ok := r.Properties[k]
		if !ok {
			return false
		}
		if wl, isList := want.([]any); isList {
			gl, ok := got.([]string)
			if !ok || len(gl) != len(wl) {
				return false
			}
			for _, w := range wl {
				if !slices.Contains(gl, fmt.Sprint(w)) {
					return false
				}
			}
			continue
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return false
		}
	}
	return true
}

// evaluate scores the extraction of one text against its gold, per
// predicate, and returns the table and the overall score.
func evaluate(t *testing.T, x *Extractor, txtPath string) (map[string]*score, score, []string) {
	t.Helper()
	raw, err := os.ReadFile(txtPath)
	if err != nil {
		t.Fatal(err)
	}
	gb, err := os.ReadFile(strings.TrimSuffix(txtPath, ".txt") + ".gold.json")
	if err != nil {
		t.Fatal(err)
	}
	var gold struct{ Facts []goldFact }
	if err := json.Unmarshal(gb, &gold); err != nil {
		t.Fatal(err)
	}
	ex, err := x.Extract(context.Background(), string(raw), ontology.Doc{})
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]*score{}
	get := func(p string) *score {
		if per[p] == nil {
			per[p] = &score{}
		}
		return per[p]
	}
	var total score
	var notes []string
	used := make([]bool, len(ex.Relations))
	for _, g := range gold.Facts {
		if g.Modality == "" {
			g.Modality = "asserted"
		}
		found := false
		for i, r := range ex.Relations {
			if !used[i] && matches(g, r) {
				used[i], found = true, true
				break
			}
		}
		if found {
			get(g.Predicate).tp++
			total.tp++
		} else {
			get(g.Predicate).fn++
			total.fn++
			notes = append(notes, fmt.Sprintf("missed   %s %s %s (%s) %v", g.Subject, g.Predicate, g.Object, g.Modality, g.Properties))
		}
	}
	for i, r := range ex.Relations {
		if !used[i] {
			get(string(r.Predicate)).fp++
			total.fp++
			notes = append(notes, fmt.Sprintf("spurious %s %s %s (%s) %v", r.Subject, r.Predicate, r.Object, r.Modality, r.Properties))
		}
	}
	return per, total, notes
}

func table(name string, per map[string]*score, total score) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s\n%-18s %4s %4s %4s  %5s %5s %5s\n", name, "predicate", "tp", "fp", "fn", "P", "R", "F1")
	for _, p := range ontology.Predicates {
		s, ok := per[string(p)]
		if !ok {
			continue
		}
		pp, rr, ff := s.prf()
		fmt.Fprintf(&b, "%-18s %4d %4d %4d  %5.2f %5.2f %5.2f\n", p, s.tp, s.fp, s.fn, pp, rr, ff)
	}
	pp, rr, ff := total.prf()
	fmt.Fprintf(&b, "%-18s %4d %4d %4d  %5.2f %5.2f %5.2f\n", "OVERALL", total.tp, total.fp, total.fn, pp, rr, ff)
	return b.String()
}

// TestGold scores every text of testdata/gold against its annotation and
// fails below precision 0.90 or recall 0.85 on any of them.
// Run: go test ./internal/extract -run 'TestGold|TestHeldOut' -v
func TestGold(t *testing.T) {
	x := New(testGazetteer(t))
	files, _ := filepath.Glob("testdata/gold/*.txt")
	if len(files) < 6 {
		t.Fatalf("want at least 6 gold texts, have %d", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			per, total, notes := evaluate(t, x, f)
			t.Log(table(name, per, total) + strings.Join(notes, "\n"))
			p, r, _ := total.prf()
			if p < 0.90 || r < 0.85 {
				t.Errorf("%s: precision %.2f recall %.2f, want >= 0.90 and >= 0.85", name, p, r)
			}
		})
	}
}

// heldOutFloor is a regression floor on the pooled held-out F1, set well
// below the figure reached (testdata/heldout/README.md): held-out texts are
// a measurement, not a tuning target, so only a large drop fails.
const heldOutFloor = 0.81

// TestHeldOut reports the figures on texts the rules were not tuned on,
// per text and pooled. It fails only when the pooled F1 drops below
// heldOutFloor.
func TestHeldOut(t *testing.T) {
	x := New(testGazetteer(t))
	files, _ := filepath.Glob("testdata/heldout/*.txt")
	var pooled score
	var summary strings.Builder
	fmt.Fprintf(&summary, "\n%-22s %4s %4s %4s  %5s %5s %5s\n", "held-out text", "tp", "fp", "fn", "P", "R", "F1")
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		per, total, notes := evaluate(t, x, f)
		t.Log(table("held-out "+name, per, total) + strings.Join(notes, "\n"))
		pooled.tp += total.tp
		pooled.fp += total.fp
		pooled.fn += total.fn
		p, r, f1 := total.prf()
		fmt.Fprintf(&summary, "%-22s %4d %4d %4d  %5.2f %5.2f %5.2f\n", name, total.tp, total.fp, total.fn, p, r, f1)
	}
	p, r, f1 := pooled.prf()
	fmt.Fprintf(&summary, "%-22s %4d %4d %4d  %5.2f %5.2f %5.2f\n", "POOLED", pooled.tp, pooled.fp, pooled.fn, p, r, f1)
	t.Log(summary.String())
	if f1 < heldOutFloor {
		t.Errorf("pooled held-out F1 %.2f, below the regression floor %.2f", f1, heldOutFloor)
	}
}
