package ingest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/source"
)

// SourceOption sets how Files reads what is not a plain file.
type SourceOption func(*sourceConfig)

type sourceConfig struct {
	fetcher  *source.Fetcher
	limits   source.Limits
	maxItems int
}

// WithMaxFeedItems caps the items read from each feed (0 means
// DefaultMaxFeedItems).
func WithMaxFeedItems(n int) SourceOption {
	return func(c *sourceConfig) { c.maxItems = n }
}

// WithFetcher fetches and reads http(s) URLs with f, within f's limits
// (default: a fetcher with the limits of WithLimits that may reach any
// address, since the person running the command chose the URL).
func WithFetcher(f *source.Fetcher) SourceOption {
	return func(c *sourceConfig) { c.fetcher = f }
}

// WithLimits bounds reading each file (size, PDF pages and time).
func WithLimits(l source.Limits) SourceOption {
	return func(c *sourceConfig) { c.limits = l }
}

// Files yields the documents of paths, lazily: a file is one document,
// read by its content (plain text, Markdown, an HTML page's article, a
// PDF; see package source), with the page's metadata; a directory holds
// such files and .json and .jsonl files (recursively, in name order); a
// .json or .jsonl file holds extractor output, one extraction per JSON
// value; an http(s) URL is fetched, and a URL of an RSS or Atom feed
// yields its items' pages (see Feed); "-" is one document read from stdin.
// An unreadable path yields an error (a failed document), not the end of
// the sequence. Fetching and reading stop when ctx is done.
func Files(ctx context.Context, paths []string, stdin io.Reader, opts ...SourceOption) iter.Seq2[Input, error] {
	cfg := sourceConfig{}
	for _, o := range opts {
		o(&cfg)
	}
	return func(yield func(Input, error) bool) {
		for _, p := range paths {
			if p == "-" {
				b, err := io.ReadAll(stdin)
				if err != nil {
					if !yield(Input{Name: "stdin"}, err) {
						return
					}
					continue
				}
				in, err := ReadDocument("stdin", b, cfg.limits)
				if !yield(in, err) {
					return
				}
				continue
			}
			if source.IsURL(p) {
				if cfg.fetcher == nil {
					cfg.fetcher = source.NewFetcher(source.FetchOptions{AllowPrivate: true, Limits: cfg.limits})
				}
				resp, err := cfg.fetcher.Get(ctx, p)
				if err != nil {
					if !yield(Input{Name: p}, err) {
						return
					}
					continue
				}
				if isFeed(resp) {
					if !feedItems(ctx, cfg.fetcher, p, resp.Body, cfg.maxItems, yield) {
						return
					}
					continue
				}
				d, err := cfg.fetcher.Read(ctx, p, resp)
				if !yield(Input{Name: p, Text: d.Text, Meta: d.Meta}, err) {
					return
				}
				continue
			}
			info, err := os.Stat(p)
			if err != nil {
				if !yield(Input{Name: p}, err) {
					return
				}
				continue
			}
			if !info.IsDir() {
				if !file(os.DirFS(filepath.Dir(p)), filepath.Base(p), p, cfg.limits, yield) {
					return
				}
				continue
			}
			var names []string
			err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if !d.IsDir() && isDocument(path) {
					names = append(names, path)
				}
				return nil
			})
			if err != nil {
				if !yield(Input{Name: p}, err) {
					return
				}
				continue
			}
			sort.Strings(names)
			for _, n := range names {
				if !file(os.DirFS(filepath.Dir(n)), filepath.Base(n), n, cfg.limits, yield) {
					return
				}
			}
		}
	}
}

// FS yields the .txt files of fsys matching pattern (e.g. seed.FS and
// "corpus/*.txt"), in name order.
func FS(fsys fs.FS, pattern string) iter.Seq2[Input, error] {
	return func(yield func(Input, error) bool) {
		names, err := fs.Glob(fsys, pattern)
		if err != nil {
			yield(Input{Name: pattern}, err)
			return
		}
		if len(names) == 0 {
			yield(Input{Name: pattern}, fmt.Errorf("no file matches %s", pattern))
			return
		}
		for _, n := range names {
			if !file(fsys, n, n, source.Limits{}, yield) {
				return
			}
		}
	}
}

func isDocument(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".json", ".jsonl", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf":
		return true
	}
	return false
}

// file yields the document(s) of one file; false means stop.
func file(fsys fs.FS, name, display string, limits source.Limits, yield func(Input, error) bool) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json", ".jsonl":
		f, err := fsys.Open(name)
		if err != nil {
			return yield(Input{Name: display}, err)
		}
		defer f.Close()
		dec := json.NewDecoder(bufio.NewReader(f))
		for i := 1; ; i++ {
			var x ontology.Extraction
			err := dec.Decode(&x)
			if errors.Is(err, io.EOF) {
				return true
			}
			item := fmt.Sprintf("%s#%d", display, i)
			if err != nil {
				// A syntax error leaves the decoder unusable: stop this file.
				return yield(Input{Name: item}, fmt.Errorf("%s: not extractor JSON: %w", item, err))
			}
			if !yield(Input{Name: item, Extraction: &x}, nil) {
				return false
			}
		}
	default:
		b, err := readFile(fsys, name, limits)
		if err != nil {
			return yield(Input{Name: display}, err)
		}
		in, err := ReadDocument(display, b, limits)
		return yield(in, err)
	}
}

func readFile(fsys fs.FS, name string, l source.Limits) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	max := l.MaxBytes
	if max <= 0 {
		max = source.DefaultMaxBytes
	}
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s: %w: more than %d bytes", name, source.ErrTooLarge, max)
	}
	return b, nil
}

// ReadDocument reads one document by its content: plain text (and what
// is not recognised, which the extractor then judges) as it is; HTML,
// PDF and Markdown through package source.
func ReadDocument(name string, b []byte, l source.Limits) (Input, error) {
	switch source.Detect(b, name, "") {
	case source.HTML, source.PDF, source.Markdown:
		d, err := source.Parse(context.Background(), b, name, "", "", l)
		if err != nil {
			return Input{Name: name}, fmt.Errorf("%s: %w", name, err)
		}
		return Input{Name: name, Text: d.Text, Meta: d.Meta}, nil
	}
	return Input{Name: name, Text: string(b)}, nil
}

// Count is how many documents Files(paths) will yield, counted from the
// file names alone, or -1 when that cannot be known beforehand (stdin, a
// URL or feed, extractor JSON holding many documents).
func Count(paths []string) int {
	n := 0
	for _, p := range paths {
		if p == "-" || source.IsURL(p) {
			return -1
		}
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			if e := strings.ToLower(filepath.Ext(p)); e == ".json" || e == ".jsonl" {
				return -1
			}
			n++
			continue
		}
		unknown := false
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !isDocument(path) {
				return nil
			}
			if e := strings.ToLower(filepath.Ext(path)); e == ".json" || e == ".jsonl" {
				unknown = true
				return filepath.SkipAll
			}
			n++
			return nil
		})
		if unknown {
			return -1
		}
	}
	return n
}
