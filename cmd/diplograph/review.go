package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/diplograph/diplograph/internal/app"
)

func runReview(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "export" {
		return errors.New("review: want a subcommand: review export DIR (write the reviewed documents as eval gold files)")
	}
	fs := newFlagSet("review export", "write each reviewed document's text and a gold file of its confirmed, added (required) and rejected (forbidden) facts into DIR, for diplograph eval DIR/*.gold.json")
	fs.SetOutput(stderr)
	sf := addStoreFlags(fs)
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("review export: want exactly one directory")
	}
	s, err := app.OpenStore(ctx, sf.neo4j())
	if err != nil {
		return err
	}
	defer s.Close(ctx)
	st, err := s.ExportReviews(ctx, fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d reviewed document(s) to %s: %d required and %d forbidden fact(s)\n", st.Documents, fs.Arg(0), st.Facts, st.Forbidden)
	if len(st.NoText) > 0 {
		fmt.Fprintf(stdout, "skipped %d reviewed document(s) loaded before texts were kept (ingest them again to include them): %v\n", len(st.NoText), st.NoText)
	}
	return nil
}
