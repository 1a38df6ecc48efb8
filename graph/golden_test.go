package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/gazetteer"
	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/server"
	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/seed"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// seedEnv loads the reference data and the seed corpus exactly as
// `diplograph seed` does, and serves it.
func seedEnv(t testing.TB, cfg server.Config) *env {
	t.Helper()
	driver, db := neo4jtest.Driver(t)
	ctx := context.Background()
	st := store.New(driver, db)
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.LoadReference(ctx, g); err != nil {
		t.Fatal(err)
	}
	svc := ingest.New(extract.New(g), st)
	sum, err := svc.Run(ctx, ingest.FS(seed.FS, "corpus/*.txt"), ingest.Options{Workers: 1})
	if err != nil || sum.Failed > 0 {
		t.Fatalf("seed corpus: %d failed: %v", sum.Failed, err)
	}
	deps := app.Backend{Driver: driver, Database: db, Store: st, Ingest: svc}
	srv, err := app.NewServer(quiet(cfg), deps)
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, h: srv.Handler(), srv: srv, store: st}
}

// goldenCases are the canonical questions of the API, each with the facts
// its answer must hold whatever else changes, so a golden file full of
// errors or empty lists cannot pass.
var goldenCases = []struct {
	name  string
	query string
	must  []string // substrings of the compact JSON data
}{
	{"bilateral-kz-tr", `{ bilateral(a:"KZ", b:"TR") {
  a { id name } b { id name }
  relations { type direction modality role sectors target { id } evidence { sentence title source publisher publishedAt } }
  agreements { node { id kind category year } aRelations { type } bRelations { type } }
  projects { node { id } } processes { node { id } }
  organizations { node { id } aRelations { type role } bRelations { type role } }
  sectors { id } timeline { year label } documents { id title } } }`,
		[]string{`"id":"agreement:kz-tr-free-trade-2017"`, `"year":2017`, `"node":{"id":"OTS"}`, `"node":{"id":"SCO"}`, `"type":"COOPERATES_WITH"`}},
	{"bilateral-kz-qa", `{ bilateral(a:"KZ", b:"QA") {
  relations { type direction modality sectors mechanism target { id } evidence { sentence title } }
  organizations { node { id } } sectors { id name } timeline { year label } documents { id } } }`,
		[]string{`"type":"COOPERATES_WITH"`, `joint higher committee`, `"id":"QA"`, `"civil-aviation"`}},
	{"country-kz-memberships", `{ country(id:"KZ") { id name kind memberships { type role origin since target { id name } } } }`,
		[]string{`"name":"Kazakhstan"`, `"role":"founding_member"`, `"id":"SCO"`}},
	{"search-pipeline", `{ search(query:"pipeline") { entity { id kind name } evidence { id sentence document { id title } } mentions { id } } }`,
		[]string{`pipeline`, `"id":"IR"`}},
	{"paths-qa-tr", `{ paths(from:"QA", to:"TR") { paths { length nodes { id } relationships { type subject { id } object { id } } } } }`,
		[]string{`"nodes":[{"id":"QA"}`, `{"id":"TR"}]`}},
	{"neighbors-sco-2", `{ neighbors(id:"SCO", depth:2) { truncated nodes { id kind } relationships { type subject { id } object { id } } } }`,
		[]string{`"id":"KZ"`, `"id":"IR"`, `"truncated":false`}},
	{"conflicts", conflictsQuery, []string{`"kind":"reference_role"`, `"subject":{"id":"IR","name":"Iran"}`, `"sentence":"`}},
}

// conflictsQuery asks for every field of a conflict, both claims with their
// documents and evidence.
const conflictsQuery = `{ conflicts { kind subject { id name } object { id name }
  claim { id documents { id title } evidence { sentence document { id title } } }
  other { id evidence { sentence } } reference { id } } }`

func TestGolden(t *testing.T) {
	e := seedEnv(t, server.Config{})
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.post(tc.query, nil, nil)
			if len(r.Errors) > 0 {
				t.Fatalf("errors: %+v", r.Errors)
			}
			var compact bytes.Buffer
			if err := json.Compact(&compact, r.Data); err != nil {
				t.Fatal(err)
			}
			for _, m := range tc.must {
				if !strings.Contains(compact.String(), m) {
					t.Errorf("answer lacks %s", m)
				}
			}
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, r.Data, "", "  "); err != nil {
				t.Fatal(err)
			}
			pretty.WriteByte('\n')
			path := filepath.Join("testdata", tc.name+".golden.json")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./graph -run TestGolden -update to create it)", err)
			}
			if !bytes.Equal(want, pretty.Bytes()) {
				t.Errorf("answer differs from %s (if the change is intended: go test ./graph -run TestGolden -update)\n%s", path, diffLines(string(want), pretty.String()))
			}
		})
	}
}

// diffLines shows the first lines that differ.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + itoa(i+1) + ":\n  want " + wl + "\n  got  " + gl + "\n")
			if shown++; shown == 10 {
				break
			}
		}
	}
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestConflictsAndDocuments(t *testing.T) {
	e := seedEnv(t, server.Config{})
	var out struct {
		Conflicts []struct {
			Kind    string
			Subject struct{ ID string }
			Claim   struct{ Evidence []struct{ Sentence string } }
		}
		Documents struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					ID        string
					Title     string
					Relations []struct{ Type string }
				}
			}
		}
	}
	e.mustData(`{ conflicts { kind subject { id } claim { evidence { sentence } } }
	  documents(first: 5) { totalCount edges { node { id title relations(first: 500) { type } } } } }`, nil, &out)
	if out.Documents.TotalCount != 1 || len(out.Documents.Edges) != 1 || len(out.Documents.Edges[0].Node.Relations) == 0 {
		t.Errorf("documents: %+v", out.Documents)
	}
	for _, c := range out.Conflicts {
		if c.Kind == "" || c.Subject.ID == "" {
			t.Errorf("conflict without kind or subject: %+v", c)
		}
	}
	t.Logf("%d conflicts in the seed corpus", len(out.Conflicts))
}
