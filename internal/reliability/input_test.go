package reliability_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/server"
)

// hostileBudget is how long the server may spend refusing one hostile
// request. It is generous for a loaded 2-core machine and still far below
// what unbounded work would take.
const hostileBudget = 3 * time.Second

// limitStatus: gqlgen answers 422 to documents that do not parse or
// validate, and 200 (with data null and the error) to operations a handler
// extension refuses (depth, aliases, complexity).
var limitStatus = []int{200, 422}

// repeat joins n copies of s.
func repeat(s string, n int) string { return strings.Repeat(s, n) }

// nested returns depth levels of relations { target { ... } }.
func nested(depth int) string {
	var b strings.Builder
	b.WriteString(`{ country(id:"KZ") { `)
	for range depth {
		b.WriteString(`relations(first:1) { target { `)
	}
	b.WriteString(`id`)
	for range depth {
		b.WriteString(` } }`)
	}
	b.WriteString(` } }`)
	return b.String()
}

func aliased(n int) string {
	var b strings.Builder
	b.WriteString("{ ")
	for i := range n {
		fmt.Fprintf(&b, `c%d: country(id:"KZ") { name } `, i)
	}
	b.WriteString("}")
	return b.String()
}

// TestHostileGraphQL sends malformed, oversized and abusive requests: each
// is refused with the right HTTP status and extensions.code, quickly, and
// without a single Neo4j round trip; the graph is unchanged.
func TestHostileGraphQL(t *testing.T) {
	e := newEnv(t, server.Config{}, true)
	before := e.snapshot()
	big := func(n int) []byte { return []byte(`{"query":"{ country(id:\"` + repeat("A", n) + `\") { name } }"}`) }

	tests := []struct {
		name    string
		method  string // POST by default
		ctype   string // application/json by default
		body    func() io.Reader
		chunked bool // no Content-Length
		target  string
		status  []int
		code    string
		reason  string
	}{
		{name: "malformed document", body: str(gql(t, `{ country(id:"KZ") { name `, nil)),
			status: []int{422}, code: "GRAPHQL_PARSE_FAILED"},
		{name: "not JSON", body: str([]byte(`{"query": "{ country(id:`)),
			status: []int{400}, code: "BAD_USER_INPUT"},
		{name: "empty body", body: str(nil),
			status: []int{400, 422}, code: "BAD_USER_INPUT"},
		{name: "unknown field", body: str(gql(t, `{ country(id:"KZ") { name password } }`, nil)),
			status: []int{422}, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "unknown root field", body: str(gql(t, `{ users { name } }`, nil)),
			status: []int{422}, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "wrong variable type", body: str(gql(t, `query($id: ID!) { country(id:$id) { name } }`, map[string]any{"id": map[string]any{"$ne": 1}})),
			status: []int{422}, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "variable declared with the wrong type", body: str(gql(t, `query($n: String) { entities(first:$n) { totalCount } }`, map[string]any{"n": "5"})),
			status: []int{422}, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "missing required variable", body: str(gql(t, `query($id: ID!) { country(id:$id) { name } }`, nil)),
			status: []int{422}, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "number out of range", body: str(gql(t, `{ entities(first: 99999999999) { totalCount } }`, nil)),
			status: limitStatus, code: "BAD_USER_INPUT"},
		{name: "10k distinct aliased fields", body: str(gql(t, "{ "+aliasedTypename(10000)+" }", nil)),
			status: limitStatus, code: "BAD_USER_INPUT", reason: "ALIAS_LIMIT_EXCEEDED"},
		{name: "10k identical fields", body: str(gql(t, `{ country(id:"KZ") { `+repeat("name ", 10000)+` } }`, nil)),
			status: limitStatus, code: "BAD_USER_INPUT"},
		{name: "10k fields under one list", body: str(gql(t, `{ entities(first:500) { edges { node { `+aliasedScalar(10000)+` } } } }`, nil)),
			status: limitStatus, code: "BAD_USER_INPUT"},
		{name: "deeply nested", body: str(gql(t, nested(40), nil)),
			status: limitStatus, code: "BAD_USER_INPUT", reason: "DEPTH_LIMIT_EXCEEDED"},
		{name: "deeply nested through fragments", body: str(gql(t, `{ country(id:"KZ") { ...F0 } } `+fragments(30), nil)),
			status: limitStatus, code: "BAD_USER_INPUT", reason: "DEPTH_LIMIT_EXCEEDED"},
		{name: "cyclic fragments", body: str(gql(t, `{ country(id:"KZ") { ...A } } fragment A on Entity { relations { target { ...B } } } fragment B on Entity { relations { target { ...A } } }`, nil)),
			status: []int{422}, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "deeply nested list literal", body: str(gql(t, `{ relations(filter:{types:`+repeat("[", 100000)+repeat("]", 100000)+`}) { totalCount } }`, nil)),
			status: []int{422}, code: "GRAPHQL_PARSE_FAILED"},
		{name: "deeply nested JSON variables", body: str([]byte(`{"query":"{ __typename }","variables":{"v":` + repeat("[", 200000) + repeat("]", 200000) + `}}`)),
			status: []int{400, 422}, code: "BAD_USER_INPUT"},
		{name: "aliases over the limit", body: str(gql(t, aliased(31), nil)),
			status: limitStatus, code: "BAD_USER_INPUT", reason: "ALIAS_LIMIT_EXCEEDED"},
		{name: "complexity over the limit", body: str(gql(t, `{ entities(first:500) { edges { node { relations(first:200) { target { relations(first:200) { type } } } } } } }`, nil)),
			status: limitStatus, code: "BAD_USER_INPUT", reason: "COMPLEXITY_LIMIT_EXCEEDED"},
		{name: "batched operations (JSON array)", body: str([]byte(`[{"query":"{ country(id:\"KZ\") { name } }"},{"query":"{ country(id:\"TR\") { name } }"}]`)),
			status: []int{400}, code: "BAD_USER_INPUT"},
		{name: "several operations, none named", body: str(gql(t, `query A { country(id:"KZ") { name } } query B { country(id:"TR") { name } }`, nil)),
			status: []int{422}, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "operation name not in the document", body: str([]byte(`{"query":"query A { country(id:\"KZ\") { name } }","operationName":"B"}`)),
			status: []int{422}, code: "GRAPHQL_VALIDATION_FAILED"},
		{name: "huge unused variables", body: str([]byte(`{"query":"{ __typename }","variables":{"v":"` + repeat("x", 900_000) + `"}}`)),
			status: []int{200}},
		{name: "oversize body with length", body: str(big(2 << 20)),
			status: []int{413}, code: "BAD_USER_INPUT"},
		{name: "oversize body, chunked", body: str(big(2 << 20)), chunked: true,
			status: []int{413}, code: "BAD_USER_INPUT"},
		{name: "form-encoded POST (CSRF)", ctype: "application/x-www-form-urlencoded",
			body: str([]byte(`query=mutation{deleteDocument(id:"x"){id}}`)), status: []int{400, 415}},
		{name: "text/plain POST (CSRF)", ctype: "text/plain",
			body: str(gql(t, `mutation { deleteDocument(id:"x") { id } }`, nil)), status: []int{400, 415}},
		{name: "mutation over GET", method: http.MethodGet,
			target: "/graphql?query=" + url.QueryEscape(`mutation { deleteDocument(id:"x") { id } }`),
			status: []int{406, 400, 405}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method, target, ctype := tt.method, tt.target, tt.ctype
			if method == "" {
				method = http.MethodPost
			}
			if target == "" {
				target = "/graphql"
			}
			if ctype == "" {
				ctype = "application/json"
			}
			var body io.Reader
			if tt.body != nil {
				body = tt.body()
			}
			if tt.chunked && body != nil {
				body = io.MultiReader(body) // hides the length: sent chunked
			}
			req := httptest.NewRequest(method, target, body)
			if tt.chunked {
				req.ContentLength = -1
			}
			if method == http.MethodPost {
				req.Header.Set("Content-Type", ctype)
			}
			req.Header.Set("Authorization", "Bearer "+apiKey)
			trips := e.totalRoundTrips()
			start := time.Now()
			rec := httptest.NewRecorder()
			e.h.ServeHTTP(rec, req)
			took := time.Since(start)
			if !containsInt(tt.status, rec.Code) {
				t.Errorf("HTTP %d, want one of %v: %.300s", rec.Code, tt.status, rec.Body.String())
			}
			if tt.code != "" {
				r := &response{}
				if err := jsonUnmarshal(rec.Body.Bytes(), r); err != nil {
					t.Fatalf("response is not JSON: %.300s", rec.Body.String())
				}
				if !r.hasCode(tt.code) {
					t.Errorf("codes %v, want %s: %.300s", r.codes(), tt.code, rec.Body.String())
				}
				if tt.reason != "" && !hasReason(r, tt.reason) {
					t.Errorf("no error with reason %s: %.300s", tt.reason, rec.Body.String())
				}
			}
			if got := e.totalRoundTrips() - trips; got != 0 {
				t.Errorf("%d Neo4j round trips for a refused request, want 0", got)
			}
			if took > hostileBudget {
				t.Errorf("took %s to refuse, want under %s", took.Round(time.Millisecond), hostileBudget)
			}
			if rec.Body.Len() > 64<<10 {
				t.Errorf("the refusal is %d bytes long: the request is echoed back", rec.Body.Len())
			}
		})
	}
	if after := e.snapshot(); after != before {
		t.Errorf("graph changed:\nbefore %v\nafter  %v", before, after)
	}
}

func str(b []byte) func() io.Reader { return func() io.Reader { return bytes.NewReader(b) } }

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func hasReason(r *response, reason string) bool {
	for _, e := range r.Errors {
		if e.Extensions["reason"] == reason {
			return true
		}
	}
	return false
}

func aliasedTypename(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "t%d: __typename ", i)
	}
	return b.String()
}

func aliasedScalar(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "n%d: name ", i)
	}
	return b.String()
}

// fragments is a chain F0 -> F1 -> ... each one level deeper.
func fragments(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "fragment F%d on Entity { relations(first:1) { target { ", i)
		if i+1 < n {
			fmt.Fprintf(&b, "...F%d", i+1)
		} else {
			b.WriteString("id")
		}
		b.WriteString(" } } } ")
	}
	return b.String()
}
