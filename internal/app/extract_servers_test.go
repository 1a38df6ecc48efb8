package app_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/app"
	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/corenlptest"
	"github.com/diplograph/diplograph/internal/ontology"
)

// textFolder copies the composed texts of the extractor's test sets named
// (our own) into one folder and returns it with their number and size.
func textFolder(tb testing.TB, sets ...string) (dir string, n int, size int64) {
	tb.Helper()
	dir = tb.TempDir()
	for _, set := range sets {
		files, _ := filepath.Glob(filepath.Join("..", "extract", "testdata", set, "*.txt"))
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, set+"-"+filepath.Base(f)), raw, 0o600); err != nil {
				tb.Fatal(err)
			}
			n++
			size += int64(len(raw))
		}
	}
	if n < 15 {
		tb.Fatalf("%d texts in %v, want the composed test sets", n, sets)
	}
	return dir, n, size
}

// facts is what extract printed per document: its id and its relations'
// keys, in order.
func extractFacts(t *testing.T, url, dir string, log *bytes.Buffer) ([]string, error) {
	t.Helper()
	var out []string
	emit := func(v any) error {
		ex := v.(*ontology.Extraction)
		var keys []string
		for _, r := range ex.Relations {
			keys = append(keys, r.Subject+" "+string(r.Predicate)+" "+r.Object)
		}
		out = append(out, ex.Document.ID+": "+strings.Join(keys, "; "))
		return nil
	}
	cfg := app.ExtractConfig{Engine: app.EngineConfig{Name: app.EngineCoreNLP, CoreNLPURL: url, Log: log},
		MaxBytes: app.DefaultMaxBytes, Workers: 2}
	err := app.Extract(context.Background(), cfg, []string{dir}, emit)
	return out, err
}

// extract over two CoreNLP servers, one of which dies mid-run (its
// connections cut, as a killed server's are), reads every document with
// the same facts as over one server, and says how the two shared the
// work; when every server dies, it stops with an error that says so, and
// nothing it printed is a partial document.
func TestExtractWhenAServerDies(t *testing.T) {
	base := corenlptest.URL(t)
	dir, n, _ := textFolder(t, "final", "final2", "unseen")
	want, err := extractFacts(t, base, dir, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != n {
		t.Fatalf("one server: %d documents, want %d", len(want), n)
	}

	dying, live := corenlptest.NewProxy(t, base, nil), corenlptest.NewProxy(t, base, nil)
	dying.FailAfter(4, corenlptest.Cut) // its warm-up and first pieces, then dead
	var log bytes.Buffer
	got, err := extractFacts(t, dying.URL+","+live.URL, dir, &log)
	if err != nil {
		t.Fatalf("one of two servers died: %v", err)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("facts over two servers, one dying, differ from one server's:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if live.Posts() == 0 || dying.Posts() < 4 {
		t.Errorf("requests: dying %d, live %d; want both to have worked", dying.Posts(), live.Posts())
	}
	if line := log.String(); !strings.Contains(line, "corenlp servers: ") || !strings.Contains(line, "failed") {
		t.Errorf("no summary of the servers with the failure: %q", line)
	}

	// every server dies: an error naming the cause, only whole documents printed
	a, b := corenlptest.NewProxy(t, base, nil), corenlptest.NewProxy(t, base, nil)
	a.FailAfter(4, corenlptest.Cut)
	b.FailAfter(4, corenlptest.Down)
	got, err = extractFacts(t, a.URL+","+b.URL, dir, &bytes.Buffer{})
	if err == nil || !errors.Is(err, corenlp.ErrUnavailable) && !errors.Is(err, corenlp.ErrNoServer) {
		t.Fatalf("every server dead: err = %v, want unavailable", err)
	}
	if len(got) >= n {
		t.Fatalf("every server dead, yet %d of %d documents printed", len(got), n)
	}
	for i, g := range got {
		if g != want[i] {
			t.Errorf("document %d printed before the servers died differs:\n%s\nwant\n%s", i, g, want[i])
		}
	}
}
