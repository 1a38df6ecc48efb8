package main

import (
	"context"
	"flag"
	"iter"
	"os"
	"strings"

	"github.com/diplograph/diplograph/internal/ingest"
	"github.com/diplograph/diplograph/internal/source"
)

// inputFlags choose what ingest and seed read besides their arguments.
type inputFlags struct {
	feeds    *string
	maxItems *int
}

func addInputFlags(fs *flag.FlagSet) *inputFlags {
	return &inputFlags{
		feeds:    stringFlag(fs, "feed", "", "", "comma-separated RSS or Atom feed URLs: each item's page is fetched and ingested (a feed URL given as an argument is detected too)"),
		maxItems: intFlag(fs, "max-feed-items", "DIPLOGRAPH_MAX_FEED_ITEMS", ingest.DefaultMaxFeedItems, "items read from each feed at most"),
	}
}

// any says whether a feed was given.
func (f *inputFlags) any() bool { return strings.TrimSpace(*f.feeds) != "" }

// inputs are the documents of args (files, directories, URLs, - for
// stdin) followed by those of the feeds.
func (f *inputFlags) inputs(ctx context.Context, args []string) iter.Seq2[ingest.Input, error] {
	fetcher := source.NewFetcher(source.FetchOptions{AllowPrivate: true})
	files := ingest.Files(ctx, args, os.Stdin, ingest.WithFetcher(fetcher), ingest.WithMaxFeedItems(*f.maxItems))
	return func(yield func(ingest.Input, error) bool) {
		for in, err := range files {
			if !yield(in, err) {
				return
			}
		}
		for _, u := range strings.Split(*f.feeds, ",") {
			if u = strings.TrimSpace(u); u == "" {
				continue
			}
			for in, err := range ingest.Feed(ctx, fetcher, u, *f.maxItems) {
				if !yield(in, err) {
					return
				}
			}
		}
	}
}
