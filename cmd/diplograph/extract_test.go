package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/ontology"
)

func TestRunExtract(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(good, []byte("Title: T\nIn 2017, Kazakhstan and Türkiye signed a free trade agreement.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	binary := filepath.Join(dir, "b.bin")
	if err := os.WriteFile(binary, []byte("ab\x00cd"), 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, bytes.Repeat([]byte("word "), 1000), 0o600); err != nil {
		t.Fatal(err)
	}
	// The surface rules: the command's behaviour is under test, not an
	// engine, and a parser-backed run would leave a CoreNLP server running
	// for the next command.
	run := func(args ...string) (string, error) {
		var out, errOut bytes.Buffer
		err := runExtract(context.Background(), append([]string{"--engine", "surface"}, args...), &out, &errOut)
		return out.String(), err
	}
	t.Run("json is deterministic", func(t *testing.T) {
		a, err := run(good)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := run(good)
		if a != b {
			t.Fatal("two runs differ")
		}
		var ex ontology.Extraction
		if err := json.Unmarshal([]byte(a), &ex); err != nil {
			t.Fatal(err)
		}
		if ex.Document.Title != "T" || len(ex.Relations) == 0 {
			t.Fatalf("got %+v", ex)
		}
	})
	t.Run("pretty", func(t *testing.T) {
		out, err := run("--pretty", "--title", "X", good)
		if err != nil || !strings.Contains(out, "\n  \"document\"") || !strings.Contains(out, `"title": "X"`) {
			t.Fatalf("out %q err %v", out, err)
		}
	})
	t.Run("binary", func(t *testing.T) {
		if _, err := run(binary); !errors.Is(err, extract.ErrBinary) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("too large without reading it all", func(t *testing.T) {
		if _, err := run("--max-bytes", "100", big); !errors.Is(err, extract.ErrTooLarge) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("a page by URL and a folder of mixed formats", func(t *testing.T) {
		page := "<!DOCTYPE html><html><head><title>Trade news</title><meta name='author' content='Ana Ruiz'></head><body>" +
			"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><p>In 2017, Kazakhstan and Türkiye signed a free trade agreement, " +
			"which both governments have praised since.</p></article><div class='comments'><p>Chile and Korea should finally sign a trade deal.</p></div></body></html>"
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, page)
		}))
		defer srv.Close()
		out, err := run(srv.URL + "/news")
		if err != nil || !strings.Contains(out, `"title":"Trade news"`) || !strings.Contains(out, `"authors":["Ana Ruiz"]`) ||
			!strings.Contains(out, "PARTY_TO") || strings.Contains(out, "Chile") {
			t.Fatalf("out %s err %v", out, err)
		}
		folder := filepath.Join(dir, "mixed")
		os.MkdirAll(filepath.Join(folder, "sub"), 0o755)
		os.WriteFile(filepath.Join(folder, "sub", "page.html"), []byte(page), 0o600)
		os.WriteFile(filepath.Join(folder, "note.md"), []byte("# Note\n\nIn 2017, **Kazakhstan** and Türkiye signed a free trade agreement.\n"), 0o600)
		out, err = run("--format", "jsonl", folder)
		if err != nil || strings.Count(out, "\n") != 2 || strings.Count(out, "PARTY_TO") < 2 {
			t.Fatalf("out %s err %v", out, err)
		}
	})
	t.Run("bad format", func(t *testing.T) {
		if _, err := run("--format", "xml", good); err == nil {
			t.Fatal("want an error")
		}
	})
	t.Run("missing file", func(t *testing.T) {
		if _, err := run(filepath.Join(dir, "nope")); err == nil {
			t.Fatal("want an error")
		}
	})
}
