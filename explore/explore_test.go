package explore

import (
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/diplograph/diplograph/internal/ontology"
)

func TestStyle(t *testing.T) {
	rules := parseGrass(string(Style()))
	colors := NodeColors()
	want := []string{"Country", "Organization", "Region", "Agreement", "Project", "Process", "Sector", "Document", "Sentence"}
	seen := map[string]string{}
	for _, l := range want {
		c, ok := colors[l]
		if !ok {
			t.Errorf("no fill colour for %s", l)
			continue
		}
		if !regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`).MatchString(c) {
			t.Errorf("%s: colour %q is not #RRGGBB", l, c)
		}
		if other, dup := seen[strings.ToUpper(c)]; dup {
			t.Errorf("%s and %s share the colour %s", l, other, c)
		}
		seen[strings.ToUpper(c)] = l
		r := rules["node."+l]
		if r["caption"] == "" || r["diameter"] == "" || r["text-color-internal"] == "" {
			t.Errorf("%s: want caption, diameter and text colour, have %v", l, r)
		}
	}
	for _, l := range ontology.Labels {
		if _, ok := colors[string(l)]; !ok {
			t.Errorf("ontology label %s is not styled", l)
		}
	}
	if rules["node.Country"]["caption"] != "{name}" || rules["node.Document"]["caption"] != "{title}" {
		t.Errorf("captions: Country %q, Document %q", rules["node.Country"]["caption"], rules["node.Document"]["caption"])
	}
	if rules["relationship"]["caption"] != "<type>" {
		t.Errorf("relationship caption %q, want <type>", rules["relationship"]["caption"])
	}
	// Entity nodes carry a second label: node.Entity needs a colour of its
	// own, or Browser generates one that, coming last, overrides every
	// label's; and it must come before the label rules, which override it.
	if rules["node.Entity"]["color"] == "" {
		t.Error("node.Entity has no colour")
	}
	if i, j := strings.Index(string(Style()), "node.Entity"), strings.Index(string(Style()), "node.Country"); i < 0 || i > j {
		t.Error("node.Entity must come before the label rules")
	}
	// Neo4j Browser's GraSS reader knows no comments: text outside rules
	// would become part of a selector.
	if strings.Contains(string(Style()), "/*") || strings.Contains(string(Style()), "//") {
		t.Error("style.grass must not contain comments")
	}
}

func TestNeo4jConfig(t *testing.T) {
	tests := []struct {
		name, base, wantHosts string
	}{
		{"loopback", "http://127.0.0.1:8080", "guides.neo4j.com,localhost,127.0.0.1"},
		{"trailing slash", "http://localhost:8080/", "guides.neo4j.com,localhost,127.0.0.1"},
		{"other host", "http://diplograph.example:8080", "guides.neo4j.com,localhost,127.0.0.1,diplograph.example"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Neo4jConfig(tt.base)
			base := strings.TrimRight(tt.base, "/")
			wantCmd := "style " + base + "/neo4j/style.grass; play " + base + "/neo4j/guide.html"
			if c["browser.post_connect_cmd"] != wantCmd {
				t.Errorf("post_connect_cmd = %q, want %q", c["browser.post_connect_cmd"], wantCmd)
			}
			if c["browser.remote_content_hostname_whitelist"] != tt.wantHosts {
				t.Errorf("allowlist = %q, want %q", c["browser.remote_content_hostname_whitelist"], tt.wantHosts)
			}
			if _, ok := c["browser.allow_outgoing_connections"]; ok {
				t.Error("browser.allow_outgoing_connections is not a Neo4j 5 setting: strict validation refuses to start")
			}
		})
	}
	env := DockerEnv("http://localhost:8080")
	if env["NEO4J_browser_post__connect__cmd"] == "" || env["NEO4J_browser_remote__content__hostname__whitelist"] == "" ||
		env["NEO4J_client_allow__telemetry"] != "false" {
		t.Errorf("DockerEnv = %v", env)
	}
}

// postConnectCommands splits browser.post_connect_cmd as Neo4j Browser
// does (on ";" outside quotes and backticks, trimmed, empty parts dropped).
func postConnectCommands(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, ":"+p)
		}
	}
	return out
}

func TestPostConnectCommands(t *testing.T) {
	got := postConnectCommands(Neo4jConfig("http://127.0.0.1:8080")["browser.post_connect_cmd"])
	want := []string{":style http://127.0.0.1:8080/neo4j/style.grass", ":play http://127.0.0.1:8080/neo4j/guide.html"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("commands %q, want %q", got, want)
	}
}

func TestQueries(t *testing.T) {
	qs := Queries()
	if len(qs) < 5 {
		t.Fatalf("%d queries, want at least 5", len(qs))
	}
	labels := map[string]bool{"Entity": true, "Sentence": true, "Document": true, "Review": true, "Verdict": true}
	for _, l := range ontology.Labels {
		labels[string(l)] = true
	}
	types := map[string]bool{"IN_DOCUMENT": true, "MENTIONS": true}
	for _, p := range ontology.Predicates {
		types[string(p)] = true
	}
	labelRef := regexp.MustCompile(`\(\w*((?::\w+)+)`)
	typeRef := regexp.MustCompile(`\[\w*:([A-Z_|]+)`)
	for _, q := range qs {
		t.Run(q.Name, func(t *testing.T) {
			if q.Title == "" || q.Description == "" || q.Cypher == "" {
				t.Fatalf("want a title, a description and a query: %+v", q)
			}
			if strings.Contains(q.Cypher, "//") {
				t.Error("comments belong in the header only")
			}
			for _, m := range labelRef.FindAllStringSubmatch(q.Cypher, -1) {
				for _, l := range strings.Split(strings.TrimPrefix(m[1], ":"), ":") {
					if !labels[l] {
						t.Errorf("unknown label %q", l)
					}
				}
			}
			for _, m := range typeRef.FindAllStringSubmatch(q.Cypher, -1) {
				for _, ty := range strings.Split(m[1], "|") {
					if !types[ty] {
						t.Errorf("unknown relationship type %q", ty)
					}
				}
			}
		})
	}
}

func TestExamples(t *testing.T) {
	var sources []*ast.Source
	files, err := filepath.Glob(filepath.Join("..", "schema", "*.graphqls"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no GraphQL schema under ../schema: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, &ast.Source{Name: f, Input: string(b)})
	}
	schema, gerr := gqlparser.LoadSchema(sources...)
	if gerr != nil {
		t.Fatalf("load schema: %v", gerr)
	}
	ex := Examples()
	if len(ex) != 3 {
		t.Errorf("%d examples, want 3 (bilateral, search, paths)", len(ex))
	}
	for _, e := range ex {
		t.Run(e.Name, func(t *testing.T) {
			if e.Title == "" {
				t.Error("no title comment")
			}
			if _, errs := gqlparser.LoadQueryWithRules(schema, e.Query, nil); errs != nil {
				t.Errorf("invalid against the schema: %v", errs)
			}
		})
	}
}

func TestHandler(t *testing.T) {
	srv := httptest.NewServer(Handler())
	defer srv.Close()
	tests := []struct {
		name, method, path string
		header             map[string]string
		status             int
		contentType        string
		contains           string
	}{
		{"style", "GET", "/neo4j/style.grass", nil, 200, "text/plain", "node.Country"},
		{"guide", "GET", "/neo4j/guide.html", nil, 200, "text/html", "<slide"},
		{"index", "GET", "/neo4j/", nil, 200, "text/plain", ":play " + srv.URL + "/neo4j/guide.html"},
		{"query list", "GET", "/neo4j/queries/", nil, 200, "text/plain", "1-kazakhstan-neighbourhood.cypher"},
		{"query", "GET", "/neo4j/queries/1-kazakhstan-neighbourhood.cypher", nil, 200, "text/plain", "MATCH (kz:Country {id: 'KZ'})"},
		{"example", "GET", "/neo4j/playground/2-search-pipeline.graphql", nil, 200, "text/plain", `search(query: "pipeline"`},
		{"missing query", "GET", "/neo4j/queries/nope.cypher", nil, 404, "", ""},
		{"wrong extension", "GET", "/neo4j/queries/1-kazakhstan-neighbourhood.txt", nil, 404, "", ""},
		{"traversal", "GET", "/neo4j/queries/..%2fstyle.grass", nil, 404, "", ""},
		{"preflight", "OPTIONS", "/neo4j/guide.html", map[string]string{
			"Origin": "http://127.0.0.1:7474", "Access-Control-Request-Method": "GET",
			"Access-Control-Request-Headers": "pragma,cache-control"}, 204, "", ""},
		{"post", "POST", "/neo4j/style.grass", nil, 405, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, srv.URL+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, body)
			}
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "*" {
				t.Errorf("Access-Control-Allow-Origin = %q, want *", got)
			}
			if tt.contentType != "" && !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.contentType) {
				t.Errorf("Content-Type = %q, want %s", resp.Header.Get("Content-Type"), tt.contentType)
			}
			if tt.contains != "" && !strings.Contains(string(body), tt.contains) {
				t.Errorf("body lacks %q:\n%s", tt.contains, body)
			}
			if tt.method == "OPTIONS" {
				if h := resp.Header.Get("Access-Control-Allow-Headers"); !strings.Contains(h, "pragma") || !strings.Contains(h, "cache-control") {
					t.Errorf("Access-Control-Allow-Headers = %q", h)
				}
			}
		})
	}
}

// browserCleanHTML is what Neo4j Browser does to a remote guide before
// showing it (cleanHtml in its sources): it drops on* attributes, script
// elements and javascript: links, with regular expressions that also run
// over text.
func browserCleanHTML(s string) string {
	s = regexp.MustCompile(`(?i)(\s+(on[^\s=]+)[^\s=]*\s*=\s*("[^"]*"|'[^']*'|[\w\-.:]+\s*))`).ReplaceAllString(s, "")
	s = regexp.MustCompile(`(?i)<script\b[^<]*(?:<[^<]*)*(</script>)?`).ReplaceAllString(s, "")
	return s
}

func TestGuide(t *testing.T) {
	req := httptest.NewRequest("GET", "http://127.0.0.1:8080/neo4j/guide.html", nil)
	rec := httptest.NewRecorder()
	Handler().ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	g := rec.Body.String()
	if browserCleanHTML(g) != g {
		t.Error("Neo4j Browser's cleaning would change the guide (a word starting with \"on\" before \"=\"?)")
	}
	if !strings.Contains(g, "<title>Exploring diplograph</title>") {
		t.Error("no <title>: Browser names the guide after it")
	}
	if n := strings.Count(g, "<slide"); n < 6 {
		t.Errorf("%d slides, want at least 6", n)
	}
	if !strings.Contains(g, ":style http://127.0.0.1:8080/neo4j/style.grass") {
		t.Error("the guide does not show the :style command for its own host")
	}
	runnable := regexp.MustCompile(`(?s)<pre class="runnable" data-query="([^"]+)">(.*?)</pre>`)
	found := map[string]string{}
	for _, m := range runnable.FindAllStringSubmatch(g, -1) {
		found[m[1]] = html.UnescapeString(m[2])
	}
	for _, q := range Queries() {
		if found[q.Name] != q.Cypher {
			t.Errorf("guide shows %s as\n%s\nwant\n%s", q.Name, found[q.Name], q.Cypher)
		}
	}
	for l, c := range NodeColors() {
		if l != "Entity" && !strings.Contains(g, c) {
			t.Errorf("the legend lacks colour %s", c)
		}
	}
}
