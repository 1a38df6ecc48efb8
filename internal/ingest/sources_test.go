package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/diplograph/diplograph/internal/ingest"
)

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Kazakhstan and Qatar cooperate in trade.")
	write("sub/b.txt", "Iran is a member of the SCO.")
	write("sub/c.md", "## Note\n\n*Iran* is a member of the [SCO](https://example.org).\n")
	write("sub/ignored.png", "\x89PNG\x00\x00")
	write("d.txt", "<!DOCTYPE html><html><head><title>Page</title></head><body><nav><a href='/'>Home</a></nav><article><p>Kazakhstan and Qatar cooperate in trade, and they have done so for many years in energy and in transport, as both governments say.</p></article></body></html>")
	write("x.jsonl", `{"document":{"id":"doc:0000000000000001","length":10},"entities":[],"relations":[]}
{"document":{"id":"doc:0000000000000002","length":10},"entities":[],"relations":[]}
`)
	write("bad.json", `{"document": [`)

	type got struct {
		name string
		text string
		doc  string
		err  bool
	}
	var all []got
	for in, err := range ingest.Files(context.Background(), []string{dir, filepath.Join(dir, "missing.txt"), "-"}, strings.NewReader("from stdin")) {
		g := got{name: strings.TrimPrefix(in.Name, dir+"/"), text: in.Text, err: err != nil}
		if in.Extraction != nil {
			g.doc = in.Extraction.Document.ID
		}
		all = append(all, g)
	}
	want := []got{
		{name: "a.txt", text: "Kazakhstan and Qatar cooperate in trade."},
		{name: "bad.json#1", err: true},
		{name: "d.txt", text: "Kazakhstan and Qatar cooperate in trade, and they have done so for many years in energy and in transport, as both governments say.\n"},
		{name: "sub/b.txt", text: "Iran is a member of the SCO."},
		{name: "sub/c.md", text: "Note\n\nIran is a member of the SCO.\n"},
		{name: "x.jsonl#1", doc: "doc:0000000000000001"},
		{name: "x.jsonl#2", doc: "doc:0000000000000002"},
		{name: "missing.txt", err: true},
		{name: "stdin", text: "from stdin"},
	}
	if len(all) != len(want) {
		t.Fatalf("Files yielded %d inputs %+v, want %d", len(all), all, len(want))
	}
	for i := range want {
		if all[i] != want[i] {
			t.Errorf("input %d = %+v, want %+v", i, all[i], want[i])
		}
	}
}

func TestCount(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.txt", "b/c.html", "b/d.pdf", "b/e.png", "f.md"} {
		p := filepath.Join(dir, n)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	if n := ingest.Count([]string{dir, filepath.Join(dir, "a.txt")}); n != 5 {
		t.Errorf("Count = %d, want 5", n)
	}
	for _, p := range [][]string{{"-"}, {"https://example.org/a"}, {filepath.Join(dir, "x.jsonl")}} {
		if n := ingest.Count(p); n != -1 {
			t.Errorf("Count(%v) = %d, want -1", p, n)
		}
	}
}
