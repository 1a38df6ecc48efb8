package graph_test

import (
	"testing"

	"github.com/diplograph/diplograph/internal/server"
)

func TestCountryRelations(t *testing.T) {
	e := newEnv(t, server.Config{}, true)
	var resp struct {
		Country struct {
			Name      string
			Relations []struct {
				Type   string
				Target struct{ ID, Name string }
			}
		}
	}
	e.mustData(`{ country(id:"KZ") { name relations { type target { id name } } } }`, nil, &resp)
	if resp.Country.Name != "Kazakhstan" {
		t.Errorf("name = %q", resp.Country.Name)
	}
	want := map[string]bool{"PARTY_TO agreement:kz-tr-free-trade-2017": false, "PARTNER_IN project:kz-ir-gas-pipeline": false,
		"COOPERATES_WITH QA": false, "MEMBER_OF SCO": false}
	for _, r := range resp.Country.Relations {
		k := r.Type + " " + r.Target.ID
		if _, ok := want[k]; ok {
			want[k] = true
		}
	}
	for k, found := range want {
		if !found {
			t.Errorf("relation %s missing from %+v", k, resp.Country.Relations)
		}
	}
}
