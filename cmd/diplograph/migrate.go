package main

import (
	"context"
	"fmt"
	"io"

	"github.com/diplograph/diplograph/internal/store"
	"github.com/diplograph/diplograph/schema"
)

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("migrate", "apply the Neo4j schema migrations (constraints, indexes, full-text indexes); applying again is a no-op")
	fs.SetOutput(stderr)
	sf := addStoreFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, closeDB, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	migs, err := store.Migrations(schema.Migrations)
	if err != nil {
		return err
	}
	n, err := s.Migrate(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "applied %d migration(s); schema at %s\n", n, migs[len(migs)-1].ID())
	return nil
}
