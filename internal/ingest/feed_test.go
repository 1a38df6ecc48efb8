package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/source"
)

func feedServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Test Review</title><link>%[1]s</link>
<item><title>Trade</title><link>%[1]s/a/1</link><pubDate>Fri, 15 Mar 2024 08:00:00 GMT</pubDate></item>
<item><title>Trade again</title><link>%[1]s/a/1</link></item>
<item><title>Sanctions</title><link>%[1]s/a/2</link></item>
<item><title>Gone</title><link>%[1]s/missing</link></item>
</channel></rss>`, srv.URL)
	})
	mux.HandleFunc("/atom", func(w http.ResponseWriter, r *http.Request) {
		// Served as plain XML: detected from the content.
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Review</title>
<entry><title>Trade</title><link href="%[1]s/a/1"/><id>1</id><updated>2024-03-15T08:00:00Z</updated><author><name>Ana Ruiz</name></author></entry>
</feed>`, srv.URL)
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Flood</title>`)
		for i := range 10_000 {
			fmt.Fprintf(w, `<item><title>Item %d</title><link>%s/a/%d</link></item>`, i, srv.URL, i)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	mux.HandleFunc("/a/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		n := strings.TrimPrefix(r.URL.Path, "/a/")
		fact := "Kazakhstan and Türkiye signed a free trade agreement in 2017."
		if n == "2" {
			fact = "Japan imposed sanctions on North Korea in 2006."
		}
		fmt.Fprintf(w, `<!DOCTYPE html><html><head><title>Article %s</title></head><body><nav><a href="/">Home</a></nav>
<article><p>%s Officials of both countries said so again this week, and analysts expect more of the same.</p></article>
<div class="comments"><p>Chile and Korea should finally sign a trade deal.</p></div></body></html>`, n, fact)
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestFeeds(t *testing.T) {
	srv := feedServer(t)
	f := source.NewFetcher(source.FetchOptions{AllowPrivate: true})
	ctx := context.Background()
	var names, failed []string
	var first ingest.Input
	for in, err := range ingest.Feed(ctx, f, srv.URL+"/rss", 0) {
		if err != nil {
			failed = append(failed, in.Name)
			continue
		}
		if len(names) == 0 {
			first = in
		}
		names = append(names, strings.TrimPrefix(in.Name, srv.URL))
		if strings.Contains(in.Text, "Chile") {
			t.Errorf("a comment in the text of %s: %q", in.Name, in.Text)
		}
	}
	if strings.Join(names, ",") != "/a/1,/a/2" || len(failed) != 1 {
		t.Errorf("items %v, failed %v", names, failed)
	}
	if first.Meta.Title != "Article 1" || first.Meta.Publisher != "Test Review" || first.Meta.PublishedAt != "2024-03-15" || first.Meta.Source != srv.URL+"/a/1" {
		t.Errorf("meta %+v", first.Meta)
	}

	// A feed URL given as a plain input is detected from its content.
	var got []ingest.Input
	for in, err := range ingest.Files(context.Background(), []string{srv.URL + "/atom"}, nil, ingest.WithFetcher(f)) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, in)
	}
	if len(got) != 1 || got[0].Meta.Authors == nil || got[0].Meta.Authors[0] != "Ana Ruiz" || !strings.Contains(got[0].Text, "free trade agreement") {
		t.Errorf("atom: %+v", got)
	}

	// A feed of 10 000 items is cut at the cap, and the cut is reported.
	n, capped := 0, false
	for _, err := range ingest.Feed(ctx, f, srv.URL+"/huge", 20) {
		switch {
		case errors.Is(err, ingest.ErrFeedCapped):
			capped = true
		case err != nil:
			t.Fatal(err)
		default:
			n++
		}
	}
	if n != 20 || !capped {
		t.Errorf("%d items read, capped %v", n, capped)
	}
	for _, err := range ingest.Feed(ctx, f, srv.URL+"/a/1", 0) {
		if err == nil || !strings.Contains(err.Error(), "not an RSS or Atom feed") {
			t.Errorf("a page as a feed: %v", err)
		}
	}
}
