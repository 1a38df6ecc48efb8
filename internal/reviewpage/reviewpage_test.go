package reviewpage

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

func serve(t *testing.T, h http.Handler, method, path string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestHandler(t *testing.T) {
	mux := http.NewServeMux()
	for pattern, h := range Routes() {
		mux.Handle(pattern, h)
	}
	tests := []struct {
		name, method, path string
		status             int
		contentType        string
		body               string // a part the body must hold
	}{
		{"the page", "GET", "/review", 200, "text/html; charset=utf-8", `<script type="module" src="/review/review.js"></script>`},
		{"the page with a choice", "GET", "/review?document=doc:0123456789abcdef", 200, "text/html; charset=utf-8", `id="facts"`},
		{"the page with a slash", "GET", "/review/", 200, "text/html; charset=utf-8", `<title>diplograph review</title>`},
		{"the script", "GET", "/review/review.js", 200, "text/javascript; charset=utf-8", "document.addEventListener('keydown'"},
		{"a module", "GET", "/review/api.js", 200, "text/javascript; charset=utf-8", "export async function gql"},
		{"the style", "GET", "/review/review.css", 200, "text/css; charset=utf-8", ".fact.selected"},
		{"an unknown asset", "GET", "/review/nothing.js", 404, "text/plain; charset=utf-8", "not found"},
		{"a folder of the tree", "GET", "/review/assets/review.js", 404, "text/plain; charset=utf-8", "not found"},
		{"the embedded folder itself", "GET", "/review/assets", 404, "text/plain; charset=utf-8", "not found"},
		{"a write", "POST", "/review", 405, "text/plain; charset=utf-8", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := serve(t, mux, tc.method, tc.path, nil)
			if rec.Code != tc.status {
				t.Fatalf("%s %s = %d, want %d", tc.method, tc.path, rec.Code, tc.status)
			}
			if ct := rec.Header().Get("Content-Type"); ct != tc.contentType {
				t.Errorf("Content-Type %q, want %q", ct, tc.contentType)
			}
			if !strings.Contains(rec.Body.String(), tc.body) {
				t.Errorf("body lacks %q", tc.body)
			}
			if rec.Code == 405 {
				return // answered by the mux, before the page's handler
			}
			if csp := rec.Header().Get("Content-Security-Policy"); csp != ContentSecurityPolicy {
				t.Errorf("Content-Security-Policy %q", csp)
			}
			if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Error("no X-Content-Type-Options: nosniff")
			}
		})
	}
}

// The policy allows nothing inline and nothing from elsewhere.
func TestContentSecurityPolicyIsStrict(t *testing.T) {
	directives := map[string]string{}
	for _, d := range strings.Split(ContentSecurityPolicy, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		directives[name] = value
	}
	want := map[string]string{
		"default-src":               "'none'",
		"script-src":                "'self'",
		"style-src":                 "'self'",
		"connect-src":               "'self'",
		"frame-ancestors":           "'none'",
		"form-action":               "'none'",
		"base-uri":                  "'none'",
		"require-trusted-types-for": "'script'",
	}
	for name, value := range want {
		if directives[name] != value {
			t.Errorf("%s is %q, want %q", name, directives[name], value)
		}
	}
	if strings.Contains(ContentSecurityPolicy, "unsafe") || strings.Contains(ContentSecurityPolicy, "*") {
		t.Errorf("the policy allows unsafe code or any origin: %s", ContentSecurityPolicy)
	}
}

func TestRevalidation(t *testing.T) {
	h := Handler()
	first := serve(t, h, "GET", "/review/review.js", nil)
	etag := first.Header().Get("ETag")
	if etag == "" || first.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("ETag %q, Cache-Control %q", etag, first.Header().Get("Cache-Control"))
	}
	again := serve(t, h, "GET", "/review/review.js", http.Header{"If-None-Match": {etag}})
	if again.Code != http.StatusNotModified {
		t.Errorf("revalidation answered %d, want 304", again.Code)
	}
	if other := serve(t, h, "GET", "/review/review.css", nil).Header().Get("ETag"); other == etag {
		t.Error("two files share an ETag")
	}
}

