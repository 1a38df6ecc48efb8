package main

import (
	"context"
	"fmt"
	"io"

	"github.com/diplograph/diplograph/internal/app"
)

func runSeed(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("seed", "load the reference data and the seed corpus (or the given files of text, Markdown, HTML or PDF, directories, http(s) URLs, extractor JSON) into Neo4j")
	fs.SetOutput(stderr)
	lf := addLoadFlags(fs)
	verbose := boolFlag(fs, "v", "", false, "print one line per document")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := app.OpenStore(ctx, lf.store.neo4j())
	if err != nil {
		return err
	}
	defer s.Close(ctx)
	rs, err := s.LoadReference(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "reference: %d nodes, %d facts (%d nodes and %d relationships created)\n", rs.Nodes, rs.Facts, rs.NodesCreated, rs.RelationshipsCreated)
	in := lf.inputs.inputs(fs.Args())
	if in.Empty() {
		in = app.Corpus()
	}
	return lf.load(ctx, s, in, *verbose, stdout, stderr)
}
