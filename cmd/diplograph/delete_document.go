package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/diplograph/diplograph/internal/app"
)

func runDeleteDocument(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("delete-document", "remove a document (ID doc:...), its sentences, its evidence and the facts only it supported")
	fs.SetOutput(stderr)
	sf := addStoreFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("delete-document: want exactly one document id (doc:...)")
	}
	s, err := app.OpenStore(ctx, sf.neo4j())
	if err != nil {
		return err
	}
	defer s.Close(ctx)
	st, err := s.DeleteDocument(ctx, fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "deleted %s: %d sentence(s), %d fact(s) deleted, %d fact(s) kept with other evidence, %d orphaned node(s) deleted, %d reviewer decision(s) kept\n",
		st.Document, st.Sentences, st.FactsDeleted, st.FactsUpdated, st.NodesDeleted, st.Decisions)
	return nil
}
