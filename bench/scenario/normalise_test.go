package scenario_test

import (
	"testing"

	"github.com/diplograph/diplograph/bench/scenario"
)

// The same answer as each system words it must normalise to one canonical form.
func TestNormalisersAgree(t *testing.T) {
	tests := []struct {
		name       string
		id         scenario.ID
		diplograph string
		peer       string
		want       any
	}{
		{
			name: "country relations merge across the peer's per-type fields in diplograph's order",
			id:   scenario.Country,
			diplograph: `{"data":{"country":{"id":"KZ","name":"Kazakhstan","relations":[
				{"id":"k2","type":"COOPERATES_WITH","modality":"ASSERTED","target":{"id":"QA","name":"Qatar"}},
				{"id":"k1","type":"COOPERATES_WITH","modality":"EXPECTED","target":{"id":"TR","name":"Türkiye"}},
				{"id":"k3","type":"MEMBER_OF","modality":"ASSERTED","target":{"id":"SCO","name":"Shanghai Cooperation Organization"}}]}}}`,
			peer: `{"data":{"countries":[{"id":"KZ","name":"Kazakhstan",
				"memberOfConnection":{"edges":[{"properties":{"key":"k3","modality":"asserted"},"node":{"id":"SCO","name":"Shanghai Cooperation Organization"}}]},
				"cooperatesWithConnection":{"edges":[
					{"properties":{"key":"k2","modality":"asserted"},"node":{"id":"QA","name":"Qatar"}},
					{"properties":{"key":"k1","modality":"expected"},"node":{"id":"TR","name":"Türkiye"}}]},
				"sanctionsConnection":{"edges":[]}}]}}`,
			want: scenario.CountryAnswer{ID: "KZ", Name: "Kazakhstan", Relations: []scenario.Rel{
				{Key: "k2", Type: "COOPERATES_WITH", Target: "QA", TargetName: "Qatar", Modality: "asserted"},
				{Key: "k1", Type: "COOPERATES_WITH", Target: "TR", TargetName: "Türkiye", Modality: "expected"},
				{Key: "k3", Type: "MEMBER_OF", Target: "SCO", TargetName: "Shanghai Cooperation Organization", Modality: "asserted"},
			}},
		},
		{
			name: "bilateral facts sorted by key, evidence sorted",
			id:   scenario.Bilateral,
			diplograph: `{"data":{"bilateral":{"relations":[
				{"id":"b","type":"INVESTS_IN","modality":"REPORTED","subject":{"id":"TR"},"object":{"id":"KZ"},"evidence":[{"sentence":"z."},{"sentence":"a."}]},
				{"id":"a","type":"COOPERATES_WITH","modality":"ASSERTED","subject":{"id":"KZ"},"object":{"id":"TR"},"evidence":[]}]}}}`,
			peer: `{"data":{"bilateral":[
				{"key":"a","subject":"KZ","predicate":"COOPERATES_WITH","object":"TR","modality":"asserted","evidence":[]},
				{"key":"b","subject":"TR","predicate":"INVESTS_IN","object":"KZ","modality":"reported","evidence":["a.","z."]}]}}`,
			want: []scenario.Rel{
				{Key: "a", Type: "COOPERATES_WITH", Subject: "KZ", Object: "TR", Modality: "asserted", Evidence: []string{}},
				{Key: "b", Type: "INVESTS_IN", Subject: "TR", Object: "KZ", Modality: "reported", Evidence: []string{"a.", "z."}},
			},
		},
		{
			name:       "neighbours without the start node, sorted",
			id:         scenario.Neighbours,
			diplograph: `{"data":{"neighbors":{"truncated":false,"nodes":[{"id":"SCO","name":"SCO"},{"id":"TR","name":"Türkiye"},{"id":"KZ","name":"Kazakhstan"}]}}}`,
			peer:       `{"data":{"neighbors":[{"id":"TR","name":"Türkiye"},{"id":"KZ","name":"Kazakhstan"}]}}`,
			want:       []scenario.Node{{ID: "KZ", Name: "Kazakhstan"}, {ID: "TR", Name: "Türkiye"}},
		},
		{
			name: "search hits keep their order",
			id:   scenario.Search,
			diplograph: `{"data":{"search":[{"entity":{"id":"QA"},"evidence":null,"mentions":[]},
				{"entity":null,"evidence":{"id":"doc:1:0-10"},"mentions":[{"id":"KZ"},{"id":"QA"}]}]}}`,
			peer: `{"data":{"search":[{"entity":"QA","sentence":null,"mentions":[]},{"entity":null,"sentence":"doc:1:0-10","mentions":["KZ","QA"]}]}}`,
			want: []scenario.Hit{{Entity: "QA"}, {Sentence: "doc:1:0-10", Mentions: []string{"KZ", "QA"}}},
		},
		{
			name: "list keeps the first relations across the peer's fields",
			id:   scenario.List,
			diplograph: `{"data":{"entities":{"totalCount":120,"edges":[{"node":{"id":"AE","name":"United Arab Emirates","relations":[
				{"id":"x","type":"EXPORTS_TO","modality":"ASSERTED","target":{"id":"KZ"}},
				{"id":"y","type":"MEMBER_OF","modality":"ASSERTED","target":{"id":"GCC"}}]}}]}}}`,
			peer: `{"data":{"countriesConnection":{"aggregate":{"count":{"nodes":120}},"edges":[{"node":{"id":"AE","name":"United Arab Emirates",
				"memberOfConnection":{"edges":[{"properties":{"key":"y","modality":"asserted"},"node":{"id":"GCC","name":"Gulf Cooperation Council"}}]},
				"exportsToConnection":{"edges":[{"properties":{"key":"x","modality":"asserted"},"node":{"id":"KZ","name":"Kazakhstan"}}]}}}]}}}`,
			want: scenario.ListAnswer{Total: 120, Countries: []scenario.ListRow{{ID: "AE", Name: "United Arab Emirates", First: []scenario.Rel{
				{Key: "x", Type: "EXPORTS_TO", Target: "KZ", Modality: "asserted"},
				{Key: "y", Type: "MEMBER_OF", Target: "GCC", Modality: "asserted"},
			}}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, sys := range []struct{ name, body string }{{scenario.Diplograph, tt.diplograph}, {scenario.Peer, tt.peer}} {
				got, err := scenario.Decode(sys.name, tt.id, []byte(sys.body))
				if err != nil {
					t.Fatalf("%s: %v", sys.name, err)
				}
				if !scenario.Equal(got, tt.want) {
					t.Errorf("%s: %s", sys.name, scenario.Diff(tt.want, got))
				}
			}
		})
	}
}

func TestDecodeRejectsErrorsAndTruncation(t *testing.T) {
	tests := []struct {
		name, system, body string
		id                 scenario.ID
	}{
		{"GraphQL error", scenario.Peer, `{"errors":[{"message":"boom"}],"data":null}`, scenario.Country},
		{"not JSON", scenario.Diplograph, `<html>`, scenario.Country},
		{"no data", scenario.Diplograph, `{"data":null}`, scenario.Bilateral},
		{"truncated walk", scenario.Diplograph, `{"data":{"neighbors":{"truncated":true,"nodes":[]}}}`, scenario.Neighbours},
		{"absent country", scenario.Diplograph, `{"data":{"country":null}}`, scenario.Country},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := scenario.Decode(tt.system, tt.id, []byte(tt.body)); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestEveryScenarioHasRequests(t *testing.T) {
	p := scenario.Params{Country: "KZ", A: "KZ", B: "TR", Org: "SCO", Query: "qatar", First: 5}
	for _, id := range scenario.All {
		for _, sys := range []string{scenario.Diplograph, scenario.Peer} {
			if _, err := scenario.GraphQL(sys, id, p); err != nil {
				t.Errorf("%s scenario %d: %v", sys, id, err)
			}
		}
		if _, ok := scenario.FloorCypher[id]; !ok && id != scenario.Ingest {
			t.Errorf("scenario %d has no floor query", id)
		}
	}
}
