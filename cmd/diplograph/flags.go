package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/diplograph/diplograph/internal/app"
)

// The flag helpers below give every flag an environment variable: the flag
// wins, then the variable, then the default. --help shows the variable.

func stringFlag(fs *flag.FlagSet, name, envVar, def, usage string) *string {
	if v, ok := os.LookupEnv(envVar); ok && envVar != "" {
		def = v
	}
	return fs.String(name, def, withEnv(usage, envVar))
}

func intFlag(fs *flag.FlagSet, name, envVar string, def int, usage string) *int {
	if v, ok := os.LookupEnv(envVar); ok && envVar != "" {
		if n, err := strconv.Atoi(v); err == nil {
			def = n
		}
	}
	return fs.Int(name, def, withEnv(usage, envVar))
}

func boolFlag(fs *flag.FlagSet, name, envVar string, def bool, usage string) *bool {
	if v, ok := os.LookupEnv(envVar); ok && envVar != "" {
		if b, err := strconv.ParseBool(v); err == nil {
			def = b
		}
	}
	return fs.Bool(name, def, withEnv(usage, envVar))
}

func durationFlag(fs *flag.FlagSet, name, envVar string, def time.Duration, usage string) *time.Duration {
	if v, ok := os.LookupEnv(envVar); ok && envVar != "" {
		if d, err := time.ParseDuration(v); err == nil {
			def = d
		}
	}
	return fs.Duration(name, def, withEnv(usage, envVar))
}

func withEnv(usage, envVar string) string {
	if envVar == "" {
		return usage
	}
	return fmt.Sprintf("%s ($%s)", usage, envVar)
}

// newFlagSet returns a flag set whose --help prints the command's summary
// and flags; errors are returned, not exits.
func newFlagSet(name, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet("diplograph "+name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "diplograph %s: %s\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}

// storeFlags say where Neo4j is, for every command that reads or writes
// the graph (up, serve, seed, ingest, migrate, delete-document,
// conflicts, soak).
type storeFlags struct {
	uri, user, password, database, instance *string
}

func addStoreFlags(fs *flag.FlagSet) *storeFlags {
	return &storeFlags{
		uri:      stringFlag(fs, "neo4j-uri", "NEO4J_URI", "", "Bolt URI of Neo4j (empty: the local Neo4j started by diplograph up or diplograph neo4j start)"),
		user:     stringFlag(fs, "neo4j-user", "NEO4J_USER", "neo4j", "Neo4j user"),
		password: stringFlag(fs, "neo4j-password", "NEO4J_PASSWORD", "", "Neo4j password (empty for the local Neo4j: read from its state file)"),
		database: stringFlag(fs, "neo4j-database", "NEO4J_DATABASE", "neo4j", "Neo4j database"),
		instance: stringFlag(fs, "instance", "DIPLOGRAPH_NEO4J_INSTANCE", "default", "name of the local Neo4j instance"),
	}
}

func (f *storeFlags) neo4j() app.Neo4j {
	return app.Neo4j{URI: *f.uri, User: *f.user, Password: *f.password, Database: *f.database, Instance: *f.instance}
}

// engineFlags choose the extraction engine and where CoreNLP comes from.
type engineFlags struct {
	engine  *string
	url     *string
	heap    *string
	threads *int
}

func addEngineFlags(fs *flag.FlagSet) *engineFlags {
	return &engineFlags{
		engine: stringFlag(fs, "engine", "DIPLOGRAPH_ENGINE", app.EngineAuto,
			"extraction engine: "+strings.Join(app.Engines, ", ")+" (auto: corenlp when Stanford CoreNLP can be had, else surface, said once)"),
		url:     stringFlag(fs, "corenlp-url", "CORENLP_URL", "", "a running Stanford CoreNLP server to use (default: start one from the cache, assembled with Maven once)"),
		heap:    stringFlag(fs, "corenlp-heap", "CORENLP_HEAP", app.DefaultCoreNLPHeap, "-Xmx of a CoreNLP server diplograph starts"),
		threads: intFlag(fs, "corenlp-threads", "CORENLP_THREADS", app.DefaultCoreNLPThreads, "requests a CoreNLP server diplograph starts annotates at once"),
	}
}

// config is the engine the flags choose. detached keeps a CoreNLP server
// the command starts running after it exits (the one-shot commands, so
// that the next one finds it warm); attached servers stop with the
// command.
func (f *engineFlags) config(detached bool, stderr io.Writer) app.EngineConfig {
	return app.EngineConfig{Name: *f.engine, CoreNLPURL: *f.url, CoreNLPHeap: *f.heap, CoreNLPThreads: *f.threads,
		Detached: detached, Log: stderr}
}

// inputFlags choose what ingest and seed read besides their arguments.
type inputFlags struct {
	feeds    *string
	maxItems *int
}

func addInputFlags(fs *flag.FlagSet) *inputFlags {
	return &inputFlags{
		feeds:    stringFlag(fs, "feed", "", "", "comma-separated RSS or Atom feed URLs: each item's page is fetched and ingested (a feed URL given as an argument is detected too)"),
		maxItems: intFlag(fs, "max-feed-items", "DIPLOGRAPH_MAX_FEED_ITEMS", app.DefaultMaxFeedItems, "items read from each feed at most"),
	}
}

// inputs are the documents of args (files, directories, URLs, - for
// stdin) followed by those of the feeds.
func (f *inputFlags) inputs(args []string) app.Inputs {
	return app.Inputs{Paths: args, Stdin: os.Stdin, Feeds: *f.feeds, MaxFeedItems: *f.maxItems}
}
