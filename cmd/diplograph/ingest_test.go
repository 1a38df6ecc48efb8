package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/neo4jtest"
	"github.com/diplograph/diplograph/internal/store"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }

// TestIngestMixedInputs: a folder of a page, a PDF and a broken PDF, a
// page by URL and a feed load in one run; the broken file fails alone,
// is listed with its reason, and the run exits non-zero.
func TestIngestMixedInputs(t *testing.T) {
	driver, db := neo4jtest.Driver(t)
	ctx := context.Background()
	if _, err := store.New(driver, db).Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	conn := neo4jtest.Conn(t)
	facts := []string{
		"Kazakhstan and Türkiye signed a free trade agreement in 2017.",
		"Japan imposed sanctions on North Korea in 2006.",
		"Brazil opened an embassy in Azerbaijan in 2009.",
		"Germany and Poland signed a defence agreement in 2021.",
	}
	page := func(i int) string {
		return fmt.Sprintf(`<!DOCTYPE html><html><head><title>Article %d</title></head><body><nav><a href="/">Home</a></nav>
<article><p>%s Officials of both countries said so again this week, and analysts expect more of the same.</p></article>
<div class="comments"><p>Chile and Korea should finally sign a trade deal.</p></div></body></html>`, i, facts[i])
	}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/rss":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed</title>
<item><title>Two</title><link>%[1]s/2</link></item><item><title>Two</title><link>%[1]s/2</link></item><item><title>Three</title><link>%[1]s/3</link></item></channel></rss>`, srv.URL)
		default:
			var i int
			fmt.Sscanf(r.URL.Path, "/%d", &i)
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, page(i%len(facts)))
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "page.html"), []byte(page(0)), 0o600)
	f := fpdf.New("P", "mm", "A4", "")
	f.SetTitle("Paper", false)
	f.AddPage()
	f.SetFont("Helvetica", "", 11)
	f.Text(20, 30, "Japan imposed sanctions on North Korea in 2006, as the paper recalls.")
	var pdf bytes.Buffer
	if err := f.Output(&pdf); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "sub-paper.pdf"), pdf.Bytes(), 0o600)
	os.WriteFile(filepath.Join(dir, "broken.pdf"), []byte("%PDF-1.4\nthis is not a PDF\n"), 0o600)

	var out, errOut bytes.Buffer
	err := run(ctx, []string{"ingest", "--engine", "surface", "--neo4j-uri", conn.URI, "--neo4j-user", conn.User,
		"--neo4j-password", conn.Password, "--neo4j-database", conn.Database, "--feed", srv.URL + "/rss",
		dir, srv.URL + "/1"}, &out, &errOut)
	if !errors.Is(err, ingest.ErrFailed) {
		t.Fatalf("err = %v, want ErrFailed\n%s\n%s", err, out.String(), errOut.String())
	}
	// page.html, sub-paper.pdf, /1, /2 (once), /3 load; broken.pdf fails.
	if !strings.Contains(out.String(), "6 document(s): 5 loaded, 0 unchanged, 1 failed") {
		t.Errorf("summary:\n%s", out.String())
	}
	if !strings.Contains(errOut.String(), "1 document(s) failed") || !strings.Contains(errOut.String(), "broken.pdf: ") {
		t.Errorf("failures:\n%s", errOut.String())
	}
	// The pages' reader comments name Chile; no comment reaches the graph.
	res, err := neo4j.ExecuteQuery(ctx, driver, "MATCH (e {id: 'CL'}) RETURN count(e) AS n", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.Records[0].Get("n"); n.(int64) != 0 {
		t.Errorf("a comment reached the graph: %d Chile nodes", n)
	}
}
