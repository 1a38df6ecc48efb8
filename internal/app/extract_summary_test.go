package app

import (
	"testing"

	"github.com/diplograph/diplograph/internal/server"
)

func TestServerSummary(t *testing.T) {
	cases := []struct {
		name string
		ms   []server.Member
		want string
	}{
		{"one server says nothing", []server.Member{{URL: "http://a:9000", State: "up", Requests: 9}}, ""},
		{"two servers, one taken out", []server.Member{
			{URL: "http://a:9000", State: "up", Requests: 52},
			{URL: "http://b:9000", State: "down", Requests: 12, Failures: 1},
		}, "corenlp servers: http://a:9000 up 52 pieces, http://b:9000 down 12 pieces (1 failed)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := serverSummary(tc.ms); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
