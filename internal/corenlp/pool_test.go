package corenlp_test

import (
	"context"
	"errors"
	"net"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlptest"
)

// poolText is eight short paragraphs: with poolMaxBytes, several pieces.
const poolText = `Kazakhstan and Türkiye signed an agreement on transit corridors in Astana.
The European Union opened talks with Kenya on a partnership for green hydrogen.
Brazil and Bolivia agreed to extend the gas pipeline contract until 2030.
Japan pledged support for the port of Sihanoukville, officials in Phnom Penh said.
India and Nepal signed a power trade deal during the prime minister's visit.
Qatar joined the talks between Egypt and Ethiopia on the Nile dam.
The ministers of Chile and Korea met in Seoul to review the free trade agreement.
Uzbekistan and Saudi Arabia signed an investment agreement in Tashkent.
`

// poolMaxBytes cuts poolText into four pieces of two paragraphs.
const poolMaxBytes = 180

// closedURL is the URL of a port nobody listens on.
func closedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	u := "http://" + ln.Addr().String()
	ln.Close()
	return u
}

// quick are pool options for tests: short backoffs and checks.
func quick(extra ...corenlp.PoolOption) []corenlp.PoolOption {
	return append([]corenlp.PoolOption{
		corenlp.WithServerOptions(corenlp.WithMaxRequestBytes(poolMaxBytes)),
		corenlp.WithServerThreads(1),
		corenlp.WithBackoff(50*time.Millisecond, 200*time.Millisecond),
		corenlp.WithCheckInterval(100 * time.Millisecond),
	}, extra...)
}

