package main

import (
	"context"
	"fmt"
	"io"

	"github.com/diplograph/diplograph/internal/app"
)

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("migrate", "apply the Neo4j schema migrations (constraints, indexes, full-text indexes); applying again is a no-op")
	fs.SetOutput(stderr)
	sf := addStoreFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	m, err := app.Migrate(ctx, sf.neo4j())
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "applied %d migration(s); schema at %s\n", m.Applied, m.Version)
	return nil
}
