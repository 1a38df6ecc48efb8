package main

import (
	"context"
	"fmt"
	"io"

	"github.com/diplograph/diplograph/internal/app"
)

const versionSummary = "print the version of diplograph and of the Neo4j and CoreNLP it provisions"

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("version", versionSummary)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("version takes no arguments (got %q)", fs.Args())
	}
	v := app.ReadVersion()
	fmt.Fprintf(stdout, "diplograph %s\n", v.Version)
	fmt.Fprintf(stdout, "  module:        %s\n", v.Module)
	if v.Revision != "" {
		rev := v.Revision
		if v.Modified {
			rev += " (modified)"
		}
		fmt.Fprintf(stdout, "  revision:      %s\n", rev)
	}
	if v.Time != "" {
		fmt.Fprintf(stdout, "  commit time:   %s\n", v.Time)
	}
	if v.Go != "" {
		fmt.Fprintf(stdout, "  go:            %s\n", v.Go)
	}
	fmt.Fprintf(stdout, "  neo4j:         %s (Community; Docker image %s)\n", v.Neo4j, v.Neo4jImage)
	fmt.Fprintf(stdout, "  neo4j browser: %s\n", v.Browser)
	fmt.Fprintf(stdout, "  corenlp:       %s\n", v.CoreNLP)
	return nil
}
