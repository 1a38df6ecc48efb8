package ingest

import (
	"bufio"
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
)

// Files yields the documents of paths, lazily: a .txt file is one text; a
// directory holds .txt, .json and .jsonl files (recursively, in name
// order); a .json or .jsonl file holds extractor output, one extraction per
// JSON value; "-" is one text read from stdin. An unreadable path yields
// an error (a failed document), not the end of the sequence.
func Files(paths []string, stdin io.Reader) iter.Seq2[Input, error] {
	return func(yield func(Input, error) bool) {
		for _, p := range paths {
			if p == "-" {
				b, err := io.ReadAll(stdin)
				if !yield(Input{Name: "stdin", Text: string(b)}, err) {
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
				if !file(os.DirFS(filepath.Dir(p)), filepath.Base(p), p, yield) {
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
				if !file(os.DirFS(filepath.Dir(n)), filepath.Base(n), n, yield) {
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
			if !file(fsys, n, n, yield) {
				return
			}
		}
	}
}

func isDocument(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt", ".json", ".jsonl":
		return true
	}
	return false
}

// file yields the document(s) of one file; false means stop.
func file(fsys fs.FS, name, display string, yield func(Input, error) bool) bool {
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
		b, err := fs.ReadFile(fsys, name)
		return yield(Input{Name: display, Text: string(b)}, err)
	}
}
