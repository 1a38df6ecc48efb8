package extract

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/diplograph/diplograph/internal/eval"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/seed"
)

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
	put("people.json", base.People)
	put("cities.json", base.Cities)
	g, err := gazetteer.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// evaluate scores the extraction of one text against its gold.
func evaluate(t *testing.T, x *Extractor, txtPath string) eval.Result {
	t.Helper()
	name, text, gold, err := eval.Load(txtPath)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := x.Extract(context.Background(), text, ontology.Doc{})
	if err != nil {
		t.Fatal(err)
	}
	return eval.Evaluate(name, gold, ex)
}

func detail(r eval.Result) string {
	var b strings.Builder
	_ = eval.WriteDetail(&b, r)
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
			res := evaluate(t, x, f)
			t.Log(detail(res))
			p, r, _ := res.Score.PRF()
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
	var results []eval.Result
	for _, f := range files {
		res := evaluate(t, x, f)
		t.Log(detail(res))
		results = append(results, res)
	}
	var summary strings.Builder
	_ = eval.WriteSummary(&summary, "held-out texts, engine "+x.Engine(), results)
	t.Log("\n" + summary.String())
	if _, _, f1 := eval.Pool(results).PRF(); f1 < heldOutFloor {
		t.Errorf("pooled held-out F1 %.2f, below the regression floor %.2f", f1, heldOutFloor)
	}
}

// unseenFloor is the regression floor on the parser engine's mean F1 over
// testdata/unseen, kept about 0.10 below the figure reached after tuning
// (docs/extraction.md): the texts are a measurement, the floor only
// catches a change that breaks generalisation badly.
const unseenFloor = 0.48

// TestUnseen scores the parser-backed engine and the surface engine on the
// texts annotated before any engine read them (testdata/unseen), and the
// parser engine on the seed op-ed, which must stay at F1 >= 0.95.
// Run: go test ./internal/extract -run 'TestUnseen' -v
func TestUnseen(t *testing.T) {
	x := parserExtractor(t)
	files, _ := filepath.Glob("testdata/unseen/*.txt")
	if len(files) < 10 {
		t.Fatalf("want at least 10 unseen texts, have %d", len(files))
	}
	for _, engine := range []*Extractor{x, New(testGazetteer(t))} {
		var results []eval.Result
		for _, f := range files {
			res := evaluate(t, engine, f)
			t.Log(detail(res))
			results = append(results, res)
		}
		mean := eval.MeanF1(results)
		var summary strings.Builder
		_ = eval.WriteSummary(&summary, "unseen texts, engine "+engine.Engine(), results)
		t.Log("\n" + summary.String())
		if engine == x && mean < unseenFloor {
			t.Errorf("parser engine: mean F1 %.2f on the unseen texts, below the floor %.2f", mean, unseenFloor)
		}
	}
	seed := evaluate(t, x, "testdata/gold/kazakhstan-middle-east.txt")
	if _, _, f1 := seed.Score.PRF(); f1 < 0.95 {
		t.Errorf("parser engine on the seed op-ed: F1 %.2f, want >= 0.95\n%s", f1, detail(seed))
	}
}
