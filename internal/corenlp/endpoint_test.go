package corenlp

import (
	"errors"
	"strings"
	"testing"
)

func TestParseEndpoints(t *testing.T) {
	cases := []struct {
		name string
		list string
		want []Endpoint
		err  string // part of the error, "" for none
	}{
		{"one server", "http://127.0.0.1:9000", []Endpoint{{URL: "http://127.0.0.1:9000"}}, ""},
		{"spaces and a trailing slash", " http://a:9000/ ,  https://b.example.org ",
			[]Endpoint{{URL: "http://a:9000"}, {URL: "https://b.example.org"}}, ""},
		{"a path is kept", "http://proxy/corenlp/", []Endpoint{{URL: "http://proxy/corenlp"}}, ""},
		{"a dns name", "dns+http://corenlp:9000", []Endpoint{{URL: "http://corenlp:9000", Discover: true}}, ""},
		{"dns prefix in capitals", "DNS+http://corenlp:9000", []Endpoint{{URL: "http://corenlp:9000", Discover: true}}, ""},
		{"mixed", "dns+http://corenlp:9000,http://10.0.0.9:9000",
			[]Endpoint{{URL: "http://corenlp:9000", Discover: true}, {URL: "http://10.0.0.9:9000"}}, ""},
		{"the same server twice", "http://a:9000,http://a:9000",
			[]Endpoint{{URL: "http://a:9000"}, {URL: "http://a:9000"}}, ""},
		{"empty list", "  ", nil, "empty"},
		{"empty entry", "http://a:9000,,http://b:9000", nil, "entry 2"},
		{"trailing comma", "http://a:9000,", nil, "an empty entry"},
		{"no scheme", "localhost:9000", nil, "want http://host:port"},
		{"another scheme", "ftp://a:9000", nil, "want http://host:port"},
		{"no host", "http://", nil, "no host"},
		{"port only", "http://:9000", nil, "no host"},
		{"a query", "http://a:9000/?x=1", nil, "no query"},
		{"a fragment", "http://a:9000#x", nil, "no query or fragment"},
		{"a bad port", "http://a:99999", nil, "bad port"},
		{"dns over https", "dns+https://corenlp:9000", nil, "not supported"},
		{"dns without a scheme", "dns+corenlp:9000", nil, "want http://host:port"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseEndpoints(tc.list)
			if tc.err != "" {
				if err == nil || !errors.Is(err, ErrBadEndpoint) || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("got %v, %v; want an ErrBadEndpoint saying %q", got, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("got %+v, want %+v", got, tc.want)
				}
			}
		})
	}
}

func TestEndpointExpand(t *testing.T) {
	cases := []struct {
		entry, addr, want string
	}{
		{"dns+http://corenlp:9000", "172.18.0.4", "http://172.18.0.4:9000"},
		{"dns+http://corenlp:9000", "fd00::4", "http://[fd00::4]:9000"},
		{"dns+http://corenlp", "10.0.0.1", "http://10.0.0.1"},
		{"dns+http://corenlp", "fd00::1", "http://[fd00::1]"},
		{"dns+http://user:pw@corenlp:9000/nlp", "10.0.0.1", "http://user:pw@10.0.0.1:9000/nlp"},
	}
	for _, tc := range cases {
		e, err := ParseEndpoint(tc.entry)
		if err != nil {
			t.Fatal(err)
		}
		got, err := e.expand(tc.addr)
		if err != nil || got != tc.want {
			t.Errorf("%s with %s: got %q (%v), want %q", tc.entry, tc.addr, got, err, tc.want)
		}
		if e.String() != tc.entry {
			t.Errorf("String() %q, want %q", e.String(), tc.entry)
		}
	}
}