// Everything the page loads is served: the files index.html links and the
// modules the scripts import.
func TestEveryReferenceIsServed(t *testing.T) {
	h := Handler()
	refs := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?:src|href)="([^"]+)"`).FindAllStringSubmatch(source(t, "index.html"), -1) {
		refs[m[1]] = true
	}
	for name := range load() {
		for _, m := range regexp.MustCompile(`from '\./([^']+)'`).FindAllStringSubmatch(source(t, name), -1) {
			refs[Path+"/"+m[1]] = true
		}
	}
	if len(refs) < 8 {
		t.Fatalf("found only %d references: %v", len(refs), refs)
	}
	for ref := range refs {
		if !strings.HasPrefix(ref, Path+"/") {
			t.Errorf("the page loads %s, from outside %s/", ref, Path)
			continue
		}
		if rec := serve(t, h, "GET", ref, nil); rec.Code != 200 {
			t.Errorf("%s = %d", ref, rec.Code)
		}
	}
}

func source(t *testing.T, name string) string {
	t.Helper()
	b, err := assets.ReadFile("assets/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// What comes from the API never becomes HTML or code: no HTML sinks, no
// eval, no inline scripts, styles or handlers (the policy would refuse
// them; this finds them before a browser does).
func TestNoHTMLFromStrings(t *testing.T) {
	forbidden := []struct{ what, pattern string }{
		{"innerHTML", `\.innerHTML\b`},
		{"outerHTML", `\.outerHTML\b`},
		{"insertAdjacentHTML", `insertAdjacentHTML`},
		{"document.write", `document\.write`},
		{"eval", `\beval\(`},
		{"new Function", `new Function\b`},
		{"string timers", `set(?:Timeout|Interval)\(\s*['"\x60]`},
		{"createContextualFragment", `createContextualFragment`},
		{"DOMParser", `DOMParser`},
		{"inline style", `\.style\.|setAttribute\('style'`},
		{"event handler attributes", `setAttribute\('on`},
	}
	for name := range load() {
		src := source(t, name)
		if strings.HasSuffix(name, ".js") {
			for _, f := range forbidden {
				if loc := regexp.MustCompile(f.pattern).FindStringIndex(src); loc != nil {
					t.Errorf("%s uses %s: %q", name, f.what, src[max(0, loc[0]-40):min(len(src), loc[1]+40)])
				}
			}
		}
		if strings.HasSuffix(name, ".html") {
			for _, bad := range []string{`<script>`, ` style="`, ` onclick=`, ` onload=`, ` onerror=`, `javascript:`} {
				if strings.Contains(src, bad) {
					t.Errorf("%s holds %s", name, bad)
				}
			}
		}
	}
}

// The page sends only the documents of queries.js, with variables: every
// call of gql names one of them, and none is built from a value.
func TestQueriesAreConstantsWithVariables(t *testing.T) {
	calls := regexp.MustCompile(`\bgql\(([^,)]*)`)
	n := 0
	for name := range load() {
		if !strings.HasSuffix(name, ".js") || name == "api.js" {
			continue
		}
		for _, m := range calls.FindAllStringSubmatch(source(t, name), -1) {
			n++
			if !regexp.MustCompile(`^Q\.[A-Z_]+$`).MatchString(strings.TrimSpace(m[1])) {
				t.Errorf("%s calls gql with %q, not a document of queries.js", name, m[1])
			}
		}
	}
	if n < 8 {
		t.Errorf("found %d calls of gql, want the page's (at least 8)", n)
	}
	if src := source(t, "queries.js"); strings.Contains(src, "${") {
		t.Error("queries.js interpolates a value into a document")
	}
}

// Every operation of queries.js is valid against the schema.
func TestQueriesMatchTheSchema(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "schema", "*.graphqls"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no GraphQL schema under ../../schema: %v", err)
	}
	var sources []*ast.Source
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
	var fragment string
	var operations []string
	for _, m := range regexp.MustCompile("(?s)`([^`]*)`").FindAllStringSubmatch(source(t, "queries.js"), -1) {
		switch doc := strings.TrimSpace(m[1]); {
		case strings.HasPrefix(doc, "fragment Fact "):
			fragment = doc
		case strings.HasPrefix(doc, "query ") || strings.HasPrefix(doc, "mutation "):
			operations = append(operations, doc)
		}
	}
	if fragment == "" || len(operations) < 10 {
		t.Fatalf("queries.js: fragment found %v, %d operations", fragment != "", len(operations))
	}
	for _, op := range operations {
		name := strings.Fields(op)[1]
		name, _, _ = strings.Cut(name, "(")
		t.Run(name, func(t *testing.T) {
			doc := op
			if strings.Contains(op, "...Fact") {
				doc += "\n" + fragment
			}
			if _, errs := gqlparser.LoadQuery(schema, doc); errs != nil {
				t.Errorf("invalid against the schema: %v", errs)
			}
		})
	}
}
