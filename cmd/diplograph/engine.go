package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/diplograph/diplograph/internal/corenlp"
	"github.com/diplograph/diplograph/internal/extract"
	"github.com/diplograph/diplograph/internal/gazetteer"
)

// newExtractor builds the extractor of the named engine ("corenlp" or
// "surface"). TEMPORARY: uses CORENLP_URL only.
func newExtractor(ctx context.Context, engine string, fallback bool, stderr io.Writer) (*extract.Extractor, func(), error) {
	g, err := gazetteer.Default()
	if err != nil {
		return nil, nil, err
	}
	switch engine {
	case "surface":
		return extract.New(g), func() {}, nil
	case "corenlp":
		c, err := corenlp.New(os.Getenv("CORENLP_URL"))
		if err != nil {
			return nil, nil, err
		}
		return extract.New(g, extract.WithParser(c, "corenlp-4.5.10")), func() {}, nil
	}
	return nil, nil, fmt.Errorf("unknown engine %q (want corenlp or surface)", engine)
}
