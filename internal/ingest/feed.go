package ingest

import (
	"bytes"
	"context"
	"fmt"
	"iter"
	"mime"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/diplograph/diplograph/internal/ontology"
	"github.com/diplograph/diplograph/internal/source"
)

// DefaultMaxFeedItems is how many items of one feed are read at most.
const DefaultMaxFeedItems = 500

// Feed yields the articles of the RSS or Atom feed at url: each item's
// page is fetched with f and read like a file (see package source), its
// metadata completed by the item's. At most max items are read (0 means
// DefaultMaxFeedItems) and each link once; an item loaded before is
// loaded again as unchanged (documents are keyed by their text). A feed
// that cannot be fetched or parsed is one failed input.
func Feed(ctx context.Context, f *source.Fetcher, url string, max int) iter.Seq2[Input, error] {
	return func(yield func(Input, error) bool) {
		resp, err := f.Get(ctx, url)
		if err != nil {
			yield(Input{Name: url}, err)
			return
		}
		if !isFeed(resp) {
			yield(Input{Name: url}, fmt.Errorf("%s: not an RSS or Atom feed (%s)", url, resp.ContentType))
			return
		}
		feedItems(ctx, f, url, resp.Body, max, yield)
	}
}

// isFeed tells whether a fetched body is an RSS or Atom feed, by its
// content type or its content.
func isFeed(r source.Response) bool {
	mt, _, _ := mime.ParseMediaType(r.ContentType)
	switch mt {
	case "application/rss+xml", "application/atom+xml":
		return true
	}
	return gofeed.DetectFeedType(bytes.NewReader(r.Body)) != gofeed.FeedTypeUnknown
}

func feedItems(ctx context.Context, f *source.Fetcher, url string, body []byte, max int, yield func(Input, error) bool) bool {
	if max <= 0 {
		max = DefaultMaxFeedItems
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return yield(Input{Name: url}, fmt.Errorf("%s: feed: %w", url, err))
	}
	seen := map[string]bool{}
	n := 0
	for _, it := range feed.Items {
		link := strings.TrimSpace(it.Link)
		if link == "" || seen[link] {
			continue
		}
		seen[link] = true
		if n == max {
			return yield(Input{Name: url}, fmt.Errorf("%s: %w: more than %d items, the rest skipped", url, ErrFeedCapped, max))
		}
		n++
		d, err := f.Fetch(ctx, link)
		if err != nil {
			if !yield(Input{Name: link}, err) {
				return false
			}
			continue
		}
		// what the page says of itself, completed by what the feed says
		item := ontology.Doc{Title: strings.TrimSpace(it.Title), Publisher: strings.TrimSpace(feed.Title), Source: link}
		for _, a := range it.Authors {
			if a != nil && strings.TrimSpace(a.Name) != "" {
				item.Authors = append(item.Authors, strings.TrimSpace(a.Name))
			}
		}
		if it.PublishedParsed != nil {
			item.PublishedAt = it.PublishedParsed.Format("2006-01-02")
		}
		meta := d.Meta.CompletedBy(item)
		if !yield(Input{Name: link, Text: d.Text, Meta: meta}, nil) {
			return false
		}
	}
	return true
}

// ErrFeedCapped is the error of a feed with more items than the cap: the
// items up to the cap are read, and the feed counts as one failure so
// that the cut is reported.
var ErrFeedCapped = fmt.Errorf("feed capped")
