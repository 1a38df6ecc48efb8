// Command diplograph turns articles about international relations into a
// Neo4j knowledge graph and serves it over GraphQL.
//
// Each subcommand lives in a file of its own; this file only dispatches.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand: its name, a one-line summary for `--help`, and
// the function that parses its own flags and runs it.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"up", upSummary, runUp},
		{"serve", "serve the GraphQL API over an existing Neo4j", runServe},
		{"seed", "load the seed corpus (or the given files) into Neo4j", runSeed},
		{"ingest", "extract facts from text files and load them into Neo4j", runIngest},
		{"extract", "print the facts read from text files (or stdin) as JSON", runExtract},
		{"eval", evalSummary, runEval},
		{"migrate", "apply the Neo4j schema migrations", runMigrate},
		{"delete-document", "remove a document, its evidence and the facts only it supported", runDeleteDocument},
		{"review", "review export DIR: write people's decisions as eval gold files", runReview},
		{"conflicts", "list claims that disagree with reference data or with each other", runConflicts},
		{"gen", "generate a synthetic corpus of articles in the genre", runGen},
		{"neo4j", "start, stop or show the local Neo4j that diplograph runs without Docker", runNeo4j},
		{"corenlp", "start, stop or show the local Stanford CoreNLP server that diplograph runs without Docker", runCoreNLP},
		{"soak", soakSummary, runSoak},
		{"version", versionSummary, runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "diplograph:", err)
		}
		os.Exit(exitCode(err))
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return errors.New("no command given")
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	usage(stderr)
	return fmt.Errorf("unknown command %q", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "diplograph: a knowledge graph of bilateral relations, read from articles, stored in Neo4j, served over GraphQL.")
	fmt.Fprintln(w, "\nUsage: diplograph COMMAND [flags]   (diplograph COMMAND --help for its flags)")
	fmt.Fprintln(w, "\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-16s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nEvery flag can also be set by the environment variable shown in the command's --help.")
}

func exitCode(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 1
}
