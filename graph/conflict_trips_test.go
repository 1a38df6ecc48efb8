package graph_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/diplograph/diplograph/internal/server"
)

// TestConflictsRoundTrips checks that conflicts with both sides' entities,
// documents and evidence cost one Neo4j round trip: the root's query
// fetches what the fields below read. The answer itself is pinned by the
// conflicts golden file.
func TestConflictsRoundTrips(t *testing.T) {
	e := seedEnv(t, server.Config{})
	for _, q := range []string{
		conflictsQuery,
		`{ conflicts(first: 1) { kind subject { id } } }`,
		`{ conflicts { claim { documents { title } } other { documents { id } } } }`,
	} {
		r := e.post(q, nil, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("%s: errors: %+v", q, r.Errors)
		}
		if e.lastTrips != 1 {
			t.Errorf("%s: %d round trips, want 1", q, e.lastTrips)
		}
	}

	r := e.post(conflictsQuery, nil, nil)
	for _, must := range []string{
		`"kind":"reference_role","subject":{"id":"IR","name":"Iran"},"object":{"id":"SCO","name":"Shanghai Cooperation Organisation"}`,
		`"documents":[{"id":"doc:`,
		`"evidence":[{"sentence":"`,
		`"document":{"id":"doc:`,
	} {
		if !bytes.Contains(r.Data, []byte(must)) {
			t.Errorf("answer lacks %s:\n%s", must, r.Data)
		}
	}
	var out struct {
		Conflicts []struct {
			Claim struct {
				Documents []struct{ ID, Title string }
				Evidence  []struct {
					Sentence string
					Document struct{ ID, Title string }
				}
			}
		}
	}
	if err := json.Unmarshal(r.Data, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Conflicts) == 0 {
		t.Fatal("no conflicts in the seed corpus")
	}
	for _, c := range out.Conflicts {
		if len(c.Claim.Documents) == 0 || c.Claim.Documents[0].Title == "" || len(c.Claim.Evidence) == 0 ||
			c.Claim.Evidence[0].Sentence == "" || c.Claim.Evidence[0].Document.Title == "" {
			t.Errorf("claim without its documents or evidence: %+v", c.Claim)
		}
	}
}
