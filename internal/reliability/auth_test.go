package reliability_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/server"
)

// TestMutationsNeedAValidKey sends both mutations without a key, with a
// wrong key, with keys of other lengths and in other places: each is
// UNAUTHENTICATED and nothing is written. Then it checks that no key, right
// or wrong, appears in the server's logs.
func TestMutationsNeedAValidKey(t *testing.T) {
	e := newEnv(t, server.Config{}, true)
	before := e.snapshot()
	doc := `mutation { ingestDocument(input:{text:"Kazakhstan and Türkiye signed a free trade agreement in 2017."}) { document { id } } }`
	del := `mutation { deleteDocument(id:"doc:0000000000000000") { id } }`
	wrong := "wrong-key-5e0c1a7b9d3f2468"
	tests := []struct {
		name   string
		header map[string]string
		target string
	}{
		{name: "no key"},
		{name: "wrong key", header: map[string]string{"Authorization": "Bearer " + wrong}},
		{name: "one byte short", header: map[string]string{"Authorization": "Bearer " + apiKey[:len(apiKey)-1]}},
		{name: "one byte more", header: map[string]string{"Authorization": "Bearer " + apiKey + "0"}},
		{name: "one byte", header: map[string]string{"Authorization": "Bearer x"}},
		{name: "64 KiB key", header: map[string]string{"Authorization": "Bearer " + strings.Repeat("k", 64<<10)}},
		{name: "empty bearer", header: map[string]string{"Authorization": "Bearer "}},
		{name: "basic scheme", header: map[string]string{"Authorization": "Basic " + apiKey}},
		{name: "key without scheme", header: map[string]string{"Authorization": apiKey}},
		{name: "key in another header", header: map[string]string{"X-Api-Key": apiKey}},
		{name: "key in the URL", target: "/graphql?api_key=" + apiKey + "&key=" + apiKey},
		{name: "two keys in one header", header: map[string]string{"Authorization": "Bearer " + wrong + "," + apiKey}},
	}
	for _, tt := range tests {
		for _, m := range []string{doc, del} {
			t.Run(tt.name, func(t *testing.T) {
				target := tt.target
				if target == "" {
					target = "/graphql"
				}
				req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(string(gql(t, m, nil))))
				req.Header.Set("Content-Type", "application/json")
				for k, v := range tt.header {
					req.Header.Set(k, v)
				}
				trips := e.totalRoundTrips()
				r := e.do(req)
				if len(r.codes()) != 1 || r.codes()[0] != "UNAUTHENTICATED" {
					t.Errorf("codes %v, want [UNAUTHENTICATED]: %s", r.codes(), r.Raw)
				}
				if got := e.totalRoundTrips() - trips; got != 0 {
					t.Errorf("%d Neo4j round trips for an unauthenticated mutation", got)
				}
			})
		}
	}
	if after := e.snapshot(); after != before {
		t.Fatalf("refused mutations changed the graph:\nbefore %v\nafter  %v", before, after)
	}

	t.Run("right key", func(t *testing.T) {
		r := e.post(strings.NewReader(string(gql(t, doc, nil))), true)
		if len(r.Errors) > 0 {
			t.Fatalf("with the right key: %+v", r.Errors)
		}
		// A failing mutation with the right key logs its cause: still no key.
		r = e.post(strings.NewReader(string(gql(t, `mutation { ingestDocument(input:{text:"\u0000\u0000\u0000"}) { document { id } } }`, nil))), true)
		if len(r.Errors) == 0 {
			t.Fatalf("binary text was accepted")
		}
	})

	logs := e.logs.String()
	if !strings.Contains(logs, "graphql") {
		t.Fatalf("the server logged nothing; the check below would prove nothing:\n%s", logs)
	}
	for _, k := range []string{apiKey, wrong, apiKey[:len(apiKey)-1], strings.Repeat("k", 64)} {
		if strings.Contains(logs, k) {
			t.Errorf("the logs contain a key (%.8s...)", k)
		}
	}
}