func newPool(t *testing.T, urls []string, opts ...corenlp.PoolOption) *corenlp.Pool {
	t.Helper()
	p, err := corenlp.NewPoolFromList(context.Background(), strings.Join(urls, ","), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

var (
	wantOnce sync.Once
	wantDoc  *corenlp.Document
	wantErr  error
)

// singleClient is poolText annotated by one Client, cut the same way.
func singleClient(t *testing.T) *corenlp.Document {
	t.Helper()
	base := corenlptest.URL(t)
	wantOnce.Do(func() {
		c, err := corenlp.New(base, corenlp.WithMaxRequestBytes(poolMaxBytes))
		if err != nil {
			wantErr = err
			return
		}
		wantDoc, wantErr = c.Annotate(context.Background(), poolText)
	})
	if wantErr != nil {
		t.Fatal(wantErr)
	}
	return wantDoc
}

func byURL(p *corenlp.Pool) map[string]corenlp.ServerStatus {
	out := map[string]corenlp.ServerStatus{}
	for _, s := range p.Servers() {
		out[s.URL] = s
	}
	return out
}

func annotate(t *testing.T, p *corenlp.Pool) *corenlp.Document {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	doc, err := p.Annotate(ctx, poolText)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestPoolSpreadsPieces: two servers (proxies in front of the real one)
// share a document's pieces, and the annotation equals one client's.
func TestPoolSpreadsPieces(t *testing.T) {
	want := singleClient(t)
	base := corenlptest.URL(t)
	a, b := corenlptest.NewProxy(t, base, nil), corenlptest.NewProxy(t, base, nil)
	p := newPool(t, []string{a.URL, b.URL}, quick()...)
	got := annotate(t, p)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("the pool's annotation differs from one client's:\n%+v\nwant\n%+v", got, want)
	}
	st := byURL(p)
	if len(st) != 2 {
		t.Fatalf("servers %+v", p.Servers())
	}
	var total uint64
	for _, u := range []string{a.URL, b.URL} {
		s := st[u]
		if !s.Healthy || s.Requests == 0 || s.Failures != 0 || s.InFlight != 0 {
			t.Errorf("server %s: %+v, want up with pieces and no failure", u, s)
		}
		total += s.Requests
	}
	if total != 4 {
		t.Errorf("%d pieces sent, want 4", total)
	}
	// each proxy saw its warm-up sentence and its pieces
	if n := a.Posts() + b.Posts(); n != 2+4 {
		t.Errorf("the proxies saw %d annotation requests, want 6", n)
	}
	if err := p.Ready(context.Background()); err != nil {
		t.Errorf("Ready: %v", err)
	}
}

// TestPoolFailover: one server of the list is dead from the start, another
// dies mid-document (its connection cut, or 503): every document is still
// annotated whole, by the servers that live.
func TestPoolFailover(t *testing.T) {
	want := singleClient(t)
	base := corenlptest.URL(t)
	cases := []struct {
		name      string
		mode      string
		failAfter int64 // 0: fail from when the servers are up
		opts      []corenlp.PoolOption
	}{
		// the warm-up is a server's first annotation request: it fails
		// its first piece while the other server annotates the others
		{"connection cut mid-document", corenlptest.Cut, 2, nil},
		// the timeout must leave the live server room on a machine busy
		// with other tests (500 ms was once too little in CI)
		{"no answer mid-document", corenlptest.Hang, 2, []corenlp.PoolOption{corenlp.WithRequestTimeout(3 * time.Second)}},
		{"503", corenlptest.Down, 0, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dead := closedURL(t)
			dying, live := corenlptest.NewProxy(t, base, nil), corenlptest.NewProxy(t, base, nil)
			dying.FailAfter(tc.failAfter, tc.mode)
			p := newPool(t, []string{dead, dying.URL, live.URL}, quick(tc.opts...)...)
			waitUp(t, p, dying.URL, live.URL)
			if tc.failAfter == 0 {
				dying.Fail(tc.mode)
			}
			got := annotate(t, p)
			if !reflect.DeepEqual(got, want) {
				t.Fatal("the annotation after failover differs from one client's")
			}
			st := byURL(p)
			if s := st[dead]; s.Healthy || !strings.Contains(s.LastError, "refused") {
				t.Errorf("dead server: %+v, want down, refused", s)
			}
			if s := st[dying.URL]; s.Failures == 0 || s.LastError == "" {
				t.Errorf("dying server: %+v, want its failure counted", s)
			}
			if s := st[live.URL]; !s.Healthy || s.Failures != 0 || s.Requests == 0 {
				t.Errorf("live server: %+v", s)
			}
		})
	}
}

// TestPoolAllDown: when every server dies the document fails with an
// error naming each, and nothing of it is returned; a server that comes
// back is probed back into the pool.
func TestPoolAllDown(t *testing.T) {
	singleClient(t)
	base := corenlptest.URL(t)
	a, b := corenlptest.NewProxy(t, base, nil), corenlptest.NewProxy(t, base, nil)
	p := newPool(t, []string{a.URL, b.URL}, quick()...)
	waitUp(t, p, a.URL, b.URL)
	a.Fail(corenlptest.Cut)
	b.Fail(corenlptest.Down)
	doc, err := p.Annotate(context.Background(), poolText)
	if doc != nil || !errors.Is(err, corenlp.ErrNoServer) || !errors.Is(err, corenlp.ErrUnavailable) {
		t.Fatalf("got %v, %v; want no document and ErrNoServer", doc, err)
	}
	for _, u := range []string{a.URL, b.URL} {
		if !strings.Contains(err.Error(), u) {
			t.Errorf("error %q does not name %s", err, u)
		}
	}
	if err := p.Ready(context.Background()); !errors.Is(err, corenlp.ErrNoServer) {
		t.Errorf("Ready with every server down: %v", err)
	}
	b.Fail(corenlptest.Pass)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := waitFor(ctx, func() bool { return byURL(p)[b.URL].Healthy }); err != nil {
		t.Fatalf("a server that answers again was not taken back: %+v", p.Servers())
	}
	if got := annotate(t, p); !reflect.DeepEqual(got, singleClient(t)) {
		t.Fatal("the annotation after recovery differs from one client's")
	}
}

// TestPoolDiscover: a dns+ entry is every address its name resolves to,
// followed as the addresses change (two proxies on 127.0.0.2 and
// 127.0.0.3, one port, as replicas behind one service name).
func TestPoolDiscover(t *testing.T) {
	want := singleClient(t)
	base := corenlptest.URL(t)
	ln2, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Fatalf("listen on 127.0.0.2 (loopback covers 127.0.0.0/8 on Linux): %v", err)
	}
	port := ln2.Addr().(*net.TCPAddr).Port
	ln3, err := net.Listen("tcp", "127.0.0.3:"+strconv.Itoa(port))
	if err != nil {
		ln2.Close()
		t.Fatalf("listen on 127.0.0.3:%d: %v", port, err)
	}
	r2, r3 := corenlptest.NewProxy(t, base, ln2), corenlptest.NewProxy(t, base, ln3)
	res := &fakeResolver{addrs: map[string][]string{"corenlp.test": {"127.0.0.2"}}}
	entry := "dns+http://corenlp.test:" + strconv.Itoa(port)
	p := newPool(t, []string{entry}, quick(corenlp.WithResolver(res), corenlp.WithResolveInterval(50*time.Millisecond))...)
	if st := p.Servers(); len(st) != 1 || st[0].URL != r2.URL || st[0].Entry != entry {
		t.Fatalf("after the first resolution: %+v, want %s", st, r2.URL)
	}
	if got := annotate(t, p); !reflect.DeepEqual(got, want) {
		t.Fatal("annotation differs from one client's")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res.set("corenlp.test", []string{"127.0.0.3", "127.0.0.2"}, nil)
	if err := waitFor(ctx, func() bool { s := byURL(p); return len(s) == 2 && s[r3.URL].Healthy }); err != nil {
		t.Fatalf("a second address was not added: %+v", p.Servers())
	}
	r2before := r2.Posts()
	if got := annotate(t, p); !reflect.DeepEqual(got, want) {
		t.Fatal("annotation over two addresses differs from one client's")
	}
	if r2.Posts() == r2before || byURL(p)[r3.URL].Requests == 0 {
		t.Errorf("pieces not spread over both addresses: %+v", p.Servers())
	}
	res.set("corenlp.test", nil, errors.New("temporary failure in name resolution"))
	time.Sleep(200 * time.Millisecond)
	if n := len(p.Servers()); n != 2 {
		t.Errorf("a failed lookup dropped servers: %+v", p.Servers())
	}
	res.set("corenlp.test", []string{"127.0.0.3"}, nil)
	if err := waitFor(ctx, func() bool { s := p.Servers(); return len(s) == 1 && s[0].URL == r3.URL }); err != nil {
		t.Fatalf("a gone address was not removed: %+v", p.Servers())
	}
}

// TestPoolUnresolvedName: a name that resolves to nothing is shown as such
// and is the reason Ready gives.
func TestPoolUnresolvedName(t *testing.T) {
	res := &fakeResolver{addrs: map[string][]string{}}
	p := newPool(t, []string{"dns+http://nowhere.test:9000"}, corenlp.WithResolver(res))
	st := p.Servers()
	if len(st) != 1 || st[0].State != corenlp.Unresolved || !strings.Contains(st[0].LastError, "no such host") {
		t.Fatalf("servers %+v, want one unresolved row", st)
	}
	if err := p.Ready(context.Background()); !errors.Is(err, corenlp.ErrNoServer) || !strings.Contains(err.Error(), "nowhere.test") {
		t.Fatalf("Ready: %v", err)
	}
	if _, err := p.Annotate(context.Background(), "Chile signed."); !errors.Is(err, corenlp.ErrNoServer) {
		t.Fatalf("Annotate: %v", err)
	}
}

type fakeResolver struct {
	mu    sync.Mutex
	addrs map[string][]string
	err   error
}

func (r *fakeResolver) set(host string, addrs []string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.addrs[host], r.err = addrs, err
}

func (r *fakeResolver) LookupHost(ctx context.Context, host string) ([]string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return nil, r.err
	}
	a, ok := r.addrs[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	return append([]string(nil), a...), nil
}

// waitUp waits until the servers of urls are up (probed and warmed up).
func waitUp(t *testing.T, p *corenlp.Pool, urls ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := p.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	err := waitFor(ctx, func() bool {
		st := byURL(p)
		for _, u := range urls {
			if !st[u].Healthy {
				return false
			}
		}
		return true
	})
	if err != nil {
		t.Fatalf("servers not up: %+v", p.Servers())
	}
}

// waitFor polls cond until it holds or ctx ends.
func waitFor(ctx context.Context, cond func() bool) error {
	for !cond() {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	return nil
}
