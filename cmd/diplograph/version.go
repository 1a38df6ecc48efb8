package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/diplograph/diplograph/internal/corenlpserver"
	"github.com/diplograph/diplograph/internal/neo4jserver"
)

const versionSummary = "print the version of diplograph and of the Neo4j and CoreNLP it provisions"

// versionInfo is what `diplograph version` reports.
type versionInfo struct {
	Module, Version            string // from the build info; "(devel)" for a build from a clone
	Revision, Time             string // VCS revision and commit time, when built from a checkout
	Modified                   bool   // the checkout had uncommitted changes
	Go                         string
	Neo4j, Browser, Neo4jImage string
	CoreNLP                    string
}

func readVersion() versionInfo {
	v := versionInfo{Module: "github.com/diplograph/diplograph", Version: "(unknown)",
		Neo4j: neo4jserver.Version, Browser: neo4jserver.BrowserVersion, Neo4jImage: neo4jserver.DockerImage,
		CoreNLP: corenlpserver.Version}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	v.Go = bi.GoVersion
	if bi.Main.Path != "" {
		v.Module = bi.Main.Path
	}
	if bi.Main.Version != "" {
		v.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

func runVersion(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("version", versionSummary)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("version takes no arguments (got %q)", fs.Args())
	}
	v := readVersion()
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
