package corenlptest

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
	"testing"
	"time"
)

// Ways a Proxy fails.
const (
	Pass = ""     // pass every request on
	Down = "503"  // answer 503 Service Unavailable
	Cut  = "cut"  // cut the connection, as a killed server does
	Hang = "hang" // read the request and never answer
)

// Proxy stands in front of a real CoreNLP server and passes every request
// on, counting the annotation requests (POSTs), until it is made to fail:
// a second "server" whose death a test controls without a second JVM.
type Proxy struct {
	*httptest.Server
	posts     atomic.Int64
	mode      atomic.Value // one of Pass, Down, Cut, Hang
	failAfter atomic.Int64
	failMode  atomic.Value
}

// NewProxy starts a proxy of the server at target on ln (nil: a new local
// port), closed when the test ends.
func NewProxy(tb testing.TB, target string, ln net.Listener) *Proxy {
	tb.Helper()
	u, err := url.Parse(target)
	if err != nil {
		tb.Fatal(err)
	}
	p := &Proxy{}
	p.mode.Store(Pass)
	p.failMode.Store(Pass)
	rp := httputil.NewSingleHostReverseProxy(u)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mode := p.mode.Load().(string)
		if r.Method == http.MethodPost {
			n := p.posts.Add(1)
			if fa := p.failAfter.Load(); fa > 0 && n >= fa && mode == Pass {
				mode = p.failMode.Load().(string)
				p.mode.Store(mode)
			}
		}
		switch mode {
		case Down:
			http.Error(w, "going away", http.StatusServiceUnavailable)
		case Cut:
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				conn.Close()
			}
		case Hang:
			// the body read, the server notices the client leave
			_, _ = io.Copy(io.Discard, r.Body)
			select {
			case <-r.Context().Done():
			case <-time.After(time.Minute):
			}
		default:
			rp.ServeHTTP(w, r)
		}
	})
	if ln == nil {
		p.Server = httptest.NewServer(h)
	} else {
		p.Server = httptest.NewUnstartedServer(h)
		p.Listener.Close()
		p.Listener = ln
		p.Start()
	}
	tb.Cleanup(p.Close)
	return p
}

// Posts is the number of annotation requests the proxy received.
func (p *Proxy) Posts() int64 { return p.posts.Load() }

// Fail makes every request from now on fail in the way mode says (Pass
// heals the proxy).
func (p *Proxy) Fail(mode string) { p.mode.Store(mode) }

// FailAfter makes the proxy fail in the way mode says from its n-th
// annotation request on.
func (p *Proxy) FailAfter(n int64, mode string) {
	p.failMode.Store(mode)
	p.failAfter.Store(n)
}
