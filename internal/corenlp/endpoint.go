package corenlp

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// DiscoverScheme prefixes a server list entry whose host is a DNS name to
// expand into every address it resolves to: "dns+http://corenlp:9000" is
// one server per address of corenlp, each reached as http://ADDRESS:9000.
// That is how `docker compose up --scale corenlp=N` (the service name
// resolves to every replica) and a Kubernetes headless Service (the name
// resolves to every ready pod) are read. The name is resolved again
// periodically, so replicas that come and go are followed.
const DiscoverScheme = "dns+"

// ErrBadEndpoint is wrapped by every error of ParseEndpoints.
var ErrBadEndpoint = errors.New("bad corenlp server list")

// Endpoint is one entry of a server list: one server's base URL, or, with
// Discover, a DNS name standing for every server it resolves to.
type Endpoint struct {
	// URL is the base URL, http(s)://host[:port][/path], without
	// DiscoverScheme and without a trailing slash.
	URL string
	// Discover: URL's host is a DNS name whose every address is a server
	// (the entry was written dns+http://...).
	Discover bool
}

// String is the entry as it is written in a list.
func (e Endpoint) String() string {
	if e.Discover {
		return DiscoverScheme + e.URL
	}
	return e.URL
}

// ParseEndpoints reads a comma-separated server list, the form CORENLP_URL
// takes:
//
//	http://10.0.0.5:9000, http://10.0.0.6:9000   two servers
//	dns+http://corenlp:9000                       every address of corenlp
//
// Spaces around entries are dropped. An empty list, an empty entry, an
// entry that is not an http(s) base URL (no query or fragment), and
// dns+https (certificates name the service, not each address: list the
// https servers one by one) are refused. Listing a server twice gives it
// twice the requests in flight.
func ParseEndpoints(list string) ([]Endpoint, error) {
	if strings.TrimSpace(list) == "" {
		return nil, fmt.Errorf("%w: empty: want one or more http://host:port, comma-separated", ErrBadEndpoint)
	}
	var out []Endpoint
	for i, raw := range strings.Split(list, ",") {
		e, err := ParseEndpoint(raw)
		if err != nil {
			return nil, fmt.Errorf("entry %d of %q: %w", i+1, list, err)
		}
		out = append(out, e)
	}
	return out, nil
}

// ParseEndpoint reads one entry of a server list (see ParseEndpoints).
func ParseEndpoint(s string) (Endpoint, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Endpoint{}, fmt.Errorf("%w: an empty entry", ErrBadEndpoint)
	}
	var e Endpoint
	rest := s
	if len(s) >= len(DiscoverScheme) && strings.EqualFold(s[:len(DiscoverScheme)], DiscoverScheme) {
		e.Discover, rest = true, s[len(DiscoverScheme):]
	}
	u, err := url.Parse(rest)
	if err != nil {
		return Endpoint{}, fmt.Errorf("%w: %q: %w", ErrBadEndpoint, s, err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return Endpoint{}, fmt.Errorf("%w: %q: want http://host:port or %shttp://name:port", ErrBadEndpoint, s, DiscoverScheme)
	case u.Host == "" || u.Hostname() == "":
		return Endpoint{}, fmt.Errorf("%w: %q has no host", ErrBadEndpoint, s)
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return Endpoint{}, fmt.Errorf("%w: %q: a base URL has no query or fragment", ErrBadEndpoint, s)
	case e.Discover && u.Scheme == "https":
		return Endpoint{}, fmt.Errorf("%w: %q: %shttps is not supported (certificates name the service, not each address); list the https servers one by one",
			ErrBadEndpoint, s, DiscoverScheme)
	}
	if p := u.Port(); p != "" {
		if _, err := net.LookupPort("tcp", p); err != nil {
			return Endpoint{}, fmt.Errorf("%w: %q: bad port: %w", ErrBadEndpoint, s, err)
		}
	}
	e.URL = strings.TrimRight(u.String(), "/")
	return e, nil
}

// expand is e's URL with its host replaced by addr (an IP address from
// resolving e's host), keeping scheme, credentials, port and path.
func (e Endpoint) expand(addr string) (string, error) {
	u, err := url.Parse(e.URL)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrBadEndpoint, err)
	}
	if p := u.Port(); p != "" {
		u.Host = net.JoinHostPort(addr, p)
	} else if strings.Contains(addr, ":") {
		u.Host = "[" + addr + "]"
	} else {
		u.Host = addr
	}
	return u.String(), nil
}

// host is the DNS name of a Discover entry.
func (e Endpoint) host() string {
	u, err := url.Parse(e.URL)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
