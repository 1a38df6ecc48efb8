package source_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/diplograph/diplograph/internal/source"
)

func TestFetch(t *testing.T) {
	var agent string
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		agent = r.UserAgent()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(newsPage())
	})
	mux.HandleFunc("/paper.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(articlePDF(t, article, 2))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/article", http.StatusFound)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte{0x89, 'P', 'N', 'G'})
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		// 100 MB of HTML, streamed without a Content-Length.
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>Kazakhstan and Turkey signed a free trade agreement.</p>\n", 1000))
		for sent := 0; sent < 100<<20; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	slow := make(chan struct{})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		// Slow loris: headers, then a byte now and then.
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		for {
			if _, err := w.Write([]byte("<")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-time.After(50 * time.Millisecond):
			case <-r.Context().Done():
				return
			case <-slow:
				return
			}
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(slow)
	ctx := context.Background()
	f := source.NewFetcher(source.FetchOptions{AllowPrivate: true, Timeout: 2 * time.Second, Limits: source.Limits{MaxBytes: 4 << 20}})

	d, err := f.Fetch(ctx, srv.URL+"/moved")
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != source.HTML || !strings.Contains(d.Text, article[0]) || d.Meta.Title != "Central Asia looks west" {
		t.Errorf("page: %s %+v\n%s", d.Kind, d.Meta, d.Text)
	}
	if !strings.HasPrefix(agent, "diplograph/") || !strings.Contains(agent, "(+https://github.com/diplograph/diplograph)") {
		t.Errorf("User-Agent %q", agent)
	}
	d, err = f.Fetch(ctx, srv.URL+"/paper.pdf")
	if err != nil || d.Kind != source.PDF || !strings.Contains(d.Text, article[5]) {
		t.Errorf("pdf: %v %s", err, d.Text)
	}
	for _, c := range []struct {
		path string
		want error
	}{
		{"/loop", source.ErrTooManyRedirects},
		{"/image", source.ErrContentType},
		{"/missing", source.ErrHTTPStatus},
		{"/huge", source.ErrTooLarge},
		{"/slow", source.ErrTimeout},
	} {
		start := time.Now()
		_, err := f.Fetch(ctx, srv.URL+c.path)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", c.path, err, c.want)
		}
		if time.Since(start) > 5*time.Second {
			t.Errorf("%s: took %s", c.path, time.Since(start))
		}
	}
	if _, err := f.Fetch(ctx, "file:///etc/passwd"); !errors.Is(err, source.ErrBadURL) {
		t.Errorf("file URL: %v", err)
	}

	// The same server, with the protection on: refused at dial time.
	guarded := source.NewFetcher(source.FetchOptions{})
	_, err = guarded.Fetch(ctx, srv.URL+"/article")
	if !errors.Is(err, source.ErrPrivateAddress) {
		t.Fatalf("loopback fetched with the protection on: %v", err)
	}
	if !strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("the refusal does not name the address: %v", err)
	}
}

func TestPublic(t *testing.T) {
	for addr, want := range map[string]bool{
		"8.8.8.8": true, "2a00:1450:4007:80e::200e": true,
		"127.0.0.1": false, "10.1.2.3": false, "192.168.1.1": false, "172.16.0.1": false,
		"169.254.169.254": false, "::1": false, "fe80::1": false, "fc00::1": false,
		"0.0.0.0": false, "100.64.0.1": false, "::ffff:127.0.0.1": false,
	} {
		if got := source.Public(netipMust(addr)); got != want {
			t.Errorf("Public(%s) = %v", addr, got)
		}
	}
}

func netipMust(s string) netip.Addr { return netip.MustParseAddr(s) }
