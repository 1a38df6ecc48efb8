package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/diplograph/diplograph/internal/app"
)

func runGen(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("gen", "generate a synthetic corpus of articles in the genre (deterministic for a seed): one .txt per article in --out, or JSON lines on stdout")
	fs.SetOutput(stderr)
	docs := intFlag(fs, "docs", "", 1000, "number of articles")
	seed := intFlag(fs, "seed", "", 1, "random seed: the same seed gives the same corpus")
	out := stringFlag(fs, "out", "", "", "directory to write NNNNNNN.txt files to (default: JSON lines on stdout)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *docs < 0 || *seed < 0 {
		return errors.New("gen: --docs and --seed must not be negative")
	}
	gen, err := app.Synthetic(uint64(*seed))
	if err != nil {
		return err
	}
	if *out != "" {
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return err
		}
	}
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	for i := range *docs {
		if i%1000 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		a := gen.Article(i)
		if *out == "" {
			if err := enc.Encode(a); err != nil {
				return err
			}
			continue
		}
		name := filepath.Join(*out, fmt.Sprintf("%07d.txt", i))
		if err := os.WriteFile(name, []byte(a.Text), 0o644); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(stdout, "wrote %d article(s) to %s\n", *docs, *out)
	}
	return nil
}
