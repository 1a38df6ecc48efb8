package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/diplograph/diplograph/internal/app"
)

// progress shows how a long ingestion goes: on a terminal a bar with the
// documents done of the total (when known), the rate, the time left and
// the facts so far; elsewhere a plain line every few seconds.
type progress struct {
	bar                 *progressbar.ProgressBar // nil when not a terminal
	w                   io.Writer
	total               int // -1 when unknown
	done, facts, failed int
	start, last         time.Time
	every               time.Duration
}

func newProgress(stderr io.Writer, total int) *progress {
	p := &progress{w: stderr, total: total, start: time.Now(), last: time.Now(), every: 5 * time.Second}
	if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("documents"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("docs"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

// add counts one document's result.
func (p *progress) add(r app.Result) {
	p.done++
	p.facts += r.Stats.Facts
	if r.Err != nil {
		p.failed++
	}
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("documents (%d facts, %d failed)", p.facts, p.failed))
		p.bar.Add(1)
		return
	}
	if now := time.Now(); now.Sub(p.last) >= p.every {
		p.last = now
		fmt.Fprintln(p.w, p.line(now))
	}
}

// line is the plain progress line.
func (p *progress) line(now time.Time) string {
	elapsed := now.Sub(p.start)
	rate := float64(p.done) / elapsed.Seconds()
	of, eta := "", ""
	if p.total > 0 {
		of = fmt.Sprintf("/%d", p.total)
		if rate > 0 && p.done < p.total {
			eta = fmt.Sprintf(", %s left", (time.Duration(float64(p.total-p.done)/rate) * time.Second).Round(time.Second))
		}
	}
	return fmt.Sprintf("progress: %d%s documents, %.1f/s%s, %d facts, %d failed", p.done, of, rate, eta, p.facts, p.failed)
}

// clear makes room for a line printed while the bar is shown.
func (p *progress) clear() {
	if p.bar != nil {
		p.bar.Clear()
	}
}

// finish removes the bar before the summary.
func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
		p.bar.Clear()
	}
}
